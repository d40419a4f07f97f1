// Read-only view of a gazetteer index (layout in index_format.hpp). An
// Index is cheap to copy: copies share the bytes, which stay alive as long
// as one copy does. All member functions are const and thread-safe.
#pragma once

#include "gazetteer/index_format.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::gazetteer {

class Index {
  public:
    // Uses bytes that live as long as the program (the embedded default).
    // Checks the header and the section bounds only: the bytes are trusted.
    // Throws Error naming `name` when they are not an index of this version.
    static Index from_static(std::span<const std::byte> bytes, std::string name);

    // Takes a freshly built index (IndexBuilder::build()). Full checks.
    static Index from_buffer(std::vector<std::uint64_t> buffer, std::string name);

    // Maps an index file into memory and checks every record, so a damaged
    // or foreign file is an error rather than a crash. Throws InputError
    // naming the file. Cost: one pass over the file.
    static Index open(const std::filesystem::path& file);

    // The header of an index file, when it is one of this version; reads
    // only the header.
    static std::optional<format::Header> read_header(const std::filesystem::path& file);

    const std::string& name() const { return name_; }
    const format::Header& header() const { return *header_; }
    std::size_t size_bytes() const { return bytes_.size(); }

    std::span<const format::PlaceRecord> places() const { return places_; }
    std::span<const format::NameEntry> entries() const { return entries_; }
    std::span<const format::KeyRecord> keys() const { return keys_; }
    std::span<const format::Admin1Record> admin1() const { return admin1_; }
    std::span<const format::CountryRecord> countries() const { return countries_; }

    std::string_view string(format::StrRef ref) const {
        return {strings_.data() + ref.offset, ref.size};
    }
    std::string_view key(std::uint32_t key_id) const { return string(keys_[key_id].key); }
    std::span<const format::NameEntry> entries_of(std::uint32_t key_id) const {
        return entries_.subspan(keys_[key_id].first_entry, keys_[key_id].entry_count);
    }

    // The position of `key` among keys(). Cost: one hash, a probe or two.
    std::optional<std::uint32_t> find_key(std::string_view key) const;

    // The position of the place with this geonameid. Cost: binary search.
    std::optional<std::uint32_t> find_place(std::int64_t geonameid) const;

    // The key positions whose padded key holds trigram `gram`, ascending
    // (and so by key length).
    std::span<const format::Posting> postings(std::uint32_t gram) const;

    // The positions [first, second) of the keys of length min_length to
    // max_length.
    std::pair<std::uint32_t, std::uint32_t> keys_of_length(std::size_t min_length,
                                                           std::size_t max_length) const;

    const format::Admin1Record* find_admin1(std::string_view country, std::string_view code) const;
    const format::CountryRecord* find_country(std::string_view iso2) const;
    // The seat of an admin1 (its PPLA, else the PPLC), as a place position.
    std::optional<std::uint32_t> find_seat(std::string_view country, std::string_view code) const;

  private:
    Index() = default;
    static Index view(std::shared_ptr<const void> owner, std::span<const std::byte> bytes,
                      std::string name, bool trusted);
    void check_records() const;

    std::shared_ptr<const void> owner_; // keeps the bytes alive
    std::span<const std::byte> bytes_;
    std::string name_;
    const format::Header* header_ = nullptr;
    std::span<const format::PlaceRecord> places_;
    std::span<const format::NameEntry> entries_;
    std::span<const format::KeyRecord> keys_;
    std::span<const std::uint32_t> lengths_;
    std::span<const std::uint32_t> buckets_;
    std::span<const format::GramRecord> grams_;
    std::span<const format::Posting> postings_;
    std::span<const format::Admin1Record> admin1_;
    std::span<const format::CountryRecord> countries_;
    std::span<const format::SeatRecord> seats_;
    std::string_view strings_;
};

} // namespace incimap::gazetteer
