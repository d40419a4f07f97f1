// The peer tiler of bench/bench_vector_tiles.sh: geojson-vt (the tiler
// MapLibre and Mapbox GL run in browsers) cuts a GeoJSON file into tiles of
// zooms 0..MAXZOOM, and vt-pbf encodes each as a Mapbox Vector Tile written
// to OUT/{z}/{x}/{y}.pbf, layer `incidents`, extent 4096.
//
// usage: node bench_vector_tiles_geojsonvt.mjs INCIDENTS.geojson MAXZOOM OUT
import geojsonvt from "geojson-vt";
import vtpbf from "vt-pbf";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [input, maxZoomText, out] = process.argv.slice(2);
const maxZoom = Number(maxZoomText);
const index = geojsonvt(JSON.parse(readFileSync(input, "utf8")), {
  maxZoom, indexMaxZoom: maxZoom, indexMaxPoints: 0, extent: 4096, buffer: 64,
});
let tiles = 0;
for (const { z, x, y } of index.tileCoords) {
  const tile = index.getTile(z, x, y);
  if (!tile || tile.features.length === 0) continue;
  const folder = join(out, `${z}`, `${x}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${y}.pbf`), vtpbf.fromGeojsonVt({ incidents: tile }, { version: 2, extent: 4096 }));
  tiles += 1;
}
console.error(`geojson-vt: ${tiles} tiles`);
