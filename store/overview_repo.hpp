#pragma once
// Read-only queries for the dashboard's overview (GET /_emulator/overview): which accounts and
// regions hold anything, the robots of a scope outside any fleet, and a scope's newest jobs.
// Unscoped where the control API needs it; callers hold a read transaction.
#include <cstdint>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/records.hpp"

namespace rml::store {

struct robot_brief {
    std::string arn;
    std::string name;
    std::string status;
    std::string architecture;
};

class overview_repo {
public:
    explicit overview_repo(database& db) : db_(db) {}

    // Every (account, region) with a fleet, robot, robot application or deployment job, sorted.
    std::vector<scope> scopes();
    // The scope's robots registered to no fleet, oldest first, at most limit.
    std::vector<robot_brief> unassigned_robots(const scope& s, int limit);
    // The ids of the scope's newest deployment jobs, newest first, at most limit.
    std::vector<std::int64_t> newest_job_ids(const scope& s, int limit);

private:
    database& db_;
};

}  // namespace rml::store
