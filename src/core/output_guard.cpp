#include "core/output_guard.hpp"

#include "core/atomic_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include <cstdint>
#include <fstream>

#include <sys/stat.h>
#include <unistd.h>

namespace incimap {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view sqlite_magic{"SQLite format 3\0", 16};

std::uint32_t big_endian(const unsigned char* p) {
    return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

// A database without an application_id is told by the tables its first
// page declares (the schema starts there; a large one continues elsewhere,
// and is then called a SQLite database).
std::string kind_from_schema(std::ifstream& in, std::uint32_t page_size) {
    std::string page(page_size, '\0');
    in.seekg(0);
    in.read(page.data(), static_cast<std::streamsize>(page.size()));
    page.resize(static_cast<std::size_t>(in.gcount()));
    if (page.find("gpkg_contents") != std::string::npos)
        return "GeoPackage";
    if (page.find("CREATE TABLE metadata") != std::string::npos &&
        page.find("CREATE TABLE tiles") != std::string::npos)
        return "MBTiles";
    return "SQLite database";
}

std::string shown(const fs::path& path) { return path.string(); }

} // namespace

std::string database_kind(const fs::path& path) {
    struct stat s {};
    if (::stat(path.c_str(), &s) != 0 || !S_ISREG(s.st_mode))
        return {};
    std::ifstream in(path, std::ios::binary);
    unsigned char header[100] = {};
    if (!in.read(reinterpret_cast<char*>(header), sizeof header))
        return {};
    if (std::string_view(reinterpret_cast<const char*>(header), sqlite_magic.size()) != sqlite_magic)
        return {};
    switch (big_endian(header + 68)) {
    case 0x47504B47:  // "GPKG"
    case 0x47503130:  // "GP10"
    case 0x47503131:  // "GP11"
        return "GeoPackage";
    case 0x4D504258:  // "MPBX"
        return "MBTiles";
    default: break;
    }
    std::uint32_t page_size = std::uint32_t{header[16]} << 8 | header[17];
    if (page_size == 1)
        page_size = 65536;
    return kind_from_schema(in, page_size);
}

namespace {
constexpr const char* made_files_name = ".incimap-files";
} // namespace

std::vector<std::string> files_made_in(const fs::path& folder) {
    std::vector<std::string> files;
    std::ifstream in(folder / made_files_name);
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            files.push_back(line);
    return files;
}

void record_files_made(const fs::path& folder, const std::vector<std::string>& added,
                       const std::vector<std::string>& removed) {
    std::set<std::string> files;
    for (auto& file : files_made_in(folder))
        files.insert(std::move(file));
    files.insert(added.begin(), added.end());
    for (const auto& file : removed)
        files.erase(file);
    std::string text;
    for (const auto& file : files)
        text += file + '\n';
    write_file_atomically(folder / made_files_name, text);
}

void OutputGuard::add_input(const fs::path& path, std::string_view what) {
    struct stat s {};
    if (path.empty() || path == "-" || ::stat(path.c_str(), &s) != 0)
        return;
    std::error_code ec;
    auto canonical = fs::canonical(path, ec);
    inputs_.push_back({s.st_dev, s.st_ino, shown(path), std::string(what),
                       ec ? fs::absolute(path, ec) : canonical, S_ISDIR(s.st_mode)});
}

namespace {
// Whether PATH is FOLDER or below it (both canonical).
bool within(const fs::path& path, const fs::path& folder) {
    return std::mismatch(folder.begin(), folder.end(), path.begin(), path.end()).first == folder.end();
}
} // namespace

const OutputGuard::Input* OutputGuard::input_at(dev_t device, ino_t inode) const {
    for (const auto& input : inputs_)
        if (input.device == device && input.inode == inode)
            return &input;
    return nullptr;
}

void OutputGuard::check(const fs::path& output, bool made_here) const {
    struct stat s {};
    if (overwrite_ || output.empty() || output == "-" || ::stat(output.c_str(), &s) != 0)
        return;
    if (S_ISCHR(s.st_mode) || S_ISFIFO(s.st_mode))
        return;
    if (const auto* input = input_at(s.st_dev, s.st_ino))
        throw OutputRefused(fmt::format("{}: not writing over {}, {}, which this command reads",
                                        shown(output), input->what, input->given));
    std::error_code ec;
    const auto canonical = fs::weakly_canonical(output, ec);
    for (const auto& input : inputs_)
        if (input.folder && !ec && within(canonical, input.canonical))
            throw OutputRefused(fmt::format("{}: not writing into {}, {}, which this command reads",
                                            shown(output), input.what, input.given));
    if (made_here)
        return;
    if (const auto kind = database_kind(output); !kind.empty())
        throw OutputRefused(fmt::format("{}: not writing over a {} (an incident store, tiles or "
                                        "other data) that this command did not make",
                                        shown(output), kind));
}

void OutputGuard::check_folder(const fs::path& folder) const {
    if (overwrite_)
        return;
    std::error_code ec;
    const auto root = fs::weakly_canonical(folder, ec);
    if (ec)
        return;
    for (const auto& input : inputs_) {
        if (within(input.canonical, root))
            throw OutputRefused(fmt::format("{}: not replacing this folder: it holds {}, {}, "
                                            "which this command reads",
                                            shown(folder), input.what, input.given));
    }
}

void OutputGuard::check_standard_output() const {
    struct stat s {};
    if (::fstat(STDOUT_FILENO, &s) != 0 || !S_ISREG(s.st_mode))
        return;
    if (const auto* input = input_at(s.st_dev, s.st_ino))
        throw OutputRefused(fmt::format("standard output is {}, {}, which this command reads; "
                                        "write it to another file",
                                        input->what, input->given));
}

void OutputGuard::refuse_unless_overwrite(const fs::path& output, std::string_view why) const {
    if (!overwrite_)
        throw OutputRefused(fmt::format("{}: not writing over it: {}", shown(output), why));
}

} // namespace incimap
