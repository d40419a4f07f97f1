// Decodes vector tiles written by `incimap tiles --vector` with Mapbox's own
// readers (npm @mapbox/vector-tile over pbf; the pmtiles package for an
// archive) and checks them against the GeoJSON the tiles were made from.
//
// usage:
//   node vector_tiles_reader.mjs incidents GEOJSON FOLDER|ARCHIVE.pmtiles ZOOM [ATTR,ATTR…]
//     every incident is a point of layer `incidents` in its tile at ZOOM, its
//     id the feature id, within half a unit of the tile's extent of where it
//     is, with its properties as attributes (only ATTR… when given)
//   node vector_tiles_reader.mjs regions GEOJSON FOLDER ZOOM
//     each incident lies inside a polygon of layer `admin1` of its tile,
//     outer rings wound as the specification says, with incident_count >= 1
//   node vector_tiles_reader.mjs limit FOLDER INCIDENTS MAX_BYTES
//     no tile of the folder is larger than MAX_BYTES, and at each zoom the
//     points and the clusters' point_count add up to INCIDENTS
import { VectorTile } from "@mapbox/vector-tile";
import Pbf from "pbf";
import { Compression, PMTiles, TileType } from "pmtiles";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { FileSource } from "../support/file_source.mjs";

let failures = 0;
function check(ok, what) {
  if (!ok) {
    console.error(`FAIL: ${what}`);
    failures += 1;
  }
}

// Where a longitude/latitude falls at zoom z: its tile and its position in
// the tile's 4096 units (Web Mercator).
function place(lon, lat, z, extent) {
  const n = 2 ** z;
  const phi = (lat * Math.PI) / 180;
  const wx = ((lon + 180) / 360) * n;
  const wy = ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n;
  const x = Math.floor(wx), y = Math.floor(wy);
  return { x, y, px: (wx - x) * extent, py: (wy - y) * extent };
}

async function tileReader(source) {
  if (!source.endsWith(".pmtiles")) {
    return async (z, x, y) => {
      const path = join(source, `${z}`, `${x}`, `${y}.pbf`);
      return existsSync(path) ? readFileSync(path) : undefined;
    };
  }
  const archive = new PMTiles(new FileSource(source));
  const header = await archive.getHeader();
  check(header.tileType === TileType.Mvt, `tile type ${header.tileType}`);
  check(header.tileCompression === Compression.Gzip, `tile compression ${header.tileCompression}`);
  const metadata = await archive.getMetadata();
  const layers = metadata.vector_layers || [];
  check(layers.map((l) => l.id).join(",") === "incidents,admin1", `vector_layers ${JSON.stringify(layers)}`);
  check(layers[0]?.fields?.fatalities === "Number" && layers[0]?.fields?.event_type === "String",
    `field types ${JSON.stringify(layers[0]?.fields)}`);
  return async (z, x, y) => {
    const tile = await archive.getZxy(z, x, y);  // the reader inflates gzip tiles itself
    return tile === undefined ? undefined : new Uint8Array(tile.data);
  };
}

async function checkIncidents(geojsonPath, source, zoom, attributes) {
  const features = JSON.parse(readFileSync(geojsonPath, "utf8")).features;
  const read = await tileReader(source);
  let checked = 0;
  for (const f of features) {
    const [lon, lat] = f.geometry.coordinates;
    const at = place(lon, lat, zoom, 4096);
    const bytes = await read(zoom, at.x, at.y);
    check(bytes !== undefined, `no tile ${zoom}/${at.x}/${at.y} for incident ${f.id}`);
    if (bytes === undefined) continue;
    const layer = new VectorTile(new Pbf(bytes)).layers.incidents;
    check(layer !== undefined && layer.version === 2 && layer.extent === 4096,
      `tile ${zoom}/${at.x}/${at.y}: layer incidents, version 2, extent 4096`);
    if (layer === undefined) continue;
    let feature;
    for (let i = 0; i < layer.length; i++) {
      if (layer.feature(i).id === f.id) feature = layer.feature(i);
    }
    check(feature !== undefined, `incident ${f.id} not in tile ${zoom}/${at.x}/${at.y}`);
    if (feature === undefined) continue;
    check(feature.type === 1, `incident ${f.id}: type ${feature.type}`);
    const point = feature.loadGeometry()[0][0];
    const dx = Math.abs(point.x - at.px), dy = Math.abs(point.y - at.py);
    check(dx <= 0.5 && dy <= 0.5, `incident ${f.id} at ${point.x},${point.y}, expected ${at.px},${at.py}`);
    const wanted = Object.entries(f.properties).filter(([k, v]) =>
      v !== null && v !== "" && (attributes === undefined || attributes.includes(k)));
    for (const [k, v] of wanted) {
      check(feature.properties[k] === v, `incident ${f.id}: ${k} ${JSON.stringify(feature.properties[k])}, expected ${JSON.stringify(v)}`);
    }
    if (attributes !== undefined) {
      const extra = Object.keys(feature.properties).filter((k) => !attributes.includes(k));
      check(extra.length === 0, `incident ${f.id}: attributes ${extra} not asked for`);
    }
    checked += 1;
  }
  check(checked === features.length && checked > 0, `${checked} of ${features.length} incidents checked`);
  console.log(`${source}: ${checked} incidents at zoom ${zoom} where they are, with their attributes`);
}

// Whether [lon, lat] is inside a GeoJSON Polygon's rings (even-odd).
function inPolygon(rings, [x, y]) {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

async function checkRegions(geojsonPath, folder, zoom) {
  const features = JSON.parse(readFileSync(geojsonPath, "utf8")).features;
  const read = await tileReader(folder);
  let found = 0;
  for (const f of features) {
    const at = place(...f.geometry.coordinates, zoom, 4096);
    const layer = new VectorTile(new Pbf(await read(zoom, at.x, at.y))).layers.admin1;
    check(layer !== undefined, `no admin1 layer in ${zoom}/${at.x}/${at.y}`);
    if (layer === undefined) continue;
    let holder;
    for (let i = 0; i < layer.length; i++) {
      // toGeoJSON classifies rings by their winding: a ring wound the wrong
      // way would become a hole or a polygon of its own.
      const g = layer.feature(i).toGeoJSON(at.x, at.y, zoom).geometry;
      const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
      if (polygons.some((rings) => inPolygon(rings, f.geometry.coordinates))) holder = layer.feature(i);
    }
    check(holder !== undefined, `incident ${f.id} in no admin1 polygon of its tile`);
    if (holder === undefined) continue;
    check(holder.properties.incident_count >= 1, `incident ${f.id} in ${holder.properties.name}, counted ${holder.properties.incident_count}`);
    found += 1;
  }
  check(found === features.length, `${found} of ${features.length} incidents in a region`);
  console.log(`${folder}: ${found} incidents inside admin1 regions that count them at zoom ${zoom}`);
}

function checkLimit(folder, incidents, maxBytes) {
  let largest = 0, clustered = 0, tiles = 0;
  for (const z of readdirSync(folder).filter((name) => /^\d+$/.test(name))) {
    let points = 0;
    for (const x of readdirSync(join(folder, z))) {
      for (const file of readdirSync(join(folder, z, x))) {
        const path = join(folder, z, x, file);
        const size = statSync(path).size;
        largest = Math.max(largest, size);
        check(size <= maxBytes, `tile ${z}/${x}/${file}: ${size} bytes`);
        const layer = new VectorTile(new Pbf(readFileSync(path))).layers.incidents;
        if (layer === undefined) continue;  // a tile of regions alone
        let merged = false;
        for (let i = 0; i < layer.length; i++) {
          const count = layer.feature(i).properties.point_count;
          merged ||= count !== undefined;
          points += count ?? 1;
        }
        clustered += merged ? 1 : 0;
        tiles += 1;
      }
    }
    check(points === incidents, `zoom ${z}: ${points} incidents in the tiles, expected ${incidents}`);
  }
  check(clustered > 0, "no tile has clusters");
  console.log(`${tiles} tiles, ${clustered} with clusters, the largest ${largest} bytes`);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === "incidents") {
  await checkIncidents(args[0], args[1], Number(args[2]), args[3]?.split(","));
} else if (mode === "regions") {
  await checkRegions(args[0], args[1], Number(args[2]));
} else if (mode === "limit") {
  checkLimit(args[0], Number(args[1]), Number(args[2]));
} else {
  console.error("usage: vector_tiles_reader.mjs incidents|limit …");
  process.exit(2);
}
process.exit(failures === 0 ? 0 : 1);
