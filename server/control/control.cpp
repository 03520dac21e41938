#include "server/control/control.hpp"

#include <charconv>

#include "api/json_out.hpp"
#include "api/message_quote.hpp"
#include "api/control/emulator_control.hpp"
#include "api/control/job_barrier.hpp"
#include "api/control/job_timeline.hpp"
#include "api/control/objects.hpp"
#include "api/control/overview.hpp"
#include "api/service_phase.hpp"
#include "server/control/dashboard_page.hpp"
#include "server/control/world_control.hpp"
#include "server/observability/observability.hpp"

namespace rml::server::control {
namespace {

api::result<std::string> health(app_state& app) {
    auto up = std::chrono::duration<double>(std::chrono::steady_clock::now() - app.started).count();
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    w.StartObject();
    w.Key("status"); w.String("ok");
    w.Key("version"); w.String(RML_VERSION);
    w.Key("uptimeSeconds"); w.Double(static_cast<double>(static_cast<std::int64_t>(up * 1000)) / 1000.0);
    auto phase = api::to_string(app.service.shared_state().phase);
    w.Key("servicePhase"); w.String(phase.data(), static_cast<rapidjson::SizeType>(phase.size()));
    w.EndObject();
    return std::string(b.GetString(), b.GetSize());
}

// GET, POST, DELETE /_emulator/faults (docs/faults.md); DELETE takes an optional ?id=N.
api::result<std::string> faults(app_state& app, std::string_view method, const transport::route& r, std::string_view body) {
    auto& rules = app.service.shared_state().faults;
    if (method == "GET") return rules.list_json();
    if (method == "POST") return rules.add(body);
    std::optional<std::int64_t> id;
    for (const auto& [k, v] : r.query) {
        if (k != "id") continue;
        std::int64_t n = 0;
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc() || p != v.data() + v.size()) {
            return api::invalid_parameter("'id' must be a fault rule id (an integer); got '" + api::quote_for_message(v) + "'.");
        }
        id = n;
    }
    return rules.remove(id);
}

// /_emulator/jobs/{jobId}/{action}: the decoded jobId and the action (events, hold, release).
struct job_path {
    std::string ref;
    std::string action;
    bool ref_ok = true;  // false: the job segment is not valid percent-encoding (SEMANTICS §10)
};

std::optional<job_path> parse_job_path(const std::string& path) {
    constexpr std::string_view prefix = "/_emulator/jobs/";
    auto slash = path.rfind('/');
    if (path.rfind(prefix, 0) != 0 || slash < prefix.size() + 1) return std::nullopt;
    job_path out;
    out.action = path.substr(slash + 1);
    out.ref_ok = transport::percent_decode(std::string_view(path).substr(prefix.size(), slash - prefix.size()), out.ref);
    return out;
}

api::result<std::string> job_control(app_state& app, std::string_view method, const job_path& p, std::string_view body) {
    auto& st = app.service.shared_state();
    if (!p.ref_ok) {
        return api::invalid_parameter(
            "The job in the path is not valid percent-encoding (a malformed escape, NUL or invalid UTF-8).");
    }
    if (p.action == "events" && method == "GET") return api::control::job_timeline(st, p.ref);
    if (p.action == "hold" && method == "POST") return api::control::hold_job(st, p.ref, body);
    if (p.action == "release" && method == "POST") return api::control::release_job(st, p.ref);
    return api::unknown_operation("No control operation matches " + api::quote_for_message(method) +
                                  " /_emulator/jobs/{jobId}/" + api::quote_for_message(p.action));
}

bool is_dashboard(std::string_view method, const transport::route& r) {
    return method == "GET" && (r.path == "/_emulator/" || r.path == "/_emulator");
}

}  // namespace

std::string_view control_content_type(std::string_view method, const transport::route& r) {
    if (method == "GET" && r.path == "/_emulator/metrics") return observability::metrics_content_type;
    return is_dashboard(method, r) ? "text/html; charset=utf-8" : "application/json";
}

api::result<std::string> handle_control(app_state& app, std::string_view method, const transport::route& r,
                                        std::string_view body) {
    if (r.path == "/_emulator/health" && method == "GET") return health(app);
    if (is_dashboard(method, r)) return std::string(dashboard_page());
    auto& st = app.service.shared_state();
    if (r.path == "/_emulator/reset" && method == "POST") {
        auto scope = api::control::parse_reset_scope(body);  // parsed once, for the store and the journal
        if (!scope) return scope.error();
        auto res = api::control::reset_resources(st, scope.value());
        if (res) app.journal.clear(scope.value().account, scope.value().region);
        return res;
    }
    if (r.path == "/_emulator/requests" && method == "GET") return observability::journal_answer(app, r);
    if (r.path == "/_emulator/metrics" && method == "GET") return observability::metrics_answer(app);
    if (r.path == "/_emulator/clock") {
        if (method == "GET") return api::control::clock_state(st);
        if (method == "POST") return api::control::change_clock(st, body);
    }
    if (r.path == "/_emulator/service-phase") {
        if (method == "GET") return api::phase_json(st.phase);
        if (method == "POST") {
            auto phase = api::parse_phase_body(body);
            if (!phase) return phase.error();
            if (phase.value() != st.phase) {
                app.log.message(observability::log_level::info, std::string("service phase: ") +
                                std::string(api::to_string(st.phase)) + " -> " + std::string(api::to_string(phase.value())));
            }
            st.phase = phase.value();
            return api::phase_json(st.phase);
        }
    }
    if (r.path == "/_emulator/overview" && method == "GET") {
        std::string account, region;
        for (const auto& [k, v] : r.query) {
            if (k == "account") account = v;
            if (k == "region") region = v;
        }
        return api::control::overview(st, account, region);
    }
    if (r.path == "/_emulator/faults" && (method == "GET" || method == "POST" || method == "DELETE")) {
        return faults(app, method, r, body);
    }
    if (auto p = parse_job_path(r.path)) return job_control(app, method, *p, body);
    if (auto res = handle_world_control(app, method, r, body)) return std::move(*res);
    if (r.path == "/_emulator/objects") {
        if (method == "POST") return api::control::change_object(app.service.shared_state(), body);
        if (method == "GET") {
            std::string bucket, key;
            for (const auto& [k, v] : r.query) {
                if (k == "bucket") bucket = v;
                if (k == "key") key = v;
            }
            return api::control::describe_object(app.service.shared_state(), bucket, key);
        }
    }
    return api::unknown_operation("No control operation matches " + api::quote_for_message(method) + " " +
                                  api::quote_for_message(r.path));
}

}  // namespace rml::server::control
