#include "server/auth/sigv4_verify.hpp"

#include <algorithm>

#include "server/auth/sigv4_crypto.hpp"
#include "server/auth/sigv4_parse.hpp"

namespace rml::server::auth {
namespace {

using std::chrono::sys_seconds;

auth_error make_error(std::string code, std::string message) {
    auth_error error;
    error.code = std::move(code);
    error.message = std::move(message);
    return error;
}
auth_error incomplete(std::string message) { return make_error("IncompleteSignatureException", std::move(message)); }
auth_error invalid(std::string message) { return make_error("InvalidSignatureException", std::move(message)); }
auth_error unrecognized() {
    return make_error("UnrecognizedClientException", "The security token included in the request is invalid.");
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// The first value of a header, trimmed and with inner whitespace runs collapsed.
std::optional<std::string> first_header(const request_view& request, std::string_view name) {
    const auto values = header_values(request.headers, name);
    if (values.empty()) return std::nullopt;
    return canonical_header_value(values.front());
}

// The request time as sent: X-Amz-Date (query or header), else the Date header.
struct stated_date {
    std::string text;
    bool http_form = false;  // came from the Date header (IMF-fixdate)
};

std::optional<stated_date> find_date(const request_view& request, const auth_params& params) {
    if (params.presigned) {
        if (params.date.empty()) return std::nullopt;
        return stated_date{params.date};
    }
    if (auto amz = first_header(request, "x-amz-date")) return stated_date{*amz};
    if (auto http = first_header(request, "date")) return stated_date{*http, true};
    return std::nullopt;
}

// Every missing parameter in one message, as AWS words it; std::nullopt when none is missing.
std::optional<auth_error> missing_parameters(const auth_params& p, bool has_date) {
    std::string message;
    if (p.presigned) {
        const std::pair<std::string_view, bool> required[] = {
            {"X-Amz-Algorithm", p.algorithm.empty()}, {"X-Amz-Credential", p.credential.empty()},
            {"X-Amz-Signature", p.signature.empty()}, {"X-Amz-SignedHeaders", p.signed_headers.empty()},
            {"X-Amz-Date", !has_date}};
        for (const auto& [name, missing] : required)
            if (missing) message += "AWS query-string parameters must include '" + std::string(name) + "'. ";
        if (message.empty()) return std::nullopt;
        return incomplete(message + "Re-examine the query-string parameters.");
    }
    const std::pair<std::string_view, bool> required[] = {
        {"Credential", p.credential.empty()}, {"Signature", p.signature.empty()},
        {"SignedHeaders", p.signed_headers.empty()}};
    for (const auto& [name, missing] : required)
        if (missing) message += "Authorization header requires '" + std::string(name) + "' parameter. ";
    if (!has_date) message += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
    if (message.empty()) return std::nullopt;
    return incomplete(message + "Authorization=" + p.raw);
}

// X-Amz-Expires as seconds (0..604800, a week); std::nullopt when absent.
std::variant<std::optional<long>, auth_error> read_expires(const auth_params& p) {
    if (!p.expires) return std::optional<long>{};
    const std::string& text = *p.expires;
    const bool digits = std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (text.empty() || text.size() > 9 || !digits)
        return incomplete("X-Amz-Expires should be a number");
    const long seconds = std::stol(text);
    if (seconds > 604800) return incomplete("X-Amz-Expires must be less than a week (in seconds) that is 604800");
    return std::optional<long>{seconds};
}

std::optional<auth_error> check_time(sys_seconds at, sys_seconds now, std::optional<long> expires) {
    const auto skew = std::chrono::duration_cast<std::chrono::seconds>(max_clock_skew);
    if (at > now + skew)
        return invalid("Signature not yet current: " + format_amz_date(at) + " is still later than " +
                       format_amz_date(now + skew) + " (" + format_amz_date(now) + " + 5 min.)");
    const auto window = expires ? std::chrono::seconds{*expires} : skew;
    if (at < now - window)
        return invalid("Signature expired: " + format_amz_date(at) + " is now earlier than " +
                       format_amz_date(now - window) + " (" + format_amz_date(now) + " - " +
                       (expires ? std::to_string(*expires) + " sec.)" : "5 min.)"));
    return std::nullopt;
}

// Region, service, terminator and date of the scope, every failure in one message.
std::optional<auth_error> check_scope(const credential_scope& scope, std::string_view service,
                                      const std::string& amz_date) {
    std::string message;
    auto add = [&message](const std::string& part) { message += (message.empty() ? "" : " ") + part; };
    if (!is_plausible_region(scope.region))
        add("Credential should be scoped to a valid region, not '" + scope.region + "'.");
    if (scope.service != service)
        add("Credential should be scoped to correct service: '" + std::string(service) + "'.");
    if (scope.terminator != "aws4_request")
        add("Credential should be scoped with a valid terminator: 'aws4_request', not '" + scope.terminator + "'.");
    if (scope.date != amz_date.substr(0, 8))
        add("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" +
            scope.date + "' != '" + amz_date.substr(0, 8) + "', from '" + amz_date + "'.");
    if (message.empty()) return std::nullopt;
    return invalid(message);
}

// Compares the stated signature with the one computed for each canonical URI form.
std::optional<auth_error> check_signature(const request_view& request, const auth_params& p,
                                          const std::vector<std::string>& names, const credential_scope& scope,
                                          const std::string& amz_date, std::string_view secret) {
    const std::string key = signing_key(secret, scope.date, scope.region, scope.service);
    const std::string scope_text = scope.date + "/" + scope.region + "/" + scope.service + "/" + scope.terminator;
    const std::string_view omit = p.presigned ? "X-Amz-Signature" : "";
    auth_error mismatch = invalid(
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
        "Access Key and signing method. Consult the service documentation for details.");
    for (path_mode mode : {path_mode::normalized, path_mode::as_received}) {
        if (mode == path_mode::as_received && canonical_uri(request.target_path, mode) ==
                                                  canonical_uri(request.target_path, path_mode::normalized))
            break;
        const std::string creq = canonical_request(request, names, mode, omit);
        const std::string sts = string_to_sign(amz_date, scope_text, creq);
        if (constant_time_equal(signature_hex(key, sts), p.signature)) return std::nullopt;
        if (mode == path_mode::normalized) mismatch.canonical_request = creq, mismatch.string_to_sign = sts;
    }
    return mismatch;
}

// Steps 2 to 10 of the header comment, in that order.
verdict check(const request_view& request, const auth_params& p, const credential_lookup& lookup,
              std::string_view service, sys_seconds now) {
    // The form of the request: parameters, date, expiry, host, algorithm, credential.
    const auto date = find_date(request, p);
    if (auto error = missing_parameters(p, date.has_value())) return *error;
    const auto at = date->http_form ? parse_http_date(date->text) : parse_amz_date(date->text);
    if (!at)
        return incomplete("Date must be in ISO-8601 'basic format'. Got '" + date->text +
                          "'. See http://en.wikipedia.org/wiki/ISO_8601");
    const auto expires = read_expires(p);
    if (auto* error = std::get_if<auth_error>(&expires)) return *error;
    if (auto error = check_time(*at, now, std::get<std::optional<long>>(expires))) return *error;
    const auto names = split_signed_headers(p.signed_headers);
    if (!std::binary_search(names.begin(), names.end(), "host"))
        return incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    if (p.algorithm != sigv4_algorithm)
        return incomplete("Unsupported AWS 'algorithm': '" + p.algorithm + "' (only AWS4-HMAC-SHA256 for now).");
    const auto scope = split_credential(p.credential);
    if (!scope)
        return incomplete("Credential must have exactly 5 slash-delimited elements, e.g. "
                          "keyid/date/region/service/term, got '" + p.credential + "'");
    // What it claims: scope, key, signed headers, signature, session token.
    const std::string amz_date = format_amz_date(*at);
    if (auto error = check_scope(*scope, service, amz_date)) return *error;
    const auto cred = lookup ? lookup(scope->access_key_id) : std::nullopt;
    if (!cred) return unrecognized();
    for (const auto& name : names)
        if (header_values(request.headers, name).empty())
            return incomplete("'" + name +
                              "' is a 'SignedHeader' in the AWS Authorization but is absent from the request.");
    if (auto error = check_signature(request, p, names, *scope, amz_date, cred->secret_access_key)) return *error;
    if (cred->session_token) {
        auto token = p.presigned && p.security_token ? p.security_token : first_header(request, "x-amz-security-token");
        if (!token || !constant_time_equal(*token, *cred->session_token)) return unrecognized();
    }
    return identity{scope->access_key_id, cred->account_id, scope->region};
}

}  // namespace

verdict verify(const request_view& request, const credential_lookup& lookup, std::string_view service,
               std::chrono::system_clock::time_point now) {
    const auto now_s = std::chrono::floor<std::chrono::seconds>(now);
    if (const auto headers = header_values(request.headers, "authorization"); !headers.empty()) {
        auto parsed = parse_authorization_header(trim(headers.front()));
        if (auto* error = std::get_if<syntax_error>(&parsed)) return incomplete(error->message);
        return check(request, std::get<auth_params>(parsed), lookup, service, now_s);
    }
    if (auto presigned = parse_presigned_query(request.query))
        return check(request, *presigned, lookup, service, now_s);
    return make_error("MissingAuthenticationTokenException", "Missing Authentication Token");
}

bool looks_like_real_aws_key(std::string_view id) {
    if (id.size() != 20 || !(id.starts_with("AKIA") || id.starts_with("ASIA"))) return false;
    return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

}  // namespace rml::server::auth
