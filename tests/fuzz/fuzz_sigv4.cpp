// libFuzzer target: SigV4 verification (server/auth): the parsers of what a client states and
// verify() over a whole request, with one fixed credential and a fixed "now".
//
// Input: "METHOD PATH[?QUERY]\n" then header lines "Name: value\n", an empty line, and the body
// (the shape the transport adapts a Beast request to, server/auth/request_auth.cpp). Every header
// value and the query also go through the individual parsers. Checked: nothing crashes, every
// error names a code and is HTTP 403, an accepted request is the fixed credential's.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "server/auth/sigv4_canonical.hpp"
#include "server/auth/sigv4_parse.hpp"
#include "server/auth/sigv4_verify.hpp"

namespace {

using namespace rml::server::auth;

std::optional<credential> lookup(std::string_view key) {
    if (key == "AKIDFUZZ") return credential{"fuzz-secret", "111122223333", std::nullopt};
    if (key == "ASIAFUZZ") return credential{"fuzz-secret", "111122223333", std::string("fuzz-token")};
    return std::nullopt;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

void parse_parts(std::string_view value) {
    auto parsed = parse_authorization_header(value);
    if (auto* p = std::get_if<auth_params>(&parsed)) {
        (void)split_credential(p->credential);
        (void)split_signed_headers(p->signed_headers);
    }
    if (auto c = split_credential(value)) (void)is_plausible_region(c->region);
    if (auto t = parse_amz_date(value)) {
        if (format_amz_date(*t) != value) std::abort();  // the basic format has one spelling
    }
    (void)parse_http_date(value);
    (void)canonical_header_value(value);
    (void)looks_like_real_aws_key(value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    auto nl = in.find('\n');
    std::string_view line = in.substr(0, nl);
    std::string_view rest = nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1);

    auto sp = line.find(' ');
    std::string_view method = sp == std::string_view::npos ? std::string_view{"POST"} : line.substr(0, sp);
    std::string_view target = sp == std::string_view::npos ? line : line.substr(sp + 1);
    auto q = target.find('?');
    std::string_view path = target.substr(0, q);
    std::string_view query = q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);

    std::vector<header_view> headers;
    std::string_view body;
    while (!rest.empty()) {
        auto end = rest.find('\n');
        std::string_view h = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        if (trim(h).empty()) {
            body = rest;
            break;
        }
        auto colon = h.find(':');
        if (colon == std::string_view::npos) continue;
        headers.push_back({h.substr(0, colon), trim(h.substr(colon + 1))});
    }

    for (const auto& h : headers) parse_parts(h.value);
    if (auto p = parse_presigned_query(query)) (void)split_credential(p->credential);
    (void)canonical_query(query, "X-Amz-Signature");
    (void)canonical_uri(path, path_mode::normalized);
    (void)canonical_uri(path, path_mode::as_received);

    request_view req{method, path, query, headers, body};
    auto names = split_signed_headers(headers.empty() ? std::string_view{} : headers.front().value);
    (void)canonical_request(req, names, path_mode::normalized);

    // 2024-01-01T00:00:00Z, the date the seed corpus is signed for.
    const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1704067200));
    verdict v = verify(req, lookup, "robomaker", now);
    if (v.ok()) {
        if (v.who().account_id != "111122223333") std::abort();
    } else if (v.error().code.empty() || v.error().http_status != 403) {
        std::abort();
    }
    return 0;
}
