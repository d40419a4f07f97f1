// Feature attributes as the renderer holds them: column-wise, numbers as
// doubles and text interned per column, so a million incidents with the
// handful of attributes a style uses take tens of megabytes, not a gigabyte.
// A value read from the table is a Value: null, bool, number, text (a view
// into the table or the expression that made it) or colour.
#pragma once

#include "render/color.hpp"

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace incimap::render {

using Value = std::variant<std::monostate, bool, double, std::string_view, Color>;

inline bool is_null(const Value& v) { return std::holds_alternative<std::monostate>(v); }
// Numbers as numbers, numeric text parsed, booleans as 0/1; else nothing.
bool to_number(const Value& v, double& out);
// Text for labels and popups: numbers without a trailing ".0"; null is "".
std::string to_text(const Value& v);

class AttributeTable {
public:
    enum class Kind { number, text };

    // Adds a column (all rows null); returns its index. Names are unique:
    // adding an existing name returns the existing column.
    int add_column(std::string_view name, Kind kind);
    // The column's index, or -1.
    int find(std::string_view name) const;
    const std::string& name(int column) const { return columns_[column].name; }
    Kind kind(int column) const { return columns_[column].kind; }
    int columns() const { return static_cast<int>(columns_.size()); }

    // Appends a row of nulls and returns its index.
    std::size_t add_row();
    std::size_t rows() const { return rows_; }

    void set_number(int column, std::size_t row, double value);
    void set_text(int column, std::size_t row, std::string_view value);
    Value value(int column, std::size_t row) const;

private:
    struct Column {
        std::string name;
        Kind kind;
        std::vector<double> numbers;      // NaN: null
        std::vector<std::uint32_t> text;  // 0: null, else 1 + pool index
        std::deque<std::string> pool;     // deque: views into it stay valid
        std::unordered_map<std::string_view, std::uint32_t> interned;
    };
    std::vector<Column> columns_;
    std::size_t rows_ = 0;
};

} // namespace incimap::render
