#include "sources/document.hpp"

#include "core/counted.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace incimap::sources {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0.
std::size_t valid_sequence(std::string_view s, std::size_t i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    if (c < 0x80)
        return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c == 0xE0)
        len = 3, lo = 0xA0;
    else if (c == 0xED)
        len = 3, hi = 0x9F;  // no surrogates
    else if (c >= 0xE1 && c <= 0xEF)
        len = 3;
    else if (c == 0xF0)
        len = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3)
        len = 4;
    else if (c == 0xF4)
        len = 4, hi = 0x8F;
    else
        return 0;
    if (i + len > s.size() || b(i + 1) < lo || b(i + 1) > hi)
        return 0;
    for (std::size_t k = 2; k < len; ++k)
        if ((b(i + k) & 0xC0) != 0x80)
            return 0;
    return len;
}

constexpr std::array<std::string_view, 12> month_abbreviations = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

std::string checked_date(int y, unsigned m, unsigned d) {
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok() || y < 1900 || y > 2200)
        return "";
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

template <typename T>
bool number(std::string_view s, T& value) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    return ec == std::errc{} && p == s.data() + s.size() && !s.empty();
}

// "Title: …", "Published: …", "URL: …" lines opening a text, ended by a
// blank line: the metadata of the report, removed from its text. Returns
// false, changing nothing, when the text does not open with such a block.
bool read_header_block(Document& doc) {
    std::string title, published, url;
    std::size_t at = 0;
    bool any = false;
    while (at < doc.text.size()) {
        const std::size_t end = std::min(doc.text.find('\n', at), doc.text.size());
        std::string_view line(doc.text.data() + at, end - at);
        at = end + 1;
        if (line.find_first_not_of(" \t") == std::string_view::npos)
            break;  // the blank line that ends the block
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            return false;
        std::string key(line.substr(0, colon));
        for (char& c : key)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
            value.remove_suffix(1);
        if (key == "title")
            title = value;
        else if (key == "published" || key == "date")
            published = iso_date_from_metadata(value);
        else if (key == "url" || key == "link")
            url = value;
        else
            return false;
        any = true;
    }
    if (!any)
        return false;
    doc.title = std::move(title);
    doc.published = std::move(published);
    doc.url = std::move(url);
    doc.text.erase(0, std::min(at, doc.text.size()));
    return true;
}

} // namespace

InputFailure failure_of(std::string_view input, std::string_view error_message) {
    if (!input.empty() && error_message.starts_with(input) && error_message.size() > input.size() &&
        error_message[input.size()] == ':') {
        std::size_t at = input.size() + 1;
        std::size_t digits = at;
        while (digits < error_message.size() && error_message[digits] >= '0' && error_message[digits] <= '9')
            ++digits;
        if (digits > at && error_message.substr(digits).starts_with(": "))
            at = digits + 1;  // "b.jsonl:3: …": the line belongs to the input
        const std::string_view named = error_message.substr(0, at - 1);
        std::string_view why = error_message.substr(at);
        while (!why.empty() && why.front() == ' ')
            why.remove_prefix(1);
        return {std::string(named), std::string(why)};
    }
    return {std::string(input), std::string(error_message)};
}

std::string_view source_kind_name(SourceKind kind) {
    switch (kind) {
    case SourceKind::text: return "text";
    case SourceKind::html: return "html";
    case SourceKind::rss: return "rss";
    case SourceKind::atom: return "atom";
    case SourceKind::jsonl: return "jsonl";
    }
    return "text";
}

std::string charset_of_bytes(std::string_view bytes, std::string_view declared,
                             std::string_view id, const WarningHandler& warn) {
    std::string charset(declared);
    for (char& c : charset)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    constexpr std::string_view single_byte[] = {"iso-8859", "iso8859", "iso_8859", "windows-125",
                                                "cp125",    "x-cp125", "latin",    "l1"};
    constexpr std::string_view wide[] = {"utf-16", "utf16", "utf-32", "utf32", "ucs-2", "ucs-4"};
    const auto of = [&](const auto& families) {
        return std::any_of(std::begin(families), std::end(families),
                           [&](std::string_view family) { return charset.starts_with(family); });
    };
    // Wide text is full of NUL bytes (every Latin letter has one) or
    // starts with a byte order mark; bytes with neither were mislabelled.
    const bool wide_label = of(wide) && bytes.find('\0') == std::string_view::npos &&
                            !bytes.starts_with("\xFF\xFE") && !bytes.starts_with("\xFE\xFF");
    if (!of(single_byte) && !wide_label)
        return charset;
    bool beyond_ascii = false;
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t len = valid_sequence(bytes, i);
        if (len == 0)
            return charset;
        beyond_ascii = beyond_ascii || len > 1;
        i += len;
    }
    if (!beyond_ascii && !wide_label)
        return charset;
    if (warn)
        warn(fmt::format("{}: declared charset '{}' but the bytes are UTF-8; read as UTF-8", id,
                         charset));
    return "utf-8";
}

// The length of the run of ASCII bytes at text[i], read 8 bytes at a time.
std::size_t ascii_run(std::string_view text, std::size_t i) {
    const std::size_t start = i;
    for (std::uint64_t bytes = 0; i + 8 <= text.size(); i += 8) {
        std::memcpy(&bytes, text.data() + i, 8);
        if (bytes & 0x8080808080808080u)
            break;
    }
    while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80)
        ++i;
    return i - start;
}

std::size_t repair_utf8(std::string& text) {
    std::size_t i = 0;
    while (i < text.size()) {  // fast path: nothing to change
        i += ascii_run(text, i);
        if (i == text.size())
            break;
        std::size_t len = valid_sequence(text, i);
        if (len == 0)
            break;
        i += len;
    }
    if (i == text.size())
        return 0;
    std::string out = text.substr(0, i);
    std::size_t replaced = 0;
    while (i < text.size()) {
        std::size_t len = valid_sequence(text, i);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++replaced;
            ++i;
        } else {
            out.append(text, i, len);
            i += len;
        }
    }
    text = std::move(out);
    return replaced;
}

Document document_from_text(std::string text, std::string id, const WarningHandler& warn) {
    if (std::size_t bad = repair_utf8(text); bad > 0 && warn)
        warn(fmt::format("{}: {} replaced with U+FFFD", id, counted(bad, "invalid UTF-8 byte")));
    if (text.starts_with("\xEF\xBB\xBF"))
        text.erase(0, 3);
    std::string unix_text;
    if (text.find('\r') == std::string::npos) {
        unix_text = std::move(text);  // nothing to change: most texts
    } else {
        unix_text.reserve(text.size());
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\r') {
                unix_text += '\n';
                if (i + 1 < text.size() && text[i + 1] == '\n')
                    ++i;
            } else {
                unix_text += text[i];
            }
        }
    }
    Document doc;
    doc.id = std::move(id);
    doc.text = std::move(unix_text);
    doc.source_kind = SourceKind::text;
    if (read_header_block(doc))
        return doc;
    auto first_line_end = doc.text.find('\n');
    if (first_line_end != std::string::npos && first_line_end < 200 &&
        doc.text.find_first_not_of(" \t\n", first_line_end) != std::string::npos) {
        std::string_view first(doc.text.data(), first_line_end);
        while (!first.empty() && (first.back() == ' ' || first.back() == '\t'))
            first.remove_suffix(1);
        doc.title = first;
    }
    return doc;
}

std::string iso_date_from_metadata(std::string_view value) {
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front())))
        value.remove_prefix(1);
    // ISO 8601
    if (value.size() >= 10 && value[4] == '-' && value[7] == '-') {
        int y = 0;
        unsigned m = 0, d = 0;
        if (number(value.substr(0, 4), y) && number(value.substr(5, 2), m) && number(value.substr(8, 2), d) &&
            (value.size() == 10 || value[10] == 'T' || value[10] == ' '))
            return checked_date(y, m, d);
        return "";
    }
    // RFC 822 ("Tue, 17 Sep 2024 ...") or "17 September 2024"
    if (auto comma = value.find(','); comma != std::string_view::npos && comma < 10)
        value.remove_prefix(comma + 1);
    std::array<std::string_view, 3> parts{};
    for (auto& part : parts) {
        while (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
        auto end = value.find(' ');
        part = value.substr(0, end);
        value = end == std::string_view::npos ? std::string_view{} : value.substr(end);
    }
    unsigned d = 0;
    int y = 0;
    if (!number(parts[0], d) || !number(parts[2], y) || parts[1].size() < 3)
        return "";
    std::string month;
    for (char c : parts[1].substr(0, 3))
        month += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::size_t m = 0; m < month_abbreviations.size(); ++m)
        if (month_abbreviations[m] == month)
            return checked_date(y, static_cast<unsigned>(m + 1), d);
    return "";
}

} // namespace incimap::sources
