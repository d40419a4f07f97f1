// What `incimap tiles --update` remembers of the last run of an output, so
// it can redraw only the tiles that changed: a fingerprint of the settings
// (style, polygon sources, tile size), the zooms and the extent drawn, a
// fingerprint and the
// position of every incident, and per zoom the largest extent of a symbol
// drawn for one incident plus the items that depend on several incidents
// (clusters, labels, polygons) with their boxes.
//
// Kept beside the output: DIR/.incimap-tiles, FILE.mbtiles.incimap-tiles or
// FILE.pmtiles.incimap-tiles, a small text format (a header, then one line
// per item), written atomically and line by line. Version 1 manifests (ids in full) are read
// too.
#pragma once

#include "core/mapped_vector.hpp"
#include "render/geodata.hpp"
#include "render/scene.hpp"
#include "render/tile.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace incimap::render {

struct SharedItem {
    Box box;
    std::uint64_t fingerprint = 0;
    bool operator<(const SharedItem& o) const;
    bool operator==(const SharedItem& o) const;
};

struct TileManifest {
    struct Incident {
        std::uint64_t id = 0;  // a 64-bit hash of the incident's id (incident_id_key)
        std::uint64_t fingerprint = 0;
        double lon = 0, lat = 0;
    };
    std::uint64_t settings = 0;
    int min_zoom = 0, max_zoom = -1;  // the zooms drawn
    LonLatBox bounds;                 // the extent drawn
    // Sorted by id; kept in a temporary file once large (core/mapped_vector.hpp).
    MappedVector<Incident> incidents;
    std::map<int, double> reach;  // zoom -> pixels a one-incident symbol reaches from its point
    std::map<int, std::vector<SharedItem>> shared;  // zoom -> sorted items
};

// The manifest's file name for an output folder, .mbtiles or .pmtiles file.
std::filesystem::path manifest_path(const std::filesystem::path& output);

// Nothing when there is no manifest; throws InputError naming the file when
// it is not one. The incidents' records go in a temporary file in
// `temp_folder` when many (empty: TMPDIR, else /tmp).
std::optional<TileManifest> read_manifest(const std::filesystem::path& path,
                                          const std::filesystem::path& temp_folder = {});
void write_manifest(const std::filesystem::path& path, const TileManifest& manifest);

// How an incident id is kept in the manifest: 32 bytes per incident in
// memory whatever the ids are like (a million incidents in 32 MB); two ids
// of a million share a key with a probability of about 3e-8.
std::uint64_t incident_id_key(std::string_view id);

// Fingerprints of each incident: id, position and every loaded attribute,
// kept in the incidents' temporary folder when many.
void record_incidents(const PointFeatures& incidents, TileManifest& manifest);

// Records what a scene drew at a zoom.
void record_scene(const Scene& scene, int zoom, TileManifest& manifest);

// The tiles at `zoom` whose pixels may differ between the run that wrote
// `before` and the one described by `after` (record_incidents and
// record_scene done for this zoom): around every incident added, removed,
// moved or restyled, at its old and new place, and under every shared item
// that appeared or disappeared. Sorted tile keys within `range`.
std::vector<std::uint64_t> changed_tiles(const TileManifest& before, const TileManifest& after,
                                         int zoom, int tile_size, const TileRange& range);

} // namespace incimap::render
