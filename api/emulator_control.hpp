#pragma once
// Control API operations that act on the service's state (DESIGN §2): reset and the clock.
// The server routes /_emulator/reset and /_emulator/clock here.
#include <string>
#include <string_view>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api {

// {"account": ..., "region": ...} (both optional) limits the reset to that scope. Keeps the
// configuration and the clock. Answers the counts of deleted resources.
result<std::string> reset_resources(state& st, std::string_view body);

// {"mode":"real"|"manual","scale":X,"now":SECONDS,"nowMs":MS}
std::string clock_state(const state& st);
// {"mode": "real"|"manual"} and/or {"scale": X > 0} and/or {"advanceSeconds": N >= 0, manual
// mode only}; applied in that order. Answers the new clock state.
result<std::string> change_clock(state& st, std::string_view body);

// A manual clock's present is kept in the database whenever it changes; at start-up in manual
// mode the clock resumes from it (never moving backwards), so a restart does not rewind time.
void restore_manual_clock(state& st);

}  // namespace rml::api
