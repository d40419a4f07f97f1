#include "sources/csv.hpp"

#include "core/error.hpp"

#include <cstdio>

namespace incimap::sources {

CsvReader::CsvReader(std::istream& in, std::string origin, char delimiter)
    : in_(in), origin_(std::move(origin)), delimiter_(delimiter) {}

bool CsvReader::fill() {
    constexpr std::size_t block = 1 << 16;
    if (buffer_.size() < block)
        buffer_.resize(block);
    in_.read(buffer_.data(), static_cast<std::streamsize>(block));
    if (in_.bad())
        throw InputError(origin_, line_, "read error");
    pos_ = 0;
    end_ = static_cast<std::size_t>(in_.gcount());
    return end_ > 0;
}

void CsvReader::take_plain(std::string& field) {
    const auto* begin = buffer_.data() + pos_;
    const auto* p = begin;
    const auto* end = buffer_.data() + end_;
    while (p != end && *p != delimiter_ && *p != '"' && *p != '\n' && *p != '\r')
        ++p;
    field.append(begin, p);
    pos_ += static_cast<std::size_t>(p - begin);
}

bool CsvReader::next(std::vector<std::string>& fields) {
    fields.clear();
    if (!started_) {
        started_ = true;
        // A byte order mark: all three bytes are in the first block.
        if (peek() == 0xEF && end_ >= 3 && buffer_[1] == '\xBB' && buffer_[2] == '\xBF')
            pos_ = 3;
    }
    int c = get();
    if (c == EOF)
        return false;
    record_line_ = line_;
    std::string field;
    enum class State { field_start, unquoted, quoted, after_quote } state = State::field_start;
    for (;; c = get()) {
        if (c == EOF) {
            if (state == State::quoted)
                throw InputError(origin_, record_line_, "quoted field never closed");
            fields.push_back(std::move(field));
            return true;
        }
        char ch = static_cast<char>(c);
        if (ch == '\n')
            ++line_;
        switch (state) {
        case State::quoted:
            if (ch == '"') {
                if (peek() == '"') {
                    get();
                    field += '"';
                } else {
                    state = State::after_quote;
                }
            } else {
                field += ch;
                if (ch != '\n')
                    take_plain(field);
            }
            continue;
        case State::field_start:
            if (ch == '"') {
                state = State::quoted;
                continue;
            }
            state = State::unquoted;
            [[fallthrough]];
        case State::unquoted:
        case State::after_quote:
            if (ch == delimiter_) {
                fields.push_back(std::move(field));
                field.clear();
                state = State::field_start;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && peek() == '\n')
                    get(), ++line_;
                fields.push_back(std::move(field));
                return true;
            } else if (state == State::after_quote) {
                throw InputError(origin_, line_, std::string("unexpected '") + ch + "' after a closing quote");
            } else {
                field += ch;
                take_plain(field);
            }
            continue;
        }
    }
}

std::optional<std::size_t> column_index(const std::vector<std::string>& header, std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name)
            return i;
    return std::nullopt;
}

} // namespace incimap::sources
