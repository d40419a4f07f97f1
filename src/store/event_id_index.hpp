// Which stored incident carries a given event_id_cnty, for imports that
// update rather than duplicate. Compact on purpose — 8 bytes a slot (24 bits
// of a hash of the id beside the incident id), open addressing with linear
// probing, at most half full — so a store of a million incidents costs
// 16 MB, not hundreds. Different ids may share a slot's hash bits: lookups
// let the caller confirm each candidate against the stored incident.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace incimap::store {

class EventIdIndex {
public:
    void clear();
    // Precondition: 0 < incident_id < 2^40 (OGR feature ids of the store
    // are positive); throws Error otherwise.
    void insert(std::string_view event_id, std::int64_t incident_id);
    // The incident with EVENT_ID: each incident whose id has the same hash is
    // passed to CONFIRM until it returns true. 0 when none is confirmed.
    // Expected O(1).
    std::int64_t find(std::string_view event_id,
                      const std::function<bool(std::int64_t)>& confirm) const;
    std::size_t size() const { return size_; }

private:
    // A slot: the top 24 bits of the id's hash, then 40 bits of incident
    // id; 0 is an empty slot.
    static constexpr int id_bits = 40;
    static constexpr std::uint64_t id_mask = (std::uint64_t(1) << id_bits) - 1;
    void place(std::uint64_t hash, std::uint64_t slot);
    void grow();

    std::vector<std::uint64_t> slots_;
    std::size_t size_ = 0;
};

} // namespace incimap::store
