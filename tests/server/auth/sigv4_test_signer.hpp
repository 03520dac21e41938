#pragma once
// Test support: a request that owns its bytes, and a SigV4 signer assembled from the module's
// canonical-request and crypto steps, so verdict tests can sign requests and then break them.
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/auth/sigv4_canonical.hpp"
#include "server/auth/sigv4_crypto.hpp"
#include "server/auth/sigv4_parse.hpp"
#include "server/auth/sigv4_verify.hpp"

namespace rml::server::auth::testing {

struct owned_request {
    std::string method = "GET";
    std::string path = "/fleets";
    std::string query;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    // Replaces every header called name (exact spelling) with one value.
    void set(const std::string& name, const std::string& value) {
        remove(name);
        headers.emplace_back(name, value);
    }
    void remove(const std::string& name) { std::erase_if(headers, [&](const auto& h) { return h.first == name; }); }

    // A view of the current bytes; valid until the next change to this request.
    request_view view() {
        views_.clear();
        for (const auto& [name, value] : headers) views_.push_back({name, value});
        return {method, path, query, views_, body};
    }

private:
    std::vector<header_view> views_;
};

struct signer {
    std::string access_key = "AKIDTEST";
    std::string secret = "test-secret";
    std::string region = "us-east-1";
    std::string service = "robomaker";
    std::string amz_date = "20240101T000000Z";
    std::string signed_headers = "host;x-amz-date";
    path_mode mode = path_mode::normalized;

    std::string scope() const { return amz_date.substr(0, 8) + "/" + region + "/" + service + "/aws4_request"; }
    std::string credential() const { return access_key + "/" + scope(); }

    // The signature of request as it stands; presigned requests leave X-Amz-Signature out.
    std::string signature(owned_request& request, bool presigned = false) const {
        const std::string creq = canonical_request(request.view(), split_signed_headers(signed_headers), mode,
                                                   presigned ? "X-Amz-Signature" : "");
        const std::string key = signing_key(secret, amz_date.substr(0, 8), region, service);
        return signature_hex(key, string_to_sign(amz_date, scope(), creq));
    }

    // Adds Host (when absent) and X-Amz-Date, then the Authorization header.
    void sign(owned_request& request) const {
        bool has_host = false;
        for (const auto& h : request.headers) has_host = has_host || h.first == "Host";
        if (!has_host) request.headers.emplace_back("Host", "127.0.0.1:4567");
        request.set("X-Amz-Date", amz_date);
        request.remove("Authorization");
        request.set("Authorization", "AWS4-HMAC-SHA256 Credential=" + credential() +
                                         ", SignedHeaders=" + signed_headers + ", Signature=" + signature(request));
    }

    // Adds Host (when absent) and the presigned query parameters, the signature last.
    void presign(owned_request& request, int expires, const std::optional<std::string>& token = {}) const {
        bool has_host = false;
        for (const auto& h : request.headers) has_host = has_host || h.first == "Host";
        if (!has_host) request.headers.emplace_back("Host", "127.0.0.1:4567");
        std::string& q = request.query;
        q += (q.empty() ? "" : "&") + std::string("X-Amz-Algorithm=AWS4-HMAC-SHA256");
        q += "&X-Amz-Credential=" + uri_encode(credential(), false);
        q += "&X-Amz-Date=" + amz_date + "&X-Amz-Expires=" + std::to_string(expires);
        if (token) q += "&X-Amz-Security-Token=" + uri_encode(*token, false);
        q += "&X-Amz-SignedHeaders=" + uri_encode(signed_headers, false);
        q += "&X-Amz-Signature=" + signature(request, true);
    }
};

// 2024-01-01T00:00:00Z, the signer's default date.
inline std::chrono::system_clock::time_point t0() { return *parse_amz_date("20240101T000000Z"); }

// AKIDTEST is a long-term key of account 111122223333; ASIATEST is temporary, with token "tok".
// Both have the secret "test-secret".
inline credential_lookup test_lookup() {
    return [](std::string_view id) -> std::optional<credential> {
        if (id == "AKIDTEST") return credential{"test-secret", "111122223333", std::nullopt};
        if (id == "ASIATEST") return credential{"test-secret", "444455556666", "tok"};
        return std::nullopt;
    };
}

// verify() for service "robomaker", as "ok" or "Code: message" (readable in a failed CHECK).
inline std::string outcome(const verdict& v) { return v.ok() ? "ok" : v.error().code + ": " + v.error().message; }
inline verdict check(owned_request& request, std::chrono::system_clock::time_point now = t0()) {
    return verify(request.view(), test_lookup(), "robomaker", now);
}

inline owned_request signed_request(const signer& s = {}) {
    owned_request r;
    s.sign(r);
    return r;
}

}  // namespace rml::server::auth::testing
