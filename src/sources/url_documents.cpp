#include "sources/url_documents.hpp"

#include "core/error.hpp"
#include "core/json_depth.hpp"
#include "core/fnv1a.hpp"
#include "sources/html.hpp"
#include "text/utf8.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>

#include <unistd.h>

namespace incimap::sources {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

// The media type of a Content-Type, lowercase, without parameters.
std::string media_type(std::string_view content_type) {
    return lower(trimmed(content_type.substr(0, content_type.find(';'))));
}

std::string utc_now() {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
}

// FNV-1a, 64 bits: a stable file name for a URL (the file repeats the URL,
// so a collision reads as a miss, never as another page).
std::string url_key(std::string_view url) { return fmt::format("{:016x}", fnv1a::hash(url)); }

// windows-1252's characters at 0x80..0x9F (0 where it has none: kept as
// the C1 control of ISO-8859-1).
constexpr std::array<char16_t, 32> cp1252_high = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

bool is_latin1_name(std::string_view charset) {
    return charset == "iso-8859-1" || charset == "iso8859-1" || charset == "latin1" ||
           charset == "latin-1" || charset == "l1" || charset == "iso_8859-1";
}

bool is_cp1252_name(std::string_view charset) {
    return charset == "windows-1252" || charset == "cp1252" || charset == "x-cp1252";
}

// Single-byte text in CHARSET as UTF-8, when it is one this file knows.
std::optional<std::string> single_byte_to_utf8(std::string_view bytes, std::string_view charset) {
    const bool cp1252 = is_cp1252_name(charset);
    if (!cp1252 && !is_latin1_name(charset))
        return std::nullopt;
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (unsigned char b : bytes) {
        char32_t c = b;
        if (cp1252 && b >= 0x80 && b < 0xA0 && cp1252_high[b - 0x80] != 0)
            c = cp1252_high[b - 0x80];
        text::append_utf8(out, c);
    }
    return out;
}

bool is_utf8_name(std::string_view charset) {
    return charset.empty() || charset == "utf-8" || charset == "utf8" || charset == "us-ascii" ||
           charset == "ascii";
}

// The file name part of a URL's path, for telling the format by extension.
std::filesystem::path url_file_name(std::string_view url) {
    url = url.substr(0, url.find_first_of("?#"));
    if (auto scheme = url.find("://"); scheme != std::string_view::npos) {
        url.remove_prefix(scheme + 3);
        const auto slash = url.find('/');
        url = slash == std::string_view::npos ? std::string_view{} : url.substr(slash);
    }
    return std::filesystem::path(std::string(url)).filename();
}

// Media types that never hold a report, whatever their bytes.
bool is_binary_media_type(std::string_view type) {
    constexpr std::string_view families[] = {"image/", "audio/", "video/", "font/", "model/"};
    constexpr std::string_view types[] = {"application/pdf", "application/zip",
                                          "application/gzip", "application/x-gzip",
                                          "application/x-tar", "application/wasm"};
    for (auto family : families)
        if (type.starts_with(family))
            return true;
    for (auto known : types)
        if (type == known)
            return true;
    return false;
}

// UTF-16 and UTF-32 text is full of NUL bytes.
bool is_wide_text(const WebPage& page) {
    const auto charset = content_type_charset(page.content_type);
    return charset.starts_with("utf-16") || charset.starts_with("utf-32") ||
           page.body.starts_with("\xFF\xFE") || page.body.starts_with("\xFE\xFF");
}

// Refuses a page that is no report: a binary media type, or NUL bytes near
// the start of what is not wide text, whatever the type says. Reading it as
// text would give garbage.
void require_report(const WebPage& page) {
    const auto type = media_type(page.content_type);
    const auto named = type.empty() ? std::string("no content type") : type;
    if (is_binary_media_type(type))
        throw NetworkError(fmt::format("{} sent {}, not a report (HTML, a feed, JSON Lines or text)",
                                       page.url, named));
    if (is_wide_text(page))
        return;
    if (const auto nul = std::string_view(page.body).substr(0, 4096).find('\0');
        nul != std::string_view::npos)
        throw NetworkError(fmt::format(
            "{} sent binary data ({}, a NUL byte at byte {}), not a report", page.url, named, nul));
}

} // namespace

bool is_web_url(std::string_view input) {
    const auto scheme = lower(input.substr(0, 8));
    return scheme.starts_with("http://") || scheme.starts_with("https://");
}

std::filesystem::path PageCache::file_of(std::string_view url) const {
    return folder_ / (url_key(url) + ".page");
}

std::optional<WebPage> PageCache::find(std::string_view url) const {
    std::ifstream in(file_of(url), std::ios::binary);
    if (!in)
        return std::nullopt;
    std::string header;
    if (!std::getline(in, header))
        return std::nullopt;
    try {
        check_json_depth(header, file_of(url).string());
    } catch (const InputError&) {
        return std::nullopt;  // not a page this cache wrote
    }
    const auto meta = nlohmann::json::parse(header, nullptr, false);
    if (!meta.is_object() || meta.value("url", "") != url)
        return std::nullopt;
    WebPage page;
    page.url = url;
    page.final_url = meta.value("final_url", page.url);
    page.content_type = meta.value("content_type", "");
    page.fetched = meta.value("fetched", "");
    page.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad() || page.body.size() != meta.value("bytes", std::size_t{0}))
        return std::nullopt;  // cut short: read as a miss and fetched again
    return page;
}

void PageCache::keep(const WebPage& page) const {
    const auto file = file_of(page.url);
    std::error_code error;
    std::filesystem::create_directories(folder_, error);
    if (error)
        throw InputError(folder_.string(), 0, "cannot create the page cache: " + error.message());
    const nlohmann::json meta = {{"url", page.url},
                                 {"final_url", page.final_url},
                                 {"content_type", page.content_type},
                                 {"fetched", page.fetched},
                                 {"bytes", page.body.size()}};
    auto temporary = file;
    temporary += fmt::format(".{}.tmp", static_cast<long>(::getpid()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n'
            << page.body;
        out.close();
        if (!out) {
            std::filesystem::remove(temporary, error);
            throw InputError(temporary.string(), 0, "cannot write the cached page");
        }
    }
    std::filesystem::rename(temporary, file, error);
    if (error) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw InputError(file.string(), 0, "cannot keep the cached page: " + error.message());
    }
}

std::string content_type_charset(std::string_view content_type) {
    for (auto pos = content_type.find(';'); pos != std::string_view::npos;) {
        const auto next = content_type.find(';', pos + 1);
        auto parameter = trimmed(content_type.substr(pos + 1, next - pos - 1));
        if (lower(parameter.substr(0, 8)) == "charset=") {
            auto value = trimmed(parameter.substr(8));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
                value = value.substr(1, value.size() - 2);
            return lower(value);
        }
        pos = next;
    }
    return {};
}

InputFormat page_format(std::string_view content_type, std::string_view url,
                        std::string_view body) {
    const auto type = media_type(content_type);
    if (type == "text/html" || type == "application/xhtml+xml")
        return InputFormat::html;
    if (type == "application/rss+xml" || type == "application/atom+xml" ||
        type == "application/feed+xml")
        return InputFormat::feed;
    if (type == "application/json" || type == "application/x-ndjson" ||
        type == "application/jsonl" || type == "application/x-jsonlines")
        return InputFormat::json_lines;
    if (type == "text/plain") {
        // Servers send text/plain for files they do not know; markup says more.
        const auto sniffed = detect_format({}, body.substr(0, 4096));
        return sniffed == InputFormat::json_lines ? InputFormat::text : sniffed;
    }
    return detect_format(url_file_name(url), body.substr(0, 4096));
}

std::vector<Document> documents_from_page(const WebPage& page, const WarningHandler& warn) {
    const auto& name = page.final_url.empty() ? page.url : page.final_url;
    const auto format = page_format(page.content_type, name, page.body);
    const auto declared = content_type_charset(page.content_type);
    const auto charset = format == InputFormat::text
                             ? charset_of_bytes(page.body, declared, name, warn)
                             : declared;  // an HTML page's is checked by the HTML reader
    std::vector<Document> documents;
    if (format == InputFormat::html) {
        documents.push_back(document_from_html(page.body, name, charset, warn));
    } else if (format == InputFormat::text && !is_utf8_name(charset)) {
        auto text = single_byte_to_utf8(page.body, charset);
        if (!text) {
            warn(fmt::format("{}: charset '{}' is not supported for text; read as UTF-8", name,
                             charset));
            text = page.body;
        }
        documents.push_back(document_from_text(std::move(*text), name, warn));
    } else {
        documents = documents_from_bytes(page.body, format, name, warn);
    }
    for (auto& doc : documents)
        if (doc.url.empty())
            doc.url = name;
    return documents;
}

WebPage fetch_page(std::string_view url, const WebReadOptions& options) {
    if (options.cache && !options.refresh)
        if (auto kept = options.cache->find(url))
            return std::move(*kept);
    auto fetched = fetch_to_memory(url, options.download);
    WebPage page;
    page.url = url;
    page.final_url = fetched.final_url.empty() ? page.url : std::move(fetched.final_url);
    page.content_type = std::move(fetched.content_type);
    page.fetched = utc_now();
    page.body = std::move(fetched.body);
    require_report(page);
    if (options.cache)
        options.cache->keep(page);
    return page;
}

std::vector<Document> read_url_documents(std::string_view url, const WebReadOptions& options,
                                         const WarningHandler& warn) {
    return documents_from_page(fetch_page(url, options), warn);
}

} // namespace incimap::sources
