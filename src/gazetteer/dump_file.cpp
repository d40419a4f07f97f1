#include "gazetteer/dump_file.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <vector>

namespace incimap::gazetteer {
namespace {

enum class Compression { none, gzip, zip };

Compression sniff(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::array<char, 4> magic{};
    if (!in || !in.read(magic.data(), magic.size()))
        return Compression::none; // missing or tiny: the plain open reports it
    if (magic[0] == '\x1f' && magic[1] == '\x8b')
        return Compression::gzip;
    if (magic[0] == 'P' && magic[1] == 'K' && magic[2] == '\x03' && magic[3] == '\x04')
        return Compression::zip;
    return Compression::none;
}

bool ends_with_txt(std::string_view name) {
    return name.size() > 4 && name.substr(name.size() - 4) == ".txt";
}

std::string_view base_name(std::string_view member) {
    const auto slash = member.rfind('/');
    return slash == std::string_view::npos ? member : member.substr(slash + 1);
}

std::string choose_zip_member(const std::filesystem::path& zip) {
    const std::vector<std::string> members = vsi::zip_members(zip);
    const std::string wanted = zip.stem().string() + ".txt";
    for (const auto& member : members)
        if (base_name(member) == wanted)
            return member;
    std::vector<std::string> tables;
    for (const auto& member : members)
        if (ends_with_txt(member) && base_name(member) != "readme.txt")
            tables.push_back(member);
    if (tables.size() == 1)
        return tables.front();
    std::string listing;
    for (const auto& member : members)
        listing += (listing.empty() ? "" : ", ") + member;
    throw InputError(zip.string(), 0,
                     tables.empty() ? "no .txt table in the zip archive (it holds: " + listing + ")"
                                    : "several .txt tables in the zip archive and none named " +
                                          wanted + " (it holds: " + listing + ")");
}

vsi::InputFile open_dump(const std::filesystem::path& path) {
    switch (sniff(path)) {
    case Compression::gzip:
        return vsi::InputFile(vsi::gzip_path(path), path.string());
    case Compression::zip: {
        const std::string member = choose_zip_member(path);
        return vsi::InputFile(vsi::zip_member_path(path, member), path.string() + "/" + member);
    }
    case Compression::none:
        break;
    }
    if (std::filesystem::is_directory(path))
        throw InputError(path.string(), 0, "cannot open: is a folder, not a dump file");
    return vsi::InputFile(path.string(), path.string());
}

constexpr std::size_t chunk_size = 1 << 16;
// GeoNames rows are a few KiB at most. A longer line is not a dump — a
// compressed file that inflates to gigabytes without a line end, say — and is
// refused before it fills the memory.
constexpr std::size_t max_line_bytes = 1 << 20;

} // namespace

DumpFile::DumpFile(const std::filesystem::path& path) : file_(open_dump(path)) {}

bool DumpFile::fill() {
    if (at_end_)
        return false;
    buffer_.erase(0, begin_);
    begin_ = 0;
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + chunk_size);
    const std::size_t got = file_.read(buffer_.data() + old_size, chunk_size);
    buffer_.resize(old_size + got);
    if (got == 0)
        at_end_ = true;
    return got > 0;
}

std::optional<std::string_view> DumpFile::next_line() {
    std::size_t searched = begin_;
    for (;;) {
        const auto newline = buffer_.find('\n', searched);
        if (newline != std::string::npos) {
            std::string_view line(buffer_.data() + begin_, newline - begin_);
            begin_ = newline + 1;
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            ++line_number_;
            return line;
        }
        searched = buffer_.size() - begin_; // relative, as fill() moves the data
        if (searched > max_line_bytes)
            throw InputError(name(), line_number_ + 1,
                             fmt::format("line longer than {} MiB: not a GeoNames dump",
                                         max_line_bytes >> 20));
        if (!fill()) {
            if (begin_ >= buffer_.size())
                return std::nullopt;
            // A last line without a line end.
            std::string_view line(buffer_.data() + begin_, buffer_.size() - begin_);
            begin_ = buffer_.size();
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            ++line_number_;
            return line;
        }
        // fill() moved the unread bytes to the front.
    }
}

} // namespace incimap::gazetteer
