#pragma once
// The control calls that save, restore and seed the whole world: /_emulator/snapshots[/NAME[/restore]]
// and /_emulator/init (api/control/snapshots.hpp, api/control/seed.hpp), and --init at start-up.
#include <optional>
#include <string>
#include <string_view>

#include "api/error.hpp"
#include "server/app_state.hpp"
#include "server/transport/router.hpp"

namespace rml::server::control {

// nullopt when the path is none of these calls' (the caller goes on matching).
std::optional<api::result<std::string>> handle_world_control(app_state& app, std::string_view method,
                                                             const transport::route& r, std::string_view body);

// --init FILE: reads the file and applies it when the database holds no resources. Answers the
// one-line error that stops start-up (exit code 2), or nullopt.
std::optional<std::string> seed_at_startup(api::state& st, const std::string& file);

}  // namespace rml::server::control
