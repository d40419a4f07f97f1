#include "sources/html.hpp"

#include "adapters/libxml.hpp"
#include "core/counted.hpp"
#include "core/error.hpp"
#include "core/json_depth.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace incimap::sources {
namespace {

using libxml::Node;

constexpr auto dropped_elements = std::to_array<std::string_view>({
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "svg", "button",
    "figure", "figcaption", "template", "select", "textarea", "head", "menu", "dialog", "object", "canvas"});
constexpr auto boilerplate_words = std::to_array<std::string_view>({
    "share", "related", "comment", "advert", "promo", "newsletter", "cookie", "breadcrumb", "social",
    "sidebar", "caption", "subscribe"});
constexpr auto block_elements = std::to_array<std::string_view>({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "section", "article",
    "main", "tr", "table", "pre", "dd", "dt", "dl", "address", "center", "body", "hr"});

template <std::size_t N>
bool among(const std::array<std::string_view, N>& words, std::string_view w) {
    return std::find(words.begin(), words.end(), w) != words.end();
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_boilerplate(const Node& n) {
    if (n.kind != Node::Kind::element)
        return false;
    if (among(dropped_elements, n.name) || n.attribute("hidden").data() != nullptr ||
        n.attribute("aria-hidden") == "true" || n.attribute("role") == "navigation")
        return true;
    std::string marks = lower(n.attribute("class")) + " " + lower(n.attribute("id"));
    return std::any_of(boilerplate_words.begin(), boilerplate_words.end(),
                       [&](std::string_view w) { return marks.find(w) != std::string::npos; });
}

// Builds text with collapsed white space and paragraph breaks.
class TextBuilder {
public:
    void text(std::string_view s) {
        for (char c : s) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                pending_space_ = !out_.empty();
                continue;
            }
            if (pending_break_ > 0 && !out_.empty())
                out_.append(pending_break_, '\n');
            else if (pending_space_ && !out_.empty())
                out_ += ' ';
            pending_break_ = 0;
            pending_space_ = false;
            out_ += c;
        }
    }
    void paragraph() { pending_break_ = 2; }
    void line() { pending_break_ = std::max(pending_break_, std::size_t{1}); }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
    std::size_t pending_break_ = 0;
    bool pending_space_ = false;
};

// Whether N is a heading that repeats the page's TITLE ("Attack near Gao"
// under the title "Attack near Gao | Sahel Daily"): the title is the
// document's metadata already, and read again as text it would be a
// sentence of its own, reporting the incident a second time without the
// article's date.
bool repeats_title(const Node& n, std::string_view title) {
    if (title.empty() || !(n.is_element("h1") || n.is_element("h2")))
        return false;
    TextBuilder heading;
    heading.text(n.inner_text());
    const std::string text = heading.take();
    if (text.empty() || !title.starts_with(text))
        return false;
    const std::string_view rest = title.substr(text.size());
    return rest.empty() || rest.starts_with(" |") || rest.starts_with(" -") ||
           rest.starts_with(" \u2013") || rest.starts_with(" \u2014") || rest.starts_with(" :");
}

// The text of N; a heading repeating TITLE is left out.
void render(const Node& n, TextBuilder& out, std::string_view title = {}) {
    if (n.kind == Node::Kind::text) {
        out.text(n.text);
        return;
    }
    if (is_boilerplate(n) || repeats_title(n, title))
        return;
    if (n.name == "br") {
        out.line();
        return;
    }
    bool block = among(block_elements, n.name);
    if (block)
        out.paragraph();
    for (const auto& c : n.children)
        render(c, out, title);
    if (block)
        out.paragraph();
}

std::size_t paragraph_text_size(const Node& n) {
    std::size_t size = 0;
    for (const auto& c : n.children)
        if (c.is_element("p") && !is_boilerplate(c))
            size += c.inner_text().size();
    return size;
}

// The element holding the article: the largest <article>, else the element
// with the most paragraph text among its children.
const Node* article_container(const Node& root) {
    const Node* best_article = nullptr;
    std::size_t best_article_size = 0;
    const Node* best = nullptr;
    std::size_t best_size = 0;
    std::vector<const Node*> stack{&root};
    while (!stack.empty()) {
        const Node* n = stack.back();
        stack.pop_back();
        if (n->kind != Node::Kind::element || (n != &root && is_boilerplate(*n)))
            continue;
        if (n->name == "article") {
            std::size_t size = n->inner_text().size();
            if (size > best_article_size)
                best_article = n, best_article_size = size;
        }
        if (std::size_t size = paragraph_text_size(*n); size > best_size)
            best = n, best_size = size;
        for (const auto& c : n->children)
            stack.push_back(&c);
    }
    return best_article ? best_article : best;
}

const Node* find_element(const Node& root, std::string_view name) {
    if (root.is_element(name))
        return &root;
    for (const auto& c : root.children)
        if (const Node* found = find_element(c, name))
            return found;
    return nullptr;
}

void collect(const Node& n, std::string_view name, std::vector<const Node*>& out) {
    if (n.is_element(name))
        out.push_back(&n);
    for (const auto& c : n.children)
        collect(c, name, out);
}

// datePublished anywhere in a JSON-LD value (objects, arrays, @graph).
std::string json_ld_date(const nlohmann::json& j) {
    if (j.is_object()) {
        if (auto it = j.find("datePublished"); it != j.end() && it->is_string())
            return it->get<std::string>();
        for (const auto& [key, value] : j.items())
            if (auto d = json_ld_date(value); !d.empty())
                return d;
    } else if (j.is_array()) {
        for (const auto& value : j)
            if (auto d = json_ld_date(value); !d.empty())
                return d;
    }
    return "";
}

struct Metadata {
    std::string title;
    std::string published;
};

Metadata read_metadata(const Node& root, const Node* article) {
    std::vector<const Node*> metas, scripts, times;
    collect(root, "meta", metas);
    collect(root, "script", scripts);
    Metadata meta;
    std::string og_title, by_rank[4];
    auto take = [&](int rank, std::string_view value) {
        std::string iso = iso_date_from_metadata(value);
        if (!iso.empty() && by_rank[rank].empty())
            by_rank[rank] = iso;
    };
    for (const Node* m : metas) {
        std::string key = lower(!m->attribute("property").empty() ? m->attribute("property")
                                : !m->attribute("name").empty()   ? m->attribute("name")
                                                                  : m->attribute("itemprop"));
        std::string_view content = m->attribute("content");
        if (key == "og:title" && og_title.empty())
            og_title = content;
        else if (key == "article:published_time")
            take(0, content);
        else if (key == "og:published_time" || key == "og:article:published_time")
            take(1, content);
        else if (key == "datepublished")
            take(2, content);
        else if (key == "pubdate" || key == "publishdate" || key == "date" || key == "dc.date" ||
                 key == "dcterms.date" || key == "dc.date.issued" || key == "sailthru.date")
            take(3, content);
    }
    for (const Node* s : scripts) {
        if (lower(s->attribute("type")) != "application/ld+json")
            continue;
        const auto text = s->inner_text();
        try {
            check_json_depth(text, "JSON-LD");
        } catch (const InputError&) {
            continue;  // a date is not worth it
        }
        auto j = nlohmann::json::parse(text, nullptr, false);
        if (!j.is_discarded())
            take(2, json_ld_date(j));
    }
    for (const auto& date : by_rank)
        if (meta.published.empty())
            meta.published = date;
    if (meta.published.empty()) {
        if (article)
            collect(*article, "time", times);
        collect(root, "time", times);
        for (const Node* t : times) {
            meta.published = iso_date_from_metadata(t->attribute("datetime"));
            if (!meta.published.empty())
                break;
        }
    }
    if (!og_title.empty()) {
        meta.title = og_title;
    } else if (const Node* title = find_element(root, "title")) {
        TextBuilder b;
        b.text(title->inner_text());
        meta.title = b.take();
    }
    return meta;
}

bool is_utf8_name(std::string_view charset) {
    std::string c = lower(charset);
    return c.empty() || c == "utf-8" || c == "utf8";
}

} // namespace

std::string declared_charset(std::string_view bytes) {
    std::string head = lower(bytes.substr(0, 4096));
    for (std::size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
        std::size_t close = head.find('>', at);
        std::string_view tag = std::string_view(head).substr(at, close == std::string::npos ? std::string::npos : close - at);
        auto cs = tag.find("charset=");
        if (cs == std::string_view::npos)
            continue;
        std::string_view rest = tag.substr(cs + 8);
        while (!rest.empty() && (rest.front() == '"' || rest.front() == '\'' || rest.front() == ' '))
            rest.remove_prefix(1);
        std::size_t end = 0;
        while (end < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[end])) || rest[end] == '-' ||
                                     rest[end] == '_' || rest[end] == ':' || rest[end] == '.'))
            ++end;
        if (end > 0)
            return std::string(rest.substr(0, end));
    }
    return "";
}

Document document_from_html(std::string_view bytes, std::string id, std::string_view charset,
                            const WarningHandler& warn) {
    std::string encoding =
        charset_of_bytes(bytes, charset.empty() ? declared_charset(bytes) : charset, id, warn);
    std::string input(bytes);
    if (input.starts_with("\xEF\xBB\xBF")) {
        input.erase(0, 3);
        encoding = "utf-8";
    }
    if (is_utf8_name(encoding)) {
        encoding = "utf-8";
        if (std::size_t bad = repair_utf8(input); bad > 0 && warn)
            warn(fmt::format("{}: {} replaced with U+FFFD", id, counted(bad, "invalid UTF-8 byte")));
    }
    Node root = libxml::parse_html(input, encoding, id);
    const Node* container = article_container(root);
    if (!container)
        container = find_element(root, "body");
    Metadata meta = read_metadata(root, container);
    TextBuilder text;
    if (container)
        render(*container, text, meta.title);

    Document doc;
    doc.id = std::move(id);
    doc.text = text.take();
    doc.title = std::move(meta.title);
    doc.published = std::move(meta.published);
    doc.source_kind = SourceKind::html;
    repair_utf8(doc.text);  // a converted charset may still carry stray bytes
    repair_utf8(doc.title);
    return doc;
}

std::string html_fragment_text(std::string_view html, std::string_view origin) {
    if (html.find('<') == std::string_view::npos && html.find('&') == std::string_view::npos) {
        TextBuilder b;
        b.text(html);
        return b.take();
    }
    std::string input(html);
    repair_utf8(input);
    Node root = libxml::parse_html(input, "utf-8", origin);
    TextBuilder b;
    if (const Node* body = find_element(root, "body"))
        render(*body, b);
    return b.take();
}

} // namespace incimap::sources
