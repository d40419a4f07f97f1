// The user's library of installed GeoNames dumps. `incimap gazetteer fetch`
// and `gazetteer add` put dumps here; every command that resolves places
// loads them after the embedded West-Africa default (see Sources in
// gazetteer.hpp). Each dump sits in the folder under its own file name, with
// its index next to it (NAME.incimap-index), so loading never parses a dump
// twice.
#pragma once

#include "gazetteer/dump_reader.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::gazetteer {

// Reads an environment variable; nullopt when it is unset or empty.
using EnvironmentVariable = std::function<std::optional<std::string>(const char* name)>;

// The folder of installed dumps: $INCIMAP_DATA_DIR, else $XDG_DATA_HOME/incimap
// (when absolute), else $HOME/.local/share/incimap; then gazetteer/. It need
// not exist yet. Throws Error when none of these variables is set.
std::filesystem::path gazetteer_data_dir(const EnvironmentVariable& environment);
std::filesystem::path gazetteer_data_dir(); // from the process environment

struct InstallReport {
    std::filesystem::path installed; // the copy inside the data folder
    std::filesystem::path index;     // its index, next to it
    DumpKind kind = DumpKind::places;
    ReadReport read; // rows read and skipped, first bad-row messages
};

// Validates `dump` (a GeoNames table, admin1CodesASCII or countryInfo file;
// plain, gzip or zip — the kind is told by the file name, the compression by
// the content), copies it into `data_dir` (as returned by
// gazetteer_data_dir(), created when missing) under its own file name and
// builds its index there. Both files are written under temporary names and
// renamed, so a failure leaves nothing half-written and a previously
// installed dump of the same name intact. Bad rows are skipped and counted
// in the report, not fatal.
// Throws InputError naming the path when the dump is missing, unreadable or
// holds no valid row at all, Error when the data folder cannot be written.
// Cost: one pass over the dump plus building its index (about a second per
// million rows).
InstallReport install_dump(const std::filesystem::path& dump,
                           const std::filesystem::path& data_dir);

struct InstalledDump {
    std::string name; // file name, e.g. "NE.zip"
    std::filesystem::path path;
    DumpKind kind = DumpKind::places;
    std::uint64_t rows = 0; // rows indexed (0 while it has no index)
    std::uint64_t rows_skipped = 0;
    std::uintmax_t bytes = 0; // size of the dump file
    std::filesystem::file_time_type modified;
};

// The dumps installed in `data_dir`, sorted by name — the order in which
// they are loaded (a later dump wins for the same geonameid). An absent
// folder holds none. Reads only index headers.
std::vector<InstalledDump> installed_dumps(const std::filesystem::path& data_dir);

// Removes an installed dump and its index. Throws InputError when `name` is
// not installed in `data_dir`.
void remove_dump(std::string_view name, const std::filesystem::path& data_dir);

} // namespace incimap::gazetteer
