#include "store/event_id_index.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <string_view>

namespace incimap::store {
namespace {

std::uint64_t hash_of(std::string_view event_id) { return std::hash<std::string_view>{}(event_id); }

} // namespace

void EventIdIndex::clear() {
    slots_.clear();
    checks_.clear();
    size_ = 0;
}

// A slot's probe sequence starts at its tag (the hash's top 24 bits, well
// mixed), so growing needs nothing but the slots; past 2^24 slots (8
// million ids) probes would lengthen.
void EventIdIndex::place(std::uint64_t hash, std::uint64_t slot, std::uint16_t check) {
    std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    while (slots_[i] != 0)
        i = (i + 1) & mask;
    slots_[i] = slot;
    checks_[i] = check;
}

void EventIdIndex::grow() {
    std::vector<std::uint64_t> old = std::move(slots_);
    std::vector<std::uint16_t> old_checks = std::move(checks_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
    checks_.assign(slots_.size(), 0);
    // Rehashing needs the full hash, which a slot does not keep: the slots
    // are placed again from their tag, which the lookup also starts from.
    for (std::size_t i = 0; i < old.size(); ++i)
        if (old[i] != 0)
            place(old[i] >> id_bits, old[i], old_checks[i]);
}

void EventIdIndex::insert(std::string_view event_id, std::int64_t incident_id) {
    if (incident_id <= 0 || static_cast<std::uint64_t>(incident_id) > id_mask)
        throw Error(fmt::format("event id index: incident id {} out of range", incident_id));
    if ((size_ + 1) * 2 > slots_.size())
        grow();
    const std::uint64_t hash = hash_of(event_id);
    const std::uint64_t tag = hash >> id_bits;
    place(tag, (tag << id_bits) | static_cast<std::uint64_t>(incident_id),
          static_cast<std::uint16_t>(hash));
    ++size_;
}

std::int64_t EventIdIndex::find(std::string_view event_id,
                                const std::function<bool(std::int64_t)>& confirm) const {
    if (slots_.empty())
        return 0;
    const std::uint64_t hash = hash_of(event_id);
    const std::uint64_t tag = hash >> id_bits;
    const auto check = static_cast<std::uint16_t>(hash);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = tag & mask; slots_[i] != 0; i = (i + 1) & mask) {
        if ((slots_[i] >> id_bits) != tag || checks_[i] != check)
            continue;
        auto incident = static_cast<std::int64_t>(slots_[i] & id_mask);
        if (confirm(incident))
            return incident;
    }
    return 0;
}

} // namespace incimap::store
