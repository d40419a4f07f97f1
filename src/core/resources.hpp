// Files embedded into the program at build time (see
// cmake/EmbedResources.cmake): the default gazetteer index, dictionaries,
// boundaries, styles. Lookups are a linear scan over a handful of entries.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace incimap {

// The bytes of the embedded file NAME, or nothing when no such file was
// embedded. The bytes live as long as the program.
std::optional<std::span<const std::byte>> find_resource(std::string_view name);

// As find_resource(), but throws Error naming NAME when it is missing.
std::span<const std::byte> resource(std::string_view name);

// The names of the embedded files that start with PREFIX (a folder such as
// "examples/articles/"), in name order.
std::vector<std::string_view> resource_names(std::string_view prefix);

// The same bytes viewed as text.
inline std::string_view as_text(std::span<const std::byte> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

namespace detail {
struct ResourceEntry {
    const char* name;
    const unsigned char* begin;
    const unsigned char* end;
};
// Generated table, terminated by an entry with a null name.
extern const ResourceEntry resource_table[];
} // namespace detail

} // namespace incimap
