// `incimap gazetteer learn`: the places a store's coded events (imported
// event tables) have placed and GeoNames lacks, written as a GeoNames dump
// and installed beside the others, so that every command resolves them
// (gazetteer/learned_places.hpp says what is learned).
#pragma once

#include "cli/command.hpp"
#include "cli/gazetteer_options.hpp"
#include "cli/output_options.hpp"
#include "cli/store_options.hpp"

#include <string>

namespace incimap::cli {

struct GazetteerLearn {
    StoreOptions store;
    GazetteerOptions gazetteer;
    OutputOptions output;
    std::string out;  // write the dump here instead of installing it

    void add_to(CLI::App& app);
    int run(const GlobalOptions& global) const;
};

} // namespace incimap::cli
