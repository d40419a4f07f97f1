#include "gazetteer/index.hpp"

#include "core/error.hpp"
#include "core/mapped_file.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <tuple>

namespace incimap::gazetteer {
namespace {

using namespace format;

template <typename Record>
std::span<const Record> section(std::span<const std::byte> bytes, const Header& header, Section id,
                                const std::string& name) {
    const SectionRange range = header.sections[id];
    if (range.offset % 8 != 0 || range.offset > bytes.size() ||
        range.size > bytes.size() - range.offset || range.size % sizeof(Record) != 0)
        throw Error(fmt::format("{}: damaged gazetteer index (section {} out of bounds)", name,
                                static_cast<unsigned>(id)));
    return {reinterpret_cast<const Record*>(bytes.data() + range.offset),
            range.size / sizeof(Record)};
}

bool less_code(std::string_view country_a, std::string_view code_a, std::string_view country_b,
               std::string_view code_b) {
    return std::tie(country_a, code_a) < std::tie(country_b, code_b);
}

} // namespace

Index Index::view(std::shared_ptr<const void> owner, std::span<const std::byte> bytes,
                  std::string name, bool trusted) {
    Index index;
    index.owner_ = std::move(owner);
    index.bytes_ = bytes;
    index.name_ = std::move(name);
    if (bytes.size() < sizeof(Header) || reinterpret_cast<std::uintptr_t>(bytes.data()) % 8 != 0)
        throw Error(index.name_ + ": not a gazetteer index (too short)");
    const auto* header = reinterpret_cast<const Header*>(bytes.data());
    if (header->magic != magic)
        throw Error(index.name_ + ": not a gazetteer index");
    if (header->byte_order != byte_order_mark)
        throw Error(index.name_ + ": gazetteer index of another byte order");
    if (header->version != version)
        throw Error(fmt::format("{}: gazetteer index version {}, this incimap reads {}",
                                index.name_, header->version, version));
    index.header_ = header;
    index.places_ = section<PlaceRecord>(bytes, *header, Section::places, index.name_);
    index.entries_ = section<NameEntry>(bytes, *header, Section::entries, index.name_);
    index.keys_ = section<KeyRecord>(bytes, *header, Section::keys, index.name_);
    index.lengths_ = section<std::uint32_t>(bytes, *header, Section::lengths, index.name_);
    index.buckets_ = section<std::uint32_t>(bytes, *header, Section::buckets, index.name_);
    index.grams_ = section<GramRecord>(bytes, *header, Section::grams, index.name_);
    index.postings_ = section<Posting>(bytes, *header, Section::postings, index.name_);
    index.admin1_ = section<Admin1Record>(bytes, *header, Section::admin1, index.name_);
    index.countries_ = section<CountryRecord>(bytes, *header, Section::countries, index.name_);
    index.seats_ = section<SeatRecord>(bytes, *header, Section::seats, index.name_);
    const auto strings = section<char>(bytes, *header, Section::strings, index.name_);
    index.strings_ = std::string_view(strings.data(), strings.size());
    if (index.lengths_.size() != max_key_length + 2)
        throw Error(index.name_ + ": damaged gazetteer index (key lengths)");
    const std::size_t buckets = index.buckets_.size();
    if (buckets == 0 ? !index.keys_.empty() : (buckets & (buckets - 1)) != 0)
        throw Error(index.name_ + ": damaged gazetteer index (bucket table)");
    if (!trusted)
        index.check_records();
    return index;
}

void Index::check_records() const {
    auto fail = [&](const char* what) {
        throw Error(fmt::format("{}: damaged gazetteer index ({})", name_, what));
    };
    auto check_ref = [&](StrRef ref) {
        if (ref.offset > strings_.size() || ref.size > strings_.size() - ref.offset)
            fail("text reference out of bounds");
    };
    for (std::size_t i = 0; i < places_.size(); ++i) {
        const auto& place = places_[i];
        check_ref(place.name);
        check_ref(place.admin1_code);
        check_ref(place.alternate_countries);
        if (i > 0 && places_[i - 1].geonameid >= place.geonameid)
            fail("places out of order");
        if ((place.admin1_record != no_record16 && place.admin1_record >= admin1_.size()) ||
            (place.country_record != no_record8 && place.country_record >= countries_.size()))
            fail("hierarchy reference out of bounds");
    }
    for (const auto& entry : entries_) {
        check_ref(entry.spelling);
        if (entry.place >= places_.size())
            fail("name of a missing place");
    }
    for (const auto& key : keys_) {
        check_ref(key.key);
        if (key.first_entry > entries_.size() ||
            key.entry_count > entries_.size() - key.first_entry)
            fail("key entries out of bounds");
    }
    for (std::size_t length = 0; length < lengths_.size(); ++length)
        if (lengths_[length] > keys_.size() ||
            (length > 0 && lengths_[length] < lengths_[length - 1]))
            fail("key lengths out of bounds");
    for (auto bucket : buckets_)
        if (bucket > keys_.size())
            fail("hash bucket out of bounds");
    if (!keys_.empty() && std::find(buckets_.begin(), buckets_.end(), 0u) == buckets_.end())
        fail("hash table without an empty bucket");
    for (const auto& gram : grams_)
        if (gram.first_posting > postings_.size() ||
            gram.posting_count > postings_.size() - gram.first_posting)
            fail("trigram postings out of bounds");
    for (auto posting : postings_)
        if (posting.key >= keys_.size())
            fail("trigram posting out of bounds");
    for (const auto& admin1 : admin1_) {
        check_ref(admin1.code);
        check_ref(admin1.name);
        check_ref(admin1.ascii_name);
        check_ref(admin1.key);
    }
    for (const auto& country : countries_) {
        check_ref(country.name);
        check_ref(country.capital);
        check_ref(country.key);
    }
    for (const auto& seat : seats_) {
        check_ref(seat.admin1_code);
        if (seat.place >= places_.size())
            fail("seat of a missing place");
    }
}

Index Index::from_static(std::span<const std::byte> bytes, std::string name) {
    return view(nullptr, bytes, std::move(name), true);
}

Index Index::from_buffer(std::vector<std::uint64_t> buffer, std::string name) {
    auto owner = std::make_shared<const std::vector<std::uint64_t>>(std::move(buffer));
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(owner->data()),
                                           owner->size() * sizeof(std::uint64_t));
    return view(std::move(owner), bytes, std::move(name), false);
}

Index Index::open(const std::filesystem::path& file) {
    auto mapped = std::make_shared<const MappedFile>(file);
    const auto bytes = mapped->bytes();
    try {
        return view(std::move(mapped), bytes, file.string(), false);
    } catch (const InputError&) {
        throw;
    } catch (const Error& e) {
        throw InputError(e.what());
    }
}

std::optional<Header> Index::read_header(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    Header header{};
    if (!in.read(reinterpret_cast<char*>(&header), sizeof header) || header.magic != magic ||
        header.byte_order != byte_order_mark || header.version != version)
        return std::nullopt;
    return header;
}

std::optional<std::uint32_t> Index::find_key(std::string_view key) const {
    if (buckets_.empty())
        return std::nullopt;
    const std::size_t mask = buckets_.size() - 1;
    for (std::size_t slot = key_hash(key) & mask;; slot = (slot + 1) & mask) {
        const std::uint32_t bucket = buckets_[slot];
        if (bucket == 0)
            return std::nullopt;
        if (string(keys_[bucket - 1].key) == key)
            return bucket - 1;
    }
}

std::optional<std::uint32_t> Index::find_place(std::int64_t geonameid) const {
    auto it =
        std::lower_bound(places_.begin(), places_.end(), geonameid,
                         [](const PlaceRecord& p, std::int64_t id) { return p.geonameid < id; });
    if (it == places_.end() || it->geonameid != geonameid)
        return std::nullopt;
    return static_cast<std::uint32_t>(it - places_.begin());
}

std::span<const Posting> Index::postings(std::uint32_t gram) const {
    auto it =
        std::lower_bound(grams_.begin(), grams_.end(), gram,
                         [](const GramRecord& g, std::uint32_t code) { return g.gram < code; });
    if (it == grams_.end() || it->gram != gram)
        return {};
    return postings_.subspan(it->first_posting, it->posting_count);
}

std::pair<std::uint32_t, std::uint32_t> Index::keys_of_length(std::size_t min_length,
                                                              std::size_t max_length) const {
    min_length = std::min(min_length, max_key_length + 1);
    max_length = std::min(max_length, max_key_length);
    if (min_length > max_length)
        return {0, 0};
    return {lengths_[min_length], lengths_[max_length + 1]};
}

const Admin1Record* Index::find_admin1(std::string_view country, std::string_view code) const {
    auto it = std::lower_bound(admin1_.begin(), admin1_.end(), 0, [&](const Admin1Record& a, int) {
        return less_code(format::code_text(a.country.data(), 2), string(a.code), country, code);
    });
    if (it == admin1_.end() || format::code_text(it->country.data(), 2) != country ||
        string(it->code) != code)
        return nullptr;
    return &*it;
}

const CountryRecord* Index::find_country(std::string_view iso2) const {
    auto it = std::lower_bound(countries_.begin(), countries_.end(), iso2,
                               [](const CountryRecord& c, std::string_view code) {
                                   return format::code_text(c.iso2.data(), 2) < code;
                               });
    if (it == countries_.end() || format::code_text(it->iso2.data(), 2) != iso2)
        return nullptr;
    return &*it;
}

std::optional<std::uint32_t> Index::find_seat(std::string_view country,
                                              std::string_view code) const {
    auto it = std::lower_bound(seats_.begin(), seats_.end(), 0, [&](const SeatRecord& s, int) {
        return less_code(format::code_text(s.country.data(), 2), string(s.admin1_code), country,
                         code);
    });
    if (it == seats_.end() || format::code_text(it->country.data(), 2) != country ||
        string(it->admin1_code) != code)
        return std::nullopt;
    return it->place;
}

} // namespace incimap::gazetteer
