// --overwrite, and the guard every writing command asks before it writes an
// output (core/output_guard.hpp): never over the command's own inputs, a
// store, or a file incimap did not make, unless --overwrite says so.
#pragma once

#include "core/output_guard.hpp"

namespace CLI {
class App;
}

namespace incimap::cli {

struct OutputOptions {
    bool overwrite = false;

    void add_to(CLI::App& app);
    OutputGuard guard() const { return OutputGuard(overwrite); }
};

} // namespace incimap::cli
