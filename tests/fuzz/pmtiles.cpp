// PMTiles archives: the header, the directories (leaves followed), the
// metadata and tile lookups of an archive given as bytes, as `incimap
// serve` and `incimap tiles --update` read archives they are handed.
#include "fuzz/fuzz_target.hpp"
#include "render/pmtiles.hpp"

INCIMAP_FUZZ_TARGET(pmtiles) {
    incimap::fuzz::accept_input_errors([&] {
        const incimap::render::PmtilesArchive archive(input, "fuzz.pmtiles");
        archive.metadata();
        for (const auto& entry : archive.entries())
            archive.data(entry);
        for (const incimap::render::TileId tile : {incimap::render::TileId{0, 0, 0}, {1, 1, 0}, {8, 122, 118}})
            archive.tile(tile);
    });
}
