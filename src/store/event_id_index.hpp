// Which stored incident carries a given event_id_cnty, for imports that
// update rather than duplicate. Compact on purpose — 10 bytes a slot (24
// bits of a hash of the id beside the incident id, and 16 more bits of the
// hash apart), open addressing with linear probing, at most half full — so
// a store of a million incidents costs 20 MB, not hundreds. Different ids
// may share a slot's 40 bits of hash: lookups let the caller confirm each
// candidate against the stored incident. With 40 bits such a candidate is
// rare (about one lookup in a hundred thousand in a store of ten million);
// with the 24 of the slot alone, a lookup in a store of a million ids would
// bring one every 17, each a read from the store.
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
    void place(std::uint64_t hash, std::uint64_t slot, std::uint16_t check);
    void grow();

    std::vector<std::uint64_t> slots_;
    std::vector<std::uint16_t> checks_;  // the low 16 bits of the hash, slot by slot
    std::size_t size_ = 0;
};

} // namespace incimap::store
