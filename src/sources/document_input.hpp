// Where documents come from on the command line: a file, a folder of files,
// or standard input ("-"). The format of each is told by its extension —
// .txt .text .md: text; .html .htm .xhtml: HTML; .xml .rss .atom: feed;
// .jsonl .ndjson: JSON Lines — or, for other names and for standard input,
// by its first bytes (a feed root, an HTML tag, a JSON object, else text).
#pragma once

#include "sources/document.hpp"

#include <filesystem>
#include <istream>
#include <string_view>
#include <vector>

namespace incimap::sources {

enum class InputFormat { text, html, feed, json_lines };

// The format of a file from its name, then from its first bytes.
InputFormat detect_format(const std::filesystem::path& name, std::string_view head);

// The documents of bytes in the given format; name identifies them.
std::vector<Document> documents_from_bytes(std::string_view bytes, InputFormat format, const std::string& name,
                                           const WarningHandler& warn);

// Reads path: "-" is standard input; a folder is read recursively in name
// order, hidden files skipped, and a file in it that fails is reported
// through fail while the other files are still read; a single file that
// fails throws InputError naming it. Files above 64 MiB are refused.
// Warnings about documents that are read (repaired text, skipped feed
// items) go to warn.
std::vector<Document> read_documents(const std::filesystem::path& path, std::istream& standard_input,
                                     const WarningHandler& warn, const FailureHandler& fail);

} // namespace incimap::sources
