#pragma once
// Deletes every resource, or those of one account and/or region (empty = any). Tags of deleted
// resources go with them. The object store is global: it is cleared only by an unscoped reset.
#include <string>

#include "store/database.hpp"

namespace rml::store {

struct reset_counts {
    int fleets = 0;
    int robots = 0;
    int robot_applications = 0;
    int deployment_jobs = 0;
};

// True when any account and region holds a fleet, robot, robot application or deployment job.
bool holds_resources(database& db);

reset_counts delete_resources(database& db, const std::string& account, const std::string& region);

}  // namespace rml::store
