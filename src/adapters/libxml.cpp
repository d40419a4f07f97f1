#include "adapters/libxml.hpp"

#include "core/error.hpp"

#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <string>

namespace incimap::libxml {
namespace {

struct DocDeleter {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

struct XmlParserDeleter {
    void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};
struct HtmlParserDeleter {
    void operator()(htmlParserCtxt* ctxt) const { htmlFreeParserCtxt(ctxt); }
};

std::string as_string(const xmlChar* s) { return s ? reinterpret_cast<const char*>(s) : ""; }

void check_size(std::string_view bytes, std::string_view origin) {
    if (bytes.size() > max_input_bytes)
        throw InputError(origin, 0,
                         fmt::format("{} bytes is more than the {} MiB a document may have", bytes.size(),
                                     max_input_bytes >> 20));
}

std::string element_name(const xmlNode* n, bool html) {
    std::string name = as_string(n->name);
    if (html) {
        for (char& c : name)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
    } else if (n->ns && n->ns->prefix) {
        name = as_string(n->ns->prefix) + ":" + name;
    }
    return name;
}

void convert_children(const xmlNode* first, Node& into, bool html, int depth);

Node convert_element(const xmlNode* n, bool html, int depth) {
    Node out;
    out.kind = Node::Kind::element;
    out.name = element_name(n, html);
    for (const xmlAttr* a = n->properties; a; a = a->next) {
        std::string name = element_name(reinterpret_cast<const xmlNode*>(a), html);
        std::string value;
        for (const xmlNode* v = a->children; v; v = v->next)
            if (v->type == XML_TEXT_NODE)
                value += as_string(v->content);
        out.attributes.emplace_back(std::move(name), std::move(value));
    }
    if (depth < max_depth)
        convert_children(n->children, out, html, depth + 1);
    return out;
}

void convert_children(const xmlNode* first, Node& into, bool html, int depth) {
    for (const xmlNode* c = first; c; c = c->next) {
        switch (c->type) {
        case XML_ELEMENT_NODE:
            into.children.push_back(convert_element(c, html, depth));
            break;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE: {
            Node text;
            text.kind = Node::Kind::text;
            text.text = as_string(c->content);
            into.children.push_back(std::move(text));
            break;
        }
        default:
            // Comments, processing instructions, DTDs, and entity references
            // (never expanded: see the header).
            break;
        }
    }
}

Node convert_document(const xmlDoc* doc, bool html) {
    Node root;
    root.name = "#document";
    convert_children(doc->children, root, html, 0);
    return root;
}

} // namespace

std::string_view Node::attribute(std::string_view n) const {
    for (const auto& [name, value] : attributes)
        if (name == n)
            return value;
    return {};
}

std::string Node::inner_text() const {
    if (kind == Kind::text)
        return text;
    std::string out;
    for (const auto& c : children)
        out += c.inner_text();
    return out;
}

Node parse_html(std::string_view bytes, std::string_view encoding, std::string_view origin) {
    check_size(bytes, origin);
    std::unique_ptr<htmlParserCtxt, HtmlParserDeleter> ctxt(htmlNewParserCtxt());
    if (!ctxt)
        throw LibraryError("libxml2: htmlNewParserCtxt failed (out of memory)");
    std::string enc(encoding.empty() ? "UTF-8" : encoding);
    std::string url(origin);
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                  HTML_PARSE_COMPACT;
    DocPtr doc(htmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), url.c_str(),
                                  enc.c_str(), options));
    if (!doc) {
        // An unknown charset name is the usual cause: read it as UTF-8.
        doc.reset(htmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), url.c_str(),
                                     "UTF-8", options));
    }
    if (!doc)
        throw InputError(origin, 0, "not readable as HTML");
    // libxml2 stops reading, silently under HTML_PARSE_NOERROR, at elements
    // nested deeper than 256: the rest of the page would be lost unseen.
    if (const xmlError* err = xmlCtxtGetLastError(ctxt.get());
        err && err->code == XML_ERR_INTERNAL_ERROR && err->message &&
        std::string_view(err->message).find("Excessive depth") != std::string_view::npos)
        throw InputError(origin, err->line, "elements nested too deep (more than 256 levels)");
    return convert_document(doc.get(), true);
}

Node parse_xml(std::string_view bytes, std::string_view origin) {
    check_size(bytes, origin);
    std::unique_ptr<xmlParserCtxt, XmlParserDeleter> ctxt(xmlNewParserCtxt());
    if (!ctxt)
        throw LibraryError("libxml2: xmlNewParserCtxt failed (out of memory)");
    std::string url(origin);
    // No XML_PARSE_NOENT (entity substitution), DTDLOAD, DTDATTR or HUGE.
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
    DocPtr doc(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), url.c_str(), nullptr,
                                 options));
    if (!doc || !ctxt->wellFormed) {
        const xmlError* err = xmlCtxtGetLastError(ctxt.get());
        std::string message = err && err->message ? err->message : "not well-formed XML";
        while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
            message.pop_back();
        throw InputError(origin, err ? err->line : 0, fmt::format("not well-formed XML: {}", message));
    }
    return convert_document(doc.get(), false);
}

} // namespace incimap::libxml
