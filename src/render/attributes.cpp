#include "render/attributes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
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

namespace {

constexpr double null_number = std::numeric_limits<double>::quiet_NaN();

template <class T> T load(const std::uint8_t* at) {
    T v;
    std::memcpy(&v, at, sizeof v);
    return v;
}

template <class T> void store(std::uint8_t* at, T v) { std::memcpy(at, &v, sizeof v); }

} // namespace

double AttributeTable::Column::number(std::size_t row) const {
    const auto* at = cells.data() + row * width;
    return width == 4 ? double(load<float>(at)) : load<double>(at);
}

std::uint32_t AttributeTable::Column::code(std::size_t row) const {
    const auto* at = cells.data() + row * width;
    switch (width) {
    case 1: return *at;
    case 2: return load<std::uint16_t>(at);
    default: return load<std::uint32_t>(at);
    }
}

void AttributeTable::Column::put_number(std::size_t row, double value) {
    if (width == 4 && !std::isnan(value) && double(static_cast<float>(value)) != value)
        widen(8);
    auto* at = cells.data() + row * width;
    if (width == 4)
        store(at, static_cast<float>(value));
    else
        store(at, value);
}

void AttributeTable::Column::put_code(std::size_t row, std::uint32_t value) {
    const unsigned needed = value <= 0xff ? 1 : value <= 0xffff ? 2 : 4;
    if (needed > width)
        widen(needed);
    auto* at = cells.data() + row * width;
    switch (width) {
    case 1: *at = static_cast<std::uint8_t>(value); break;
    case 2: store(at, static_cast<std::uint16_t>(value)); break;
    default: store(at, value);
    }
}

void AttributeTable::Column::widen(unsigned to) {
    const std::size_t rows = cells.size() / width;
    Column wide{name, kind, MappedVector<std::uint8_t>(cells.temp_folder()), to, {}, {}};
    wide.cells.reserve(std::max(cells.capacity() / width, rows) * to);
    wide.cells.resize(rows * to);
    for (std::size_t r = 0; r < rows; ++r) {
        if (kind == Kind::number)
            wide.put_number(r, number(r));
        else
            wide.put_code(r, code(r));
    }
    cells = std::move(wide.cells);
    width = to;
}

int AttributeTable::add_column(std::string_view name, Kind kind) {
    if (int existing = find(name); existing >= 0)
        return existing;
    Column column{std::string(name), kind, MappedVector<std::uint8_t>(temp_folder_),
                  kind == Kind::number ? 4u : 1u, {}, {}};
    column.cells.resize(rows_ * column.width);
    if (kind == Kind::number)
        for (std::size_t r = 0; r < rows_; ++r)
            column.put_number(r, null_number);
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
        c.cells.resize(c.cells.size() + c.width);
        if (c.kind == Kind::number)
            c.put_number(rows_, null_number);
    }
    return rows_++;
}

void AttributeTable::reserve(std::size_t rows) {
    for (auto& c : columns_)
        c.cells.reserve(rows * c.width);
}

void AttributeTable::set_number(int column, std::size_t row, double value) {
    auto& c = columns_[column];
    if (c.kind == Kind::number) {
        c.put_number(row, value);
        return;
    }
    set_text(column, row, to_text(value));
}

void AttributeTable::set_text(int column, std::size_t row, std::string_view value) {
    auto& c = columns_[column];
    if (c.kind == Kind::number) {
        double number = 0;
        if (to_number(Value(value), number))
            c.put_number(row, number);
        return;
    }
    auto it = c.interned.find(value);
    if (it == c.interned.end()) {
        c.pool.emplace_back(value);
        it = c.interned.emplace(c.pool.back(), static_cast<std::uint32_t>(c.pool.size())).first;
    }
    c.put_code(row, it->second);
}

Value AttributeTable::value(int column, std::size_t row) const {
    const auto& c = columns_[column];
    if (c.kind == Kind::number) {
        const double v = c.number(row);
        return std::isnan(v) ? Value{} : Value{v};
    }
    const auto id = c.code(row);
    return id == 0 ? Value{} : Value{std::string_view(c.pool[id - 1])};
}

std::uint32_t AttributeTable::text_code(int column, std::size_t row) const {
    return columns_[column].code(row);
}

std::string_view AttributeTable::text_of(int column, std::uint32_t code) const {
    return code == 0 ? std::string_view() : std::string_view(columns_[column].pool[code - 1]);
}

} // namespace incimap::render
