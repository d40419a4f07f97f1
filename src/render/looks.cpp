#include "render/looks.hpp"

#include <bit>
#include <cmath>

namespace incimap::render {

LookKey::LookKey(const Binding& binding, const std::vector<int>& keys) : table_(binding.table) {
    if (keys.size() > max_columns) {
        usable_ = false;
        return;
    }
    for (const auto key : keys) {
        const int column = key >= 0 && std::size_t(key) < binding.columns.size() ? binding.columns[key] : -1;
        if (column < 0 || table_ == nullptr)
            continue;
        columns_.push_back(column);
        text_.push_back(table_->kind(column) == AttributeTable::Kind::text);
    }
}

LookKey::Key LookKey::of(std::size_t row) const {
    Key key{};
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (text_[i]) {
            key[i] = table_->text_code(columns_[i], row);
            continue;
        }
        const auto v = table_->value(columns_[i], row);
        const auto* d = std::get_if<double>(&v);
        // Null and NaN read alike; +0 and -0 are kept apart, as an
        // expression could tell them apart.
        key[i] = d == nullptr || std::isnan(*d) ? 0x7ff8000000000001ull : std::bit_cast<std::uint64_t>(*d);
    }
    return key;
}

} // namespace incimap::render
