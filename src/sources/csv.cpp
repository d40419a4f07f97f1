#include "sources/csv.hpp"

#include "core/error.hpp"

namespace incimap::sources {

CsvReader::CsvReader(std::istream& in, std::string origin, char delimiter)
    : in_(in), origin_(std::move(origin)), delimiter_(delimiter) {}

bool CsvReader::next(std::vector<std::string>& fields) {
    fields.clear();
    if (!started_) {
        started_ = true;
        if (in_.peek() == 0xEF) {
            char bom[3];
            in_.read(bom, 3);
            if (!(in_.gcount() == 3 && bom[1] == '\xBB' && bom[2] == '\xBF')) {
                in_.clear();
                in_.seekg(0);
            }
        }
    }
    int c = in_.get();
    if (c == EOF) {
        if (in_.bad())
            throw InputError(origin_, line_, "read error");
        return false;
    }
    record_line_ = line_;
    std::string field;
    enum class State { field_start, unquoted, quoted, after_quote } state = State::field_start;
    for (;; c = in_.get()) {
        if (c == EOF) {
            if (in_.bad())
                throw InputError(origin_, line_, "read error");
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
                if (in_.peek() == '"') {
                    in_.get();
                    field += '"';
                } else {
                    state = State::after_quote;
                }
            } else {
                field += ch;
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
                if (ch == '\r' && in_.peek() == '\n')
                    in_.get(), ++line_;
                fields.push_back(std::move(field));
                return true;
            } else if (state == State::after_quote) {
                throw InputError(origin_, line_, std::string("unexpected '") + ch + "' after a closing quote");
            } else {
                field += ch;
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
