// Thin RAII adapter over GDAL's virtual file system (cpl_vsi.h): reading
// (and writing) plain, gzip (/vsigzip/) and zip (/vsizip/) files through one
// interface.
// The gazetteer reads GeoNames dumps with it (GeoNames serves NE.zip holding
// NE.txt and readme.txt). Only gdal_vsi.cpp includes the VSI headers.
//
// Thread safety: one InputFile per thread; the free functions may be called
// from any thread. GDAL's error messages are caught per call (a thread-local
// quiet handler) and thrown with the file's name.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace incimap::vsi {

namespace detail {
struct FileCloser {
    void operator()(void* handle) const noexcept;
};
} // namespace detail

class InputFile {
  public:
    // Opens `vsi_path` (a plain path or a /vsigzip/, /vsizip/ path) for
    // reading. `name` is how messages call it. Throws InputError
    // "NAME: cannot open: REASON".
    InputFile(const std::string& vsi_path, std::string name);

    // Reads up to `size` bytes; returns 0 at the end of the file. Throws
    // InputError "NAME: cannot read: REASON" on an I/O or decompression error.
    std::size_t read(char* buffer, std::size_t size);

    const std::string& name() const { return name_; }

  private:
    std::unique_ptr<void, detail::FileCloser> handle_;
    std::string name_;
};

// "/vsigzip/" + path.
std::string gzip_path(const std::filesystem::path& file);
// "/vsizip/" + path + "/" + member.
std::string zip_member_path(const std::filesystem::path& zip, std::string_view member);

// The names of the files in a zip archive, folders excluded. Throws
// InputError naming the archive when it cannot be read.
std::vector<std::string> zip_members(const std::filesystem::path& zip);

// Writes `bytes` to `vsi_path`, compressing for /vsigzip/ and creating the
// archive for a /vsizip/ member. Throws Error naming the path.
void write_file(const std::string& vsi_path, std::string_view bytes);

} // namespace incimap::vsi
