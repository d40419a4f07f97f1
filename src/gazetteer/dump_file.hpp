// Line-by-line reading of a GeoNames dump that may be plain text, gzip or a
// zip archive, told by the first bytes rather than the file name. A zip
// must hold the table as a .txt member: the one named after the archive
// (NE.zip → NE.txt), else its only .txt besides readme.txt.
#pragma once

#include "adapters/gdal_vsi.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace incimap::gazetteer {

class DumpFile {
  public:
    // Throws InputError naming the path when it is missing, unreadable, or a
    // zip without a suitable member.
    explicit DumpFile(const std::filesystem::path& path);

    // The next line without its line end (\n or \r\n); nullopt at the end.
    // The view stays valid until the next call. Throws InputError on a read
    // or decompression error.
    std::optional<std::string_view> next_line();

    // 1-based number of the line last returned.
    long line_number() const { return line_number_; }

    // How messages name the file: the path, plus "/MEMBER" for a zip.
    const std::string& name() const { return file_.name(); }

  private:
    bool fill();

    vsi::InputFile file_;
    std::string buffer_;
    std::size_t begin_ = 0; // unread part of buffer_: [begin_, buffer_.size())
    bool at_end_ = false;
    long line_number_ = 0;
};

} // namespace incimap::gazetteer
