// A layer's filter and paint values at one zoom depend only on the values of
// the attributes its expressions read (`get` and `has` take literal names).
// Incidents that share those values share the answer, so it is worked out
// once per distinct set of values: a million incidents coloured by event
// type and sized by fatalities have a few dozen looks, not a million.
#pragma once

#include "render/expression.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace incimap::render {

// The values of the attributes a layer reads, per row, as a key. Up to
// `max_columns` attributes are keyed; a layer that reads more is not.
class LookKey {
public:
    static constexpr std::size_t max_columns = 4;
    using Key = std::array<std::uint64_t, max_columns>;

    // `keys`: the attribute keys the layer reads (Layer::keys_read()).
    LookKey(const Binding& binding, const std::vector<int>& keys);
    bool usable() const { return usable_; }
    // Text as its code in the column (0 for null), numbers as the bits of
    // their double (one bit pattern for null).
    Key of(std::size_t row) const;

private:
    const AttributeTable* table_ = nullptr;
    std::vector<int> columns_;  // table columns; keys without one are always null
    std::vector<bool> text_;
    bool usable_ = true;
};

// Answers per key, T being what a layer works out for an incident (its
// circle without a position, or nothing when filtered out).
template <class T> class LookCache {
public:
    LookCache(const Binding& binding, const std::vector<int>& keys) : key_(binding, keys) {}

    // The answer for `row`; `work_out()` gives it the first time its key is
    // met (and every time when the layer reads too many attributes).
    template <class F> const T& get(std::size_t row, F&& work_out) {
        if (!key_.usable()) {
            uncached_ = work_out();
            return uncached_;
        }
        const auto key = key_.of(row);
        if (!entries_.empty() && same(entries_[last_].key, key))
            return entries_[last_].value;
        if (slots_.empty())
            slots_.assign(64, -1);
        auto mask = slots_.size() - 1;
        for (auto slot = hash(key) & mask;; slot = (slot + 1) & mask) {
            const auto e = slots_[slot];
            if (e < 0) {
                entries_.push_back({key, work_out()});
                last_ = entries_.size() - 1;
                slots_[slot] = static_cast<std::int32_t>(last_);
                if (entries_.size() * 2 > slots_.size())
                    rehash();
                return entries_.back().value;
            }
            if (same(entries_[static_cast<std::size_t>(e)].key, key)) {
                last_ = static_cast<std::size_t>(e);
                return entries_[last_].value;
            }
        }
    }

    std::size_t distinct() const { return entries_.size(); }

private:
    struct Entry {
        LookKey::Key key;
        T value;
    };
    // Word by word: std::array's == calls memcmp, which costs more than
    // the four comparisons.
    static bool same(const LookKey::Key& a, const LookKey::Key& b) {
        return ((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) | (a[3] ^ b[3])) == 0;
    }
    static_assert(LookKey::max_columns == 4);
    static std::size_t hash(const LookKey::Key& k) {
        std::uint64_t h = 0;
        for (const auto v : k)
            h = (h ^ v) * 0x9e3779b97f4a7c15ull;
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
    void rehash() {
        slots_.assign(slots_.size() * 2, -1);
        const auto mask = slots_.size() - 1;
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            auto slot = hash(entries_[i].key) & mask;
            while (slots_[slot] >= 0)
                slot = (slot + 1) & mask;
            slots_[slot] = static_cast<std::int32_t>(i);
        }
    }

    LookKey key_;
    std::vector<Entry> entries_;
    std::vector<std::int32_t> slots_;  // entry index or -1; a power of two long
    std::size_t last_ = 0;
    T uncached_{};
};

} // namespace incimap::render
