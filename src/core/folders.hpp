// Making the folders outputs go into.
#pragma once

#include <filesystem>

namespace incimap {

// Creates FOLDER and the folders above it that are missing (nothing to do
// when it exists). Throws Error naming FOLDER and the system's reason when
// it cannot be made: a file in the way, no permission, a read-only place.
void create_folders(const std::filesystem::path& folder);

// create_folders() for the folder a file at PATH goes into, if PATH names one.
void create_folder_of(const std::filesystem::path& path);

} // namespace incimap
