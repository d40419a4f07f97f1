#include "render/attributes.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>

namespace incimap::render {

bool to_number(const Value& v, double& out) {
    if (const auto* d = std::get_if<double>(&v)) {
        out = *d;
        return true;
    }
    if (const auto* b = std::get_if<bool>(&v)) {
        out = *b ? 1 : 0;
        return true;
    }
    if (const auto* s = std::get_if<std::string_view>(&v)) {
        auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
        return ec == std::errc() && end == s->data() + s->size() && std::isfinite(out);
    }
    return false;
}

std::string to_text(const Value& v) {
    if (const auto* s = std::get_if<std::string_view>(&v))
        return std::string(*s);
    if (const auto* d = std::get_if<double>(&v)) {
        if (std::floor(*d) == *d && std::fabs(*d) < 1e15)
            return fmt::format("{}", static_cast<long long>(*d));
        return fmt::format("{}", *d);
    }
    if (const auto* b = std::get_if<bool>(&v))
        return *b ? "true" : "false";
    if (const auto* c = std::get_if<Color>(&v))
        return to_css(*c);
    return {};
}

int AttributeTable::add_column(std::string_view name, Kind kind) {
    if (int existing = find(name); existing >= 0)
        return existing;
    Column column{std::string(name), kind, {}, {}, {}, {}};
    if (kind == Kind::number)
        column.numbers.assign(rows_, std::numeric_limits<double>::quiet_NaN());
    else
        column.text.assign(rows_, 0);
    columns_.push_back(std::move(column));
    return static_cast<int>(columns_.size()) - 1;
}

int AttributeTable::find(std::string_view name) const {
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i].name == name)
            return static_cast<int>(i);
    return -1;
}

std::size_t AttributeTable::add_row() {
    for (auto& c : columns_) {
        if (c.kind == Kind::number)
            c.numbers.push_back(std::numeric_limits<double>::quiet_NaN());
        else
            c.text.push_back(0);
    }
    return rows_++;
}

void AttributeTable::set_number(int column, std::size_t row, double value) {
    auto& c = columns_[column];
    if (c.kind == Kind::number) {
        c.numbers[row] = value;
        return;
    }
    set_text(column, row, to_text(value));
}

void AttributeTable::set_text(int column, std::size_t row, std::string_view value) {
    auto& c = columns_[column];
    if (c.kind == Kind::number) {
        double number = 0;
        if (to_number(Value(value), number))
            c.numbers[row] = number;
        return;
    }
    auto it = c.interned.find(value);
    if (it == c.interned.end()) {
        c.pool.emplace_back(value);
        it = c.interned.emplace(c.pool.back(), static_cast<std::uint32_t>(c.pool.size())).first;
    }
    c.text[row] = it->second;
}

Value AttributeTable::value(int column, std::size_t row) const {
    const auto& c = columns_[column];
    if (c.kind == Kind::number) {
        const double v = c.numbers[row];
        return std::isnan(v) ? Value{} : Value{v};
    }
    const auto id = c.text[row];
    return id == 0 ? Value{} : Value{std::string_view(c.pool[id - 1])};
}

} // namespace incimap::render
