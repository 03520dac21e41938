#pragma once
// The SigV4 canonical request, built from a request exactly as the server received it, the way AWS
// services other than S3 build it (and so the way botocore, the AWS CLI, the JS SDK v3 and
// aws-sdk-go sign it for a rest-json service such as RoboMaker):
//
//   METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n PayloadHash
//
// Encoding is RFC 3986 with uppercase hex: A-Z a-z 0-9 - _ . ~ stay, every other byte is %XX.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rml::server::auth {

// One header line as received: the name in any case; a name may repeat.
struct header_view {
    std::string_view name;
    std::string_view value;
};

// A received request, borrowed (the caller keeps the bytes alive while it is used).
struct request_view {
    std::string_view method;       // as on the request line, e.g. "GET"
    std::string_view target_path;  // the target's path, still percent-encoded, without "?query"
    std::string_view query;        // the raw query after '?', without the '?'; empty when none
    std::span<const header_view> headers;
    std::string_view body;
};

// How the canonical URI treats the path. normalized is AWS's rule for non-S3 services (and what
// botocore and the JS SDK v3 sign): "." and ".." segments and empty segments are removed.
// as_received keeps the path's segments untouched (what aws-sdk-go v1 signs).
// Both then URI-encode the path once more, so a received "%3A" becomes "%253A".
enum class path_mode { normalized, as_received };

// Values of every header called name (compared case-insensitively), in the order received.
std::vector<std::string_view> header_values(std::span<const header_view> headers, std::string_view name);

// URI-encodes bytes: unreserved characters stay, '/' stays when keep_slash, all else is %XX.
std::string uri_encode(std::string_view bytes, bool keep_slash);

// Decodes %XX escapes (either hex case); '+' becomes a space when plus_as_space. A '%' not followed
// by two hex digits is kept literally.
std::string percent_decode(std::string_view text, bool plus_as_space);

// Removes "." and ".." segments and empty segments: "//a/./b/../c//" -> "/a/c/". Keeps a leading
// '/' and, when any segment remains, a trailing '/'. An empty path is "/".
std::string normalize_path(std::string_view path);

// The canonical URI of a received target path (see path_mode).
std::string canonical_uri(std::string_view target_path, path_mode mode);

// The canonical query: each '&'-separated parameter split at its first '=' (none: empty value),
// name and value percent-decoded ('+' is a space) then URI-encoded, sorted by encoded name then
// encoded value, joined as name=value with '&'. Empty parameters ("a=1&&b=2") are skipped, and so
// is every parameter whose decoded name equals omit_name (presigned requests omit X-Amz-Signature).
std::string canonical_query(std::string_view raw_query, std::string_view omit_name = {});

// A header value as signed: leading and trailing whitespace removed, each inner run of whitespace
// (spaces, tabs, folded line breaks) replaced by one space.
std::string canonical_header_value(std::string_view value);

// The SignedHeaders list as names: split at ';', lower-cased, empty names dropped, sorted, unique.
std::vector<std::string> split_signed_headers(std::string_view list);

// "name:value\n" for each signed name, in the order given; repeated headers are joined with ','
// in the order received. A signed name absent from the request gets an empty value.
std::string canonical_headers(std::span<const header_view> headers, const std::vector<std::string>& names);

// The payload hash: the x-amz-content-sha256 header value when present (used literally), else
// the hex SHA-256 of the body.
std::string payload_hash(const request_view& request);

// The whole canonical request. names is split_signed_headers' result; omit_query_param as in
// canonical_query.
std::string canonical_request(const request_view& request, const std::vector<std::string>& names,
                              path_mode mode, std::string_view omit_query_param = {});

// "AWS4-HMAC-SHA256\n" + amz_date + "\n" + scope + "\n" + hex SHA-256 of the canonical request.
// scope is DATE/REGION/SERVICE/aws4_request.
std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request);

}  // namespace rml::server::auth
