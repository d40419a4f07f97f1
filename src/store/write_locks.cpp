#include "store/write_locks.hpp"

#include "core/ascii.hpp"
#include "store/cells.hpp"
#include "store/merge_lookup.hpp"

#include <fmt/format.h>

namespace incimap::store {
namespace {

std::string cell_name(const Incident& incident, CellId cell) {
    return fmt::format("incimap cell|{}|{}|{}|{}", incident.event_date,
                       lowered(incident.event_type), cell.a, cell.b);
}

void add_place(std::vector<std::string>& names, const Incident& incident) {
    if (incident.geonameid != 0)
        names.push_back(fmt::format("incimap place|{}|{}|{}", incident.event_date,
                                    lowered(incident.event_type), incident.geonameid));
}

} // namespace

std::vector<std::string> merge_lock_names(const Incident& report) {
    const SquareGrid grid(merge_cell_degrees);
    const auto box = same_place_box(report.latitude, report.longitude);
    const auto low = grid.cell_of(box.min_lon, box.min_lat);
    const auto high = grid.cell_of(box.max_lon, box.max_lat);
    std::vector<std::string> names;
    for (auto a = low.a; a <= high.a; ++a)
        for (auto b = low.b; b <= high.b; ++b)
            names.push_back(cell_name(report, {a, b}));
    add_place(names, report);
    return names;
}

std::vector<std::string> incident_lock_names(const Incident& incident) {
    const SquareGrid grid(merge_cell_degrees);
    std::vector<std::string> names = {
        cell_name(incident, grid.cell_of(incident.longitude, incident.latitude))};
    add_place(names, incident);
    return names;
}

std::string source_lock_name(std::string_view content_hash) {
    return fmt::format("incimap source|{}", content_hash);
}

std::string event_id_lock_name(std::string_view event_id_cnty) {
    return fmt::format("incimap event|{}", event_id_cnty);
}

} // namespace incimap::store
