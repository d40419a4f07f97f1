#include "gazetteer/library.hpp"

#include "core/error.hpp"
#include "core/atomic_file.hpp"
#include "gazetteer/index.hpp"
#include "gazetteer/index_cache.hpp"

#include <algorithm>
#include <cstdlib>
#include <system_error>

namespace incimap::gazetteer {

std::filesystem::path gazetteer_data_dir(const EnvironmentVariable& environment) {
    if (auto dir = environment("INCIMAP_DATA_DIR"))
        return std::filesystem::path(*dir) / "gazetteer";
    // The XDG base directory spec says to ignore a relative path.
    if (auto dir = environment("XDG_DATA_HOME"); dir && std::filesystem::path(*dir).is_absolute())
        return std::filesystem::path(*dir) / "incimap" / "gazetteer";
    if (auto home = environment("HOME"))
        return std::filesystem::path(*home) / ".local" / "share" / "incimap" / "gazetteer";
    throw Error("no data folder: set INCIMAP_DATA_DIR, XDG_DATA_HOME or HOME");
}

std::filesystem::path gazetteer_data_dir() {
    return gazetteer_data_dir([](const char* name) -> std::optional<std::string> {
        const char* value = std::getenv(name);
        if (value == nullptr || *value == '\0')
            return std::nullopt;
        return std::string(value);
    });
}

InstallReport install_dump(const std::filesystem::path& dump,
                           const std::filesystem::path& data_dir) {
    // Read first: a dump that cannot be read is not copied.
    BuiltIndex built = build_dump_index(dump);
    if (built.report.rows_read == 0)
        throw InputError(dump.string(), 0,
                         "no valid " + std::string(to_string(dump_kind(dump))) +
                             " row: not a GeoNames dump of that kind" +
                             (built.report.problems.empty()
                                  ? std::string()
                                  : " (" + built.report.problems.front() + ")"));
    std::error_code error;
    std::filesystem::create_directories(data_dir, error);
    if (error)
        throw Error(data_dir.string() + ": cannot create the data folder: " + error.message());

    InstallReport report;
    report.installed = data_dir / dump.filename();
    report.index = index_file_for(report.installed);
    report.kind = dump_kind(dump);
    report.read = built.report;
    // The copy keeps the dump's modification time, so the index built from
    // the dump is current for the copy.
    copy_file_atomically(dump, report.installed);
    write_index_file(report.index, built.words);
    return report;
}

std::vector<InstalledDump> installed_dumps(const std::filesystem::path& data_dir) {
    std::vector<InstalledDump> dumps;
    std::error_code error;
    if (!std::filesystem::is_directory(data_dir, error))
        return dumps;
    for (const auto& entry : std::filesystem::directory_iterator(data_dir, error)) {
        const auto& path = entry.path();
        if (!entry.is_regular_file(error) || is_index_file(path) || is_temporary_name(path) ||
            path.filename().string().starts_with("."))
            continue;
        InstalledDump dump;
        dump.name = path.filename().string();
        dump.path = path;
        dump.kind = dump_kind(path);
        dump.bytes = entry.file_size(error);
        dump.modified = entry.last_write_time(error);
        if (auto header = Index::read_header(index_file_for(path))) {
            dump.rows = header->rows_read;
            dump.rows_skipped = header->rows_skipped;
        }
        dumps.push_back(std::move(dump));
    }
    std::sort(dumps.begin(), dumps.end(),
              [](const InstalledDump& a, const InstalledDump& b) { return a.name < b.name; });
    return dumps;
}

void remove_dump(std::string_view name, const std::filesystem::path& data_dir) {
    const auto dumps = installed_dumps(data_dir);
    auto it = std::find_if(dumps.begin(), dumps.end(),
                           [&](const InstalledDump& d) { return d.name == name; });
    if (it == dumps.end())
        throw InputError(std::string(name), 0,
                         "not installed in " + data_dir.string() +
                             " ('incimap gazetteer list' shows what is)");
    std::error_code error;
    std::filesystem::remove(index_file_for(it->path), error);
    if (!std::filesystem::remove(it->path, error) || error)
        throw Error(it->path.string() + ": cannot remove: " + error.message());
}

} // namespace incimap::gazetteer
