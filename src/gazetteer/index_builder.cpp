#include "gazetteer/index_builder.hpp"

#include "core/error.hpp"
#include "gazetteer/index_format.hpp"
#include "text/fold.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <tuple>

namespace incimap::gazetteer {
namespace {

using namespace format;

// Deduplicated text of an index.
class StringPool {
  public:
    StrRef add(std::string_view text) {
        auto [it, inserted] = offsets_.try_emplace(std::string(text), 0);
        if (inserted) {
            if (pool_.size() + text.size() > std::numeric_limits<std::uint32_t>::max())
                throw Error("gazetteer index too large: more than 4 GiB of names");
            it->second = static_cast<std::uint32_t>(pool_.size());
            pool_ += text;
        }
        return {it->second, static_cast<std::uint32_t>(text.size())};
    }
    const std::string& bytes() const { return pool_; }

  private:
    std::string pool_;
    std::unordered_map<std::string, std::uint32_t> offsets_;
};

struct NameItem {
    std::string key;
    std::uint32_t place;
    std::uint32_t kind;
    std::string_view spelling; // into the builder's text, alive during build()
};

// Appends sections to the index image, each aligned to 8 bytes.
class ImageWriter {
  public:
    ImageWriter() { bytes_.resize(sizeof(Header)); }

    template <typename Record> SectionRange append(std::span<const Record> records) {
        SectionRange range{bytes_.size(), records.size_bytes()};
        bytes_.resize(bytes_.size() + records.size_bytes());
        if (!records.empty())
            std::memcpy(bytes_.data() + range.offset, records.data(), records.size_bytes());
        bytes_.resize((bytes_.size() + 7) / 8 * 8);
        return range;
    }

    std::vector<std::uint64_t> finish(const Header& header) {
        std::memcpy(bytes_.data(), &header, sizeof header);
        std::vector<std::uint64_t> words(bytes_.size() / 8);
        std::memcpy(words.data(), bytes_.data(), bytes_.size());
        return words;
    }

  private:
    std::vector<char> bytes_;
};

std::uint32_t checked_u32(std::size_t value) {
    if (value > std::numeric_limits<std::uint32_t>::max())
        throw Error("gazetteer index too large: more than 4 billion records");
    return static_cast<std::uint32_t>(value);
}

template <std::size_t N> std::array<char, N> fixed(std::string_view text) {
    std::array<char, N> out{};
    std::memcpy(out.data(), text.data(), std::min(N, text.size()));
    return out;
}

bool is_code(std::string_view name) {
    if (name.size() < 2 || name.size() > 5)
        return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

// Keys and entries, grouped by key, keys ordered by (length, bytes). The
// key texts go first into the pool, together and in key order: lookups
// touch them most.
void group_names(std::vector<NameItem>& items, std::vector<KeyRecord>& keys,
                 std::vector<NameEntry>& entries, StringPool& pool) {
    std::sort(items.begin(), items.end(), [](const NameItem& a, const NameItem& b) {
        return std::tuple(a.key.size(), std::string_view(a.key), a.place) <
               std::tuple(b.key.size(), std::string_view(b.key), b.place);
    });
    entries.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i == 0 || items[i].key != items[i - 1].key)
            keys.push_back({pool.add(items[i].key), checked_u32(entries.size()), 0,
                            symbol_set(items[i].key), 0});
        ++keys.back().entry_count;
        entries.push_back({items[i].place, items[i].kind, {}});
    }
    for (std::size_t i = 0; i < items.size(); ++i)
        entries[i].spelling = pool.add(items[i].spelling);
}

std::vector<std::uint32_t> length_starts(const std::vector<KeyRecord>& keys) {
    std::vector<std::uint32_t> starts(max_key_length + 2, 0);
    std::size_t k = 0;
    for (std::size_t length = 0; length < starts.size(); ++length) {
        while (k < keys.size() && keys[k].key.size < length)
            ++k;
        starts[length] = checked_u32(k);
    }
    return starts;
}

std::vector<std::uint32_t> hash_buckets(const std::vector<KeyRecord>& keys,
                                        const std::string& strings) {
    std::size_t size = 16;
    while (size < keys.size() * 2)
        size *= 2;
    std::vector<std::uint32_t> buckets(size, 0);
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const std::string_view key(strings.data() + keys[k].key.offset, keys[k].key.size);
        std::size_t slot = key_hash(key) & (size - 1);
        while (buckets[slot] != 0)
            slot = (slot + 1) & (size - 1);
        buckets[slot] = checked_u32(k + 1);
    }
    return buckets;
}

void gram_postings(const std::vector<KeyRecord>& keys, const std::string& strings,
                   std::vector<GramRecord>& grams, std::vector<Posting>& postings) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs; // (gram, key)
    std::vector<std::uint32_t> of_key;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        of_key.clear();
        for_each_gram(std::string_view(strings.data() + keys[k].key.offset, keys[k].key.size),
                      [&](std::uint32_t gram) { of_key.push_back(gram); });
        std::sort(of_key.begin(), of_key.end());
        of_key.erase(std::unique(of_key.begin(), of_key.end()), of_key.end());
        for (auto gram : of_key)
            pairs.emplace_back(gram, static_cast<std::uint32_t>(k));
    }
    std::sort(pairs.begin(), pairs.end());
    postings.reserve(pairs.size());
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (i == 0 || pairs[i].first != pairs[i - 1].first)
            grams.push_back({pairs[i].first, checked_u32(postings.size()), 0});
        ++grams.back().posting_count;
        postings.push_back({pairs[i].second, keys[pairs[i].second].symbols});
    }
}

bool is_seat_code(std::string_view code) {
    return code == "PPLA" || code == "PPLC";
}

} // namespace

bool is_indexed_alternate(std::string_view alternate) {
    if (alternate.empty() || alternate.starts_with("http") || alternate.starts_with("www.") ||
        alternate.find("://") != std::string_view::npos)
        return false;
    return !is_code(alternate);
}

IndexBuilder::Text IndexBuilder::keep(std::string_view text) {
    Text t{arena_.size(), text.size()};
    arena_ += text;
    return t;
}

void IndexBuilder::add_place(const PlaceRow& row) {
    Pending place;
    place.geonameid = row.geonameid;
    place.latitude = row.latitude;
    place.longitude = row.longitude;
    place.population = row.population;
    place.name = keep(row.name);
    place.ascii_name = keep(row.ascii_name);
    place.alternate_names = keep(row.alternate_names);
    place.admin1_code = keep(row.admin1_code);
    place.alternate_countries = keep(row.alternate_countries);
    place.feature_code = fixed<8>(row.feature_code);
    place.country = fixed<2>(row.country);
    place.feature_class = row.feature_class;
    auto [it, inserted] = by_id_.try_emplace(row.geonameid, places_.size());
    if (inserted)
        places_.push_back(place);
    else
        places_[it->second] = place;
}

bool IndexBuilder::add_names(std::int64_t geonameid, std::span<const std::string> names) {
    if (!by_id_.contains(geonameid))
        return false;
    auto& extra = extra_names_[geonameid];
    extra.insert(extra.end(), names.begin(), names.end());
    return true;
}

void IndexBuilder::add_admin1(const Admin1Row& row) {
    Admin1 admin1{std::string(row.name), std::string(row.ascii_name), row.geonameid};
    admin1_.emplace_back(std::pair(std::string(row.country), std::string(row.code)),
                         std::move(admin1));
}

void IndexBuilder::add_country(const CountryRow& row) {
    countries_.emplace_back(std::string(row.iso2),
                            Country{std::string(row.iso3), std::string(row.name),
                                    std::string(row.capital), row.population, row.geonameid});
}

void IndexBuilder::set_source(std::uint64_t size, std::int64_t mtime, DumpKind kind) {
    source_size_ = size;
    source_mtime_ = mtime;
    kind_ = kind;
}

void IndexBuilder::count_rows(const ReadReport& report) {
    rows_read_ += report.rows_read;
    rows_skipped_ += report.rows_skipped;
}

ReadReport read_dump_into(const std::filesystem::path& dump, IndexBuilder& builder) {
    switch (dump_kind(dump)) {
    case DumpKind::admin1_codes:
        return read_admin1_codes(dump, [&](const Admin1Row& row) { builder.add_admin1(row); });
    case DumpKind::country_info:
        return read_country_info(dump, [&](const CountryRow& row) { builder.add_country(row); });
    case DumpKind::places:
        break;
    }
    return read_places(dump, [&](const PlaceRow& row) { builder.add_place(row); });
}

// The steps of IndexBuilder::build(). The order in which they add texts to
// the pool is the order of the strings section, so it is fixed: keys and
// spellings, places, admin1 regions, countries, seats.
class IndexWriter {
  public:
    explicit IndexWriter(const IndexBuilder& builder) : b_(builder) {}

    std::vector<std::uint64_t> write();

  private:
    using Admin1ByCode = std::map<std::pair<std::string, std::string>, const IndexBuilder::Admin1*>;
    using CountryByCode = std::map<std::string, const IndexBuilder::Country*>;

    std::vector<std::size_t> places_by_geonameid() const;
    std::vector<NameItem> names(const std::vector<std::size_t>& order) const;
    std::vector<PlaceRecord> place_records(const std::vector<std::size_t>& order);
    std::vector<Admin1Record> admin1_records(const Admin1ByCode& by_code);
    std::vector<CountryRecord> country_records(const CountryByCode& by_code);
    void link_regions(std::vector<PlaceRecord>& places, const Admin1ByCode& admin1_by_code,
                      const CountryByCode& country_by_code) const;
    std::vector<SeatRecord> seat_records(const std::vector<PlaceRecord>& places);
    Header header() const;
    std::string_view pooled(StrRef ref) const {
        return std::string_view(pool_.bytes().data() + ref.offset, ref.size);
    }

    const IndexBuilder& b_;
    StringPool pool_;
};

std::vector<std::size_t> IndexWriter::places_by_geonameid() const {
    std::vector<std::size_t> order(b_.places_.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return b_.places_[a].geonameid < b_.places_[b].geonameid;
    });
    return order;
}

// Every indexed name of every place, each key once per place.
std::vector<NameItem> IndexWriter::names(const std::vector<std::size_t>& order) const {
    std::vector<NameItem> names;
    std::vector<std::string> place_keys;
    for (std::size_t position = 0; position < order.size(); ++position) {
        const IndexBuilder::Pending& p = b_.places_[order[position]];
        place_keys.clear();
        auto add_name = [&](std::string_view spelling, NameKind kind) {
            std::string key = text::name_key(spelling);
            if (!text::has_latin_letter(key) || key.size() > max_key_length ||
                std::find(place_keys.begin(), place_keys.end(), key) != place_keys.end())
                return;
            place_keys.push_back(key);
            names.push_back({std::move(key), checked_u32(position), kind, spelling});
        };
        add_name(b_.text(p.name), main_name);
        add_name(b_.text(p.ascii_name), ascii_name);
        std::string_view alternates = b_.text(p.alternate_names);
        while (!alternates.empty()) {
            const auto comma = alternates.find(',');
            const auto alternate = alternates.substr(0, comma);
            if (is_indexed_alternate(alternate))
                add_name(alternate, alternate_name);
            alternates = comma == std::string_view::npos ? "" : alternates.substr(comma + 1);
        }
        if (auto extra = b_.extra_names_.find(p.geonameid); extra != b_.extra_names_.end())
            for (const auto& name : extra->second)
                add_name(name, alternate_name);
    }
    return names;
}

std::vector<PlaceRecord> IndexWriter::place_records(const std::vector<std::size_t>& order) {
    std::vector<PlaceRecord> places;
    places.reserve(order.size());
    for (const std::size_t i : order) {
        const IndexBuilder::Pending& p = b_.places_[i];
        PlaceRecord record{};
        record.geonameid = p.geonameid;
        record.latitude = p.latitude;
        record.longitude = p.longitude;
        record.population = p.population;
        record.name = pool_.add(b_.text(p.name));
        record.admin1_code = pool_.add(b_.text(p.admin1_code));
        record.alternate_countries = pool_.add(b_.text(p.alternate_countries));
        record.feature_code = p.feature_code;
        record.country = p.country;
        record.feature_class = p.feature_class;
        places.push_back(record);
    }
    return places;
}

std::vector<Admin1Record> IndexWriter::admin1_records(const Admin1ByCode& by_code) {
    std::vector<Admin1Record> admin1;
    for (const auto& [code, a] : by_code) {
        Admin1Record record{};
        record.country = fixed<2>(code.first);
        record.code = pool_.add(code.second);
        record.name = pool_.add(a->name);
        record.ascii_name = pool_.add(a->ascii_name);
        record.key = pool_.add(text::name_key(a->name));
        record.geonameid = a->geonameid;
        admin1.push_back(record);
    }
    return admin1;
}

std::vector<CountryRecord> IndexWriter::country_records(const CountryByCode& by_code) {
    std::vector<CountryRecord> countries;
    for (const auto& [code, c] : by_code) {
        CountryRecord record{};
        record.iso2 = fixed<2>(code);
        record.iso3 = fixed<3>(c->iso3);
        record.name = pool_.add(c->name);
        record.capital = pool_.add(c->capital);
        record.key = pool_.add(text::name_key(c->name));
        record.geonameid = c->geonameid;
        record.population = c->population;
        countries.push_back(record);
    }
    return countries;
}

// Each place's admin1 and country records, when this index has them.
void IndexWriter::link_regions(std::vector<PlaceRecord>& places, const Admin1ByCode& admin1_by_code,
                               const CountryByCode& country_by_code) const {
    for (auto& place : places) {
        const std::string_view country = code_text(place.country.data(), 2);
        const std::string_view code = pooled(place.admin1_code);
        place.admin1_record = no_record16;
        place.country_record = no_record8;
        auto admin1_it = admin1_by_code.find({std::string(country), std::string(code)});
        if (admin1_it != admin1_by_code.end()) {
            const auto position = std::distance(admin1_by_code.begin(), admin1_it);
            if (position < no_record16)
                place.admin1_record = static_cast<std::uint16_t>(position);
        }
        auto country_it = country_by_code.find(std::string(country));
        if (country_it != country_by_code.end()) {
            const auto position = std::distance(country_by_code.begin(), country_it);
            if (position < no_record8)
                place.country_record = static_cast<std::uint8_t>(position);
        }
    }
}

// Seats: per (country, admin1) the PPLA, else the PPLC; the most populous,
// then the lowest geonameid.
std::vector<SeatRecord> IndexWriter::seat_records(const std::vector<PlaceRecord>& places) {
    std::map<std::pair<std::string, std::string>, std::uint32_t> seat_of;
    auto better_seat = [&](std::uint32_t a, std::uint32_t b) {
        const auto& pa = places[a];
        const auto& pb = places[b];
        const bool a_ppla = format::code_text(pa.feature_code.data(), 8) == "PPLA";
        const bool b_ppla = format::code_text(pb.feature_code.data(), 8) == "PPLA";
        return std::tuple(a_ppla, pa.population, -pa.geonameid) >
               std::tuple(b_ppla, pb.population, -pb.geonameid);
    };
    for (std::size_t i = 0; i < places.size(); ++i) {
        const auto& p = places[i];
        if (p.feature_class != 'P' || !is_seat_code(format::code_text(p.feature_code.data(), 8)))
            continue;
        std::pair key(std::string(format::code_text(p.country.data(), 2)),
                      std::string(pooled(p.admin1_code)));
        auto [it, inserted] = seat_of.try_emplace(key, static_cast<std::uint32_t>(i));
        if (!inserted && better_seat(static_cast<std::uint32_t>(i), it->second))
            it->second = static_cast<std::uint32_t>(i);
    }
    std::vector<SeatRecord> seats;
    for (const auto& [code, place] : seat_of) {
        SeatRecord record{};
        record.country = fixed<2>(code.first);
        record.place = place;
        record.admin1_code = pool_.add(code.second);
        seats.push_back(record);
    }
    return seats;
}

Header IndexWriter::header() const {
    Header header{};
    header.magic = magic;
    header.version = version;
    header.byte_order = byte_order_mark;
    header.source_size = b_.source_size_;
    header.source_mtime = b_.source_mtime_;
    header.rows_read = b_.rows_read_;
    header.rows_skipped = b_.rows_skipped_;
    header.kind = static_cast<std::uint32_t>(b_.kind_);
    return header;
}

std::vector<std::uint64_t> IndexWriter::write() {
    const auto order = places_by_geonameid();

    std::vector<KeyRecord> keys;
    std::vector<NameEntry> entries;
    {
        auto items = names(order);
        group_names(items, keys, entries, pool_);
    }
    auto places = place_records(order);
    const auto lengths = length_starts(keys);
    const auto buckets = hash_buckets(keys, pool_.bytes());
    std::vector<GramRecord> grams;
    std::vector<Posting> postings;
    gram_postings(keys, pool_.bytes(), grams, postings);

    // Admin1 codes and countries: the last row for a code wins.
    Admin1ByCode admin1_by_code;
    for (const auto& [code, admin1] : b_.admin1_)
        admin1_by_code[code] = &admin1;
    CountryByCode country_by_code;
    for (const auto& [code, country] : b_.countries_)
        country_by_code[code] = &country;
    const auto admin1 = admin1_records(admin1_by_code);
    const auto countries = country_records(country_by_code);
    link_regions(places, admin1_by_code, country_by_code);
    const auto seats = seat_records(places);

    Header header = this->header();
    ImageWriter image;
    header.sections[Section::places] = image.append(std::span<const PlaceRecord>(places));
    header.sections[Section::entries] = image.append(std::span<const NameEntry>(entries));
    header.sections[Section::keys] = image.append(std::span<const KeyRecord>(keys));
    header.sections[Section::lengths] = image.append(std::span<const std::uint32_t>(lengths));
    header.sections[Section::buckets] = image.append(std::span<const std::uint32_t>(buckets));
    header.sections[Section::grams] = image.append(std::span<const GramRecord>(grams));
    header.sections[Section::postings] = image.append(std::span<const Posting>(postings));
    header.sections[Section::admin1] = image.append(std::span<const Admin1Record>(admin1));
    header.sections[Section::countries] = image.append(std::span<const CountryRecord>(countries));
    header.sections[Section::seats] = image.append(std::span<const SeatRecord>(seats));
    header.sections[Section::strings] =
        image.append(std::span<const char>(pool_.bytes().data(), pool_.bytes().size()));
    return image.finish(header);
}

std::vector<std::uint64_t> IndexBuilder::build() const {
    return IndexWriter(*this).write();
}

} // namespace incimap::gazetteer
