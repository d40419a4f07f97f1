#include "store/acled_admin1.hpp"

#include "adapters/geos.hpp"
#include "core/error.hpp"
#include "core/resources.hpp"
#include "text/fold.hpp"

#include <array>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

namespace incimap::store {
namespace {

using json = nlohmann::ordered_json;

struct RegionOfProvinces {
    std::string_view region;
    std::vector<std::string_view> provinces; // as Natural Earth spells them
};

// Burkina Faso's regions and their provinces (law of 2001, in force until
// 2025, as ACLED codes its admin1).
const std::array<RegionOfProvinces, 13>& burkina_regions() {
    static const std::array<RegionOfProvinces, 13> regions{{
        {"Boucle du Mouhoun", {"Balé", "Banwa", "Kossi", "Mouhoun", "Nayala", "Sourou"}},
        {"Cascades", {"Komoé", "Léraba"}},
        {"Centre", {"Kadiogo"}},
        {"Centre-Est", {"Boulgou", "Koulpélogo", "Kouritenga"}},
        {"Centre-Nord", {"Bam", "Namentenga", "Sanmatenga"}},
        {"Centre-Ouest", {"Boulkiemdé", "Sanguié", "Sissili", "Ziro"}},
        {"Centre-Sud", {"Bazéga", "Nahouri", "Zoundwéogo"}},
        {"Est", {"Gnagna", "Gourma", "Komondjari", "Kompienga", "Tapoa"}},
        {"Hauts-Bassins", {"Houet", "Kénédougou", "Tuy"}},
        {"Nord", {"Loroum", "Passoré", "Yatenga", "Zondoma"}},
        {"Plateau-Central", {"Ganzourgou", "Kourwéogo", "Oubritenga"}},
        {"Sahel", {"Oudalan", "Séno", "Soum", "Yagha"}},
        {"Sud-Ouest", {"Bougouriba", "Ioba", "Noumbiel", "Poni"}},
    }};
    return regions;
}

// Other spellings of a region's name, and the usual one.
struct Spelling {
    std::string_view other, usual;
};
constexpr std::array<Spelling, 4> spellings{{
    {"Timbuktu", "Tombouctou"},
    {"Haut-Bassins", "Hauts-Bassins"},
    {"Hodh Ech Chargi", "Hodh ech Chargui"},
    {"Barh el Ghazel", "Barh El Gazel"},
}};

// Regions without a boundary of their own, drawn inside another.
struct Inside {
    std::string_view name; // as GeoNames spells it
    std::string_view also; // as ACLED spells it
    std::string_view parent;
};
constexpr std::array<Inside, 2> drawn_inside{{
    {"Ménaka", "Menaka", "Gao"},
    {"Taoudénit", "Taoudeni", "Tombouctou"},
}};

std::string inside_note(const Inside& inside) {
    return fmt::format("{} (Mali) has been a region since 2016, cut from {}; Natural Earth has no "
                       "boundary of its own for it, so it is drawn and counted inside {}",
                       inside.name, inside.parent, inside.parent);
}

std::string_view usual_spelling(std::string_view name) {
    const auto key = text::name_key(name);
    for (const auto& s : spellings)
        if (text::name_key(s.other) == key)
            return s.usual;
    return name;
}

std::string wound(const geos::Context& context, const json& geometry) {
    return context.read_geojson(geometry.dump()).wound_counter_clockwise().geojson();
}

std::string build_regions() {
    const std::string_view source = "embedded Natural Earth admin-1 boundaries";
    const auto document = json::parse(as_text(resource("boundaries/admin1.geojson")));
    geos::Context context;
    std::map<std::string, std::size_t> region_of_province; // by name key
    for (std::size_t r = 0; r < burkina_regions().size(); ++r)
        for (const auto province : burkina_regions()[r].provinces)
            region_of_province[text::name_key(province)] = r;
    std::vector<std::vector<geos::Geometry>> parts(burkina_regions().size());
    std::vector<std::vector<std::string>> province_names(burkina_regions().size());
    json features = json::array();
    for (const auto& feature : document.at("features")) {
        if (!feature.contains("geometry") || feature["geometry"].is_null())
            continue;
        auto properties = feature.value("properties", json::object());
        const auto name = properties.value("name", std::string());
        if (properties.value("iso_a2", std::string()) == "BF") {
            const auto found = region_of_province.find(text::name_key(name));
            if (found == region_of_province.end())
                throw Error(
                    fmt::format("{}: '{}' is no province of Burkina Faso's regions", source, name));
            parts[found->second].push_back(context.read_geojson(feature["geometry"].dump()));
            province_names[found->second].push_back(name);
            continue;
        }
        if (properties.value("iso_a2", std::string()) == "ML") {
            properties["name"] = std::string(usual_spelling(name));
            for (const auto& inside : drawn_inside)
                if (properties["name"] == inside.parent)
                    properties["note"] = inside_note(inside);
        }
        features.push_back({{"type", "Feature"},
                            {"properties", properties},
                            {"geometry", json::parse(wound(context, feature["geometry"]))}});
    }
    for (std::size_t r = 0; r < parts.size(); ++r) {
        const auto& region = burkina_regions()[r];
        if (parts[r].size() != region.provinces.size())
            throw Error(fmt::format("{}: {} of the {} provinces of {} (Burkina Faso) found", source,
                                    parts[r].size(), region.provinces.size(), region.region));
        const auto merged = context.union_of(std::move(parts[r])).wound_counter_clockwise();
        features.push_back(
            {{"type", "Feature"},
             {"properties",
              {{"name", region.region},
               {"iso_a2", "BF"},
               {"admin", "Burkina Faso"},
               {"adm0_a3", "BFA"},
               {"provinces", fmt::format("{}", fmt::join(province_names[r], ", "))}}},
             {"geometry", json::parse(merged.geojson())}});
    }
    return json{{"type", "FeatureCollection"}, {"features", features}}.dump();
}

} // namespace

std::string_view acled_admin1_geojson() {
    static const std::string regions = build_regions();
    return regions;
}

Admin1Boundary admin1_boundary(std::string_view name) {
    const auto key = text::name_key(name);
    for (const auto& inside : drawn_inside)
        if (key == text::name_key(inside.name) || key == text::name_key(inside.also))
            return {std::string(inside.parent), inside_note(inside)};
    return {std::string(usual_spelling(name)), ""};
}

std::string admin1_key(std::string_view name) {
    const auto key = text::name_key(name);
    for (const auto& inside : drawn_inside)
        if (key == text::name_key(inside.also))
            return text::name_key(inside.name);
    return text::name_key(usual_spelling(name));
}

} // namespace incimap::store
