// A fast, stable fingerprint (FNV-1a over separated values) for telling whether an
// incident, a style or a drawn item changed between two runs of `incimap
// tiles --update`. Not for security.
#pragma once

#include "core/fnv1a.hpp"

#include <bit>
#include <cstdint>
#include <string_view>

namespace incimap::render {

class Fingerprint {
public:
    Fingerprint& add(std::string_view bytes) {
        // A separator after each value, so ("ab", "c") and ("a", "bc") differ.
        value_ = fnv1a::mix(fnv1a::mix(value_, bytes), "\xff");
        return *this;
    }
    Fingerprint& add(double v) {
        const auto bits = std::bit_cast<std::uint64_t>(v);
        char bytes[8];
        for (int i = 0; i < 8; ++i)
            bytes[i] = static_cast<char>(bits >> (8 * i));
        return add(std::string_view(bytes, 8));
    }
    std::uint64_t value() const { return value_; }

private:
    std::uint64_t value_ = fnv1a::offset_basis;
};


} // namespace incimap::render
