// Feature attributes as the renderer holds them: column-wise, text interned
// per column and each row holding a code of 1, 2 or 4 bytes (as many as the
// column's distinct texts need), numbers as floats while every value is one
// exactly (counts, codes, most coordinates rounded in the source) and as
// doubles otherwise. A million incidents with the handful of attributes a
// style uses take a few megabytes.
// A value read from the table is a Value: null, bool, number, text (a view
// into the table or the expression that made it) or colour.
#pragma once

#include "core/mapped_vector.hpp"
#include "render/color.hpp"

#include <cstdint>
#include <deque>
#include <filesystem>
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

    // Columns outgrowing a small heap buffer are kept in temporary files in
    // `temp_folder` (core/mapped_vector.hpp; empty: TMPDIR, else /tmp).
    explicit AttributeTable(std::filesystem::path temp_folder = {})
        : temp_folder_(std::move(temp_folder)) {}

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
    // Room for `rows` rows in all, so that filling a large table does not
    // hold the old and the grown copy of each column at once.
    void reserve(std::size_t rows);

    void set_number(int column, std::size_t row, double value);
    void set_text(int column, std::size_t row, std::string_view value);
    Value value(int column, std::size_t row) const;
    // A text column's value as a code: 0 for null, equal codes for equal
    // texts. text_of(column, code) is the text (empty for 0).
    std::uint32_t text_code(int column, std::size_t row) const;
    std::string_view text_of(int column, std::uint32_t code) const;

private:
    struct Column {
        std::string name;
        Kind kind;
        // Row after row, `width` bytes each: numbers as float (4) or double
        // (8), NaN for null; text codes (1, 2 or 4 bytes), 0 for null, else
        // 1 + pool index.
        MappedVector<std::uint8_t> cells;
        unsigned width = 1;
        std::deque<std::string> pool;  // deque: views into it stay valid
        std::unordered_map<std::string_view, std::uint32_t> interned;

        double number(std::size_t row) const;
        std::uint32_t code(std::size_t row) const;
        void put_number(std::size_t row, double value);
        void put_code(std::size_t row, std::uint32_t code);
        void widen(unsigned to);
    };
    std::filesystem::path temp_folder_;
    std::vector<Column> columns_;
    std::size_t rows_ = 0;
};

} // namespace incimap::render
