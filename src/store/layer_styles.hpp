// The incidents' default style inside a PostgreSQL store: QGIS looks for a
// layer's default style in the database's `layer_styles` table (made the
// way QGIS makes it when a user saves a style there) and applies the row
// marked useasdefault when the layer is opened. A GeoJSON export gets the
// same QML as a file beside it (store/export.hpp).
#pragma once

#include "adapters/gdal.hpp"

namespace incimap::store {

// Makes `layer_styles` when missing and records styles/incidents.qml as
// the incidents layer's default style, replacing an earlier incimap row of
// the same name; the defaults of other layers are kept. Precondition: a
// PostgreSQL data source with the incidents layer.
void store_default_style(gdal::Dataset& store);

} // namespace incimap::store
