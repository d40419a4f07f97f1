#include "core/abandoned_files.hpp"

#include <cerrno>
#include <charconv>
#include <csignal>
#include <string>

namespace incimap {

namespace fs = std::filesystem;

namespace {

bool process_gone(pid_t pid) { return ::kill(pid, 0) == -1 && errno == ESRCH; }

} // namespace

int remove_abandoned(const fs::path& folder, std::string_view prefix, std::string_view suffix) {
    int removed = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder.empty() ? fs::path(".") : folder, ec)) {
        const auto name = entry.path().filename().string();
        if (name.size() <= prefix.size() + suffix.size() || !name.starts_with(prefix) ||
            !name.ends_with(suffix))
            continue;
        const std::string_view digits =
            std::string_view(name).substr(prefix.size(), name.size() - prefix.size() - suffix.size());
        pid_t pid = 0;
        const auto [end, err] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
        if (err != std::errc() || end != digits.data() + digits.size() || pid <= 0 || !process_gone(pid))
            continue;
        std::error_code ignored;
        removed += fs::remove_all(entry.path(), ignored) > 0;
    }
    return removed;
}

int remove_abandoned_below(const fs::path& root, std::string_view marker) {
    int removed = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const auto name = it->path().filename().string();
        const auto at = name.find(marker);
        if (at == std::string::npos || !it->is_regular_file(ec))
            continue;
        const char* digits = name.data() + at + marker.size();
        pid_t pid = 0;
        const auto [end, err] = std::from_chars(digits, name.data() + name.size(), pid);
        if (err != std::errc() || end == digits || pid <= 0 || !process_gone(pid))
            continue;
        std::error_code ignored;
        removed += fs::remove(it->path(), ignored);
    }
    return removed;
}

int remove_abandoned_beside(const fs::path& output, std::string_view infix, std::string_view suffix) {
    const auto prefix = output.filename().string() + std::string(infix);
    return remove_abandoned(output.parent_path(), prefix, suffix);
}

} // namespace incimap
