// HTML articles: body, title and date of a page, the text of a fragment,
// and the charset a page declares.
#include "fuzz/fuzz_target.hpp"
#include "sources/html.hpp"

INCIMAP_FUZZ_TARGET(html) {
    using namespace incimap::sources;
    const auto ignore = [](const std::string&) {};
    incimap::fuzz::accept_input_errors([&] { document_from_html(input, "fuzz.html", "", ignore); });
    incimap::fuzz::accept_input_errors([&] { html_fragment_text(input, "fuzz.html"); });
    declared_charset(input);
}
