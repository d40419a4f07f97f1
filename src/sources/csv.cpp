#include "sources/csv.hpp"

#include "core/bounded_line.hpp"
#include "core/error.hpp"
#include "text/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>

namespace incimap::sources {
namespace {

// Pages of a mapped file behind the reader are given back every so many bytes.
constexpr std::size_t release_every = std::size_t(4) << 20;

// A stream (standard input, a pipe, a device) is read whole, and refused
// once one of its lines is longer than csv_line_limit: an input that never
// ends a line (/dev/zero) is no table, and must not fill the memory.
std::string read_whole(std::istream& in, const std::string& name) {
    std::string text;
    char buffer[65536];
    std::size_t line_start = 0;
    long line = 1;
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        const std::size_t from = text.size();
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        for (std::size_t i = from; i < text.size(); ++i)
            if (text[i] == '\n') {
                ++line;
                line_start = i + 1;
            }
        if (text.size() - line_start > csv_line_limit)
            throw InputError(name, line,
                             fmt::format("line longer than {} (the limit of a line of a table)",
                                         byte_size_words(csv_line_limit)));
    }
    if (in.bad())
        throw InputError(name, 0, "read error");
    return text;
}

// The bytes from AT to the end of its field or line, at most 20 and never
// a part of a UTF-8 sequence: the bad text a message quotes.
std::string_view excerpt(std::string_view text, std::size_t at, char delimiter) {
    std::size_t end = at;
    while (end < text.size() && end - at < 20 && text[end] != delimiter && text[end] != '\n' &&
           text[end] != '\r')
        ++end;
    while (end < text.size() && end > at && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(at, end - at);
}

} // namespace

CsvReader::CsvReader(const std::filesystem::path& path, BadRecords policy, char delimiter)
    : name_(path.string()), policy_(policy), delimiter_(delimiter) {
    std::error_code ignored;
    const auto type = std::filesystem::status(path, ignored).type();
    if (path == "-") {
        name_ = "standard input";
        owned_ = read_whole(std::cin, name_);
        text_ = owned_;
    } else if (type == std::filesystem::file_type::fifo || type == std::filesystem::file_type::character) {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw InputError(name_, 0, std::string("cannot open: ") + std::strerror(errno));
        owned_ = read_whole(in, name_);
        text_ = owned_;
    } else {
        mapping_.emplace(path);
        mapping_->advise_sequential();
        text_ = mapping_->text();
    }
    skip_byte_order_mark();
}

CsvReader::CsvReader(std::string_view text, std::string name, BadRecords policy, char delimiter)
    : text_(text), name_(std::move(name)), policy_(policy), delimiter_(delimiter) {
    skip_byte_order_mark();
}

void CsvReader::skip_byte_order_mark() {
    if (text_.starts_with("\xEF\xBB\xBF"))
        position_ = 3;
}

bool CsvReader::next(CsvRecord& record) {
    const std::size_t n = text_.size();
    while (position_ < n) {
        const char c = text_[position_];
        if (c == '\n') {
            ++line_;
            ++position_;
        } else if (c == '\r' && position_ + 1 < n && text_[position_ + 1] == '\n') {
            ++line_;
            position_ += 2;
        } else {
            break;
        }
    }
    if (position_ >= n)
        return false;
    // Reading never goes back before the record being read: the pages behind
    // it are given back, so that a large file costs little resident memory.
    if (mapping_ && position_ >= released_ + release_every) {
        mapping_->release_before(position_);
        released_ = position_;
    }
    parse_record(record);
    record_line_ = record.line;
    if (!record.error.empty() && policy_ == BadRecords::stop)
        throw InputError(
            fmt::format("{}:{}:{}: {}", name_, record.error_line, record.error_column, record.error));
    return true;
}

bool CsvReader::next(std::vector<std::string>& fields) {
    fields.clear();
    const BadRecords policy = policy_;
    policy_ = BadRecords::stop;
    const bool read = next(scratch_);
    policy_ = policy;
    if (read)
        fields.assign(scratch_.fields.begin(), scratch_.fields.end());
    return read;
}

void CsvReader::locate_error(CsvRecord& record, std::size_t start, std::size_t at, std::string why) {
    long line = record.line;
    std::size_t line_start = start;
    for (std::size_t i = start; i < at; ++i)
        if (text_[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    record.error = std::move(why);
    record.error_line = line;
    record.error_column = static_cast<long>(at - line_start) + 1;
}

void CsvReader::reject(CsvRecord& record, std::size_t start, std::size_t at, std::string why) {
    locate_error(record, start, at, std::move(why));
    const std::size_t eol = text_.find('\n', start);
    std::size_t end = eol == std::string_view::npos ? text_.size() : eol;
    position_ = eol == std::string_view::npos ? text_.size() : eol + 1;
    line_ = record.line + 1;
    if (end > start && text_[end - 1] == '\r')
        --end;
    record.raw = text_.substr(start, end - start);
    record.fields.assign(1, record.raw);
}

void CsvReader::parse_record(CsvRecord& record) {
    const char* s = text_.data();
    const std::size_t n = text_.size();
    const std::size_t start = position_;
    const char delimiter = delimiter_;
    record.fields.clear();
    record.error.clear();
    record.error_line = record.error_column = 0;
    record.line = line_;
    unescaped_.clear();
    auto& spans = spans_;
    spans.clear();

    std::size_t p = start;
    long lines = 0;
    for (;;) {
        if (p < n && s[p] == '"') {
            const std::size_t opening = p;
            ++p;
            std::size_t chunk = p;
            const std::size_t field_begin = unescaped_.size();
            bool escaped = false;
            for (;;) {
                const void* quote = std::memchr(s + p, '"', n - p);
                if (!quote)
                    return reject(record, start, opening, "unterminated quoted field");
                const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(quote) - s);
                lines += std::count(s + p, s + at, '\n');
                if (at + 1 < n && s[at + 1] == '"') {
                    unescaped_.append(s + chunk, at + 1 - chunk);
                    escaped = true;
                    p = chunk = at + 2;
                    continue;
                }
                if (escaped) {
                    unescaped_.append(s + chunk, at - chunk);
                    spans.push_back({field_begin, unescaped_.size() - field_begin, true});
                } else {
                    spans.push_back({chunk, at - chunk, false});
                }
                p = at + 1;
                break;
            }
            if (p < n && s[p] == '\r' && (p + 1 == n || s[p + 1] == '\n'))
                ++p;
            if (p < n && s[p] != delimiter && s[p] != '\n')
                return reject(record, start, p,
                              fmt::format("text after the closing quote of field {}: '{}'", spans.size(),
                                          excerpt(text_, p, delimiter)));
        } else {
            const std::size_t begin = p;
            while (p < n && s[p] != delimiter && s[p] != '\n')
                ++p;
            std::size_t end = p;
            if (end > begin && s[end - 1] == '\r' && (p == n || s[p] == '\n'))
                --end;
            spans.push_back({begin, end - begin, false});
        }
        if (p >= n)
            break;
        if (s[p] == delimiter) {
            ++p;
            continue;
        }
        ++p;  // the '\n' ending the record
        ++lines;
        break;
    }

    std::size_t end = p;
    while (end > start && (s[end - 1] == '\n' || s[end - 1] == '\r'))
        --end;
    record.raw = text_.substr(start, end - start);
    position_ = p;
    line_ += lines;
    record.fields.reserve(spans.size());
    for (const auto& span : spans)
        record.fields.push_back(span.unescaped ? std::string_view(unescaped_).substr(span.begin, span.length)
                                               : text_.substr(span.begin, span.length));
    if (text::is_ascii(record.raw))
        return;
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        if (const auto bad = text::find_invalid_utf8(record.fields[i])) {
            // The first bad byte of the record is the first bad byte of its
            // first bad field: quotes and delimiters are ASCII.
            const auto at = start + text::find_invalid_utf8(record.raw).value_or(0);
            locate_error(record, start, at, fmt::format("invalid UTF-8 in field {} at byte {}", i + 1, *bad + 1));
            return;
        }
    }
}

std::optional<std::size_t> column_index(const std::vector<std::string>& header, std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name)
            return i;
    return std::nullopt;
}

namespace {

// [+-]digits[.digits][(e|E)[+-]digits], or the same with digits only after
// the point.
bool is_plain_number(std::string_view s) {
    std::size_t i = 0;
    const auto digits = [&] {
        const auto from = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        return i > from;
    };
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        ++i;
    bool mantissa = digits();
    if (i < s.size() && s[i] == '.') {
        ++i;
        mantissa = digits() || mantissa;
    }
    if (!mantissa)
        return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        if (!digits())
            return false;
    }
    return i == s.size();
}

bool starts_formula(std::string_view value) {
    if (value.empty())
        return false;
    switch (value.front()) {
    case '=':
    case '@':
    case '\t':
    case '\r': return true;
    case '+':
    case '-': return !is_plain_number(value);
    default: return false;
    }
}

} // namespace

std::string spreadsheet_safe(std::string_view value) {
    return starts_formula(value) ? "'" + std::string(value) : std::string(value);
}

void append_csv_field(std::string& out, std::string_view value) {
    std::string guarded;
    if (starts_formula(value)) {
        guarded = spreadsheet_safe(value);
        value = guarded;
    }
    bool quote = !value.empty() && (value.front() == ' ' || value.back() == ' ');
    if (!quote)
        quote = value.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!quote) {
        out.append(value);
        return;
    }
    out += '"';
    for (char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void append_csv_record(std::string& out, const std::vector<std::string_view>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ',';
        append_csv_field(out, fields[i]);
    }
    out += '\n';
}

} // namespace incimap::sources
