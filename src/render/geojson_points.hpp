// Incidents read straight from a GeoJSON FeatureCollection of points, in
// one streaming pass over the mapped file (nlohmann::json's SAX parser): no
// document is built, and the values are the ones OGR's GeoJSON driver gives
// (render/sources.cpp reads what it leaves aside through OGR). OGR reads a
// file twice, once to learn each property's type and once for the
// features, and was half the time of vector tiles of 30,000 incidents.
#pragma once

#include "render/geodata.hpp"
#include "store/filter.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::render {

// Whether PATH names a GeoJSON file (.geojson or .json, any case).
bool is_geojson_path(std::string_view path);

// The Point features of the GeoJSON FeatureCollection at PATH inside BBOX
// (all when unset), with the named attributes as columns, exactly as
// load_incidents() reads them through OGR: a property OGR types as a
// number (integers, reals, or both) is a number column, one holding text a
// text column, one no feature holds a column of the kind
// numeric_incident_field() says; nulls and missing properties are null;
// properties are matched ignoring case. Ids come from event_id_cnty, else
// the id property, else the feature's integer "id" member, else its 0-based
// position. Features without a geometry, or with an empty point, are left
// out, as OGR leaves them out.
//
// Nothing, so that the caller reads the file through OGR, when the file
// holds what only OGR reads alike: a top level that is no FeatureCollection,
// a feature that is no Feature, a geometry other than a Point, a feature
// "id" that is no integer or that some features lack, a wanted property
// (those named, event_id_cnty, id) that is a boolean, an object or an array,
// that mixes numbers and text, is spelt in two ways, or holds text OGR
// reads as a date or a time other than YYYY-MM-DD.
//
// Throws InputError "PATH:LINE:COLUMN: why" when the file cannot be read or
// is not JSON (a syntax error, a truncated file, invalid UTF-8). Cost: one
// pass over the file; the wanted properties of every kept feature are held
// in temporary files in TEMP_FOLDER until their types are known.
std::optional<PointFeatures> read_geojson_points(const std::string& path,
                                                 const std::vector<std::string>& attributes,
                                                 const std::optional<store::BoundingBox>& bbox,
                                                 const std::filesystem::path& temp_folder = {});

// The same over the GeoJSON TEXT, named ORIGIN in messages.
std::optional<PointFeatures> read_geojson_points(std::string_view text, const std::string& origin,
                                                 const std::vector<std::string>& attributes,
                                                 const std::optional<store::BoundingBox>& bbox,
                                                 const std::filesystem::path& temp_folder = {});

} // namespace incimap::render
