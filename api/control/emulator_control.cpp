#include "api/control/emulator_control.hpp"

#include <cmath>

#include <rapidjson/document.h>

#include "api/engine/engine.hpp"
#include "api/input.hpp"
#include "api/json_body.hpp"
#include "api/json_out.hpp"
#include "store/meta_repo.hpp"
#include "store/reset.hpp"
#include "store/transaction.hpp"

namespace rml::api::control {
namespace {

std::optional<api_error> optional_string(const rapidjson::Value& doc, const char* key) {
    auto it = doc.FindMember(key);
    if (it != doc.MemberEnd() && !it->value.IsString()) {
        return invalid_parameter(std::string("'") + key + "' must be a string.");
    }
    return std::nullopt;
}

constexpr const char* clock_key = "clock";                // "SIM_MS WALL_MS"
constexpr const char* old_manual_clock_key = "manual_clock_ms";  // databases of 0.1.0: "SIM_MS"

}  // namespace

void save_clock(state& st) {
    store::meta_repo(st.db).set(clock_key,
                                std::to_string(st.clock.now_ms()) + " " + std::to_string(st.clock.wall_ms()));
}

void restore_clock(state& st) {
    store::meta_repo meta(st.db);
    std::optional<std::int64_t> sim, wall;
    if (auto saved = meta.get(clock_key)) {
        auto space = saved->find(' ');
        sim = std::stoll(saved->substr(0, space));
        if (space != std::string::npos) wall = std::stoll(saved->substr(space + 1));
    } else if (auto old = meta.get(old_manual_clock_key)) {
        sim = std::stoll(*old);
    }
    if (!sim) return;
    if (st.clock.mode() == engine::clock_mode::manual) {
        st.clock.resume_at(*sim);
        return;
    }
    std::int64_t resumed = *sim;
    if (wall) resumed += static_cast<std::int64_t>(static_cast<double>(st.clock.wall_ms() - *wall) * st.clock.scale());
    if (resumed > st.clock.now_ms()) st.clock.resume_at(resumed);
}

result<reset_scope> parse_reset_scope(std::string_view body) {
    auto doc = parse_json_object(body);
    if (!doc) return doc.error();
    for (const char* key : {"account", "region"}) {
        if (auto err = optional_string(doc.value(), key)) return *err;
    }
    return reset_scope{opt_string(doc.value(), "account").value_or(""), opt_string(doc.value(), "region").value_or("")};
}

result<std::string> reset_resources(state& st, const reset_scope& scope) {
    store::transaction tx(st.db);
    auto n = store::delete_resources(st.db, scope.account, scope.region);
    tx.commit();
    st.schedule.invalidate();
    if (st.schedule.job_changed && n.deployment_jobs > 0) st.schedule.job_changed("");  // waiters of deleted jobs
    json_out out;
    out.begin_object().key("deleted").begin_object();
    out.field("fleets", std::int64_t{n.fleets}).field("robots", std::int64_t{n.robots});
    out.field("robotApplications", std::int64_t{n.robot_applications});
    out.field("deploymentJobs", std::int64_t{n.deployment_jobs});
    out.end_object().end_object();
    return out.take();
}

std::string clock_state(const state& st) {
    auto now = st.clock.now_ms();
    json_out out;
    out.begin_object().field("mode", engine::to_string(st.clock.mode()));
    out.key("scale").number(st.clock.scale());
    out.timestamp_ms("now", now).field("nowMs", now).end_object();
    return out.take();
}

result<std::string> change_clock(state& st, std::string_view body) {
    auto parsed = parse_json_object(body);
    if (!parsed) return parsed.error();
    const auto& doc = parsed.value();
    if (auto err = optional_string(doc, "mode")) return *err;
    auto mode = opt_string(doc, "mode");
    if (mode && *mode != "real" && *mode != "manual") return invalid_parameter("'mode' must be real or manual.");
    std::optional<double> scale;
    if (auto it = doc.FindMember("scale"); it != doc.MemberEnd()) {
        if (!it->value.IsNumber() || !(it->value.GetDouble() >= engine::min_scale) ||
            !(it->value.GetDouble() <= engine::max_scale)) {
            return invalid_parameter("'scale' must be a number from 0.001 to 1000000.");
        }
        scale = it->value.GetDouble();
    }
    std::optional<double> advance;
    if (auto it = doc.FindMember("advanceSeconds"); it != doc.MemberEnd()) {
        if (!it->value.IsNumber() || !(it->value.GetDouble() >= 0) || !std::isfinite(it->value.GetDouble())) {
            return invalid_parameter("'advanceSeconds' must be a number >= 0.");
        }
        advance = it->value.GetDouble();
        double left_s = static_cast<double>(engine::max_sim_ms - st.clock.now_ms()) / 1000.0;
        if (*advance > left_s) {
            return invalid_parameter("'advanceSeconds' would move the clock past 9999-12-31T23:59:59Z, the last time "
                                     "clients can read; at most " + std::to_string(static_cast<std::int64_t>(left_s)) +
                                     " seconds are left.");
        }
    }
    auto final_mode = mode ? (*mode == "real" ? engine::clock_mode::real : engine::clock_mode::manual) : st.clock.mode();
    if (advance && final_mode != engine::clock_mode::manual) {
        return invalid_parameter("'advanceSeconds' needs the manual clock; set \"mode\":\"manual\" first.");
    }
    if (mode) st.clock.set_mode(final_mode);
    if (scale) st.clock.set_scale(*scale);
    engine::catch_up(st);  // transitions due before the change happen at their own times
    if (advance) st.clock.advance_ms(static_cast<std::int64_t>(std::llround(*advance * 1000.0)));
    store::transaction tx(st.db);
    engine::advance_to(st, st.clock.now_ms());  // saves the clock  // every transition due in the span, in order
    tx.commit();
    st.schedule.invalidate();  // a new mode or scale moves the wall time of the next transition
    return clock_state(st);
}

}  // namespace rml::api::control
