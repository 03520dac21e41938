// Injected robot failures (SEMANTICS §7), decided once per robot as its job leaves Preparing.
#include "api/engine/fail_spec.hpp"
#include "api/engine/transitions.hpp"
#include "api/state.hpp"

namespace rml::api::engine {
namespace {

// The step a failure happens at: the requested (or the code's default) step when the robot
// walks it, else the next step it does walk, else Launching (the last step every robot walks).
robot_step effective_step(const job_plan& plan, const std::string& code, std::optional<robot_step> step) {
    const auto* info = find_failure_code(code);
    robot_step wanted = step.value_or(info ? info->default_step : robot_step::validating);
    for (auto s : plan.steps) {
        if (s >= wanted && s != robot_step::finished) return s;
    }
    return robot_step::launching;
}

std::optional<fail_spec> from_tag(state& st, const store::job_robot_row& r) {
    auto tag = st.tags.value(r.robot_arn, "emulator:fail");
    if (!tag) return std::nullopt;
    auto parsed = parse_fail_spec(*tag, true);
    if (auto* spec = std::get_if<fail_spec>(&parsed)) return *spec;
    return std::nullopt;  // checked when the tag was set; an old bad value is ignored
}

std::optional<fail_spec> from_environment(const job_plan& plan, const store::job_robot_row& r) {
    auto it = plan.environment.find("EMULATOR_FAIL");
    if (it == plan.environment.end()) return std::nullopt;
    auto parsed = parse_fail_spec(it->second, false);
    auto* spec = std::get_if<fail_spec>(&parsed);
    if (!spec || (spec->robot_name && *spec->robot_name != r.robot_name)) return std::nullopt;
    return *spec;
}

}  // namespace

void plan_injected_failure(state& st, const store::job_row& job, const job_plan& plan, store::job_robot_row& r) {
    auto spec = from_tag(st, r);
    if (!spec) spec = from_environment(plan, r);
    if (!spec) {
        robot_context ctx{job.fleet_name, r.robot_name, plan.application_name, plan.launch_file, plan.environment};
        if (auto rule = st.faults.robot_failure(ctx)) spec = fail_spec{rule->code, rule->step, std::nullopt};
    }
    if (!spec) return;
    r.fail_code = spec->code;
    r.fail_step = std::string(step_name(effective_step(plan, spec->code, spec->step)));
}

}  // namespace rml::api::engine
