// CSV tables after RFC 4180, read and written: event tables (ACLED exports
// and others), evaluation sets, the points the renderer draws, the
// importer's rejects and the CSV exports. Fields are separated by a
// delimiter (a comma unless told otherwise); a quoted field may hold
// delimiters, doubled quotes and line breaks; lines end in LF or CRLF; a
// UTF-8 byte order mark is skipped and so are blank lines; a quote inside
// an unquoted field is kept as a character, as spreadsheet programs write
// it. Records are numbered by the line they start on.
//
// A record is malformed when a quoted field is never closed, when text
// follows a closing quote, or when a field is not valid UTF-8. What happens
// then is the reader's policy:
//   BadRecords::stop  next() throws InputError naming the file, line and
//                     column of the fault: "events.csv:12:7: unterminated
//                     quoted field";
//   BadRecords::keep  the record comes back with `error` and the fault's
//                     position set. A record whose quoting is broken holds
//                     the bytes of the line it starts on as its one field,
//                     and reading resumes on the next line, so that one
//                     stray quote cannot swallow the rest of the file and
//                     every line is accounted for; one with invalid UTF-8
//                     keeps its fields.
#pragma once

#include "core/mapped_file.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::sources {

enum class BadRecords { stop, keep };

// The longest line of a table read from a stream (standard input, a pipe, a
// device); a longer one stops the reading with InputError naming the line.
inline constexpr std::size_t csv_line_limit = std::size_t(16) << 20;

struct CsvRecord {
    std::vector<std::string_view> fields;  // valid until the next call to next()
    long line = 0;                         // 1-based line the record starts on
    std::string error;                     // non-empty: why the record is malformed
    long error_line = 0;                   // where the fault is: its line and
    long error_column = 0;                 // 1-based column (in bytes)
    std::string_view raw;                  // the record's bytes, without its line end
};

class CsvReader {
public:
    // Reads the file at PATH, mapped into memory when it is a regular file
    // and read whole otherwise (a pipe); "-" reads standard input. Throws
    // InputError naming PATH when it cannot be read, and naming the line
    // when a stream's line is longer than csv_line_limit.
    CsvReader(const std::filesystem::path& path, BadRecords policy, char delimiter = ',');
    // Reads TEXT, which must outlive the reader; NAME stands for it in messages.
    CsvReader(std::string_view text, std::string name, BadRecords policy, char delimiter = ',');
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    // The input's name in messages ("standard input" for "-").
    const std::string& name() const noexcept { return name_; }

    // Reads the next record; false at the end of the input. Linear in the
    // record's size. Throws InputError on a malformed record under
    // BadRecords::stop.
    bool next(CsvRecord& record);
    // The same, with the fields copied out; a malformed record throws
    // whatever the policy.
    bool next(std::vector<std::string>& fields);
    // The line the last record read starts on.
    long line() const noexcept { return record_line_; }

    // How far reading has got, and the whole size, in bytes (for progress).
    std::size_t position() const noexcept { return position_; }
    std::size_t size() const noexcept { return text_.size(); }

private:
    struct FieldSpan {
        std::size_t begin;
        std::size_t length;
        bool unescaped;  // in unescaped_, not in the input
    };
    void skip_byte_order_mark();
    void parse_record(CsvRecord& record);
    // Sets the error of the record starting at byte START, found at byte AT.
    void locate_error(CsvRecord& record, std::size_t start, std::size_t at, std::string why);
    // The same, for broken quoting: the line the record starts on becomes its
    // one field, and reading goes on from the next line.
    void reject(CsvRecord& record, std::size_t start, std::size_t at, std::string why);

    std::optional<MappedFile> mapping_;
    std::string owned_;  // standard input, a pipe
    std::string_view text_;
    std::string name_;
    BadRecords policy_;
    char delimiter_;
    std::size_t position_ = 0;
    std::size_t released_ = 0;  // mapped pages before this byte are given back
    long line_ = 1;         // line of the byte at position_
    long record_line_ = 0;  // line of the last record
    std::string unescaped_;  // fields with doubled quotes, unescaped
    std::vector<FieldSpan> spans_;
    CsvRecord scratch_;  // for next(std::vector<std::string>&)
};

// The index of the column named NAME in a header record, if present.
std::optional<std::size_t> column_index(const std::vector<std::string>& header, std::string_view name);

// VALUE as a spreadsheet may take it safely: a cell starting with =, +, -,
// @, a tab or a carriage return would be read as a formula, so it gets a
// leading single quote (as spreadsheet-safe CSV writers do), unless it is a
// plain number ("-3.5", "+12", "-1e5"), which stays a number. Every CSV
// incimap writes holds its text this way.
std::string spreadsheet_safe(std::string_view value);

// Appends VALUE to OUT as one CSV field, made spreadsheet_safe, and quoted
// when it holds a comma, a quote, a line break or leading/trailing spaces.
void append_csv_field(std::string& out, std::string_view value);

// Appends FIELDS as one CSV record ending in "\n".
void append_csv_record(std::string& out, const std::vector<std::string_view>& fields);

} // namespace incimap::sources
