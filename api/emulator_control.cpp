#include "api/emulator_control.hpp"

#include <cmath>

#include <rapidjson/document.h>

#include "api/engine/engine.hpp"
#include "api/input.hpp"
#include "api/json_out.hpp"
#include "store/meta_repo.hpp"
#include "store/reset.hpp"
#include "store/transaction.hpp"

namespace rml::api {
namespace {

result<rapidjson::Document> parse_object(std::string_view body) {
    rapidjson::Document doc;
    std::string_view text = body.empty() ? std::string_view("{}") : body;
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError() || !doc.IsObject()) return invalid_parameter("Body must be a JSON object.");
    return doc;
}

std::optional<api_error> optional_string(const rapidjson::Value& doc, const char* key) {
    auto it = doc.FindMember(key);
    if (it != doc.MemberEnd() && !it->value.IsString()) {
        return invalid_parameter(std::string("'") + key + "' must be a string.");
    }
    return std::nullopt;
}

constexpr const char* manual_clock_key = "manual_clock_ms";

}  // namespace

void restore_manual_clock(state& st) {
    if (st.clock.mode() != engine::clock_mode::manual) return;
    auto saved = store::meta_repo(st.db).get(manual_clock_key);
    if (!saved) return;
    std::int64_t ms = std::stoll(*saved);
    st.clock.advance_ms(ms - st.clock.now_ms());  // ignored when it would move backwards
}

result<std::string> reset_resources(state& st, std::string_view body) {
    auto doc = parse_object(body);
    if (!doc) return doc.error();
    for (const char* key : {"account", "region"}) {
        if (auto err = optional_string(doc.value(), key)) return *err;
    }
    auto account = opt_string(doc.value(), "account").value_or("");
    auto region = opt_string(doc.value(), "region").value_or("");
    store::transaction tx(st.db);
    auto n = store::delete_resources(st.db, account, region);
    tx.commit();
    st.schedule.invalidate();
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
    out.timestamp("now", now).field("nowMs", now).end_object();
    return out.take();
}

result<std::string> change_clock(state& st, std::string_view body) {
    auto parsed = parse_object(body);
    if (!parsed) return parsed.error();
    const auto& doc = parsed.value();
    if (auto err = optional_string(doc, "mode")) return *err;
    auto mode = opt_string(doc, "mode");
    if (mode && *mode != "real" && *mode != "manual") return invalid_parameter("'mode' must be real or manual.");
    std::optional<double> scale;
    if (auto it = doc.FindMember("scale"); it != doc.MemberEnd()) {
        if (!it->value.IsNumber() || !(it->value.GetDouble() > 0) || it->value.GetDouble() > 1e9) {
            return invalid_parameter("'scale' must be a number > 0.");
        }
        scale = it->value.GetDouble();
    }
    std::optional<double> advance;
    if (auto it = doc.FindMember("advanceSeconds"); it != doc.MemberEnd()) {
        if (!it->value.IsNumber() || it->value.GetDouble() < 0 || !std::isfinite(it->value.GetDouble()) ||
            it->value.GetDouble() > 3.2e9) {
            return invalid_parameter("'advanceSeconds' must be a number >= 0.");
        }
        advance = it->value.GetDouble();
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
    if (st.clock.mode() == engine::clock_mode::manual) {
        store::meta_repo(st.db).set(manual_clock_key, std::to_string(st.clock.now_ms()));
    }
    engine::advance_to(st, st.clock.now_ms());  // every transition due in the span, in order
    tx.commit();
    st.schedule.invalidate();  // a new mode or scale moves the wall time of the next transition
    return clock_state(st);
}

}  // namespace rml::api
