#pragma once
// Opaque pagination tokens. A token names the operation it came from and the id of the last row
// returned (keyset pagination, so pages stay stable under concurrent inserts), signed with a
// secret kept in the database so tokens survive a restart. A token from another operation, or
// one that was altered, fails to decode.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rml::api {

class page_token {
public:
    explicit page_token(std::string secret) : secret_(std::move(secret)) {}

    std::string encode(std::string_view operation, std::int64_t last_id) const;
    // The last id, or nullopt for a foreign or forged token.
    std::optional<std::int64_t> decode(std::string_view operation, std::string_view token) const;

    // A fresh random secret (hex), for a new database.
    static std::string new_secret();

private:
    std::string mac(std::string_view payload) const;
    std::string secret_;
};

}  // namespace rml::api
