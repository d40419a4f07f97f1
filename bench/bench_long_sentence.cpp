// Time of the reader on one sentence that never ends: a text of 1, 4 and
// 16 MB made of one clause repeated with commas and no full stop, read with
// the embedded gazetteer and actor dictionary. Reading must grow in
// proportion to the text: the ratio per 4x should stay near 4 (at most 5).
//
//   bench_long_sentence [MEGABYTES...]     (default: 1 4 16)
//
// No peer tool is measured: none reads incidents out of free text offline.
#include "extract/actors.hpp"
#include "extract/extractor.hpp"
#include "gazetteer/gazetteer.hpp"
#include "sources/document.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace incimap;

namespace {

sources::Document one_sentence(std::size_t bytes) {
    static const std::string clause =
        "gunmen attacked the market of Djibo on Sunday and killed 3 civilians near Dori, ";
    sources::Document doc;
    doc.id = "one-sentence";
    doc.published = "2024-03-10";
    doc.text = "Reports say ";
    while (doc.text.size() < bytes)
        doc.text += clause;
    return doc;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::size_t> sizes;
    for (int i = 1; i < argc; ++i)
        sizes.push_back(static_cast<std::size_t>(std::strtoul(argv[i], nullptr, 10)));
    if (sizes.empty())
        sizes = {1, 4, 16};
    const auto gazetteer = gazetteer::Gazetteer::load(gazetteer::Sources{});
    const auto actors = extract::ActorDictionary::builtin();
    const extract::Extractor extractor(gazetteer, actors);
    std::printf("%10s %12s %10s %10s\n", "MB", "seconds", "incidents", "ratio");
    double previous = 0;
    std::size_t previous_size = 0;
    for (const std::size_t mb : sizes) {
        const auto doc = one_sentence(mb << 20);
        const auto start = std::chrono::steady_clock::now();
        const auto incidents = extractor.extract(doc).size();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (previous > 0 && previous_size > 0)
            std::printf("%10zu %12.3f %10zu %9.2fx per %zux\n", mb, seconds, incidents, seconds / previous,
                        mb / previous_size);
        else
            std::printf("%10zu %12.3f %10zu %10s\n", mb, seconds, incidents, "-");
        std::fflush(stdout);
        previous = seconds;
        previous_size = mb;
    }
}
