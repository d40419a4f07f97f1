#include "store/csv.hpp"

#include "core/error.hpp"
#include "text/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <iostream>
#include <iterator>

namespace incimap::store {

CsvReader::CsvReader(const std::filesystem::path& path) : name_(path.string()) {
    if (path == "-") {
        owned_.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        text_ = owned_;
        name_ = "standard input";
    } else {
        mapping_.emplace(path);
        mapping_->advise_sequential();
        text_ = mapping_->text();
    }
    if (text_.starts_with("\xEF\xBB\xBF"))
        position_ = 3;
}

CsvReader::CsvReader(std::string_view text, std::string name)
    : text_(text), name_(std::move(name)) {
    if (text_.starts_with("\xEF\xBB\xBF"))
        position_ = 3;
}

bool CsvReader::next(CsvRecord& record) {
    const std::size_t n = text_.size();
    while (position_ < n) {
        char c = text_[position_];
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
    if (mapping_ && position_ - released_ >= (std::size_t(4) << 20)) {
        mapping_->release_before(position_);
        released_ = position_;
    }
    parse_record(record);
    return true;
}

void CsvReader::parse_record(CsvRecord& record) {
    const char* s = text_.data();
    const std::size_t n = text_.size();
    const std::size_t start = position_;
    record.fields.clear();
    record.error.clear();
    record.line = line_;
    unescaped_.clear();
    auto& spans = spans_;
    spans.clear();

    // A broken record ends at the end of the line it starts on; reading goes
    // on from the next line.
    auto reject = [&](std::string why) {
        std::size_t eol = text_.find('\n', start);
        std::size_t end = eol == std::string_view::npos ? n : eol;
        position_ = eol == std::string_view::npos ? n : eol + 1;
        line_ = record.line + 1;
        if (end > start && s[end - 1] == '\r')
            --end;
        record.raw = text_.substr(start, end - start);
        record.error = std::move(why);
        record.fields.assign(1, record.raw);
    };

    std::size_t p = start;
    long lines = 0;
    for (;;) {
        if (p < n && s[p] == '"') {
            ++p;
            std::size_t chunk = p;
            std::size_t field_begin = unescaped_.size();
            bool escaped = false;
            for (;;) {
                const void* quote = std::memchr(s + p, '"', n - p);
                if (!quote)
                    return reject("unterminated quoted field");
                std::size_t at = static_cast<const char*>(quote) - s;
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
            if (p < n && s[p] != ',' && s[p] != '\n')
                return reject(fmt::format("text after the closing quote of field {}",
                                          spans.size()));
        } else {
            std::size_t begin = p;
            while (p < n && s[p] != ',' && s[p] != '\n')
                ++p;
            std::size_t end = p;
            if (end > begin && s[end - 1] == '\r' && (p == n || s[p] == '\n'))
                --end;
            spans.push_back({begin, end - begin, false});
        }
        if (p >= n)
            break;
        if (s[p] == ',') {
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
        record.fields.push_back(span.unescaped
                                    ? std::string_view(unescaped_).substr(span.begin, span.length)
                                    : text_.substr(span.begin, span.length));
    if (!text::is_ascii(record.raw)) {
        for (std::size_t i = 0; i < record.fields.size(); ++i) {
            if (auto bad = text::find_invalid_utf8(record.fields[i])) {
                record.error = fmt::format("invalid UTF-8 in field {} at byte {}", i + 1, *bad + 1);
                break;
            }
        }
    }
}

void append_csv_field(std::string& out, std::string_view value) {
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

} // namespace incimap::store
