// The options of every command that resolves places:
//   --gazetteer PATH         one more GeoNames dump (repeatable; later wins)
//   --no-default-gazetteer   leave out the embedded West-Africa gazetteer
// and loading the gazetteer they describe: the embedded default, then the
// dumps installed in the data folder (`incimap gazetteer add/fetch`), then
// each --gazetteer dump.
#pragma once

#include "cli/command.hpp"
#include "gazetteer/gazetteer.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace incimap::cli {

// The embedded default gazetteer and the dumps installed in the data folder
// (none when there is no data folder): what a command without --gazetteer
// options knows.
gazetteer::Sources installed_gazetteer_sources();

class GazetteerOptions {
  public:
    // Declares the options on a command's CLI11 app.
    void add_to(CLI::App& app);

    // Loads the gazetteer. Dumps indexed now (first use, or changed) have
    // their skipped rows reported on stderr as "incimap COMMAND: …" unless
    // --quiet. Throws InputError naming a missing or unreadable dump.
    gazetteer::Gazetteer load(const GlobalOptions& global, std::string_view command) const;

  private:
    std::vector<std::string> dumps_;
    bool no_default_ = false;
};

} // namespace incimap::cli
