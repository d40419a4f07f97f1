// Which stored incident carries a given event_id_cnty, for imports that
// update rather than duplicate. Compact on purpose — 16 bytes a slot (a
// 64-bit hash of the id and the incident id), open addressing with linear
// probing, at most half full — so a store of millions of incidents costs
// tens of MB, not hundreds. Different ids may share a hash: lookups let the
// caller confirm each candidate against the stored incident.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace incimap::store {

class EventIdIndex {
public:
    void clear();
    // Precondition: incident_id > 0 (OGR feature ids of the store are).
    void insert(std::string_view event_id, std::int64_t incident_id);
    // The incident with EVENT_ID: each incident whose id has the same hash is
    // passed to CONFIRM until it returns true. 0 when none is confirmed.
    // Expected O(1).
    std::int64_t find(std::string_view event_id,
                      const std::function<bool(std::int64_t)>& confirm) const;
    std::size_t size() const { return size_; }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::int64_t incident = 0;  // 0: empty
    };
    void grow();

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

} // namespace incimap::store
