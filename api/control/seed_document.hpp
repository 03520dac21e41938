#pragma once
// The seed document (--init FILE, POST /_emulator/init; README "Seed file",
// config/init.example.json): fleets with their robots, unregistered robots and robot applications
// with a number of versions, per account and region. This file turns the document into the
// ordered list of API calls that create it; it checks the document's own structure (types, known
// keys, account and region syntax) and leaves every resource rule to the operations themselves.
//
//   {"defaults": {"account","region","architecture","greengrassGroupId"},   all optional
//    "scopes": [{"account","region","architecture","greengrassGroupId",       override defaults
//                "fleets": [{"name","tags","robots":[ROBOT...]}],
//                "robots": [ROBOT...],                                         not in a fleet
//                "robotApplications": [{"name","sources","robotSoftwareSuite","environment",
//                                       "tags","versions": N}]}]}
//   ROBOT = {"name","architecture","greengrassGroupId","tags"}
//
// Each item's members (but "robots" and "versions") are its Create* request, robots' missing
// architecture and greengrassGroupId taken from the scope, then the defaults. Errors name the
// item by JSON pointer (RFC 6901), e.g. /scopes/0/fleets/2/name.
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "api/error.hpp"
#include "api/settings.hpp"
#include "store/records.hpp"

namespace rml::api::control {

// Versions one application item may ask for (the versionsPerApplication quota applies too).
inline constexpr int max_seed_versions = 1000;

struct seed_step {
    enum class kind { fleet, robot, register_robot, application, version } what;
    std::string pointer;  // the item, e.g. /scopes/0/fleets/1
    store::scope scope;
    std::string body;     // the request body (register_robot and version: filled in when applied)
    int fleet = -1;       // register_robot: the step that created the fleet
    int created = -1;     // register_robot: the robot's step; version: the application's step
};

// "<pointer>: <what is wrong>" as an InvalidParameterException.
api_error seed_error(const std::string& pointer, const std::string& message);

// The calls that create the document's resources, in order, or the first structural error.
result<std::vector<seed_step>> plan_seed(const rapidjson::Value& doc, const settings& cfg);

}  // namespace rml::api::control
