#include "store/checked_files.hpp"

#include <sys/stat.h>

namespace rml::store {

std::optional<file_stamp> stamp_of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    auto ns = [](const timespec& t) { return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec; };
    return file_stamp{static_cast<std::int64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim),
                      static_cast<std::uint64_t>(st.st_ino)};
}

bool checked_files::known_good(const std::string& path, const std::optional<file_stamp>& now) const {
    auto it = good_.find(path);
    return now && it != good_.end() && it->second == *now;
}

void checked_files::remember(const std::string& path, const std::optional<file_stamp>& stamp) {
    if (stamp) {
        good_[path] = *stamp;
    } else {
        good_.erase(path);
    }
}

}  // namespace rml::store
