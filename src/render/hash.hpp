// FNV-1a, 64 bits: a fast, stable fingerprint for telling whether an
// incident, a style or a drawn item changed between two runs of `incimap
// tiles --update`. Not for security.
#pragma once

#include <bit>
#include <cstdint>
#include <string_view>

namespace incimap::render {

class Fingerprint {
public:
    Fingerprint& add(std::string_view bytes) {
        for (const unsigned char c : bytes) {
            value_ ^= c;
            value_ *= 1099511628211ull;
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        value_ ^= 0xff;
        value_ *= 1099511628211ull;
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
    std::uint64_t value_ = 14695981039346656037ull;
};

inline std::uint64_t fnv1a(std::string_view bytes) { return Fingerprint().add(bytes).value(); }

} // namespace incimap::render
