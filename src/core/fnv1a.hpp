// 64-bit FNV-1a: a fast, stable, non-cryptographic hash. Used where a value
// must stay the same across runs and machines (the gazetteer index's bucket
// table, page-cache file names, tile fingerprints).
#pragma once

#include <cstdint>
#include <string_view>

namespace incimap::fnv1a {

inline constexpr std::uint64_t offset_basis = 14695981039346656037ull;
inline constexpr std::uint64_t prime = 1099511628211ull;

// Folds BYTES into HASH.
constexpr std::uint64_t mix(std::uint64_t hash, std::string_view bytes) {
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= prime;
    }
    return hash;
}

constexpr std::uint64_t hash(std::string_view bytes) { return mix(offset_basis, bytes); }

} // namespace incimap::fnv1a
