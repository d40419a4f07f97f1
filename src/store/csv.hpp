// Streaming CSV (RFC 4180) for the importer and the exporters: quoted fields
// with commas, doubled quotes and line breaks; CRLF or LF line ends; a UTF-8
// byte-order mark skipped; records numbered by the line they start on.
//
// The reader never throws on bad records: a malformed one (an unterminated
// quote, text after a closing quote, invalid UTF-8) comes back with `error`
// set, and reading resumes on the next line after where the record started,
// so one stray quote cannot swallow the rest of the file and every line is
// accounted for. Blank lines are skipped.
#pragma once

#include "core/mapped_file.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::store {

struct CsvRecord {
    std::vector<std::string_view> fields;  // valid until the next call to next()
    long line = 0;                         // 1-based line the record starts on
    std::string error;                     // non-empty: why the record is malformed
    std::string_view raw;                  // the record's bytes, as in the input
};

class CsvReader {
public:
    // Maps the file into memory ("-" reads standard input). Throws InputError
    // naming PATH when it cannot be read.
    explicit CsvReader(const std::filesystem::path& path);
    // Reads TEXT, which must outlive the reader; NAME is used in messages.
    CsvReader(std::string_view text, std::string name);
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    const std::string& name() const noexcept { return name_; }
    // Reads the next record into RECORD; false at the end of the input.
    // Linear in the record's size.
    bool next(CsvRecord& record);
    // How far reading has got, and the whole size, in bytes (for progress).
    std::size_t position() const noexcept { return position_; }
    std::size_t size() const noexcept { return text_.size(); }

private:
    struct FieldSpan {
        std::size_t begin;
        std::size_t length;
        bool unescaped;  // in unescaped_, not in the input
    };
    void parse_record(CsvRecord& record);

    std::optional<MappedFile> mapping_;
    std::string owned_;  // standard input
    std::string_view text_;
    std::string name_;
    std::size_t position_ = 0;
    std::size_t released_ = 0;  // mapped bytes before this are given back
    long line_ = 1;
    std::string unescaped_;  // fields with doubled quotes, unescaped
    std::vector<FieldSpan> spans_;
};

// Appends VALUE to OUT as one CSV field, quoted when it holds a comma, a
// quote, a line break or leading/trailing spaces.
void append_csv_field(std::string& out, std::string_view value);

// Appends FIELDS as one CSV record ending in "\n".
void append_csv_record(std::string& out, const std::vector<std::string_view>& fields);

} // namespace incimap::store
