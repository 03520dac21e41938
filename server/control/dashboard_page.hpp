#pragma once
// GET /_emulator/ : the dashboard, one self-contained HTML page (inline CSS and JS, no external
// resources) that polls GET /_emulator/overview and shows fleets, robots and deployment jobs.
#include <string_view>

namespace rml::server::control {

std::string_view dashboard_page();

}  // namespace rml::server::control
