// incimap_gazetteer_indexer: builds the index of the embedded default
// gazetteer at build time (see ../embed.cmake). Not part of incimap_core.
//
//   incimap_gazetteer_indexer --output FILE [--overrides FILE] DUMP…
//
// Dumps are read in the order given (a later row wins for the same
// geonameid), then the overrides are applied.
#include "core/error.hpp"
#include "core/atomic_file.hpp"
#include "gazetteer/index.hpp"
#include "gazetteer/index_builder.hpp"
#include "gazetteer/overrides.hpp"

#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <string>
#include <vector>

namespace {

int usage() {
    std::fputs("usage: incimap_gazetteer_indexer --output FILE [--overrides FILE] DUMP...\n",
               stderr);
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    using namespace incimap;
    using namespace incimap::gazetteer;
    std::filesystem::path output;
    std::filesystem::path overrides;
    std::vector<std::filesystem::path> dumps;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if ((arg == "--output" || arg == "--overrides") && i + 1 < argc)
            (arg == "--output" ? output : overrides) = argv[++i];
        else if (arg.starts_with("--"))
            return usage();
        else
            dumps.emplace_back(arg);
    }
    if (output.empty() || dumps.empty())
        return usage();
    try {
        IndexBuilder builder;
        ReadReport total;
        for (const auto& dump : dumps) {
            ReadReport report = read_dump_into(dump, builder);
            for (const auto& line : report.summary_lines())
                fmt::print(stderr, "incimap_gazetteer_indexer: {}\n", line);
            total.merge(report);
        }
        builder.count_rows(total);
        std::size_t applied = 0;
        if (!overrides.empty())
            applied = apply_overrides(overrides, builder);
        auto words = builder.build();
        const Index index = Index::from_buffer(words, output.string());
        fmt::print(stderr,
                   "incimap_gazetteer_indexer: {} rows, {} places, {} name keys, {} overrides, "
                   "{:.1f} MB\n",
                   total.rows_read, index.places().size(), index.keys().size(), applied,
                   static_cast<double>(index.size_bytes()) / 1e6);
        std::filesystem::create_directories(output.parent_path());
        write_file_atomically(output, std::as_bytes(std::span(words)));
        return 0;
    } catch (const incimap::Error& e) {
        fmt::print(stderr, "incimap_gazetteer_indexer: {}\n", e.what());
        return 1;
    }
}
