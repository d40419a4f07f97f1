// Reports from the web: an http(s) URL fetched with the download engine
// (sources/http.hpp: its redirect limit, timeouts, size cap and User-Agent),
// kept in a page cache so that reading it again does not download it again,
// and read as HTML, a feed, JSON Lines or text.
//
// The format comes from the Content-Type (text/html and XHTML: HTML; RSS and
// Atom types: a feed; JSON types: JSON Lines; text/plain: text); a generic or
// missing type (application/xml, text/xml, application/octet-stream) is told
// by the URL's extension and the first bytes, as for files.
//
// The charset is the Content-Type's, else the one an HTML page declares in
// a <meta>, else UTF-8. HTML pages are converted by the HTML reader (any
// charset libxml2 knows); text in ISO-8859-1 or windows-1252 is converted
// here, text in another charset is read as UTF-8 with a warning; feeds go
// by their XML declaration.
#pragma once

#include "sources/document.hpp"
#include "sources/document_input.hpp"
#include "sources/http.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::sources {

// Whether INPUT names a web page (http:// or https://).
bool is_web_url(std::string_view input);

// A page as the server gave it.
struct WebPage {
    std::string url;           // as asked for
    std::string final_url;     // after redirects
    std::string content_type;  // as sent, "" when none
    std::string fetched;       // when it was downloaded, ISO 8601 UTC
    std::string body;
};

// Pages kept on disk, one file per URL named by a 64-bit FNV-1a hash of the
// URL: a JSON line {url, final_url, content_type, fetched}, then the body.
// Files are written under a temporary name and renamed, so a reader never
// sees half a page.
class PageCache {
public:
    explicit PageCache(std::filesystem::path folder) : folder_(std::move(folder)) {}

    // The page kept for URL; nothing when there is none, or the file is not a
    // page of this URL (damaged, or another URL with the same hash).
    std::optional<WebPage> find(std::string_view url) const;
    // Keeps PAGE (creating the folder). Throws InputError naming the file
    // when it cannot be written.
    void keep(const WebPage& page) const;
    std::filesystem::path file_of(std::string_view url) const;

private:
    std::filesystem::path folder_;
};

// The charset parameter of a Content-Type, lowercase; "" when none.
std::string content_type_charset(std::string_view content_type);

// The format of a page: from its Content-Type, else from the URL's
// extension and the first bytes.
InputFormat page_format(std::string_view content_type, std::string_view url,
                        std::string_view body);

// The documents of a page; those that carry no URL get the final URL.
std::vector<Document> documents_from_page(const WebPage& page, const WarningHandler& warn);

struct WebReadOptions {
    std::optional<PageCache> cache;  // none: always download
    bool refresh = false;            // download even when the cache holds the page
    DownloadOptions download;
};

// The page at URL: from the cache, else downloaded (and then kept). Throws
// NetworkError naming the URL (HttpStatusError for a 4xx or 5xx answer), and
// naming the type when the server sends something that is no report (an
// image, audio, video, a PDF or archive, or bytes with NULs in the first
// 4 KiB): such a page is not kept.
WebPage fetch_page(std::string_view url, const WebReadOptions& options);

// fetch_page then documents_from_page.
std::vector<Document> read_url_documents(std::string_view url, const WebReadOptions& options,
                                         const WarningHandler& warn);

} // namespace incimap::sources
