#include "adapters/gdal_vsi.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <cstring>

namespace incimap::vsi {
namespace {

// Keeps GDAL from printing errors while it is alive (on this thread), and
// remembers the last one.
class QuietErrors {
  public:
    QuietErrors() {
        CPLPushErrorHandler(CPLQuietErrorHandler);
        CPLErrorReset();
    }
    ~QuietErrors() { CPLPopErrorHandler(); }
    QuietErrors(const QuietErrors&) = delete;
    QuietErrors& operator=(const QuietErrors&) = delete;

    bool failed() const { return CPLGetLastErrorType() >= CE_Failure; }

    // GDAL's message, else the C library's, else `fallback`.
    std::string reason(const char* fallback) const {
        if (const char* message = CPLGetLastErrorMsg(); message != nullptr && *message != '\0')
            return message;
        if (errno != 0)
            return std::strerror(errno);
        return fallback;
    }
};

VSILFILE* as_file(void* handle) {
    return static_cast<VSILFILE*>(handle);
}

} // namespace

void detail::FileCloser::operator()(void* handle) const noexcept {
    if (handle != nullptr)
        VSIFCloseL(as_file(handle));
}

InputFile::InputFile(const std::string& vsi_path, std::string name) : name_(std::move(name)) {
    QuietErrors errors;
    errno = 0;
    handle_.reset(VSIFOpenL(vsi_path.c_str(), "rb"));
    if (!handle_)
        throw InputError(name_, 0, "cannot open: " + errors.reason("no such file"));
}

std::size_t InputFile::read(char* buffer, std::size_t size) {
    QuietErrors errors;
    errno = 0;
    const std::size_t got = VSIFReadL(buffer, 1, size, as_file(handle_.get()));
    if (got < size && errors.failed())
        throw InputError(name_, 0, "cannot read: " + errors.reason("read error"));
    return got;
}

std::string gzip_path(const std::filesystem::path& file) {
    return "/vsigzip/" + file.string();
}

std::string zip_member_path(const std::filesystem::path& zip, std::string_view member) {
    return "/vsizip/" + zip.string() + "/" + std::string(member);
}

std::vector<std::string> zip_members(const std::filesystem::path& zip) {
    QuietErrors errors;
    errno = 0;
    const std::string root = "/vsizip/" + zip.string();
    char** listing = VSIReadDirRecursive(root.c_str());
    if (listing == nullptr)
        throw InputError(zip.string(), 0,
                         "cannot read the zip archive: " + errors.reason("empty or damaged"));
    std::vector<std::string> members;
    for (char** entry = listing; *entry != nullptr; ++entry) {
        std::string member = *entry;
        if (!member.empty() && member.back() != '/')
            members.push_back(std::move(member));
    }
    CSLDestroy(listing);
    return members;
}

void write_file(const std::string& vsi_path, std::string_view bytes) {
    QuietErrors errors;
    errno = 0;
    std::unique_ptr<void, detail::FileCloser> handle(VSIFOpenL(vsi_path.c_str(), "wb"));
    if (!handle)
        throw Error(vsi_path + ": cannot write: " + errors.reason("cannot create"));
    const std::size_t written = VSIFWriteL(bytes.data(), 1, bytes.size(), as_file(handle.get()));
    const int closed = VSIFCloseL(as_file(handle.release()));
    if (written != bytes.size() || closed != 0)
        throw Error(vsi_path + ": cannot write: " + errors.reason("write error"));
}

} // namespace incimap::vsi
