#pragma once
// Snapshot files this process has found good (quick_check passed) or written itself, each with the
// stamp it had then: size, modification and status-change times (ns) and inode. A file whose
// stamp is unchanged is not checked again; any rewrite, copy over, truncation or rename onto the
// path changes the stamp, so the file is checked again before it is read.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace rml::store {

struct file_stamp {
    std::int64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::int64_t ctime_ns = 0;
    std::uint64_t inode = 0;
    bool operator==(const file_stamp&) const = default;
};

// The file's stamp now; nullopt when it cannot be read (the caller's checks then report why).
std::optional<file_stamp> stamp_of(const std::string& path);

class checked_files {
public:
    // True when path was remembered with exactly this stamp.
    bool known_good(const std::string& path, const std::optional<file_stamp>& now) const;
    void remember(const std::string& path, const std::optional<file_stamp>& stamp);
    void forget(const std::string& path) { good_.erase(path); }

private:
    std::map<std::string, file_stamp> good_;
};

}  // namespace rml::store
