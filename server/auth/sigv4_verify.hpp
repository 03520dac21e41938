#pragma once
// Verifying an AWS Signature Version 4 request as AWS services do (not S3): the Authorization
// header or a presigned query, the credential scope, the request time, the signature itself, and a
// session token. Pure C++ over OpenSSL libcrypto; the transport adapts its request to request_view.
//
// Checks run in the order AWS's service front end was observed to run them (DynamoDB's, as recorded
// by dynalite), so the first failure is the one AWS would report; messages use AWS's wording:
//   1. no Authorization header and no presigned query   -> MissingAuthenticationTokenException
//   2. header syntax, missing Credential / SignedHeaders / Signature / date (one message naming
//      all), bad date format, bad X-Amz-Expires        -> IncompleteSignatureException
//   3. request time outside now +- 5 min (presigned: past X-Amz-Expires) -> InvalidSignatureException
//   4. 'host' not signed                                -> IncompleteSignatureException (the project's rule)
//   5. algorithm other than AWS4-HMAC-SHA256, credential not five parts -> IncompleteSignatureException
//   6. scope: region, service, terminator, date (one message naming all) -> InvalidSignatureException
//   7. unknown access key                               -> UnrecognizedClientException
//   8. a signed header absent from the request          -> IncompleteSignatureException
//   9. signature mismatch                               -> InvalidSignatureException
//  10. the credential has a session token and the request's differs or is absent
//                                                      -> UnrecognizedClientException
//      (a token sent for a credential that has none is ignored: the emulator's choice)
// Every error is HTTP 403.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "server/auth/sigv4_canonical.hpp"

namespace rml::server::auth {

// A key the emulator knows: its secret, the account it acts in, and, for temporary credentials,
// the session token requests must carry.
struct credential {
    std::string secret_access_key;
    std::string account_id;
    std::optional<std::string> session_token;
};

// Access key id -> its credential, or std::nullopt when unknown.
using credential_lookup = std::function<std::optional<credential>(std::string_view access_key_id)>;

// Who signed an authentic request, and the region its scope names.
struct identity {
    std::string access_key_id;
    std::string account_id;
    std::string region;
};

struct auth_error {
    std::string code;     // e.g. "InvalidSignatureException" (AWS's common error codes)
    std::string message;  // AWS's wording
    int http_status = 403;
    // On a signature mismatch, what the server computed, for a log line or a debugging aid (AWS
    // itself appends both to the message of some services). Empty otherwise. Holds no secret.
    std::string canonical_request;
    std::string string_to_sign;
};

// The outcome of verify: an identity, or the error to answer with.
class verdict {
public:
    // Implicit on purpose: verify's steps return an identity or an auth_error as the verdict.
    verdict(identity who) : result_(std::move(who)) {}
    verdict(auth_error error) : result_(std::move(error)) {}
    bool ok() const { return std::holds_alternative<identity>(result_); }
    const identity& who() const { return std::get<identity>(result_); }    // only when ok()
    const auth_error& error() const { return std::get<auth_error>(result_); }  // only when !ok()

private:
    std::variant<identity, auth_error> result_;
};

// How far the request time may be from now, either way (presigned: into the future only).
inline constexpr std::chrono::minutes max_clock_skew{5};

// Verifies request against the credentials lookup knows, for service (the scope's service name,
// "robomaker"), at wall time now. The Authorization header wins when a request also carries
// presigned query parameters. The canonical URI is tried normalized first (AWS docs, botocore,
// JS SDK v3) and, when the path is not already normal, as received (aws-sdk-go v1); either match
// is accepted, since both are computed from the same received bytes.
verdict verify(const request_view& request, const credential_lookup& lookup, std::string_view service,
               std::chrono::system_clock::time_point now);

// True for an id shaped like a real AWS access key: 20 characters, "AKIA" (long-term) or "ASIA"
// (temporary) then uppercase letters and digits. Lets the server warn that real credentials are
// being sent to an emulator.
bool looks_like_real_aws_key(std::string_view access_key_id);

}  // namespace rml::server::auth
