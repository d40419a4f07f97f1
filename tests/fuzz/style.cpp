// Map styles: the JSON style parser and its expression compiler. A "base"
// style is answered with a small style of one layer, so inheritance is
// exercised too.
#include "fuzz/fuzz_target.hpp"
#include "render/style.hpp"

#include <string>
#include <utility>

INCIMAP_FUZZ_TARGET(style) {
    using namespace incimap;
    const render::BaseResolver base = [](const std::string& name) {
        if (name != "small")
            throw InputError("fuzz.json: base style '" + name + "' not found");
        return std::pair<std::string, std::string>{
            R"({"layers": [{"id": "dots", "type": "circle", "source": "incidents"}]})",
            "small.json"};
    };
    fuzz::accept_input_errors([&] { render::parse_style(input, "fuzz.json", "", base); });
}
