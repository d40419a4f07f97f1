#include "store/event_id_index.hpp"

#include <string_view>

namespace incimap::store {

void EventIdIndex::clear() {
    slots_.clear();
    size_ = 0;
}

void EventIdIndex::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    std::size_t mask = slots_.size() - 1;
    for (const auto& slot : old) {
        if (slot.incident == 0)
            continue;
        std::size_t i = slot.hash & mask;
        while (slots_[i].incident != 0)
            i = (i + 1) & mask;
        slots_[i] = slot;
    }
}

void EventIdIndex::insert(std::string_view event_id, std::int64_t incident_id) {
    if ((size_ + 1) * 2 > slots_.size())
        grow();
    std::uint64_t hash = std::hash<std::string_view>{}(event_id);
    std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    while (slots_[i].incident != 0)
        i = (i + 1) & mask;
    slots_[i] = {hash, incident_id};
    ++size_;
}

std::int64_t EventIdIndex::find(std::string_view event_id,
                                const std::function<bool(std::int64_t)>& confirm) const {
    if (slots_.empty())
        return 0;
    std::uint64_t hash = std::hash<std::string_view>{}(event_id);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask; slots_[i].incident != 0; i = (i + 1) & mask)
        if (slots_[i].hash == hash && confirm(slots_[i].incident))
            return slots_[i].incident;
    return 0;
}

} // namespace incimap::store
