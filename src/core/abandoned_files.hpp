// Temporary files of processes that were killed. Outputs are written under a
// temporary name carrying the writer's process id and renamed into place
// when complete; a writer killed before the rename leaves that file behind.
// It never looks complete, but it takes room: the next writer of the same
// output removes it once the process that made it is gone.
#pragma once

#include <filesystem>
#include <string_view>

namespace incimap {

// Removes the files and folders in FOLDER named PREFIX + PID + SUFFIX whose
// process PID no longer runs. Never throws; returns how many went.
int remove_abandoned(const std::filesystem::path& folder, std::string_view prefix,
                     std::string_view suffix = {});

// The same for the temporaries beside OUTPUT named OUTPUT's file name +
// INFIX + PID + SUFFIX (e.g. "tiles.tmp1234", "map.png.tmp-1234").
int remove_abandoned_beside(const std::filesystem::path& output, std::string_view infix,
                            std::string_view suffix = {});

// The same for files anywhere below ROOT whose names hold MARKER followed by
// the PID (e.g. the tile "7/60/59.png.tmp1234-5678"). Costs a walk of the tree.
int remove_abandoned_below(const std::filesystem::path& root, std::string_view marker);

} // namespace incimap
