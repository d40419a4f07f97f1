#include "sources/batch.hpp"

#include "core/bounded_line.hpp"
#include "core/counted.hpp"
#include "core/error.hpp"
#include "core/json_depth.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace incimap::sources {
namespace {

// The optional string field key of a JSON object; throws a message when it
// is there but not a string.
std::string string_field(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return "";
    if (it->is_number_integer() && std::string_view(key) == "id")
        return std::to_string(it->get<long long>());
    if (!it->is_string())
        throw std::invalid_argument(fmt::format("\"{}\" is not a string", key));
    return it->get<std::string>();
}

// A document from one line, or the reason it is not one.
std::optional<Document> parse_line(const std::string& line, std::string_view origin, long line_no,
                                   std::string& why) {
    nlohmann::json j;
    try {
        check_json_depth(line, fmt::format("{}:{}", origin, line_no));
    } catch (const InputError&) {
        why = fmt::format("nested deeper than {} levels", json_depth_limit);
        return std::nullopt;
    }
    try {
        j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {  // out_of_range too: 1e400
        // e.what() is "[json.exception.parse_error.101] parse error at line 1, column 5: ..."
        std::string what = e.what();
        auto at = what.find("] ");
        why = "not JSON: " + (at == std::string::npos ? what : what.substr(at + 2));
        return std::nullopt;
    }
    if (!j.is_object()) {
        why = "not a JSON object";
        return std::nullopt;
    }
    Document doc;
    // A line that names its document is reported with that id.
    auto failing = [&](std::string reason) {
        why = doc.id.empty() ? std::move(reason) : fmt::format("document '{}': {}", doc.id, reason);
        return std::nullopt;
    };
    try {
        doc.id = string_field(j, "id");
        doc.text = string_field(j, "text");
        doc.title = string_field(j, "title");
        doc.url = string_field(j, "url");
        doc.published = string_field(j, "published");
    } catch (const std::invalid_argument& e) {
        return failing(e.what());
    }
    if (doc.text.empty())
        return failing("no \"text\"");
    if (!doc.published.empty()) {
        std::string iso = iso_date_from_metadata(doc.published);
        if (iso.empty() || doc.published.size() != 10)
            return failing(fmt::format("\"published\" '{}' is not a YYYY-MM-DD date", doc.published));
    }
    if (doc.id.empty())
        doc.id = fmt::format("{}:{}", origin, line_no);
    doc.source_kind = SourceKind::jsonl;
    return doc;
}

} // namespace

std::size_t read_json_lines(std::istream& in, std::string_view origin,
                            const std::function<void(Document&&)>& emit, const WarningHandler& warn,
                            const FailureHandler& skipped_line) {
    std::string line;
    long line_no = 0;
    std::size_t skipped = 0, skipped_in_a_row = 0;
    while (read_line_bounded(in, line, batch_line_limit, origin, line_no + 1)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        // JSON text holds no NUL byte (it is written \u0000): this is a
        // binary file that happens to start with '{'.
        if (const auto nul = line.find('\0'); nul != std::string::npos)
            throw InputError(origin, line_no,
                             fmt::format("binary data (a NUL byte at column {}), not JSON Lines; "
                                         "nothing more read",
                                         nul + 1));
        // JSON must be UTF-8; nlohmann rejects invalid bytes, so repair first.
        std::size_t bad = repair_utf8(line);
        std::string why;
        auto doc = parse_line(line, origin, line_no, why);
        if (!doc) {
            ++skipped;
            if (skipped_line)
                skipped_line({fmt::format("{}:{}", origin, line_no), why + "; line skipped"});
            else if (warn)
                warn(fmt::format("{}:{}: {}; line skipped", origin, line_no, why));
            if (++skipped_in_a_row == bad_lines_in_a_row_limit)
                throw InputError(origin, line_no,
                                 fmt::format("{} lines in a row are no documents (lines {}-{}); "
                                             "nothing more read: is this a JSON Lines batch?",
                                             skipped_in_a_row, line_no - skipped_in_a_row + 1, line_no));
            continue;
        }
        skipped_in_a_row = 0;
        if (bad > 0 && warn)
            warn(fmt::format("{}:{}: {} replaced with U+FFFD", origin, line_no,
                             counted(bad, "invalid UTF-8 byte")));
        emit(std::move(*doc));
    }
    if (in.bad())
        throw InputError(origin, line_no, "read error");
    return skipped;
}

std::vector<Document> documents_from_json_lines(std::istream& in, std::string_view origin,
                                                const WarningHandler& warn) {
    std::vector<Document> docs;
    read_json_lines(in, origin, [&](Document&& d) { docs.push_back(std::move(d)); }, warn);
    return docs;
}

} // namespace incimap::sources
