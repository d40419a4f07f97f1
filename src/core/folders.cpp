#include "core/folders.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <system_error>

namespace incimap {

void create_folders(const std::filesystem::path& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        throw Error(fmt::format("{}: cannot create the folder: {}; give a folder you can write to",
                                folder.string(), ec.message()));
}

void create_folder_of(const std::filesystem::path& path) {
    if (path.has_parent_path())
        create_folders(path.parent_path());
}

} // namespace incimap
