#pragma once
// Opaque pagination tokens (SEMANTICS §4, §10). A token carries the id of the last row returned
// (keyset pagination, so pages stay stable under concurrent inserts), hidden: a random nonce, the
// id XOR a pad derived from the nonce and the binding, and a MAC over all three, keyed with a
// secret kept in the database so tokens survive a restart. The binding is what the token belongs
// to (operation, account and region): a token used for another binding, altered or forged
// fails to decode.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rml::api {

class page_token {
public:
    explicit page_token(std::string secret) : secret_(std::move(secret)) {}

    std::string encode(std::string_view binding, std::int64_t last_id) const;
    // The last id, or nullopt for a token of another binding, or an altered or forged one.
    std::optional<std::int64_t> decode(std::string_view binding, std::string_view token) const;

    // The binding of a list call: "OPERATION|ACCOUNT|REGION".
    static std::string binding(std::string_view operation, std::string_view account, std::string_view region);

    // A fresh random secret (hex), for a new database.
    static std::string new_secret();

private:
    std::string hmac(std::string_view payload) const;  // 32 raw bytes
    std::string secret_;
};

}  // namespace rml::api
