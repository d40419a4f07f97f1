#include "sources/feed.hpp"

#include "adapters/libxml.hpp"
#include "core/error.hpp"
#include "sources/html.hpp"

#include <fmt/format.h>

#include <functional>

namespace incimap::sources {
namespace {

using libxml::Node;

const Node* child(const Node& n, std::string_view name) {
    for (const auto& c : n.children)
        if (c.is_element(name))
            return &c;
    return nullptr;
}

std::string child_text(const Node& n, std::string_view name) {
    const Node* c = child(n, name);
    return c ? c->inner_text() : "";
}

std::string trimmed(std::string s) {
    auto b = s.find_first_not_of(" \t\r\n");
    auto e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Atom content: type="xhtml" holds markup as child elements; "html" and
// "text" hold it as (escaped) text.
std::string atom_content(const Node& n, std::string_view origin) {
    if (n.attribute("type") == "xhtml") {
        std::string markup;
        std::function<void(const Node&)> write = [&](const Node& x) {
            if (x.kind == Node::Kind::text) {
                markup += x.text;
                return;
            }
            std::string name = x.name.substr(x.name.find(':') == std::string::npos ? 0 : x.name.find(':') + 1);
            markup += fmt::format("<{}>", name);
            for (const auto& c : x.children)
                write(c);
            markup += fmt::format("</{}>", name);
        };
        for (const auto& c : n.children)
            write(c);
        return html_fragment_text(markup, origin);
    }
    return html_fragment_text(n.inner_text(), origin);
}

Document rss_item(const Node& item, std::string_view origin, std::size_t index, SourceKind kind) {
    Document doc;
    doc.source_kind = kind;
    doc.title = html_fragment_text(child_text(item, "title"), origin);
    doc.url = trimmed(child_text(item, "link"));
    std::string guid = trimmed(child_text(item, "guid"));
    if (guid.empty())
        guid = trimmed(std::string(item.attribute("rdf:about")));
    doc.id = !guid.empty() ? guid : !doc.url.empty() ? doc.url : fmt::format("{}#{}", origin, index);
    for (auto name : {"pubDate", "dc:date", "published", "updated"}) {
        doc.published = iso_date_from_metadata(trimmed(child_text(item, name)));
        if (!doc.published.empty())
            break;
    }
    std::string body = child_text(item, "content:encoded");
    if (trimmed(body).empty())
        body = child_text(item, "description");
    doc.text = html_fragment_text(body, origin);
    return doc;
}

Document atom_entry(const Node& entry, std::string_view origin, std::size_t index) {
    Document doc;
    doc.source_kind = SourceKind::atom;
    if (const Node* title = child(entry, "title"))
        doc.title = atom_content(*title, origin);
    for (const auto& c : entry.children) {
        if (!c.is_element("link"))
            continue;
        std::string_view rel = c.attribute("rel");
        if (rel.empty() || rel == "alternate") {
            doc.url = trimmed(std::string(c.attribute("href")));
            break;
        }
    }
    std::string id = trimmed(child_text(entry, "id"));
    doc.id = !id.empty() ? id : !doc.url.empty() ? doc.url : fmt::format("{}#{}", origin, index);
    for (auto name : {"published", "updated"}) {
        doc.published = iso_date_from_metadata(trimmed(child_text(entry, name)));
        if (!doc.published.empty())
            break;
    }
    const Node* body = child(entry, "content");
    if (!body || trimmed(body->inner_text()).empty())
        body = child(entry, "summary");
    if (body)
        doc.text = atom_content(*body, origin);
    return doc;
}

} // namespace

bool looks_like_feed(std::string_view bytes) {
    std::string_view head = bytes.substr(0, 2048);
    return head.find("<rss") != std::string_view::npos || head.find("<feed") != std::string_view::npos ||
           head.find("<rdf:RDF") != std::string_view::npos;
}

std::vector<Document> documents_from_feed(std::string_view bytes, std::string_view origin,
                                          const WarningHandler& warn) {
    Node root = libxml::parse_xml(bytes, origin);
    const Node* top = nullptr;
    for (const auto& c : root.children)
        if (c.kind == Node::Kind::element)
            top = &c;
    if (!top)
        throw InputError(origin, 0, "empty XML document");

    std::vector<const Node*> items;
    SourceKind kind = SourceKind::rss;
    if (top->is_element("rss")) {
        if (const Node* channel = child(*top, "channel"))
            for (const auto& c : channel->children)
                if (c.is_element("item"))
                    items.push_back(&c);
    } else if (top->is_element("rdf:RDF")) {
        for (const auto& c : top->children)
            if (c.is_element("item"))
                items.push_back(&c);
    } else if (top->is_element("feed")) {
        kind = SourceKind::atom;
        for (const auto& c : top->children)
            if (c.is_element("entry"))
                items.push_back(&c);
    } else {
        throw InputError(origin, 0, fmt::format("root element <{}> is neither an RSS nor an Atom feed", top->name));
    }

    std::vector<Document> docs;
    for (std::size_t i = 0; i < items.size(); ++i) {
        Document doc = kind == SourceKind::atom ? atom_entry(*items[i], origin, i + 1)
                                                : rss_item(*items[i], origin, i + 1, kind);
        if (doc.text.empty() && doc.title.empty()) {
            if (warn)
                warn(fmt::format("{}: item {} has neither text nor title; skipped", origin, i + 1));
            continue;
        }
        if (doc.text.empty())
            doc.text = doc.title;
        docs.push_back(std::move(doc));
    }
    return docs;
}

} // namespace incimap::sources
