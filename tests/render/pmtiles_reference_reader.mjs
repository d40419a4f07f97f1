// Reads a PMTiles archive written by `incimap tiles` with the format's
// reference reader (the `pmtiles` npm package) and compares it with the XYZ
// folder written from the same store: every PNG of the folder is the tile
// the reader gets for its z/x/y, byte for byte, and the archive holds no
// other tile. The archive is a file, or a URL read with HTTP range requests.
//
// usage: node pmtiles_reference_reader.mjs ARCHIVE|URL XYZ_FOLDER MINZOOM MAXZOOM MINLON,MINLAT,MAXLON,MAXLAT [leaves]
//   leaves: the archive must have leaf directories (too many entries for the root)
import { Compression, PMTiles, TileType } from "pmtiles";
import { closeSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { FileSource } from "../support/file_source.mjs";

const [archive, folder, minZoom, maxZoom, bbox, layout] = process.argv.slice(2);
let failures = 0;
function check(ok, what) {
  if (!ok) {
    console.error(`FAIL: ${what}`);
    failures += 1;
  }
}

const remote = /^https?:\/\//.test(archive);
const source = remote ? archive : new FileSource(archive);
const pmtiles = new PMTiles(source);
const header = await pmtiles.getHeader();
check(header.specVersion === 3, `version ${header.specVersion}`);
check(header.tileType === TileType.Png, `tile type ${header.tileType}`);
check(header.tileCompression === Compression.None, `tile compression ${header.tileCompression}`);
check(header.internalCompression === Compression.Gzip, `internal compression ${header.internalCompression}`);
check(header.clustered === true, "not clustered");
check(header.minZoom === Number(minZoom), `min zoom ${header.minZoom}`);
check(header.maxZoom === Number(maxZoom), `max zoom ${header.maxZoom}`);
const [minLon, minLat, maxLon, maxLat] = bbox.split(",").map(Number);
for (const [got, want, name] of [
  [header.minLon, minLon, "min lon"],
  [header.minLat, minLat, "min lat"],
  [header.maxLon, maxLon, "max lon"],
  [header.maxLat, maxLat, "max lat"],
]) {
  check(Math.abs(got - want) < 1e-7, `${name} ${got}, expected ${want}`);
}
check(header.rootDirectoryOffset === 127, `root directory at ${header.rootDirectoryOffset}`);
check(header.rootDirectoryOffset + header.rootDirectoryLength <= 16384, "root directory beyond 16 KiB");
if (layout === "leaves") {
  check(header.leafDirectoryLength > 0, "no leaf directories");
}

const metadata = await pmtiles.getMetadata();
check(typeof metadata.attribution === "string" && metadata.attribution.includes("Natural Earth"),
  `attribution ${JSON.stringify(metadata.attribution)}`);
check(typeof metadata.name === "string" && metadata.name.startsWith("incimap "), `name ${metadata.name}`);
check(metadata.format === "png", `format ${metadata.format}`);

// Every tile of the folder, as the reader gets it.
let tiles = 0;
const zooms = new Set();
for (const z of readdirSync(folder).filter((name) => /^\d+$/.test(name))) {
  for (const x of readdirSync(join(folder, z))) {
    for (const file of readdirSync(join(folder, z, x)).filter((name) => /^\d+\.png$/.test(name))) {
      const y = file.slice(0, -4);
      const png = readFileSync(join(folder, z, x, file));
      const got = await pmtiles.getZxy(Number(z), Number(x), Number(y));
      check(got !== undefined, `tile ${z}/${x}/${y} missing from the archive`);
      if (got !== undefined) {
        check(Buffer.from(got.data).equals(png), `tile ${z}/${x}/${y} differs from the folder's`);
      }
      tiles += 1;
      zooms.add(Number(z));
    }
  }
}
check(tiles > 0, "no tiles in the folder");
check(zooms.size === Number(maxZoom) - Number(minZoom) + 1, `tiles at ${zooms.size} zooms`);
check(header.numAddressedTiles === tiles, `${header.numAddressedTiles} tiles in the archive, ${tiles} in the folder`);
// A tile far outside the extent is not there.
check((await pmtiles.getZxy(Number(maxZoom), 0, 0)) === undefined, "a tile at 0/0 of the last zoom");

if (!remote) {
  closeSync(source.fd);
}
console.log(`${remote ? "url" : "file"}: ${tiles} tiles equal; ${header.numTileEntries} entries, ` +
  `${header.numTileContents} distinct contents, ${header.leafDirectoryLength} bytes of leaf directories`);
process.exit(failures === 0 ? 0 : 1);
