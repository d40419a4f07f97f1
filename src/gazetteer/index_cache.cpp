#include "gazetteer/index_cache.hpp"

#include "core/error.hpp"
#include "core/atomic_file.hpp"
#include "core/fnv1a.hpp"
#include "core/folders.hpp"
#include "gazetteer/fetch.hpp"
#include "gazetteer/index_builder.hpp"

#include <fmt/format.h>

#include <system_error>

namespace incimap::gazetteer {
namespace {

constexpr std::string_view index_suffix = ".incimap-index";

struct Stamp {
    std::uint64_t size = 0;
    std::int64_t mtime = 0;
};

Stamp stamp_of(const std::filesystem::path& dump) {
    std::error_code error;
    Stamp stamp;
    const auto size = std::filesystem::file_size(dump, error);
    if (error)
        throw InputError(dump.string(), 0, "cannot open: " + error.message());
    stamp.size = size;
    const auto time = std::filesystem::last_write_time(dump, error);
    if (error)
        throw InputError(dump.string(), 0, "cannot open: " + error.message());
    stamp.mtime = static_cast<std::int64_t>(time.time_since_epoch().count());
    return stamp;
}

} // namespace

std::filesystem::path index_file_for(const std::filesystem::path& dump) {
    return dump.string() + std::string(index_suffix);
}

bool is_index_file(const std::filesystem::path& file) {
    return file.filename().string().ends_with(index_suffix);
}

std::filesystem::path cached_index_for(const std::filesystem::path& dump,
                                       const std::filesystem::path& cache_dir) {
    std::error_code error;
    auto absolute = std::filesystem::weakly_canonical(std::filesystem::absolute(dump, error), error);
    if (error)
        absolute = std::filesystem::absolute(dump, error);
    return cache_dir / fmt::format("{}-{:016x}{}", dump.filename().string(),
                                   fnv1a::hash(absolute.string()), index_suffix);
}

std::filesystem::path index_cache_dir(const EnvironmentVariable& environment) {
    return geonames_cache_dir(environment).parent_path() / "indexes";
}

std::filesystem::path index_cache_dir() {
    return geonames_cache_dir().parent_path() / "indexes";
}

BuiltIndex build_dump_index(const std::filesystem::path& dump) {
    const Stamp stamp = stamp_of(dump);
    IndexBuilder builder;
    BuiltIndex built;
    built.report = read_dump_into(dump, builder);
    builder.set_source(stamp.size, stamp.mtime, dump_kind(dump));
    builder.count_rows(built.report);
    built.words = builder.build();
    return built;
}

void write_index_file(const std::filesystem::path& file, const std::vector<std::uint64_t>& words) {
    write_file_atomically(file, std::as_bytes(std::span(words)));
}

Index load_dump_index(const std::filesystem::path& dump,
                      const std::optional<std::filesystem::path>& index_file,
                      const IndexBuildObserver& on_build) {
    const Stamp stamp = stamp_of(dump);
    std::error_code error;
    if (index_file && std::filesystem::exists(*index_file, error)) {
        const auto& cache = *index_file;
        try {
            Index index = Index::open(cache);
            if (index.header().source_size == stamp.size &&
                index.header().source_mtime == stamp.mtime)
                return index;
        } catch (const Error&) {
            // A damaged or outdated cache is rebuilt below.
        }
    }
    BuiltIndex built = build_dump_index(dump);
    if (on_build)
        on_build(built.report);
    if (index_file) {
        try {
            create_folder_of(*index_file);
            write_index_file(*index_file, built.words);
        } catch (const Error&) {
            // A cache that cannot be written: use the index from memory this time.
        }
    }
    return Index::from_buffer(std::move(built.words), dump.string());
}

} // namespace incimap::gazetteer
