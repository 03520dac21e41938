#include "server/dispatch.hpp"

#include <chrono>

#include <boost/beast/http/field.hpp>

#include "api/json_out.hpp"
#include "server/control.hpp"
#include "server/router.hpp"
#include "server/sigv4.hpp"

namespace rml::server {
namespace http = boost::beast::http;

namespace {

http_response make_response(unsigned version, int status, std::string body, const std::string& request_id,
                            const std::string& error_type) {
    http_response res{static_cast<http::status>(status), version};
    res.set(http::field::content_type, "application/json");
    res.set("x-amzn-RequestId", request_id);
    if (!error_type.empty()) res.set("x-amzn-ErrorType", error_type);
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

std::string error_body(const std::string& message) {
    api::json_out out;
    out.begin_object().field("message", message).end_object();
    return out.take();
}

}  // namespace

http_response error_response(app_state& app, unsigned version, const api::api_error& err) {
    return make_response(version, err.http_status, error_body(err.message), app.ids.next(), err.type);
}

http_response dispatch(app_state& app, const http_request& req) {
    auto t0 = std::chrono::steady_clock::now();
    std::string request_id = app.ids.next();
    std::string_view method = req.method_string();
    std::string_view target = req.target();
    route r = match_route(method, target);

    std::string_view op_name = "-";
    api::result<std::string> res = std::string();
    try {
        switch (r.what) {
            case route::kind::operation: {
                op_name = r.op->name;
                api::api_request call;
                call.operation = r.op->name;
                call.scope = scope_from_authorization(req[http::field::authorization], app.cfg.service);
                call.body = req.body();
                call.resource_arn = r.resource_arn;
                for (const auto& [k, v] : r.query) {
                    if (k == "tagKeys") call.tag_keys.push_back(v);
                }
                res = app.service.handle(call);
                break;
            }
            case route::kind::control:
                op_name = "Control";
                res = handle_control(app, method, r, req.body());
                break;
            case route::kind::unknown:
                res = api::unknown_operation("No operation matches " + std::string(method) + " " + r.path);
                break;
        }
    } catch (const std::exception& e) {
        app.log.message(log_level::error, "request " + request_id + " failed: " + e.what());
        res = api::internal_error("Internal error; see the emulator log for request " + request_id);
    }

    http_response out = res.ok() ? make_response(req.version(), 200, std::move(res.value()), request_id, "")
                                 : make_response(req.version(), res.error().http_status, error_body(res.error().message),
                                                 request_id, res.error().type);
    out.keep_alive(req.keep_alive() && !app.stopping);
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
    app.log.request({method, r.path, op_name, static_cast<int>(out.result_int()), micros, request_id,
                     res.ok() ? std::string_view() : std::string_view(res.error().type)});
    return out;
}

}  // namespace rml::server
