// Documents: the reports incimap reads, whatever they came as (a text file,
// an HTML article, a feed item, a line of a JSON Lines batch). Every reader
// in sources/ returns Documents; extract/ turns them into incidents.
//
// The text is always valid UTF-8: invalid bytes are replaced with U+FFFD
// (with a warning), so byte offsets into it — the evidence spans of the
// readers — are stable.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace incimap::sources {

enum class SourceKind { text, html, rss, atom, jsonl };

// "text", "html", "rss", "atom", "jsonl"
std::string_view source_kind_name(SourceKind kind);

struct Document {
    std::string id;         // file name, feed item guid or link, batch id
    std::string text;       // the report, UTF-8, paragraphs separated by blank lines
    std::string title;      // "" when unknown
    std::string url;        // "" when unknown
    std::string published;  // ISO YYYY-MM-DD, "" when unknown
    SourceKind source_kind = SourceKind::text;
};

// Receives a warning ("name: what"); readers go on after calling it.
using WarningHandler = std::function<void(const std::string&)>;

// An input, or a part of one, that could not be read, and why: the input
// is a path, a URL, a file of a folder or a batch line ("b.jsonl:3"); why
// is what went wrong ("cannot open: Permission denied").
struct InputFailure {
    std::string input;
    std::string why;
    std::string message() const { return input + ": " + why; }  // as printed
};

// Receives an input that failed; readers go on with the next one.
using FailureHandler = std::function<void(const InputFailure&)>;

// ERROR_MESSAGE as the failure of INPUT: a message that names the input
// first ("b.txt: cannot open", "b.txt:3: bad line") is split after it (and
// its line number), another is the why of INPUT whole.
InputFailure failure_of(std::string_view input, std::string_view error_message);

// Replaces every byte that is not part of a valid UTF-8 sequence (stray
// continuation bytes, truncated sequences, overlong forms, surrogates, code
// points above U+10FFFF) with U+FFFD. Returns how many bytes were replaced.
std::size_t repair_utf8(std::string& text);

// The charset to read a page's bytes with: DECLARED (lowercase), except
// that a single-byte charset (ISO-8859-x, windows-125x, Latin-x) declared for
// bytes that are valid UTF-8 with characters beyond ASCII gives "utf-8" —
// a server's or template's default that the page does not use, since text
// in a single-byte charset practically never forms such sequences (read as
// declared, "Marché" would become "MarchÃ©"); and that UTF-16 or UTF-32
// declared for valid UTF-8 bytes without NUL bytes or a byte order mark
// gives "utf-8" (wide text of any script with Latin letters or spaces is
// full of NULs). Overriding the declaration warns through warn, naming id.
std::string charset_of_bytes(std::string_view bytes, std::string_view declared,
                             std::string_view id, const WarningHandler& warn);

// A document from plain text: repaired UTF-8 (warning through warn, naming
// id), Windows line ends made \n. A text may open with a header block of
// "Title: …", "Published: …" (or "Date:"), "URL: …" lines ended by a blank
// line: they give the title, the publication date (as
// iso_date_from_metadata reads it) and the URL, and are removed from the
// text. Without one, the title is the first line when it is short (under
// 200 bytes) and more text follows.
Document document_from_text(std::string text, std::string id, const WarningHandler& warn);

// The ISO date (YYYY-MM-DD) of a date as metadata writes it: ISO 8601
// ("2024-09-17", "2024-09-17T08:00:00+00:00"), RFC 822 as RSS writes it
// ("Tue, 17 Sep 2024 08:00:00 GMT"), or "17 September 2024". The date is
// taken as written, without moving it across time zones. "" when it is
// none of these or not a calendar date.
std::string iso_date_from_metadata(std::string_view value);

} // namespace incimap::sources
