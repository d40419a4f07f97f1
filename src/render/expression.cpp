#include "render/expression.hpp"

#include "core/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace incimap::render {

using json = nlohmann::json;

int Keys::intern(std::string_view name) {
    for (std::size_t i = 0; i < names_.size(); ++i)
        if (names_[i] == name)
            return static_cast<int>(i);
    names_.emplace_back(name);
    return static_cast<int>(names_.size()) - 1;
}

Binding bind(const Keys& keys, const AttributeTable& table) {
    Binding b{&table, {}};
    for (const auto& name : keys.names())
        b.columns.push_back(table.find(name));
    return b;
}

double number_or(const Value& v, double fallback) {
    double d = 0;
    return to_number(v, d) ? d : fallback;
}

Color color_or(const Value& v, const Color& fallback) {
    if (const auto* c = std::get_if<Color>(&v))
        return *c;
    if (const auto* s = std::get_if<std::string_view>(&v))
        if (auto c = parse_color(*s))
            return *c;
    return fallback;
}

namespace {

std::string shown(const json& j) {
    auto text = j.dump();
    return text.size() > 80 ? text.substr(0, 77) + "..." : text;
}

const char* describe(Type t) {
    switch (t) {
    case Type::number: return "a number or an expression";
    case Type::color: return "a colour or an expression";
    case Type::string: return "a text or an expression";
    case Type::boolean: return "true, false or an expression";
    case Type::any: break;
    }
    return "a value or an expression";
}

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw InputError(where + ": " + what);
}

// Values compare loosely across number and numeric text, because the same
// attribute is a number in a GeoPackage and may be text in a CSV-made file.
int compare(const Value& a, const Value& b, bool& comparable) {
    comparable = true;
    const auto* sa = std::get_if<std::string_view>(&a);
    const auto* sb = std::get_if<std::string_view>(&b);
    if (sa && sb)
        return sa->compare(*sb) < 0 ? -1 : (*sa == *sb ? 0 : 1);
    double x = 0, y = 0;
    if (!std::holds_alternative<Color>(a) && !std::holds_alternative<Color>(b) && to_number(a, x) &&
        to_number(b, y))
        return x < y ? -1 : (x > y ? 1 : 0);
    if (is_null(a) && is_null(b))
        return 0;
    comparable = false;
    return 0;
}

bool equal(const Value& a, const Value& b) {
    bool comparable = false;
    return compare(a, b, comparable) == 0 && comparable;
}

bool truthy(const Value& v) {
    if (const auto* b = std::get_if<bool>(&v))
        return *b;
    return false;
}

struct Literal final : Expression {
    Value value;
    std::string text;  // owns the characters value views
    Value evaluate(const EvalContext&) const override { return value; }
};

std::shared_ptr<Literal> make_literal(const json& j) {
    auto lit = std::make_shared<Literal>();
    if (j.is_number())
        lit->value = j.get<double>();
    else if (j.is_boolean())
        lit->value = j.get<bool>();
    else if (j.is_string()) {
        lit->text = j.get<std::string>();
        lit->value = std::string_view(lit->text);
    }
    return lit;
}

struct Get final : Expression {
    int key = 0;
    Value evaluate(const EvalContext& c) const override {
        if (c.feature == nullptr)
            return {};
        const int column = c.feature->columns[key];
        return column < 0 ? Value{} : c.feature->table->value(column, c.row);
    }
};

struct Has final : Expression {
    int key = 0;
    Value evaluate(const EvalContext& c) const override {
        if (c.feature == nullptr)
            return false;
        const int column = c.feature->columns[key];
        return column >= 0 && !is_null(c.feature->table->value(column, c.row));
    }
};

struct Zoom final : Expression {
    Value evaluate(const EvalContext& c) const override { return c.zoom; }
};

struct Density final : Expression {
    Value evaluate(const EvalContext& c) const override { return c.heatmap_density; }
};

struct Match final : Expression {
    ExpressionPtr input;
    std::vector<std::shared_ptr<Literal>> labels;
    std::vector<std::size_t> output_of_label;
    std::vector<ExpressionPtr> outputs;
    ExpressionPtr fallback;
    Value evaluate(const EvalContext& c) const override {
        const Value v = input->evaluate(c);
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (equal(v, labels[i]->value))
                return outputs[output_of_label[i]]->evaluate(c);
        return fallback->evaluate(c);
    }
};

struct Step final : Expression {
    ExpressionPtr input;
    std::vector<double> stops;
    std::vector<ExpressionPtr> outputs;  // one more than stops
    Value evaluate(const EvalContext& c) const override {
        double x = 0;
        if (!to_number(input->evaluate(c), x))
            return outputs.front()->evaluate(c);
        const auto above = std::upper_bound(stops.begin(), stops.end(), x) - stops.begin();
        return outputs[static_cast<std::size_t>(above)]->evaluate(c);
    }
};

struct Interpolate final : Expression {
    ExpressionPtr input;
    double base = 1;  // 1: linear
    std::vector<double> stops;
    std::vector<ExpressionPtr> outputs;
    Value evaluate(const EvalContext& c) const override {
        double x = 0;
        if (!to_number(input->evaluate(c), x))
            return outputs.front()->evaluate(c);
        if (x <= stops.front())
            return outputs.front()->evaluate(c);
        if (x >= stops.back())
            return outputs.back()->evaluate(c);
        const auto i = static_cast<std::size_t>(
            std::upper_bound(stops.begin(), stops.end(), x) - stops.begin() - 1);
        const double span = stops[i + 1] - stops[i];
        const double t = base == 1 ? (x - stops[i]) / span
                                   : (std::pow(base, x - stops[i]) - 1) / (std::pow(base, span) - 1);
        const Value a = outputs[i]->evaluate(c);
        const Value b = outputs[i + 1]->evaluate(c);
        if (std::holds_alternative<Color>(a) || std::holds_alternative<Color>(b))
            return mix(color_or(a, {}), color_or(b, {}), t);
        double ya = 0, yb = 0;
        if (!to_number(a, ya) || !to_number(b, yb))
            return a;
        return ya + (yb - ya) * t;
    }
};

struct Case final : Expression {
    std::vector<ExpressionPtr> conditions, outputs;
    ExpressionPtr fallback;
    Value evaluate(const EvalContext& c) const override {
        for (std::size_t i = 0; i < conditions.size(); ++i)
            if (truthy(conditions[i]->evaluate(c)))
                return outputs[i]->evaluate(c);
        return fallback->evaluate(c);
    }
};

struct Compare final : Expression {
    std::string op;
    ExpressionPtr a, b;
    Value evaluate(const EvalContext& c) const override {
        bool comparable = false;
        const int r = compare(a->evaluate(c), b->evaluate(c), comparable);
        if (op == "!=")
            return !comparable || r != 0;
        if (!comparable)
            return false;
        if (op == "==")
            return r == 0;
        if (op == "<")
            return r < 0;
        if (op == "<=")
            return r <= 0;
        if (op == ">")
            return r > 0;
        return r >= 0;
    }
};

struct Logical final : Expression {
    bool all = true;
    std::vector<ExpressionPtr> args;
    Value evaluate(const EvalContext& c) const override {
        for (const auto& a : args)
            if (truthy(a->evaluate(c)) != all)
                return !all;
        return all;
    }
};

struct Not final : Expression {
    ExpressionPtr a;
    Value evaluate(const EvalContext& c) const override { return !truthy(a->evaluate(c)); }
};

struct In final : Expression {
    ExpressionPtr needle;
    std::vector<std::shared_ptr<Literal>> haystack;
    Value evaluate(const EvalContext& c) const override {
        const Value v = needle->evaluate(c);
        for (const auto& h : haystack)
            if (equal(v, h->value))
                return true;
        return false;
    }
};

struct Arithmetic final : Expression {
    char op = '+';
    std::vector<ExpressionPtr> args;
    Value evaluate(const EvalContext& c) const override {
        double acc = 0;
        if (!to_number(args[0]->evaluate(c), acc))
            return {};
        if (op == '-' && args.size() == 1)
            return -acc;
        for (std::size_t i = 1; i < args.size(); ++i) {
            double v = 0;
            if (!to_number(args[i]->evaluate(c), v))
                return {};
            switch (op) {
            case '+': acc += v; break;
            case '-': acc -= v; break;
            case '*': acc *= v; break;
            case '/':
                // Nothing, so that the property takes its default: a
                // division by a zero the style wrote is refused when the
                // style is read.
                if (v == 0)
                    return {};
                acc /= v;
                break;
            case '<': acc = std::min(acc, v); break;
            case '>': acc = std::max(acc, v); break;
            }
        }
        if (op == 's')
            return acc < 0 ? 0.0 : std::sqrt(acc);
        return acc;
    }
};

struct Concat final : Expression {
    std::vector<ExpressionPtr> args;
    Value evaluate(const EvalContext& c) const override {
        std::string text;
        for (const auto& a : args)
            text += to_text(a->evaluate(c));
        if (c.scratch == nullptr)
            return {};
        c.scratch->push_back(std::move(text));
        return std::string_view(c.scratch->back());
    }
};

struct ToNumber final : Expression {
    ExpressionPtr a;
    Value evaluate(const EvalContext& c) const override {
        double v = 0;
        return to_number(a->evaluate(c), v) ? Value{v} : Value{};
    }
};

struct Coalesce final : Expression {
    std::vector<ExpressionPtr> args;
    Value evaluate(const EvalContext& c) const override {
        for (const auto& a : args) {
            Value v = a->evaluate(c);
            if (!is_null(v))
                return v;
        }
        return {};
    }
};

class Compiler {
public:
    Compiler(Keys& keys, const std::string& where) : keys_(keys), where_(where) {}

    ExpressionPtr compile(const json& j, Type expected) {
        if (j.is_array() && !j.empty() && j[0].is_string()) {
            // Deep nesting would exhaust the stack here and when the
            // expression is evaluated; no useful style comes near this.
            if (depth_ == kMaxExpressionDepth)
                fail(where_, fmt::format("expression nested deeper than {} levels: {}",
                                         kMaxExpressionDepth, shown(j)));
            ++depth_;
            auto e = compile_call(j, expected);
            --depth_;
            return e;
        }
        if (j.is_array() || j.is_object())
            fail(where_, fmt::format("expected {}, got {}", describe(expected), shown(j)));
        return constant(j, expected);
    }

private:
    ExpressionPtr constant(const json& j, Type expected) {
        const bool ok = j.is_null() || expected == Type::any ||
                        (expected == Type::number && j.is_number()) ||
                        (expected == Type::string && (j.is_string() || j.is_number())) ||
                        (expected == Type::boolean && j.is_boolean()) ||
                        (expected == Type::color && j.is_string());
        if (!ok)
            fail(where_, fmt::format("expected {}, got {}", describe(expected), shown(j)));
        if (expected == Type::color && j.is_string()) {
            auto color = parse_color(j.get<std::string>());
            if (!color)
                fail(where_, fmt::format("expected a colour (#rrggbb, rgb(), rgba()), got {}",
                                         shown(j)));
            auto lit = std::make_shared<Literal>();
            lit->value = *color;
            return lit;
        }
        return make_literal(j);
    }

    template <class T> std::shared_ptr<T> node() { return std::make_shared<T>(); }

    ExpressionPtr finish(std::shared_ptr<Expression> e, std::initializer_list<ExpressionPtr> kids) {
        return finish(std::move(e), std::vector<ExpressionPtr>(kids));
    }
    ExpressionPtr finish(std::shared_ptr<Expression> e, const std::vector<ExpressionPtr>& kids) {
        for (const auto& k : kids) {
            if (!k)
                continue;
            e->depends_on_zoom |= k->depends_on_zoom;
            e->depends_on_feature |= k->depends_on_feature;
            e->keys.insert(e->keys.end(), k->keys.begin(), k->keys.end());
        }
        std::sort(e->keys.begin(), e->keys.end());
        e->keys.erase(std::unique(e->keys.begin(), e->keys.end()), e->keys.end());
        return e;
    }

    void arity(const json& j, std::size_t min, std::size_t max, const std::string& op) {
        const auto n = j.size() - 1;
        if (n >= min && n <= max)
            return;
        const auto wanted = min == max      ? std::to_string(min)
                            : max == SIZE_MAX ? fmt::format("at least {}", min)
                                              : fmt::format("{} to {}", min, max);
        fail(where_, fmt::format("'{}' takes {} argument(s), got {}: {}", op, wanted, n, shown(j)));
    }

    std::vector<std::shared_ptr<Literal>> labels(const json& j) {
        std::vector<std::shared_ptr<Literal>> out;
        const auto add = [&](const json& v) {
            if (!v.is_string() && !v.is_number() && !v.is_boolean())
                fail(where_, fmt::format("match labels must be texts or numbers, got {}", shown(v)));
            out.push_back(make_literal(v));
        };
        if (j.is_array())
            for (const auto& v : j)
                add(v);
        else
            add(j);
        return out;
    }

    double stop_value(const json& j, const std::string& op) {
        if (!j.is_number())
            fail(where_, fmt::format("'{}' stops must be numbers, got {}", op, shown(j)));
        return j.get<double>();
    }

    ExpressionPtr compile_call(const json& j, Type expected);
    // Compiles every argument of J (all but the operator) to EXPECTED.
    std::vector<ExpressionPtr> arguments(const json& j, Type expected);
    // An operator of one argument, compiled to ARGUMENT, in Node::a.
    template <class Node> ExpressionPtr unary(const json& j, const std::string& op, Type argument) {
        arity(j, 1, 1, op);
        auto e = node<Node>();
        e->a = compile(j[1], argument);
        return finish(e, {e->a});
    }
    // Appends the stop STOP of J, which must be greater than the one before.
    void add_stop(std::vector<double>& stops, const json& stop, const std::string& op, const json& j);

public:
    // The steps compile_call looks up by operator; J is the whole call.
    ExpressionPtr compile_literal(const json& j, const std::string& op, Type expected);
    ExpressionPtr compile_attribute(const json& j, const std::string& op, Type expected);
    ExpressionPtr compile_zoom(const json& j, const std::string& op, Type expected);
    ExpressionPtr compile_density(const json& j, const std::string& op, Type expected);
    ExpressionPtr compile_match(const json& j, const std::string& op, Type expected);
    ExpressionPtr compile_step(const json& j, const std::string& op, Type expected);
    ExpressionPtr compile_interpolate(const json& j, const std::string& op, Type expected);
    ExpressionPtr compile_case(const json& j, const std::string& op, Type expected);
    ExpressionPtr compile_compare(const json& j, const std::string& op, Type expected);
    ExpressionPtr compile_logical(const json& j, const std::string& op, Type expected);
    ExpressionPtr compile_not(const json& j, const std::string& op, Type expected);
    ExpressionPtr compile_in(const json& j, const std::string& op, Type expected);
    ExpressionPtr compile_arithmetic(const json& j, const std::string& op, Type expected);
    ExpressionPtr compile_concat(const json& j, const std::string& op, Type expected);
    ExpressionPtr compile_to_number(const json& j, const std::string& op, Type expected);
    ExpressionPtr compile_coalesce(const json& j, const std::string& op, Type expected);

private:
    static constexpr int kMaxExpressionDepth = 64;

    Keys& keys_;
    const std::string& where_;
    int depth_ = 0;
};

// One compiling step per operator (or family of operators), all with the
// same signature, so that compile_call only looks the operator up.
using CallCompiler = ExpressionPtr (Compiler::*)(const json& j, const std::string& op, Type expected);

struct Operator {
    std::string_view name;
    CallCompiler compile;
};

constexpr Operator operators[] = {
    {"literal", &Compiler::compile_literal},
    {"get", &Compiler::compile_attribute},
    {"has", &Compiler::compile_attribute},
    {"zoom", &Compiler::compile_zoom},
    {"heatmap-density", &Compiler::compile_density},
    {"match", &Compiler::compile_match},
    {"step", &Compiler::compile_step},
    {"interpolate", &Compiler::compile_interpolate},
    {"case", &Compiler::compile_case},
    {"==", &Compiler::compile_compare},
    {"!=", &Compiler::compile_compare},
    {"<", &Compiler::compile_compare},
    {"<=", &Compiler::compile_compare},
    {">", &Compiler::compile_compare},
    {">=", &Compiler::compile_compare},
    {"all", &Compiler::compile_logical},
    {"any", &Compiler::compile_logical},
    {"!", &Compiler::compile_not},
    {"in", &Compiler::compile_in},
    {"+", &Compiler::compile_arithmetic},
    {"-", &Compiler::compile_arithmetic},
    {"*", &Compiler::compile_arithmetic},
    {"/", &Compiler::compile_arithmetic},
    {"min", &Compiler::compile_arithmetic},
    {"max", &Compiler::compile_arithmetic},
    {"sqrt", &Compiler::compile_arithmetic},
    {"concat", &Compiler::compile_concat},
    {"to-string", &Compiler::compile_concat},
    {"to-number", &Compiler::compile_to_number},
    {"coalesce", &Compiler::compile_coalesce},
};

ExpressionPtr Compiler::compile_call(const json& j, Type expected) {
    const auto op = j[0].get<std::string>();
    for (const auto& known : operators)
        if (known.name == op)
            return (this->*known.compile)(j, op, expected);
    fail(where_, fmt::format("unknown expression '{}' in {}", op, shown(j)));
}

std::vector<ExpressionPtr> Compiler::arguments(const json& j, Type expected) {
    std::vector<ExpressionPtr> out;
    for (std::size_t i = 1; i < j.size(); ++i)
        out.push_back(compile(j[i], expected));
    return out;
}

void Compiler::add_stop(std::vector<double>& stops, const json& stop, const std::string& op,
                        const json& j) {
    stops.push_back(stop_value(stop, op));
    if (stops.size() > 1 && stops.back() <= stops[stops.size() - 2])
        fail(where_, fmt::format("'{}' stops must increase, got {}", op, shown(j)));
}

ExpressionPtr Compiler::compile_literal(const json& j, const std::string& op, Type expected) {
    arity(j, 1, 1, op);
    if (j[1].is_array() || j[1].is_object())
        fail(where_, fmt::format("array literals are only allowed in 'in', got {}", shown(j)));
    return constant(j[1], expected);
}

ExpressionPtr Compiler::compile_attribute(const json& j, const std::string& op, Type) {
    arity(j, 1, 1, op);
    if (!j[1].is_string())
        fail(where_, fmt::format("'{}' takes an attribute name, got {}", op, shown(j[1])));
    const int key = keys_.intern(j[1].get<std::string>());
    std::shared_ptr<Expression> e;
    if (op == "get") {
        auto g = node<Get>();
        g->key = key;
        e = g;
    } else {
        auto h = node<Has>();
        h->key = key;
        e = h;
    }
    e->depends_on_feature = true;
    e->keys = {key};
    return e;
}

ExpressionPtr Compiler::compile_zoom(const json& j, const std::string& op, Type) {
    arity(j, 0, 0, op);
    auto e = node<Zoom>();
    e->depends_on_zoom = true;
    return e;
}

ExpressionPtr Compiler::compile_density(const json& j, const std::string& op, Type) {
    arity(j, 0, 0, op);
    auto e = node<Density>();
    e->depends_on_feature = true;
    return e;
}

ExpressionPtr Compiler::compile_match(const json& j, const std::string&, Type expected) {
    if (j.size() < 5 || j.size() % 2 == 0)
        fail(where_, fmt::format("'match' needs an input, label/output pairs and a fallback, got {}",
                                 shown(j)));
    auto e = node<Match>();
    e->input = compile(j[1], Type::any);
    std::vector<ExpressionPtr> kids{e->input};
    for (std::size_t i = 2; i + 1 < j.size(); i += 2) {
        for (auto& l : labels(j[i])) {
            e->labels.push_back(l);
            e->output_of_label.push_back(e->outputs.size());
        }
        e->outputs.push_back(compile(j[i + 1], expected));
        kids.push_back(e->outputs.back());
    }
    e->fallback = compile(j.back(), expected);
    kids.push_back(e->fallback);
    return finish(e, kids);
}

ExpressionPtr Compiler::compile_step(const json& j, const std::string& op, Type expected) {
    if (j.size() < 3 || j.size() % 2 == 0)
        fail(where_, fmt::format("'step' needs an input, an output and stop/output pairs, got {}",
                                 shown(j)));
    auto e = node<Step>();
    e->input = compile(j[1], Type::number);
    e->outputs.push_back(compile(j[2], expected));
    for (std::size_t i = 3; i + 1 < j.size(); i += 2) {
        add_stop(e->stops, j[i], op, j);
        e->outputs.push_back(compile(j[i + 1], expected));
    }
    std::vector<ExpressionPtr> kids = e->outputs;
    kids.push_back(e->input);
    return finish(e, kids);
}

ExpressionPtr Compiler::compile_interpolate(const json& j, const std::string& op, Type expected) {
    if (j.size() < 5 || j.size() % 2 == 0 || !j[1].is_array() || j[1].empty())
        fail(where_, fmt::format("'interpolate' needs [\"linear\"] or [\"exponential\", base], "
                                 "an input and stop/output pairs, got {}",
                                 shown(j)));
    if (expected != Type::number && expected != Type::color && expected != Type::any)
        fail(where_, fmt::format("'interpolate' makes numbers or colours, not {}", describe(expected)));
    auto e = node<Interpolate>();
    const auto& kind = j[1];
    if (kind[0] == "exponential" && kind.size() == 2 && kind[1].is_number() &&
        kind[1].get<double>() > 0)
        e->base = kind[1].get<double>();
    else if (!(kind[0] == "linear" && kind.size() == 1))
        fail(where_, fmt::format("interpolation must be [\"linear\"] or [\"exponential\", "
                                 "base > 0], got {}",
                                 shown(kind)));
    e->input = compile(j[2], Type::number);
    for (std::size_t i = 3; i + 1 < j.size(); i += 2) {
        add_stop(e->stops, j[i], op, j);
        e->outputs.push_back(compile(j[i + 1], expected == Type::any ? Type::number : expected));
    }
    std::vector<ExpressionPtr> kids = e->outputs;
    kids.push_back(e->input);
    return finish(e, kids);
}

ExpressionPtr Compiler::compile_case(const json& j, const std::string&, Type expected) {
    if (j.size() < 4 || j.size() % 2 != 0)
        fail(where_, fmt::format("'case' needs condition/output pairs and a fallback, got {}",
                                 shown(j)));
    auto e = node<Case>();
    std::vector<ExpressionPtr> kids;
    for (std::size_t i = 1; i + 1 < j.size(); i += 2) {
        e->conditions.push_back(compile(j[i], Type::boolean));
        e->outputs.push_back(compile(j[i + 1], expected));
        kids.insert(kids.end(), {e->conditions.back(), e->outputs.back()});
    }
    e->fallback = compile(j.back(), expected);
    kids.push_back(e->fallback);
    return finish(e, kids);
}

ExpressionPtr Compiler::compile_compare(const json& j, const std::string& op, Type) {
    arity(j, 2, 2, op);
    auto e = node<Compare>();
    e->op = op;
    e->a = compile(j[1], Type::any);
    e->b = compile(j[2], Type::any);
    return finish(e, {e->a, e->b});
}

ExpressionPtr Compiler::compile_logical(const json& j, const std::string& op, Type) {
    auto e = node<Logical>();
    e->all = op == "all";
    e->args = arguments(j, Type::boolean);
    return finish(e, e->args);
}

ExpressionPtr Compiler::compile_not(const json& j, const std::string& op, Type) {
    return unary<Not>(j, op, Type::boolean);
}

ExpressionPtr Compiler::compile_in(const json& j, const std::string& op, Type) {
    arity(j, 2, 2, op);
    const auto& list = j[2];
    if (!(list.is_array() && list.size() == 2 && list[0] == "literal" && list[1].is_array()))
        fail(where_, fmt::format("'in' takes a value and [\"literal\", [...]], got {}", shown(j)));
    auto e = node<In>();
    e->needle = compile(j[1], Type::any);
    e->haystack = labels(list[1]);
    return finish(e, {e->needle});
}

ExpressionPtr Compiler::compile_arithmetic(const json& j, const std::string& op, Type) {
    if (op == "sqrt")
        arity(j, 1, 1, op);
    else
        arity(j, op == "-" ? 1 : 2, SIZE_MAX, op);
    auto e = node<Arithmetic>();
    e->op = op == "min" ? '<' : op == "max" ? '>' : op == "sqrt" ? 's' : op[0];
    e->args = arguments(j, Type::number);
    if (op == "/")
        for (std::size_t i = 1; i < e->args.size(); ++i)
            if (!e->args[i]->depends_on_feature && !e->args[i]->depends_on_zoom &&
                number_or(e->args[i]->evaluate(EvalContext{}), 1) == 0)
                fail(where_, fmt::format("division by zero in {}", shown(j)));
    return finish(e, e->args);
}

ExpressionPtr Compiler::compile_concat(const json& j, const std::string& op, Type) {
    if (op == "to-string")
        arity(j, 1, 1, op);
    auto e = node<Concat>();
    e->args = arguments(j, Type::any);
    return finish(e, e->args);
}

ExpressionPtr Compiler::compile_to_number(const json& j, const std::string& op, Type) {
    return unary<ToNumber>(j, op, Type::any);
}

ExpressionPtr Compiler::compile_coalesce(const json& j, const std::string& op, Type expected) {
    arity(j, 1, SIZE_MAX, op);
    auto e = node<Coalesce>();
    e->args = arguments(j, expected);
    return finish(e, e->args);
}

} // namespace

namespace {

struct Clamp final : Expression {
    ExpressionPtr inner;
    double min = 0, max = 0;
    Value evaluate(const EvalContext& c) const override {
        double v = 0;
        if (!to_number(inner->evaluate(c), v) || !std::isfinite(v))
            return {};
        return std::clamp(v, min, max);
    }
};

} // namespace

ExpressionPtr within_range(ExpressionPtr expression, double min, double max) {
    auto e = std::make_shared<Clamp>();
    e->depends_on_zoom = expression->depends_on_zoom;
    e->depends_on_feature = expression->depends_on_feature;
    e->keys = expression->keys;
    e->inner = std::move(expression);
    e->min = min;
    e->max = max;
    return e;
}

namespace {

// A bound of -infinity: the expression never gives a number.
constexpr double no_number = -std::numeric_limits<double>::infinity();

// The largest of the outputs' bounds, and of the fallback's when given.
std::optional<double> largest_of(const std::vector<ExpressionPtr>& outputs, double zoom,
                                 const ExpressionPtr& fallback = nullptr) {
    double most = no_number;
    for (const auto& o : outputs) {
        const auto bound = largest_number(o, zoom);
        if (!bound)
            return std::nullopt;
        most = std::max(most, *bound);
    }
    if (!fallback)
        return most;
    const auto bound = largest_number(fallback, zoom);
    return bound ? std::optional(std::max(most, *bound)) : std::nullopt;
}

} // namespace

std::optional<double> largest_number(const ExpressionPtr& expression, double zoom) {
    if (!expression->depends_on_feature) {
        EvalContext c;
        std::deque<std::string> scratch;
        c.zoom = zoom;
        c.scratch = &scratch;
        double v = 0;
        return to_number(expression->evaluate(c), v) && std::isfinite(v) ? v : no_number;
    }
    const auto* e = expression.get();
    if (const auto* clamp = dynamic_cast<const Clamp*>(e)) {
        const auto inner = largest_number(clamp->inner, zoom);
        return inner ? std::min(*inner, clamp->max) : clamp->max;
    }
    if (const auto* m = dynamic_cast<const Match*>(e))
        return largest_of(m->outputs, zoom, m->fallback);
    if (const auto* s = dynamic_cast<const Step*>(e))
        return largest_of(s->outputs, zoom);
    // Linear and exponential interpolation stay between the outputs.
    if (const auto* i = dynamic_cast<const Interpolate*>(e))
        return largest_of(i->outputs, zoom);
    if (const auto* c = dynamic_cast<const Case*>(e))
        return largest_of(c->outputs, zoom, c->fallback);
    if (const auto* c = dynamic_cast<const Coalesce*>(e))
        return largest_of(c->args, zoom);
    return std::nullopt;
}

ExpressionOutline outline(const ExpressionPtr& wrapped, const Keys& keys) {
    const auto* clamp = dynamic_cast<const Clamp*>(wrapped.get());
    const ExpressionPtr& expression = clamp ? clamp->inner : wrapped;
    ExpressionOutline out;
    const EvalContext none;
    const auto describe_input = [&](const ExpressionPtr& input) {
        if (const auto* g = dynamic_cast<const Get*>(input.get()))
            out.attribute = keys.names()[static_cast<std::size_t>(g->key)];
        out.by_zoom = dynamic_cast<const Zoom*>(input.get()) != nullptr;
    };
    if (!expression->depends_on_feature && !expression->depends_on_zoom) {
        out.kind = ExpressionOutline::Kind::constant;
        out.outputs.push_back(expression->evaluate(none));
    } else if (const auto* m = dynamic_cast<const Match*>(expression.get())) {
        out.kind = ExpressionOutline::Kind::categories;
        describe_input(m->input);
        std::vector<std::string> joined(m->outputs.size());
        for (std::size_t i = 0; i < m->labels.size(); ++i) {
            auto& text = joined[m->output_of_label[i]];
            text += (text.empty() ? "" : ", ") + to_text(m->labels[i]->value);
        }
        for (std::size_t i = 0; i < m->outputs.size(); ++i) {
            out.labels.push_back(joined[i]);
            out.outputs.push_back(m->outputs[i]->evaluate(none));
        }
        out.fallback = m->fallback->evaluate(none);
    } else if (const auto* s = dynamic_cast<const Step*>(expression.get())) {
        out.kind = ExpressionOutline::Kind::steps;
        describe_input(s->input);
        out.stops = s->stops;
        for (const auto& o : s->outputs)
            out.outputs.push_back(o->evaluate(none));
    } else if (const auto* i = dynamic_cast<const Interpolate*>(expression.get())) {
        out.kind = ExpressionOutline::Kind::ramp;
        describe_input(i->input);
        out.stops = i->stops;
        for (const auto& o : i->outputs)
            out.outputs.push_back(o->evaluate(none));
    }
    return out;
}

ExpressionPtr compile_expression(const json& j, Type expected, Keys& keys, const std::string& where) {
    Compiler compiler(keys, where);
    return compiler.compile(j, expected);
}

} // namespace incimap::render
