// libFuzzer target: the control API's domain side, the functions server/control/control.cpp
// routes /_emulator/ bodies to, on the seeded in-memory world (tests/fuzz/fuzz_world.hpp).
//
// Input: a first line naming the call, then its body:
//   clock            POST /_emulator/clock        api::control::change_clock
//   reset            POST /_emulator/reset        parse_reset_scope, reset_resources (then reseeds)
//   object           POST /_emulator/objects      change_object
//   hold JOBREF      POST /_emulator/jobs/J/hold  hold_job (JOBREF may be "$job")
//   release JOBREF   POST .../release             release_job
//   describe JOBREF  GET /_emulator/wait's answer  job_status, describe_job
//   timeline JOBREF  GET .../events               job_timeline
//   faults           POST /_emulator/faults       fault_rules::add, then the rules are consulted
//                    by an API call and a new deployment job, as dispatch and the engine do
//   phase            POST /_emulator/service-phase  parse_phase_body; an accepted phase is put in
//                    force for one API call and a tag call (phase_refusal), then back to active
// Any other first line is treated as "clock". Checked: nothing throws or crashes; error messages
// are valid UTF-8 without control characters (input is quoted); every success is one JSON value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/control/emulator_control.hpp"
#include "api/control/job_barrier.hpp"
#include "api/control/job_lookup.hpp"
#include "api/control/job_timeline.hpp"
#include "api/control/objects.hpp"
#include "api/json_body.hpp"
#include "api/message_quote.hpp"
#include "api/service_phase.hpp"
#include "tests/fuzz/fuzz_checks.hpp"
#include "tests/fuzz/fuzz_world.hpp"

namespace {

using namespace rml;

bool check(const api::result<std::string>& r) {
    if (r) {
        if (!api::parse_json_body(r.value(), api::empty_body::is_error)) std::abort();
    } else if (!api::is_valid_utf8(r.error().message) || fuzz::has_control(r.error().message)) {
        std::abort();  // every echoed input is quoted (api::quote_for_message)
    }
    return static_cast<bool>(r);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz::world w;
    std::string_view in(reinterpret_cast<const char*>(data), size);
    w.next_input(static_cast<unsigned char>(size % 7));

    auto nl = in.find('\n');
    std::string head(in.substr(0, nl));
    std::string body = nl == std::string_view::npos ? "" : w.expand(std::string(in.substr(nl + 1)));
    auto sp = head.find(' ');
    std::string verb = head.substr(0, sp);
    std::string arg = sp == std::string::npos ? "" : w.expand(head.substr(sp + 1));
    auto& st = w.f.st;

    if (verb == "reset") {
        auto scope = api::control::parse_reset_scope(body);
        if (!scope) {
            check(scope.error());
            return 0;
        }
        check(api::control::reset_resources(st, scope.value()));
        w.reseed();
    } else if (verb == "object") {
        check(api::control::change_object(st, body));
    } else if (verb == "hold") {
        check(api::control::hold_job(st, arg, body));
    } else if (verb == "release") {
        check(api::control::release_job(st, arg));
    } else if (verb == "describe") {
        (void)api::control::job_status(st, arg);
        check(api::control::describe_job(st, arg));
    } else if (verb == "timeline") {
        check(api::control::job_timeline(st, arg));
    } else if (verb == "faults") {
        if (!check(st.faults.add(body))) return 0;
        (void)st.faults.list_json();
        (void)st.faults.for_operation("ListFleets", {"123456789012", "us-east-1"});
        check(w.f.call("CreateDeploymentJob",
                       R"({"fleet":")" + w.fleet + R"(","clientRequestToken":"fz-faults-)" + std::to_string(size) +
                           R"(","deploymentApplicationConfigs":[{"application":")" + w.app +
                           R"(","applicationVersion":"1","launchConfig":{"packageName":"p","launchFile":"l.launch"}}]})"));
        check(api::control::change_clock(st, R"({"advanceSeconds":30})"));
        (void)st.faults.remove(std::nullopt);
    } else if (verb == "phase") {
        auto phase = api::parse_phase_body(body);
        if (!phase) {
            check(phase.error());
            return 0;
        }
        st.phase = phase.value();
        check(w.f.call("ListRobots", "{}"));
        check(api::phase_json(st.phase));
        st.phase = api::service_phase::active;
    } else {
        check(api::control::change_clock(st, body));
    }
    return 0;
}
