// Outputs that cannot destroy what the user has. A command records the files
// it reads, then asks before writing each output; an output is refused when
//   - it is one of the inputs (the same device and inode, so a symbolic or
//     hard link to an input is caught too), or inside a folder read whole,
//   - it is a database (a GeoPackage, MBTiles or other SQLite file: by its
//     header, never by its name) that the command did not make itself, or
//   - the command knows it did not make it (refuse_unless_overwrite()),
// unless the command was told to overwrite. Character devices and FIFOs
// are never refused: they are written into, not replaced
// (core/atomic_file.hpp). A missing output is always fine.
#pragma once

#include "core/error.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

namespace incimap {

// An output refused by OutputGuard. The message names the output and what
// it would have destroyed; cli/ adds the option that writes anyway.
class OutputRefused : public Error {
public:
    using Error::Error;
};

// The kind of database a file holds, from its SQLite header and its
// application_id: "GeoPackage", "MBTiles" or "SQLite database"; empty when
// PATH is no regular file or holds no SQLite database. Reads 100 bytes;
// never throws.
std::string database_kind(const std::filesystem::path& path);

class OutputGuard {
public:
    explicit OutputGuard(bool overwrite = false) : overwrite_(overwrite) {}

    bool overwrite() const noexcept { return overwrite_; }

    // Records a file or folder the command reads, as given (WHAT says what it
    // is in messages: "the store", "an input"). Names of nothing (a URL, a
    // connection string, "-", a file not made yet) are ignored.
    void add_input(const std::filesystem::path& path, std::string_view what = "an input");

    // Throws OutputRefused unless OUTPUT may be written (see above). A store
    // the command made before (MADE_HERE) may be replaced. Cost: a stat()
    // per call, and 100 bytes read of an existing regular file.
    void check(const std::filesystem::path& output, bool made_here = false) const;

    // Throws OutputRefused when FOLDER, which the command replaces whole,
    // is an input or holds one.
    void check_folder(const std::filesystem::path& folder) const;

    // Throws OutputRefused when standard output is a regular file that is
    // one of the inputs (`incimap extract in.jsonl >> in.jsonl`).
    void check_standard_output() const;

    // Throws OutputRefused saying OUTPUT is WHY ("not an MBTiles file
    // incimap wrote"), unless the command was told to overwrite.
    void refuse_unless_overwrite(const std::filesystem::path& output, std::string_view why) const;

private:
    struct Input {
        dev_t device;
        ino_t inode;
        std::string given;  // as the user named it
        std::string what;
        std::filesystem::path canonical;
        bool folder;  // a folder read whole: nothing below it is written
    };
    const Input* input_at(dev_t device, ino_t inode) const;

    bool overwrite_;
    std::vector<Input> inputs_;
};

// The files this program wrote into a folder (a web page, a map package),
// kept in FOLDER/.incimap-files, one path relative to FOLDER a line: a
// later run may replace them, and nothing else there. Reading a missing or
// unreadable record gives nothing.
std::vector<std::string> files_made_in(const std::filesystem::path& folder);

// Adds ADDED to the record and drops REMOVED from it. Throws Error naming
// the record when it cannot be written.
void record_files_made(const std::filesystem::path& folder, const std::vector<std::string>& added,
                       const std::vector<std::string>& removed = {});

} // namespace incimap
