// Styles: the shipped ones parse, expressions evaluate as documented, and a
// mistake is reported with the file, the layer and the property.
#include "core/error.hpp"
#include "render/style.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <deque>

using namespace incimap;
using namespace incimap::render;

namespace {

Style parse(const std::string& text, const std::string& origin = "styles/x.json") {
    return parse_style(text, origin, "", [](const std::string& name) -> std::pair<std::string, std::string> {
        throw InputError("no base " + name);
    });
}

std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

// Evaluates an expression against one feature with the given attributes.
struct Probe {
    Keys keys;
    AttributeTable table;
    std::deque<std::string> scratch;

    Value eval(const std::string& expression, Type type, double zoom = 0) {
        auto e = compile_expression(nlohmann::json::parse(expression), type, keys, "test");
        const auto binding = bind(keys, table);
        EvalContext c;
        c.feature = &binding;
        c.zoom = zoom;
        c.scratch = &scratch;
        return e->evaluate(c);
    }
};

Probe incident(const std::string& type, double fatalities) {
    Probe p;
    const int t = p.table.add_column("event_type", AttributeTable::Kind::text);
    const int f = p.table.add_column("fatalities", AttributeTable::Kind::number);
    p.table.add_row();
    p.table.set_text(t, 0, type);
    p.table.set_number(f, 0, fatalities);
    return p;
}

} // namespace

TEST_CASE("The shipped styles load", "[render][style]") {
    for (const auto& name : shipped_styles()) {
        INFO(name);
        const auto style = load_style(name);
        CHECK_FALSE(style.layers.empty());
        CHECK(style.name == name);
    }
    SECTION("the default style draws the basemap beneath its own layers") {
        const auto style = load_style("default");
        CHECK(style.layers.front().base);
        CHECK(style.layers.front().source == "admin0");
        CHECK_FALSE(style.layers.back().base);
    }
}

TEST_CASE("An unknown style name is a usage error listing the shipped ones", "[render][style]") {
    CHECK_THROWS_AS(load_style("no-such-style"), UsageError);
    CHECK_THROWS_WITH(load_style("no-such-style"), Catch::Contains("default, heatmap"));
}

TEST_CASE("Style errors name the file, the layer and the property", "[render][style]") {
    SECTION("a word where a number belongs") {
        CHECK(error_of(R"({"layers": [{"id": "events", "type": "circle", "source": "incidents",
                         "paint": {"circle-radius": "big"}}]})") ==
              R"(styles/x.json: layer 'events': paint 'circle-radius': expected a number or an expression, got "big")");
    }
    SECTION("a colour that is not one") {
        CHECK_THAT(error_of(R"({"layers": [{"id": "a", "type": "circle", "source": "incidents",
                              "paint": {"circle-color": "#12345"}}]})"),
                   Catch::Contains("layer 'a': paint 'circle-color': expected a colour") &&
                       Catch::Contains("\"#12345\""));
    }
    SECTION("a property of another layer type") {
        CHECK_THAT(error_of(R"({"layers": [{"id": "a", "type": "fill", "source": "admin1",
                              "paint": {"circle-radius": 3}}]})"),
                   Catch::Contains("layer 'a': paint 'circle-radius': not a property of fill layers"));
    }
    SECTION("an unknown layer type") {
        CHECK_THAT(error_of(R"({"layers": [{"id": "a", "type": "dots", "source": "incidents"}]})"),
                   Catch::Contains("layer 'a': 'type' must be circle") && Catch::Contains("\"dots\""));
    }
    SECTION("an unknown expression") {
        CHECK_THAT(error_of(R"({"layers": [{"id": "a", "type": "circle", "source": "incidents",
                              "paint": {"circle-radius": ["bigger", 3]}}]})"),
                   Catch::Contains("paint 'circle-radius': unknown expression 'bigger'"));
    }
    SECTION("stops that do not increase") {
        CHECK_THAT(error_of(R"({"layers": [{"id": "a", "type": "circle", "source": "incidents",
                              "paint": {"circle-radius": ["interpolate", ["linear"], ["zoom"], 5, 1, 2, 3]}}]})"),
                   Catch::Contains("stops must increase"));
    }
    SECTION("a filter that is not an expression") {
        CHECK_THAT(error_of(R"({"layers": [{"id": "a", "type": "circle", "source": "incidents",
                              "filter": {"type": "Battles"}}]})"),
                   Catch::Contains("layer 'a': filter: expected true, false or an expression"));
    }
    SECTION("a layer id used twice") {
        CHECK_THAT(error_of(R"({"layers": [{"id": "a", "type": "circle", "source": "incidents"},
                                           {"id": "a", "type": "circle", "source": "incidents"}]})"),
                   Catch::Contains("layer 'a': the id is used twice"));
    }
    SECTION("broken JSON") {
        CHECK_THAT(error_of("{\"layers\": ["), Catch::Contains("styles/x.json: not valid JSON"));
    }
    const auto radius_nested = [&](int levels) {
        std::string radius = "[\"get\", \"fatalities\"]";
        for (int i = 0; i < levels; ++i)
            radius = "[\"+\", " + radius + ", 1]";
        return error_of(R"({"layers": [{"id": "a", "type": "circle", "source": "incidents",
                           "paint": {"circle-radius": )" + radius + "}}]}");
    };
    SECTION("an expression nested a hundred levels deep") {
        CHECK_THAT(radius_nested(100),
                   Catch::Contains("paint 'circle-radius': expression nested deeper than 64 levels"));
    }
    SECTION("JSON nested thousands of levels deep, refused before it is parsed") {
        CHECK_THAT(radius_nested(5000), Catch::Contains("styles/x.json: nested deeper than 256 levels"));
    }
    SECTION("sixty levels of nesting are still a style") {
        std::string filter = "true";
        for (int i = 0; i < 60; ++i)
            filter = "[\"all\", " + filter + "]";
        CHECK(error_of(R"({"layers": [{"id": "a", "type": "circle", "source": "incidents",
                         "filter": )" + filter + "}]}") == "(no error)");
    }
    SECTION("a heatmap over boundaries") {
        CHECK_THAT(error_of(R"({"layers": [{"id": "h", "type": "heatmap", "source": "admin1"}]})"),
                   Catch::Contains("its source must be \"incidents\""));
    }
}

TEST_CASE("Expressions evaluate as documented", "[render][style]") {
    SECTION("match picks the colour of the event type, else the fallback") {
        const std::string e = R"(["match", ["get", "event_type"], "Battles", "#D55E00",
                                  ["Riots", "Protests"], "#0072B2", "#666666"])";
        auto battles = incident("Battles", 0);
        CHECK(std::get<Color>(battles.eval(e, Type::color)) == *parse_color("#D55E00"));
        auto riots = incident("Riots", 0);
        CHECK(std::get<Color>(riots.eval(e, Type::color)) == *parse_color("#0072B2"));
        auto other = incident("Strategic developments", 0);
        CHECK(std::get<Color>(other.eval(e, Type::color)) == *parse_color("#666666"));
    }
    SECTION("interpolate is linear between stops and flat outside them") {
        const std::string e = R"(["interpolate", ["linear"], ["get", "fatalities"], 0, 4, 10, 8])";
        CHECK(std::get<double>(incident("Battles", 5).eval(e, Type::number)) == Approx(6));
        CHECK(std::get<double>(incident("Battles", 50).eval(e, Type::number)) == Approx(8));
        CHECK(std::get<double>(incident("Battles", -3).eval(e, Type::number)) == Approx(4));
    }
    SECTION("interpolate by zoom") {
        auto p = incident("Battles", 0);
        CHECK(std::get<double>(p.eval(R"(["interpolate", ["linear"], ["zoom"], 4, 1, 8, 3])",
                                      Type::number, 6)) == Approx(2));
    }
    SECTION("step takes the output of the last stop reached") {
        const std::string e = R"(["step", ["get", "fatalities"], 1, 5, 2, 20, 3])";
        CHECK(std::get<double>(incident("Battles", 4).eval(e, Type::number)) == 1);
        CHECK(std::get<double>(incident("Battles", 5).eval(e, Type::number)) == 2);
        CHECK(std::get<double>(incident("Battles", 99).eval(e, Type::number)) == 3);
    }
    SECTION("comparisons, case and concat") {
        auto p = incident("Battles", 12);
        CHECK(std::get<bool>(p.eval(R"(["all", [">", ["get", "fatalities"], 10], ["==", ["get", "event_type"], "Battles"]])",
                                    Type::boolean)));
        CHECK(std::get<double>(p.eval(R"(["case", ["<", ["get", "fatalities"], 10], 1, 2])", Type::number)) == 2);
        CHECK(std::get<std::string_view>(p.eval(R"j(["concat", ["get", "event_type"], " (", ["get", "fatalities"], ")"])j",
                                                Type::string)) == "Battles (12)");
        CHECK(std::get<bool>(p.eval(R"(["in", ["get", "event_type"], ["literal", ["Riots", "Battles"]]])",
                                    Type::boolean)));
    }
    SECTION("a missing attribute is null, and has says so") {
        auto p = incident("Battles", 1);
        CHECK(is_null(p.eval(R"(["get", "actor1"])", Type::any)));
        CHECK_FALSE(std::get<bool>(p.eval(R"(["has", "actor1"])", Type::boolean)));
    }
}

TEST_CASE("A number a style writes outside its property's range is an error naming the property",
          "[render][style]") {
    const auto with_radius = [](const std::string& radius) {
        return error_of(R"({"layers": [{"id": "events", "type": "circle", "source": "incidents",
                           "paint": {"circle-radius": )" + radius + "}}]}");
    };
    CHECK(with_radius("1e300") ==
          "styles/x.json: layer 'events': paint 'circle-radius': 1e+300 is out of range; expected 0 "
          "to 256 pixels");
    CHECK_THAT(with_radius("-3"), Catch::EndsWith("paint 'circle-radius': -3 is out of range; "
                                                  "expected 0 to 256 pixels"));
    CHECK_THAT(with_radius(R"(["interpolate", ["linear"], ["zoom"], 0, 2, 12, 400])"),
               Catch::Contains("400 is out of range"));
    CHECK_THAT(with_radius(R"(["match", ["get", "event_type"], "Battles", -1, 5])"),
               Catch::Contains("-1 is out of range"));
    CHECK_THAT(with_radius(R"(["step", ["get", "fatalities"], 4, 10, 1e9])"),
               Catch::Contains("is out of range; expected 0 to 256 pixels"));
    CHECK_THAT(with_radius(R"(["/", ["get", "fatalities"], 0])"),
               Catch::EndsWith("paint 'circle-radius': division by zero in [\"/\",[\"get\",\"fatalities\"],0]"));
    CHECK_THAT(error_of(R"({"layers": [{"id": "e", "type": "circle", "source": "incidents",
                          "paint": {"circle-opacity": 1.5}}]})"),
               Catch::Contains("paint 'circle-opacity': 1.5 is out of range; expected 0 to 1"));
    SECTION("the edges of the range are in it") {
        CHECK(with_radius("0") == "(no error)");
        CHECK(with_radius("256") == "(no error)");
    }
}

TEST_CASE("A number computed per incident is clamped to its property's range, and a division "
          "by an attribute that is 0 gives the default",
          "[render][style]") {
    const auto style = parse(R"({"layers": [{"id": "events", "type": "circle", "source": "incidents",
        "paint": {"circle-radius": ["*", ["get", "fatalities"], 1e300],
                  "circle-stroke-width": ["/", 3, ["get", "fatalities"]]}}]})");
    const auto& layer = style.layers.at(0);
    const auto radius_of = [&](double fatalities) {
        auto p = incident("Battles", fatalities);
        for (const auto& name : style.keys.names())
            p.keys.intern(name);
        const auto binding = bind(style.keys, p.table);
        EvalContext c;
        c.feature = &binding;
        c.scratch = &p.scratch;
        return std::pair{layer.property("circle-radius")->evaluate(c),
                         layer.property("circle-stroke-width")->evaluate(c)};
    };
    auto [huge, third] = radius_of(2);
    CHECK(std::get<double>(huge) == 256);
    CHECK(std::get<double>(third) == Approx(1.5));
    auto [negative, negative_width] = radius_of(-2);
    CHECK(std::get<double>(negative) == 0);
    CHECK(std::get<double>(negative_width) == 0);
    auto [zero, by_zero] = radius_of(0);
    CHECK(std::get<double>(zero) == 0);
    CHECK(is_null(by_zero));  // the property's default applies
}
