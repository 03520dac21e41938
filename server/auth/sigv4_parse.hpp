#pragma once
// Reading the SigV4 signing parameters a client sent, before any of them is checked: the
// Authorization header, the presigned query parameters, the credential scope, and request dates.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace rml::server::auth {

inline constexpr std::string_view sigv4_algorithm = "AWS4-HMAC-SHA256";

// What the client stated. Fields it did not send are empty (std::nullopt for the optional ones).
struct auth_params {
    bool presigned = false;      // from the query string rather than the Authorization header
    std::string algorithm;       // expected: AWS4-HMAC-SHA256
    std::string credential;      // AKID/YYYYMMDD/REGION/SERVICE/aws4_request
    std::string signed_headers;  // "host;x-amz-date"
    std::string signature;       // 64 hex digits
    std::string raw;             // the Authorization header value, or the raw query (for messages)
    // Presigned only (percent-decoded query parameters):
    std::string date;                           // X-Amz-Date
    std::optional<std::string> expires;         // X-Amz-Expires
    std::optional<std::string> security_token;  // X-Amz-Security-Token
};

// The Authorization header is not "ALGORITHM key=value, key=value, ...": the message is AWS's
// IncompleteSignatureException text.
struct syntax_error {
    std::string message;
};

// Parses "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...". As AWS does, the
// parameters may be separated by commas and/or any number of spaces, in any order; a later
// duplicate wins; unknown keys are ignored. Missing parameters are left empty here (verify names
// them all in one message); a token without '=' is a syntax_error, e.g. for "Bearer abc".
std::variant<auth_params, syntax_error> parse_authorization_header(std::string_view value);

// The presigned parameters of a raw query string, percent-decoded, or std::nullopt when the query
// has none of X-Amz-Algorithm, X-Amz-Credential and X-Amz-Signature (not a presigned request).
std::optional<auth_params> parse_presigned_query(std::string_view raw_query);

// The five parts of a credential AKID/DATE/REGION/SERVICE/TERMINATOR.
struct credential_scope {
    std::string access_key_id;
    std::string date;
    std::string region;
    std::string service;
    std::string terminator;
};

// Splits a credential at '/'. Trailing slashes are ignored (as AWS does); any count of parts other
// than five is std::nullopt.
std::optional<credential_scope> split_credential(std::string_view credential);

// True for a region name this emulator accepts in a credential scope: 3 to 32 characters of
// [a-z0-9-], at least two dash-separated parts, each non-empty, the first letters only.
// So us-east-1, eu-central-1, us-gov-west-1, cn-northwest-1, us-isob-east-1 and "local-1" pass;
// "", "c", "US-EAST-1", "us_east_1", "-us-east-1" and "us--east-1" do not. The emulator serves
// every region, so it accepts any well-formed name rather than a fixed list.
bool is_plausible_region(std::string_view region);

// ISO 8601 basic format as SigV4 uses it, exactly "YYYYMMDDTHHMMSSZ", a real calendar date and a
// time of day 00:00:00..23:59:59 (no leap second).
std::optional<std::chrono::sys_seconds> parse_amz_date(std::string_view text);

// An RFC 7231 IMF-fixdate such as "Sun, 30 Aug 2015 12:36:00 GMT" (the weekday name is checked
// for form, not against the date). The obsolete RFC 850 and asctime forms are not accepted.
std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text);

// The SigV4 form of a time: "20150830T123600Z".
std::string format_amz_date(std::chrono::sys_seconds time);

}  // namespace rml::server::auth
