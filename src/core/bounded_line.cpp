#include "core/bounded_line.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

namespace incimap {

std::string byte_size_words(std::size_t bytes) {
    if (bytes >= (std::size_t(1) << 20) && bytes % (std::size_t(1) << 20) == 0)
        return fmt::format("{} MiB", bytes >> 20);
    if (bytes >= 1024 && bytes % 1024 == 0)
        return fmt::format("{} KiB", bytes >> 10);
    return fmt::format("{} bytes", bytes);
}

bool read_line_bounded(std::istream& in, std::string& line, std::size_t max_bytes, std::string_view name,
                       long line_no) {
    line.clear();
    const std::istream::sentry ok(in, true);
    if (!ok)
        return false;
    std::streambuf* buffer = in.rdbuf();
    using traits = std::char_traits<char>;
    bool any = false;
    for (;;) {
        const auto c = buffer->sbumpc();
        if (traits::eq_int_type(c, traits::eof())) {
            in.setstate(any ? std::ios::eofbit : std::ios::eofbit | std::ios::failbit);
            return any;
        }
        any = true;
        if (traits::to_char_type(c) == '\n')
            return true;
        if (line.size() == max_bytes)
            throw InputError(name, line_no,
                             fmt::format("line longer than {} (the limit of a line)", byte_size_words(max_bytes)));
        line.push_back(traits::to_char_type(c));
    }
}

} // namespace incimap
