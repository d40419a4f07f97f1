#include "render/vector_fields.hpp"

#include "core/error.hpp"
#include "core/incident_fields.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace incimap::render {

namespace {

bool exported(const IncidentField& f) {
    return (f.uses & in_geojson) != 0 && f.name != "latitude" && f.name != "longitude";
}

} // namespace

std::vector<std::string> default_vector_attributes() {
    std::vector<std::string> names;
    for (const auto& f : incident_fields())
        if (exported(f))
            names.emplace_back(f.name);
    return names;
}

std::vector<VectorField> vector_fields(const std::vector<std::string>& names) {
    std::vector<VectorField> fields;
    for (const auto& name : names) {
        const auto* f = incident_field(name);
        if (f == nullptr || !(f->uses & in_geojson)) {
            std::string known;
            for (const auto& n : default_vector_attributes())
                known += (known.empty() ? "" : ", ") + n;
            throw UsageError(fmt::format(
                "'{}' is not an incident field; known: {}, latitude, longitude", name, known));
        }
        if (std::any_of(fields.begin(), fields.end(),
                        [&](const VectorField& v) { return v.name == f->name; }))
            continue;
        const bool whole = f->type == FieldType::integer;
        fields.push_back({std::string(f->name), whole || f->type == FieldType::real, whole});
    }
    return fields;
}

std::vector<std::string> region_attributes() {
    return {"name", "iso_a2", "admin", "incident_count", "incident_fatalities"};
}

std::string vector_layers_json(const std::vector<VectorField>& fields, int min_zoom, int max_zoom,
                               int regions_max_zoom) {
    nlohmann::ordered_json described = nlohmann::ordered_json::object();
    for (const auto& f : fields)
        described[f.name] = f.number ? "Number" : "String";
    described[std::string(point_count_attribute)] = "Number";
    nlohmann::ordered_json layer;
    layer["id"] = incidents_layer;
    layer["description"] =
        "Incidents as points; where a tile would pass 500 KB, nearby incidents are "
        "merged into one point with point_count, their summed fatalities and their "
        "most frequent event_type";
    layer["minzoom"] = min_zoom;
    layer["maxzoom"] = max_zoom;
    layer["fields"] = described;
    auto layers = nlohmann::ordered_json::array({layer});
    if (regions_max_zoom >= min_zoom) {
        nlohmann::ordered_json regions;
        regions["id"] = regions_layer;
        regions["description"] =
            "Natural Earth admin-1 regions with the incidents each holds and their fatalities";
        regions["minzoom"] = min_zoom;
        regions["maxzoom"] = regions_max_zoom;
        regions["fields"] = {{"name", "String"},
                             {"iso_a2", "String"},
                             {"admin", "String"},
                             {"incident_count", "Number"},
                             {"incident_fatalities", "Number"}};
        layers.push_back(regions);
    }
    return layers.dump();
}

} // namespace incimap::render
