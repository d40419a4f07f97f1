// RSS and Atom feeds: the items of a feed, through the safe XML reader.
#include "fuzz/fuzz_target.hpp"
#include "sources/feed.hpp"

INCIMAP_FUZZ_TARGET(feed) {
    using namespace incimap::sources;
    looks_like_feed(input);
    incimap::fuzz::accept_input_errors(
        [&] { documents_from_feed(input, "fuzz.xml", [](const std::string&) {}); });
}
