#pragma once
// GET /_emulator/overview (the dashboard's data): one account and region at the simulated
// present: its fleets with their robots, robots in no fleet, and its newest deployment jobs with
// each robot's progress; plus every account/region that holds anything. Read-only.
#include <string>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api::control {

// Empty account or region: the configured defaults.
result<std::string> overview(state& st, const std::string& account, const std::string& region);

}  // namespace rml::api::control
