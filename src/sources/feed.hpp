// News feeds: RSS 2.0 (and RSS 1.0/RDF) and Atom. Each item or entry is a
// Document with its link, title, date (pubDate, published, updated or
// dc:date) and text (content:encoded or content, else description or
// summary) with the HTML stripped.
//
// The XML is parsed safely (see adapters/libxml.hpp): no network, no DTD,
// no entity expansion; a malformed or hostile feed fails with an
// InputError naming the feed and the line.
#pragma once

#include "sources/document.hpp"

#include <string_view>
#include <vector>

namespace incimap::sources {

// Throws InputError when bytes is not a well-formed RSS or Atom feed. An item
// without text is skipped with a warning. origin names the feed in messages
// and in the ids of items that have no guid, id or link ("origin#3").
std::vector<Document> documents_from_feed(std::string_view bytes, std::string_view origin,
                                          const WarningHandler& warn);

// Whether bytes looks like a feed (an <rss>, <feed> or <rdf:RDF> root near
// the start).
bool looks_like_feed(std::string_view bytes);

} // namespace incimap::sources
