#include "cli/gazetteer_options.hpp"

#include "core/counted.hpp"
#include "core/error.hpp"
#include "gazetteer/index_cache.hpp"
#include "gazetteer/library.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace incimap::cli {

void GazetteerOptions::add_to(CLI::App& app) {
    app.add_option("--gazetteer", dumps_,
                   "One more GeoNames dump to resolve places with (a country file such as "
                   "ML.txt, cities500, allCountries, admin1CodesASCII.txt or countryInfo.txt; "
                   "plain, .gz or .zip). Repeatable; a later dump wins for the same geonameid. "
                   "Its index is cached in incimap's cache folder (~/.cache/incimap/indexes), never "
                   "next to it")
        ->type_name("PATH")
        ->allow_extra_args(false);  // one PATH each time: the words after it are not dumps
    app.add_flag("--no-default-gazetteer", no_default_,
                 "Leave out the embedded West-Africa gazetteer (Mali, Burkina Faso, Niger and "
                 "the towns of their neighbours)");
}

gazetteer::Sources installed_gazetteer_sources() {
    gazetteer::Sources sources;
    try {
        sources.data_dir = gazetteer::gazetteer_data_dir();
    } catch (const Error&) {
        // No HOME or data folder variable: there can be no installed dumps.
    }
    try {
        sources.index_cache = gazetteer::index_cache_dir();
    } catch (const Error&) {
        // No cache folder: indexes of the dumps given are built each time.
    }
    return sources;
}

gazetteer::Gazetteer GazetteerOptions::load(const GlobalOptions& global,
                                            std::string_view command) const {
    auto sources = installed_gazetteer_sources();
    sources.embedded_default = !no_default_;
    sources.dumps.assign(dumps_.begin(), dumps_.end());
    auto report = [&](const gazetteer::ReadReport& read) {
        if (global.quiet)
            return;
        if (global.verbose > 0)
            fmt::print(stderr, "incimap {}: indexed {}: {}\n", command, read.source,
                       counted(read.rows_read, "row"));
        for (const auto& line : read.summary_lines())
            fmt::print(stderr, "incimap {}: {}\n", command, line);
    };
    return gazetteer::Gazetteer::load(sources, report);
}

} // namespace incimap::cli
