#include "server/transport/dispatch.hpp"

#include <chrono>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/field.hpp>

#include "api/json_out.hpp"
#include "api/message_quote.hpp"
#include "server/auth/request_auth.hpp"
#include "server/control/control.hpp"
#include "server/control/job_wait.hpp"
#include "server/transport/http_headers.hpp"
#include "server/transport/lock_retry.hpp"
#include "server/transport/router.hpp"
#include "server/transport/sigv4.hpp"

namespace rml::server::transport {
namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

// Date is set when the response is written (answer.cpp), so every response has it.
http_response make_response(unsigned version, int status, std::string body, const std::string& request_id,
                            const std::string& error_type, std::string_view content_type = "application/json",
                            const std::string* error_message = nullptr) {
    http_response res{static_cast<http::status>(status), version};
    res.set(http::field::content_type, content_type);
    res.set("x-amzn-RequestId", request_id);
    if (!error_type.empty()) res.set("x-amzn-ErrorType", error_type);
    if (error_message) res.set("x-amzn-ErrorMessage", header_safe(*error_message));
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

std::string error_body(const std::string& message) {
    api::json_out out;
    out.begin_object().field("message", message).end_object();
    return out.take();
}

// Runs f; anything it throws becomes a logged 500 naming the request id (DESIGN §4).
template <typename F>
api::result<std::string> guarded(app_state& app, const std::string& request_id, F&& f) {
    try {
        return f();
    } catch (const std::exception& e) {
        app.metrics.internal_error();
        app.log.message(observability::log_level::error, "request " + request_id + " failed: " + e.what());
        return api::internal_error("Internal error; see the emulator log for request " + request_id);
    }
}

api::result<std::string> run_route(app_state& app, const http_request& req, const route& r,
                                   const store::scope& scope) {
    std::string_view method = req.method_string();
    switch (r.what) {
        case route::kind::operation: {
            api::api_request call;
            call.operation = r.op->name;
            call.scope = scope;
            call.body = req.body();
            call.resource_arn = r.resource_arn;
            for (const auto& [k, v] : r.query) {
                if (k == "tagKeys") call.tag_keys.push_back(v);
            }
            return app.service.handle(call);
        }
        case route::kind::control:
            return control::handle_control(app, method, r, req.body());
        case route::kind::unknown:
            break;
    }
    return api::unknown_operation("No operation matches " + api::quote_for_message(method) + " " +
                                  api::quote_for_message(r.path));
}

// Metrics and the request journal for one answered service operation.
void record_operation(app_state& app, const http_request& req, const route& r, const store::scope& scope,
                      const auth::request_identity& who, std::string_view request_id, int status, std::string_view error_type, std::int64_t micros) {
    auto index = static_cast<std::size_t>(r.op - api::operations().data());
    app.metrics.request(index, status, static_cast<double>(micros) / 1e6);
    app.metrics.auth_verdict(who.verdict);
    if (!app.journal.enabled()) return;
    const auto& clock = app.service.shared_state().clock;
    observability::journal_record j;
    j.wall_ms = clock.wall_ms();
    j.sim_ms = clock.now_ms();
    j.request_id = request_id;
    j.operation = r.op->name;
    j.account = scope.account;
    j.region = scope.region;
    j.body = req.body();
    j.resource_arn = r.resource_arn;
    j.query = r.query;
    j.http_status = status;
    j.error_code = error_type;
    j.access_key_id = who.access_key_id;
    j.auth_verdict = who.verdict;
    j.latency_ms = static_cast<double>(micros) / 1000.0;
    app.journal.add(j);
}

}  // namespace

http_response error_response(app_state& app, unsigned version, const api::api_error& err) {
    return make_response(version, err.http_status, error_body(err.message), app.ids.next(), err.type,
                         "application/json", &err.message);
}

boost::asio::awaitable<http_response> dispatch(app_state& app, const http_request& req) {
    auto t0 = std::chrono::steady_clock::now();
    std::string request_id = app.ids.next();
    std::string_view method = req.method_string();
    route r = match_route(method, req.target());
    bool is_operation = r.what == route::kind::operation;
    std::string_view op_name = is_operation ? r.op->name : (r.what == route::kind::control ? "Control" : "-");

    // Fault rules first: they apply to service operations only, never to the control API.
    store::scope scope;
    auth::request_identity who;
    api::engine::api_fault fault;
    api::result<std::string> res = std::string();
    if (r.uri_error) {
        res = api::invalid_parameter(*r.uri_error);  // nothing of a half-decoded URI runs
    } else if (is_operation) {
        res = guarded(app, request_id, [&]() -> api::result<std::string> {
            who = auth::authenticate(app, req);
            scope = who.scope;
            if (who.error) return *who.error;  // --auth sigv4: refused before anything runs
            fault = app.service.shared_state().faults.for_operation(r.op->name, scope);
            return std::string();
        });
    } else if (r.what == route::kind::control && r.path != "/_emulator/health") {
        if (auto denied = auth::check_control_token(app, req)) res = *denied;
    }
    bool cut = false;  // the shutdown grace passed during an injected latency: do not run
    if (fault.latency_ms > 0) {
        asio::steady_timer delay(co_await asio::this_coro::executor, std::chrono::milliseconds(fault.latency_ms));
        auto registered = app.delays.insert(app.delays.end(), &delay);
        auto [ec] = co_await delay.async_wait(asio::as_tuple(asio::use_awaitable));
        app.delays.erase(registered);
        cut = ec == asio::error::operation_aborted && app.stopping;
    }
    int ok_status = 200;  // GET /_emulator/wait answers 408 with a body at its timeout
    if (!res.ok()) {
        // a bad URI, a refused signature or control token, or a failure reading the scope: as is
    } else if (cut) {
        res = api::api_error{"ServiceUnavailableException", 503,
                             "The emulator is shutting down; the request was not run."};
    } else if (fault.error) {
        res = *fault.error;
    } else if (r.what == route::kind::control && r.path == "/_emulator/wait" && method == "GET") {
        try {
            res = co_await control::wait_for_job(app, r, ok_status);
        } catch (const std::exception& e) {
            app.metrics.internal_error();
            app.log.message(observability::log_level::error, "request " + request_id + " failed: " + e.what());
            res = api::internal_error("Internal error; see the emulator log for request " + request_id);
        }
    } else {
        res = co_await run_retrying_locked(app, request_id, [&] { return run_route(app, req, r, scope); });
    }

    std::string_view content_type =
        r.what == route::kind::control ? control::control_content_type(method, r) : std::string_view("application/json");
    http_response out = res.ok() ? make_response(req.version(), ok_status, std::move(res.value()), request_id, "",
                                                 content_type)
                                 : make_response(req.version(), res.error().http_status, error_body(res.error().message),
                                                 request_id, res.error().type, "application/json",
                                                 &res.error().message);
    out.keep_alive(req.keep_alive() && !app.stopping);
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
    int status = static_cast<int>(out.result_int());
    std::string_view error_type = res.ok() ? std::string_view() : std::string_view(res.error().type);
    if (is_operation) {
        record_operation(app, req, r, scope, who, request_id, status, error_type, micros);
    } else if (r.what == route::kind::control) {
        app.metrics.control_request(r.path, status);
    }
    app.log.request({method, r.path, op_name, status, micros, request_id, error_type, scope.account, scope.region});
    co_return out;
}

}  // namespace rml::server::transport
