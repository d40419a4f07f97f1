#include "core/resources.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <string>

namespace incimap {
std::optional<std::span<const std::byte>> find_resource(std::string_view name) {
    for (const auto* entry = detail::resource_table; entry->name != nullptr; ++entry) {
        if (name == entry->name)
            return std::span(reinterpret_cast<const std::byte*>(entry->begin),
                             static_cast<std::size_t>(entry->end - entry->begin));
    }
    return std::nullopt;
}

std::span<const std::byte> resource(std::string_view name) {
    if (auto bytes = find_resource(name))
        return *bytes;
    throw Error("no embedded resource '" + std::string(name) + "' in this build of incimap");
}

std::vector<std::string_view> resource_names(std::string_view prefix) {
    std::vector<std::string_view> names;
    for (const auto* entry = detail::resource_table; entry->name != nullptr; ++entry) {
        const std::string_view name = entry->name;
        if (name.starts_with(prefix))
            names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace incimap
