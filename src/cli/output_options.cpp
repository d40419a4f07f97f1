#include "cli/output_options.hpp"

#include <CLI/CLI.hpp>

namespace incimap::cli {

void OutputOptions::add_to(CLI::App& app) {
    app.add_flag("--overwrite", overwrite,
                 "Write over an output even when it is one of this command's inputs, a store "
                 "(GeoPackage, MBTiles) or a file incimap did not make; refused otherwise");
}

} // namespace incimap::cli
