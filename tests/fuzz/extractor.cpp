// The reader on raw text: a plain-text document (with or without its
// Title/Published header) through the whole extractor, against the embedded
// West-Africa gazetteer and the built-in actor dictionary.
#include "extract/extractor.hpp"
#include "fuzz/fuzz_target.hpp"
#include "gazetteer/embedded.hpp"
#include "sources/document.hpp"

#include <string>

namespace {

const incimap::extract::Extractor& extractor() {
    static const auto gazetteer =
        incimap::gazetteer::Gazetteer::from_indexes({incimap::gazetteer::embedded_index()});
    static const auto actors = incimap::extract::ActorDictionary::builtin();
    static const incimap::extract::Extractor reader(gazetteer, actors);
    return reader;
}

} // namespace

INCIMAP_FUZZ_TARGET(extractor) {
    incimap::fuzz::accept_input_errors([&] {
        auto document = incimap::sources::document_from_text(std::string(input), "fuzz.txt",
                                                             [](const std::string&) {});
        extractor().extract(document);
    });
}
