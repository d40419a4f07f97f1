// Style expressions: the small, documented subset of the MapLibre
// expression language that styles may use for paint values and filters.
//
//   ["literal", v]            a constant (also arrays, for "in")
//   ["get", "name"]           the feature's attribute, null when absent
//   ["has", "name"]           whether the attribute is present
//   ["zoom"]                  the zoom being drawn
//   ["heatmap-density"]       in heatmap-color only: the density 0..1
//   ["match", input, label, output, …, fallback]   label may be an array
//   ["step", input, output0, stop1, output1, …]
//   ["interpolate", ["linear"] | ["exponential", base], input, stop, output, …]
//   ["case", condition, output, …, fallback]
//   ["==" | "!=" | "<" | "<=" | ">" | ">=", a, b]
//   ["all", …], ["any", …], ["!", a], ["in", needle, ["literal", [...]]]
//   ["+" | "-" | "*" | "/", a, b, …], ["sqrt", a], ["min", …], ["max", …]
//     (a division by a constant zero is an error; by an attribute that is
//     zero, no value)
//   ["concat", …], ["to-string", a], ["to-number", a], ["coalesce", …]
//
// Expressions are compiled once per style and then evaluated per feature
// (and zoom); attribute names are interned into Keys so a lookup is an index.
#pragma once

#include "render/attributes.hpp"

#include <nlohmann/json_fwd.hpp>

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace incimap::render {

// The attribute names a style refers to; ids index Binding::columns.
class Keys {
public:
    int intern(std::string_view name);
    const std::vector<std::string>& names() const { return names_; }

private:
    std::vector<std::string> names_;
};

// The columns of one attribute table that hold each key (-1: none).
struct Binding {
    const AttributeTable* table = nullptr;
    std::vector<int> columns;
};
Binding bind(const Keys& keys, const AttributeTable& table);

struct EvalContext {
    const Binding* feature = nullptr;  // may be null: no attributes
    std::size_t row = 0;
    double zoom = 0;
    double heatmap_density = 0;
    std::deque<std::string>* scratch = nullptr;  // owns text made by concat
};

// What a property expects its expression to produce; literals at output
// positions are checked (and colours parsed) at compile time.
enum class Type { any, number, string, boolean, color };

class Expression {
public:
    virtual ~Expression() = default;
    virtual Value evaluate(const EvalContext& context) const = 0;
    bool depends_on_zoom = false;
    bool depends_on_feature = false;
    std::vector<int> keys;  // attribute keys read, for hashing and loading
};
using ExpressionPtr = std::shared_ptr<const Expression>;

// Compiles a JSON value. Throws InputError "WHERE: what is wrong, got VALUE".
ExpressionPtr compile_expression(const nlohmann::json& json, Type expected, Keys& keys,
                                 const std::string& where);

// EXPRESSION's numbers kept within [MIN, MAX]; what is no finite number
// (null, a text, a division by zero computed per feature) gives nothing,
// for the property's default to apply. outline() sees through it.
ExpressionPtr within_range(ExpressionPtr expression, double min, double max);

// The shape of a paint value as far as a legend can show it: a constant, a
// "match" on an attribute (categories), a "step" (classes) or an
// "interpolate" (a ramp or graduated sizes). Outputs are evaluated without a
// feature; for steps there is one more output than stops.
struct ExpressionOutline {
    enum class Kind { constant, categories, steps, ramp, other };
    Kind kind = Kind::other;
    std::string attribute;  // the input when it is ["get", NAME]
    bool by_zoom = false;   // the input is ["zoom"]
    std::vector<std::string> labels;  // categories: one text per output
    std::vector<double> stops;
    std::vector<Value> outputs;
    Value fallback;  // categories: the value of everything else
};
ExpressionOutline outline(const ExpressionPtr& expression, const Keys& keys);

// The largest number EXPRESSION gives at ZOOM for any feature: exact when
// it does not depend on the feature; else the largest of the outputs of a
// match, step, interpolate (which stays between its outputs), case or
// coalesce of such, and at most the upper end of a within_range(). Minus
// infinity when it never gives a number (the property's default applies);
// nothing when no bound is known (arithmetic on an attribute, an attribute
// itself).
std::optional<double> largest_number(const ExpressionPtr& expression, double zoom);

// Typed reads with a fallback for null or unconvertible values.
double number_or(const Value& v, double fallback);
Color color_or(const Value& v, const Color& fallback);

} // namespace incimap::render
