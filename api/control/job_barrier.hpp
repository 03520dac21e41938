#pragma once
// Control API: POST /_emulator/jobs/{jobId}/hold {"status": S} and /release (DESIGN §2). A held
// job stops advancing once it reaches S (its robots too) until released, so a test can act on a
// job in a known state (e.g. cancel it while InProgress) without racing the clock. Kept in the
// database: a hold survives a restart.
#include <string>
#include <string_view>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api::control {

// S is Pending, Preparing or InProgress; a job already past S (or ended) is
// InvalidParameterException. Answers {"job","status","holdStatus","held"}.
result<std::string> hold_job(state& st, const std::string& job_ref, std::string_view body);
result<std::string> release_job(state& st, const std::string& job_ref);

}  // namespace rml::api::control
