// The on-disk layout of a gazetteer index. An index is one block of bytes
// used in place — embedded in the program's read-only data, or a file
// mapped into memory — without parsing: fixed-size records in flat arrays
// that refer to each other by position and to text by offset into one
// string pool. All integers are little-endian (the byte-order mark rejects
// a foreign index), sections start at multiples of 8 bytes.
//
//   places     PlaceRecord[], sorted by geonameid
//   entries    NameEntry[]: (place, spelling) for every indexed name,
//              grouped by key
//   keys       KeyRecord[]: distinct name keys (text/fold.hpp), sorted by
//              (length, bytes); each owns a run of entries
//   lengths    uint32[max_key_length + 2]: the position of the first key of
//              each length (and one past the last key)
//   buckets    uint32[2^k]: open-addressing hash table (FNV-1a of the key,
//              linear probing) of key positions + 1, 0 = empty
//   grams      GramRecord[]: the trigrams of the padded keys, sorted, each
//              owning a run of postings
//   postings   Posting[]: key positions, ascending — hence by key length —
//              with the symbols of the key, to filter without reading it
//   admin1     Admin1Record[], sorted by (country, code)
//   countries  CountryRecord[], sorted by ISO code
//   seats      SeatRecord[]: the seat (PPLA, else PPLC) of each admin1 the
//              places cover, sorted by (country, admin1 code)
//   strings    UTF-8 text, referenced by StrRef
#pragma once

#include "core/fnv1a.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace incimap::gazetteer::format {

inline constexpr std::array<char, 8> magic = {'I', 'N', 'C', 'I', 'G', 'A', 'Z', '1'};
inline constexpr std::uint32_t version = 4;

// Longer keys are not indexed.
inline constexpr std::size_t max_key_length = 255;
inline constexpr std::uint32_t byte_order_mark = 0x01020304;

// The bytes that pad a key at its start and end before cutting trigrams.
inline constexpr char gram_start = '\x01';
inline constexpr char gram_end = '\x02';

struct StrRef {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
};

enum Section : std::uint32_t {
    places,
    entries,
    keys,
    lengths,
    buckets,
    grams,
    postings,
    admin1,
    countries,
    seats,
    strings,
    section_count
};

struct SectionRange {
    std::uint64_t offset = 0; // from the start of the header
    std::uint64_t size = 0;   // in bytes
};

struct Header {
    std::array<char, 8> magic;
    std::uint32_t version;
    std::uint32_t byte_order;
    std::uint64_t source_size; // the dump's size when built from one file
    std::int64_t source_mtime; // its modification time, file clock ticks
    std::uint64_t rows_read;
    std::uint64_t rows_skipped;
    std::uint32_t kind; // DumpKind of the source
    std::uint32_t reserved;
    SectionRange sections[section_count];
};

// The fields ranking reads come first, to share a cache line.
struct PlaceRecord {
    std::int64_t geonameid;
    std::int64_t population;
    std::array<char, 8> feature_code; // NUL-padded
    std::array<char, 2> country;      // NUL-padded when unknown
    char feature_class;               // 0 when unknown
    std::uint8_t country_record;      // its CountryRecord in this index, or no_record8
    std::uint16_t admin1_record;      // its Admin1Record in this index, or no_record16
    std::array<char, 2> padding;
    StrRef admin1_code;
    double latitude;
    double longitude;
    StrRef name;
    StrRef alternate_countries; // GeoNames cc2
};

inline constexpr std::uint8_t no_record8 = 0xFF;
inline constexpr std::uint16_t no_record16 = 0xFFFF;

// How an entry's spelling is related to its place.
enum NameKind : std::uint32_t { main_name = 0, ascii_name = 1, alternate_name = 2 };

struct NameEntry {
    std::uint32_t place;
    std::uint32_t kind; // NameKind
    StrRef spelling;    // as written in the dump
};

struct KeyRecord {
    StrRef key;
    std::uint32_t first_entry;
    std::uint32_t entry_count;
    std::uint32_t symbols; // symbol_set() of the key
    std::uint32_t padding;
};

struct GramRecord {
    std::uint32_t gram; // three bytes, first in the high byte
    std::uint32_t first_posting;
    std::uint32_t posting_count;
};

struct Posting {
    std::uint32_t key;     // position among the keys
    std::uint32_t symbols; // symbol_set() of the key
};

struct Admin1Record {
    std::array<char, 2> country;
    std::array<char, 6> padding;
    StrRef code;
    StrRef name;
    StrRef ascii_name;
    StrRef key; // name key of the name
    std::int64_t geonameid;
};

struct CountryRecord {
    std::array<char, 2> iso2;
    std::array<char, 3> iso3;
    std::array<char, 3> padding;
    StrRef name;
    StrRef capital;
    StrRef key; // name key of the name
    std::int64_t geonameid;
    std::int64_t population;
};

struct SeatRecord {
    std::array<char, 2> country;
    std::array<char, 2> padding;
    std::uint32_t place;
    StrRef admin1_code;
};

static_assert(sizeof(Header) == 56 + 16 * section_count);
static_assert(sizeof(PlaceRecord) == 72);
static_assert(sizeof(NameEntry) == 16);
static_assert(sizeof(KeyRecord) == 24);
static_assert(sizeof(GramRecord) == 12);
static_assert(sizeof(Posting) == 8);
static_assert(sizeof(Admin1Record) == 48);
static_assert(sizeof(CountryRecord) == 48);
static_assert(sizeof(SeatRecord) == 16);

// 64-bit FNV-1a, the hash of the bucket table. Part of the format: never
// change it without bumping `version`.
inline std::uint64_t key_hash(std::string_view key) { return fnv1a::hash(key); }

// The set of symbols a key holds: bit i for the letter 'a' + i, bit 26 for
// any digit, bit 27 for any other byte. One edit changes at most two bits,
// so keys k edits apart differ in at most 2k bits: a cheap test before the
// edit distance.
inline std::uint32_t symbol_set(std::string_view key) {
    std::uint32_t set = 0;
    for (char c : key) {
        if (c >= 'a' && c <= 'z')
            set |= 1u << (c - 'a');
        else if (c >= '0' && c <= '9')
            set |= 1u << 26;
        else
            set |= 1u << 27;
    }
    return set;
}

// The number of bits set (no popcnt instruction assumed).
inline int bit_count(std::uint32_t x) {
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    return static_cast<int>((((x + (x >> 4)) & 0x0F0F0F0Fu) * 0x01010101u) >> 24);
}

inline std::uint32_t gram_code(char a, char b, char c) {
    return (std::uint32_t{static_cast<unsigned char>(a)} << 16) |
           (std::uint32_t{static_cast<unsigned char>(b)} << 8) |
           std::uint32_t{static_cast<unsigned char>(c)};
}

// Calls f(code) for every trigram of the key padded with two gram_start
// bytes before and two gram_end bytes after (|key| + 2 trigrams, repeats
// included).
template <typename F> void for_each_gram(std::string_view key, F&& f) {
    auto at = [&](std::size_t i) -> char {
        if (i < 2)
            return gram_start;
        if (i - 2 < key.size())
            return key[i - 2];
        return gram_end;
    };
    const std::size_t padded = key.size() + 4;
    for (std::size_t i = 0; i + 2 < padded; ++i)
        f(gram_code(at(i), at(i + 1), at(i + 2)));
}

// The text of a fixed-size, NUL-padded code field ("" when all NUL).
inline std::string_view code_text(const char* code, std::size_t size) {
    std::size_t n = 0;
    while (n < size && code[n] != '\0')
        ++n;
    return {code, n};
}

} // namespace incimap::gazetteer::format
