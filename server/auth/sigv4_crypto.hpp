#pragma once
// The cryptographic steps of AWS Signature Version 4 (SHA-256, HMAC-SHA256, the derived signing
// key), over OpenSSL libcrypto. Byte strings are std::string holding raw bytes; every "_hex" result
// is lowercase hexadecimal, as SigV4 writes digests and signatures.
#include <string>
#include <string_view>

namespace rml::server::auth {

// Lowercase hex of arbitrary bytes: "\x01\xab" -> "01ab".
std::string hex_encode(std::string_view bytes);

// Hex SHA-256 of data (64 characters). sha256_hex("") is e3b0c442...b855.
std::string sha256_hex(std::string_view data);

// Raw 32-byte HMAC-SHA256 of data under key.
std::string hmac_sha256(std::string_view key, std::string_view data);

// The SigV4 signing key: kDate = HMAC("AWS4" + secret, date8), kRegion = HMAC(kDate, region),
// kService = HMAC(kRegion, service), kSigning = HMAC(kService, "aws4_request"). date8 is YYYYMMDD.
std::string signing_key(std::string_view secret, std::string_view date8, std::string_view region,
                        std::string_view service);

// The signature the client must have sent: hex(HMAC(signing_key, string_to_sign)).
std::string signature_hex(std::string_view signing_key, std::string_view string_to_sign);

// True when a and b have the same length and bytes; for equal lengths the time taken does not
// depend on where they differ (CRYPTO_memcmp), so a signature check leaks nothing through timing.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace rml::server::auth
