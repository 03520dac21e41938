#include "server/auth/request_auth.hpp"

#include <chrono>
#include <vector>

#include <openssl/crypto.h>

#include "server/auth/sigv4_verify.hpp"
#include "server/transport/sigv4.hpp"

namespace rml::server::auth {
namespace {

std::optional<credential> find_credential(const app_state& app, std::string_view akid) {
    const auto& cfg = app.cfg;
    if (cfg.auth.credentials.empty()) {  // the documented default pair
        if (akid == "test") return credential{"test", cfg.service.default_account, std::nullopt};
        return std::nullopt;
    }
    for (const auto& c : cfg.auth.credentials) {
        if (c.access_key_id == akid) {
            return credential{c.secret_access_key, c.account.empty() ? cfg.service.default_account : c.account,
                              c.session_token};
        }
    }
    return std::nullopt;
}

void warn_real_looking_key(app_state& app, const std::string& akid) {
    if (!looks_like_real_aws_key(akid) || !app.warned_keys.insert(akid).second) return;
    app.log.message(observability::log_level::warn,
                    "a request was signed with access key " + akid.substr(0, 8) +
                        "..., which looks like a real AWS key; robomaker-local never needs real credentials");
}

}  // namespace

request_identity authenticate(app_state& app, const transport::http_request& req) {
    request_identity out;
    auto authorization = req[boost::beast::http::field::authorization];
    out.access_key_id = transport::access_key_from_authorization(authorization);
    if (!app.cfg.auth.sigv4) {
        out.scope = transport::scope_from_authorization(authorization, app.cfg.service);
        out.verdict = "unverified";
        if (!out.access_key_id.empty()) warn_real_looking_key(app, out.access_key_id);
        return out;
    }
    std::vector<header_view> headers;
    for (const auto& f : req) headers.push_back({f.name_string(), f.value()});
    std::string_view target = req.target();
    auto q = target.find('?');
    request_view view{req.method_string(), target.substr(0, q),
                      q == std::string_view::npos ? std::string_view() : target.substr(q + 1), headers, req.body()};
    auto result = verify(
        view, [&app](std::string_view akid) { return find_credential(app, akid); }, "robomaker",
        std::chrono::system_clock::now());
    if (!result.ok()) {
        out.verdict = result.error().code;
        out.error = api::api_error{result.error().code, result.error().http_status, result.error().message};
        out.scope = {app.cfg.service.default_account, app.cfg.service.default_region};
        return out;
    }
    out.verdict = "ok";
    out.access_key_id = result.who().access_key_id;
    out.scope = {result.who().account_id, result.who().region};
    warn_real_looking_key(app, out.access_key_id);
    return out;
}

std::optional<api::api_error> check_control_token(const app_state& app, const transport::http_request& req) {
    const auto& token = app.cfg.auth.control_token;
    if (token.empty()) return std::nullopt;
    std::string expected = "Bearer " + token;
    auto given = req[boost::beast::http::field::authorization];
    if (given.size() == expected.size() && CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0) {
        return std::nullopt;
    }
    return api::api_error{"AccessDeniedException", 403,
                          "This control API call needs the header 'Authorization: Bearer <control token>' "
                          "(--control-token)."};
}

}  // namespace rml::server::auth
