#pragma once
// Account and region of a request from its SigV4 Authorization header (SEMANTICS §2):
//   AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/robomaker/aws4_request, SignedHeaders=..., Signature=...
// A 12-digit access key id is the account; any other key, or no header, gives the default
// account; no credential scope gives the default region. Signatures are not verified.
#include <string>
#include <string_view>

#include "api/settings.hpp"
#include "store/records.hpp"

namespace rml::server::transport {

store::scope scope_from_authorization(std::string_view authorization, const api::settings& defaults);

// The access key id of the header's Credential=, or empty.
std::string access_key_from_authorization(std::string_view authorization);

}  // namespace rml::server::transport
