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

} // namespace incimap
