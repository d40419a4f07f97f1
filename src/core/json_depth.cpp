#include "core/json_depth.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

namespace incimap {

void check_json_depth(std::string_view text, std::string_view origin, std::size_t limit) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t at = 0; at < text.size(); ++at) {
        const char c = text[at];
        if (in_string) {
            if (c == '\\')
                ++at;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit)
                throw InputError(fmt::format("{}: nested deeper than {} levels (at byte {}); "
                                             "incimap reads JSON nested up to {} levels",
                                             origin, limit, at, limit));
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
}

} // namespace incimap
