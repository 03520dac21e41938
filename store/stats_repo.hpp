#pragma once
// Read-only counts for the metrics endpoint (GET /_emulator/metrics): resources by status over
// every account and region. Each call is one small GROUP BY query; no transaction needed.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "store/database.hpp"

namespace rml::store {

class stats_repo {
public:
    explicit stats_repo(database& db) : db_(db) {}

    // (status, count) pairs, ordered by status; statuses with no rows are absent.
    std::vector<std::pair<std::string, std::int64_t>> jobs_by_status();
    std::vector<std::pair<std::string, std::int64_t>> robots_by_status();

private:
    database& db_;
};

}  // namespace rml::store
