#include "core/error.hpp"

#include <fmt/format.h>

namespace incimap {

Error Error::with_context(std::string_view context) const {
    return Error(fmt::format("{}: {}", context, what()));
}

std::string Error::naming(std::string_view name) const {
    const std::string_view message = what();
    if (message.starts_with(name) && message.substr(name.size()).starts_with(":"))
        return std::string(message);
    return fmt::format("{}: {}", name, message);
}

InputError::InputError(std::string_view path, long line, std::string_view what)
    : Error(line > 0 ? fmt::format("{}:{}: {}", path, line, what)
                     : fmt::format("{}: {}", path, what)) {}

std::string quoted(std::string_view value, std::size_t max_shown) {
    if (value.size() <= max_shown)
        return fmt::format("'{}'", value);
    std::size_t cut = max_shown;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80)
        --cut;  // do not split a UTF-8 sequence
    return fmt::format("'{}…'", value.substr(0, cut));
}

} // namespace incimap
