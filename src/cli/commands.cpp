#include "cli/command.hpp"
#include "cli/command_aggregate.hpp"
#include "cli/command_export.hpp"
#include "cli/command_extract.hpp"
#include "cli/command_gazetteer.hpp"
#include "cli/command_geocode.hpp"
#include "cli/command_import.hpp"
#include "cli/command_ingest.hpp"
#include "cli/command_list.hpp"
#include "cli/command_run.hpp"
#include "cli/command_map.hpp"
#include "cli/command_serve.hpp"
#include "cli/command_store.hpp"
#include "cli/command_tiles.hpp"
#include "cli/command_web.hpp"

namespace incimap::cli {

std::vector<std::unique_ptr<Command>> make_commands() {
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<RunCommand>());
    commands.push_back(std::make_unique<GeocodeCommand>());
    commands.push_back(std::make_unique<GazetteerCommand>());
    commands.push_back(std::make_unique<ExtractCommand>());
    commands.push_back(std::make_unique<StoreCommand>());
    commands.push_back(std::make_unique<ImportCommand>());
    commands.push_back(std::make_unique<IngestCommand>());
    commands.push_back(std::make_unique<ListCommand>());
    commands.push_back(std::make_unique<ExportCommand>());
    commands.push_back(std::make_unique<AggregateCommand>());
    commands.push_back(std::make_unique<TilesCommand>());
    commands.push_back(std::make_unique<MapCommand>());
    commands.push_back(std::make_unique<WebCommand>());
    commands.push_back(std::make_unique<ServeCommand>());
    return commands;
}

} // namespace incimap::cli
