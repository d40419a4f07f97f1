// Builds gazetteer indexes (layout in index_format.hpp) from dump rows:
// at build time for the embedded default, on first use for added dumps.
//
// Which names are indexed: the name, the ASCII name and every alternate
// name of a place, under their name keys (text/fold.hpp), each key once per
// place. Alternate names that are not names are left out: links (http…,
// www.…), codes written in capitals and digits only (IATA "BKO", ICAO
// "GABS"), and names whose key has no Latin letter (other scripts, postal
// codes) — a query typed in Latin script could never match them.
#pragma once

#include "gazetteer/dump_reader.hpp"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace incimap::gazetteer {

// Whether an alternate name from a dump is indexed (see above).
bool is_indexed_alternate(std::string_view alternate);

class IndexBuilder {
  public:
    // Adds a place; a later row with the same geonameid replaces it.
    void add_place(const PlaceRow& row);
    // Adds names to a place added before. Returns false, adding nothing,
    // when no place has that geonameid.
    bool add_names(std::int64_t geonameid, std::span<const std::string> names);
    void add_admin1(const Admin1Row& row);
    void add_country(const CountryRow& row);

    // Recorded in the header: what the index was built from.
    void set_source(std::uint64_t size, std::int64_t mtime, DumpKind kind);
    void count_rows(const ReadReport& report);

    std::size_t place_count() const { return places_.size(); }
    bool has_place(std::int64_t geonameid) const { return by_id_.contains(geonameid); }

    // The index, in 8-byte words so that it can be used in place.
    // Cost: O(n log n) in the number of names; memory a few times the index.
    std::vector<std::uint64_t> build() const;

  private:
    struct Text {
        std::size_t offset = 0;
        std::size_t size = 0;
    };
    struct Pending {
        std::int64_t geonameid = 0;
        double latitude = 0;
        double longitude = 0;
        std::int64_t population = 0;
        Text name, ascii_name, alternate_names, admin1_code, alternate_countries;
        std::array<char, 8> feature_code{};
        std::array<char, 2> country{};
        char feature_class = 0;
    };
    struct Admin1 {
        std::string name, ascii_name;
        std::int64_t geonameid = 0;
    };
    struct Country {
        std::string iso3, name, capital;
        std::int64_t population = 0, geonameid = 0;
    };

    Text keep(std::string_view text);
    std::string_view text(Text t) const {
        return std::string_view(arena_).substr(t.offset, t.size);
    }

    std::string arena_;
    std::vector<Pending> places_;
    std::unordered_map<std::int64_t, std::size_t> by_id_;
    std::unordered_map<std::int64_t, std::vector<std::string>> extra_names_;
    std::vector<std::pair<std::pair<std::string, std::string>, Admin1>> admin1_;
    std::vector<std::pair<std::string, Country>> countries_;
    std::uint64_t source_size_ = 0;
    std::int64_t source_mtime_ = 0;
    DumpKind kind_ = DumpKind::places;
    std::uint64_t rows_read_ = 0;
    std::uint64_t rows_skipped_ = 0;

    friend class IndexWriter;
};

// Reads a dump of any kind (told by dump_kind()) into `builder`. Throws
// InputError naming the file when it is missing or unreadable.
ReadReport read_dump_into(const std::filesystem::path& dump, IndexBuilder& builder);

} // namespace incimap::gazetteer
