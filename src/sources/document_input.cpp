#include "sources/document_input.hpp"

#include "core/error.hpp"
#include "core/input_kind.hpp"
#include "sources/batch.hpp"
#include "sources/feed.hpp"
#include "sources/html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <sstream>

namespace incimap::sources {
namespace {

constexpr std::uintmax_t max_file_bytes = 64u << 20;

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Reads a stream of unknown size (standard input, a pipe, a device) up to
// the limit of a document; one that goes on past it may read no end
// (/dev/zero) and is refused there.
std::string read_stream(std::istream& in, const std::string& name) {
    std::string bytes;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > max_file_bytes)
            throw InputError(name, 0,
                             fmt::format("more than {} MiB read (the limit of a document); an input that "
                                         "reads no end?",
                                         max_file_bytes >> 20));
    }
    if (in.bad())
        throw InputError(name, 0, "read error");
    return bytes;
}

std::vector<Document> read_file(const std::filesystem::path& path, const WarningHandler& warn) {
    if (const auto why = why_not_readable_file(path); !why.empty())
        throw InputError(path.string(), 0, why);
    std::uintmax_t size = 0;
    if (!is_stream_device(path)) {
        std::error_code ec;
        size = std::filesystem::file_size(path, ec);
        if (ec)
            throw InputError(path.string(), 0, fmt::format("cannot read: {}", ec.message()));
    }
    if (size > max_file_bytes)
        throw InputError(path.string(), 0, fmt::format("{} bytes is more than {} MiB", size, max_file_bytes >> 20));
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path.string(), 0, "cannot open");
    std::string bytes = read_stream(in, path.string());
    return documents_from_bytes(bytes, detect_format(path, bytes), path.string(), warn);
}

} // namespace

InputFormat detect_format(const std::filesystem::path& name, std::string_view head) {
    std::string ext = lower(name.extension().string());
    if (ext == ".txt" || ext == ".text" || ext == ".md")
        return InputFormat::text;
    if (ext == ".html" || ext == ".htm" || ext == ".xhtml")
        return InputFormat::html;
    if (ext == ".xml" || ext == ".rss" || ext == ".atom")
        return InputFormat::feed;
    if (ext == ".jsonl" || ext == ".ndjson")
        return InputFormat::json_lines;
    std::string_view start = head.substr(0, 2048);
    if (start.starts_with("\xEF\xBB\xBF"))
        start.remove_prefix(3);
    auto first = start.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return InputFormat::text;
    if (start[first] == '{')
        return InputFormat::json_lines;
    if (start[first] == '<') {
        if (looks_like_feed(start))
            return InputFormat::feed;
        return InputFormat::html;
    }
    return InputFormat::text;
}

std::vector<Document> documents_from_bytes(std::string_view bytes, InputFormat format, const std::string& name,
                                           const WarningHandler& warn) {
    switch (format) {
    case InputFormat::html:
        return {document_from_html(bytes, name, "", warn)};
    case InputFormat::feed:
        return documents_from_feed(bytes, name, warn);
    case InputFormat::json_lines: {
        std::istringstream in{std::string(bytes)};
        return documents_from_json_lines(in, name, warn);
    }
    case InputFormat::text:
        break;
    }
    // Reports are text: an empty file, or one with NUL bytes (an image, an
    // archive, a document of a word processor), has none to read.
    if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw InputError(name, 0, "empty: no report text");
    if (const auto nul = bytes.find('\0'); nul != std::string_view::npos)
        throw InputError(name, 1 + std::count(bytes.begin(), bytes.begin() + nul, '\n'),
                         fmt::format("binary data (a NUL byte at byte {}), not a text report", nul));
    return {document_from_text(std::string(bytes), name, warn)};
}

std::vector<Document> read_documents(const std::filesystem::path& path, std::istream& standard_input,
                                     const WarningHandler& warn, const FailureHandler& fail) {
    if (path == "-") {
        std::string bytes = read_stream(standard_input, "standard input");
        return documents_from_bytes(bytes, detect_format("", bytes), "stdin", warn);
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) {
        if (!std::filesystem::exists(path, ec))
            throw InputError(path.string(), 0, "no such file or folder");
        return read_file(path, warn);
    }
    std::vector<std::filesystem::path> files;
    auto options = std::filesystem::directory_options::skip_permission_denied;
    for (auto it = std::filesystem::recursive_directory_iterator(path, options, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        std::string leaf = it->path().filename().string();
        if (leaf.starts_with(".")) {
            if (it->is_directory(ec))
                it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec))
            files.push_back(it->path());
    }
    if (ec)
        throw InputError(path.string(), 0, fmt::format("cannot list the folder: {}", ec.message()));
    std::sort(files.begin(), files.end());
    std::vector<Document> docs;
    for (const auto& file : files) {
        try {
            auto more = read_file(file, warn);
            std::move(more.begin(), more.end(), std::back_inserter(docs));
        } catch (const Error& e) {
            if (fail)
                fail(failure_of(file.string(), e.what()));
        }
    }
    return docs;
}

} // namespace incimap::sources
