#pragma once
// Signature verification settings (--auth, --credentials, --control-token; README "Signature
// verification"). With auth none (the default) signatures are not checked and the account comes
// from a 12-digit access key id, as always. With auth sigv4 every service request must be signed
// by one of `credentials`; with none configured, the pair test/test in the default account is.
#include <optional>
#include <string>
#include <vector>

#include <rapidjson/document.h>

namespace rml::server::config {

struct credential_entry {
    std::string access_key_id;
    std::string secret_access_key;
    std::string account;  // 12 digits; empty: the default account
    std::optional<std::string> session_token;
};

struct auth_options {
    bool sigv4 = false;
    std::vector<credential_entry> credentials;  // empty: test/test in the default account (sigv4)
    std::string control_token;  // non-empty: /_emulator/ calls need "Authorization: Bearer TOKEN"
};

// "AKID:SECRET[:ACCOUNT][,AKID:SECRET[:ACCOUNT]...]". An account defaults to the access key id
// when that is 12 digits, else to the default account (left empty here). Throws config_error
// naming the bad entry.
std::vector<credential_entry> parse_credentials(const std::string& text);

// The config file's list form: [{"accessKeyId", "secretAccessKey", "account"?, "sessionToken"?}].
std::vector<credential_entry> read_credentials(const rapidjson::Value& list, const std::string& file);

}  // namespace rml::server::config
