#include "store/layer_styles.hpp"

#include "core/resources.hpp"
#include "store/filter.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>

namespace incimap::store {
namespace {

constexpr std::string_view style_name = "incimap incidents";

} // namespace

void store_default_style(gdal::Dataset& store) {
    // QGIS 3's own table, column for column. The row's type stays empty:
    // QGIS matches it against the geometry type the layer's URI names, and
    // a URI written by hand names none.
    store.execute("CREATE TABLE IF NOT EXISTS layer_styles (id SERIAL PRIMARY KEY, "
                  "f_table_catalog varchar, f_table_schema varchar, f_table_name varchar, "
                  "f_geometry_column varchar, stylename text, styleqml xml, stylesld xml, "
                  "useasdefault boolean, description text, owner varchar(63) DEFAULT "
                  "CURRENT_USER, ui xml, update_time timestamp DEFAULT CURRENT_TIMESTAMP, "
                  "type varchar)");
    const auto geometry = store.layer(incidents_layer).geometry_column();
    const auto same_layer = fmt::format(
        "f_table_catalog = current_database() AND f_table_schema = current_schema() AND "
        "f_table_name = '{}' AND f_geometry_column = {}",
        incidents_layer, sql_literal(geometry));
    store.execute(fmt::format("DELETE FROM layer_styles WHERE {} AND stylename = {}", same_layer,
                              sql_literal(style_name)));
    store.execute(fmt::format("UPDATE layer_styles SET useasdefault = false WHERE {}", same_layer));
    store.execute(fmt::format(
        "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
        "f_geometry_column, stylename, styleqml, useasdefault, description) VALUES "
        "(current_database(), current_schema(), '{}', {}, {}, XMLPARSE(DOCUMENT {}), true, "
        "'One colour per ACLED event type, marker area by fatalities (incimap)')",
        incidents_layer, sql_literal(geometry), sql_literal(style_name),
        sql_literal(as_text(resource("styles/incidents.qml")))));
}

} // namespace incimap::store
