// A streaming CSV reader after RFC 4180, for event tables (ACLED exports)
// and evaluation sets: fields separated by a delimiter, quoted fields that
// may hold delimiters, doubled quotes and line breaks, LF or CRLF line ends,
// a UTF-8 byte order mark skipped. A quote inside an unquoted field is kept
// as a character, as spreadsheet programs write it.
//
// Errors name the file and the line where the bad record starts:
// "events.csv:1834: quoted field never closed".
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::sources {

class CsvReader {
public:
    // origin names the input in errors. The stream must outlive the reader.
    CsvReader(std::istream& in, std::string origin, char delimiter = ',');

    // Reads the next record into fields; false at the end of the input.
    // Throws InputError on a quoted field that is never closed or text
    // between a closing quote and the next delimiter.
    bool next(std::vector<std::string>& fields);

    // The line (1-based) the last record read starts on.
    long line() const { return record_line_; }
    const std::string& origin() const { return origin_; }

private:
    // The next byte, or EOF; peek() does not consume it.
    int get() { return pos_ < end_ || fill() ? static_cast<unsigned char>(buffer_[pos_++]) : EOF; }
    int peek() { return pos_ < end_ || fill() ? static_cast<unsigned char>(buffer_[pos_]) : EOF; }
    bool fill();
    // Appends the bytes from here up to the next delimiter, quote or line
    // break to `field`, at once.
    void take_plain(std::string& field);

    std::istream& in_;
    std::string origin_;
    char delimiter_;
    long line_ = 1;  // line of the next character
    long record_line_ = 0;
    bool started_ = false;
    std::string buffer_;  // read from in_ in blocks
    std::size_t pos_ = 0, end_ = 0;
};

// The index of column name in a header record, if present.
std::optional<std::size_t> column_index(const std::vector<std::string>& header, std::string_view name);

} // namespace incimap::sources
