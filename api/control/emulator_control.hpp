#pragma once
// Control API operations that act on the service's state (DESIGN §2): reset and the clock.
// The server routes /_emulator/reset and /_emulator/clock here.
#include <string>
#include <string_view>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api::control {

// What POST /_emulator/reset deletes: one account and/or region, empty meaning all.
struct reset_scope {
    std::string account, region;
};

// The reset body {"account": ..., "region": ...} (both optional; an empty body resets everything).
result<reset_scope> parse_reset_scope(std::string_view body);

// Deletes the scope's resources, keeps the configuration and the clock. Answers the counts of
// deleted resources.
result<std::string> reset_resources(state& st, const reset_scope& scope);

// {"mode":"real"|"manual","scale":X,"now":SECONDS,"nowMs":MS}
std::string clock_state(const state& st);
// {"mode": "real"|"manual"} and/or {"scale": X > 0} and/or {"advanceSeconds": N >= 0, manual
// mode only}; applied in that order. Answers the new clock state.
result<std::string> change_clock(state& st, std::string_view body);

// The simulated present (with the wall time it was read at) is kept in the database by every
// write: API writes, engine batches and clock changes, in their own transactions. At start-up,
// restore_clock resumes from it: a manual clock at exactly the saved present; a real clock at the
// saved present plus the wall time since, times the scale (never behind the wall clock). So
// simulated time never goes back across a restart, even after kill -9.
void save_clock(state& st);
void restore_clock(state& st);

}  // namespace rml::api::control
