// News articles as HTML: the article body as text, the title and the
// publication date, read with libxml2's tolerant HTML parser (no network).
//
// Body: the largest <article> when there is one, else the element holding
// the most paragraph text; script, style, nav, header, footer, aside, form,
// figure (captions) and similar page furniture — also blocks whose class or
// id says share, related, comment, advert, newsletter, cookie, sidebar — are
// dropped. Entities are decoded, runs of white space become one space, and
// block elements (p, div, h1-h6, li, blockquote, tr, ...) end a paragraph:
// paragraphs are separated by a blank line.
//
// Title: og:title, else <title>. Published date (ISO), the first found of:
// article:published_time, og:published_time, JSON-LD datePublished (or an
// itemprop="datePublished"), pubdate / publishdate / date / dc.date meta,
// <time datetime> (inside the article first).
//
// Charset: the one given by the caller (an HTTP Content-Type), else <meta
// charset> or <meta http-equiv="Content-Type">, else UTF-8; other charsets
// are converted to UTF-8. Invalid UTF-8 is repaired (U+FFFD) with a warning.
#pragma once

#include "sources/document.hpp"

#include <string>
#include <string_view>

namespace incimap::sources {

// The document of an HTML page. id names it in warnings and errors. Throws
// InputError when the page is larger than the parser's limit (64 MiB).
Document document_from_html(std::string_view bytes, std::string id, std::string_view charset,
                            const WarningHandler& warn);

// The text of an HTML fragment (a feed item's description): tags dropped,
// entities decoded, paragraphs kept. Text without tags comes back trimmed.
std::string html_fragment_text(std::string_view html, std::string_view origin);

// The charset an HTML page declares in its first 4 KiB (<meta charset=...>
// or http-equiv Content-Type), lowercase; "" when it declares none.
std::string declared_charset(std::string_view bytes);

} // namespace incimap::sources
