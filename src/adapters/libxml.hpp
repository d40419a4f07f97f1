// The libxml2 adapter: the only file that includes libxml2's headers. It
// parses HTML (tolerant, as browsers do) and XML (feeds) from memory and
// hands back a small C++ tree, so the readers in sources/ never touch
// libxml2 handles.
//
// Safety: nothing is fetched from the network (HTML_PARSE_NONET,
// XML_PARSE_NONET), no DTD is loaded, and entities are never substituted —
// entity references other than the predefined ones and character references
// are dropped, so a "billion laughs" feed yields an empty text instead of
// gigabytes. Inputs above max_input_bytes are refused, and the tree is cut at
// max_depth levels (libxml2 itself stops at 256 for XML).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace incimap::libxml {

struct Node {
    enum class Kind { element, text };
    Kind kind = Kind::element;
    std::string name;  // element name, lowercase for HTML; "prefix:local" for namespaced XML
    std::vector<std::pair<std::string, std::string>> attributes;  // names as written (HTML: lowercase)
    std::string text;  // text nodes and CDATA: the characters, UTF-8
    std::vector<Node> children;

    bool is_element(std::string_view n) const { return kind == Kind::element && name == n; }
    // The value of attribute n, "" when absent.
    std::string_view attribute(std::string_view n) const;
    // All text below this node, concatenated as is.
    std::string inner_text() const;
};

constexpr std::size_t max_input_bytes = 64u << 20;
constexpr int max_depth = 512;

// Parses an HTML document. encoding is the charset to read the bytes in
// ("UTF-8", "windows-1252", ...); libxml2 converts to UTF-8. Returns the
// document node (name "#document"). Throws InputError naming origin when the
// input is too large or nothing could be parsed.
Node parse_html(std::string_view bytes, std::string_view encoding, std::string_view origin);

// Parses an XML document (a feed). Returns the document node. Throws
// InputError("origin:line: message") when the XML is not well-formed or too
// large.
Node parse_xml(std::string_view bytes, std::string_view origin);

} // namespace incimap::libxml
