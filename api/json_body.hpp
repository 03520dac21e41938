#pragma once
// The one way the emulator turns request bytes into JSON (SEMANTICS §2, §10). Every API body and
// every /_emulator control body goes through parse_json_body instead of Document::Parse, which
// (RapidJSON 1.1.0) recurses without limit, accepts escaped lone low surrogates ("\udc00") and
// stops at the first NUL as if the input ended there.
//
// What it guarantees for a value it returns:
// - the whole byte range was one JSON value (RFC 8259), optionally surrounded by whitespace;
//   anything else after it, a NUL included, is an error;
// - the bytes are well-formed UTF-8 (no overlong forms, CESU-8 surrogates or > U+10FFFF) and every
//   \uXXXX escape is a BMP character or a correctly ordered surrogate pair, so every string in the
//   document is valid UTF-8 (it may still contain U+0000 written as \u0000: use GetStringLength);
// - arrays and objects are nested at most max_json_depth (64) levels; deeper input is refused
//   after reading only as far as the 65th opening bracket, and nothing recurses on the input;
// - duplicate members: the last one wins. Every object holds each name once, with the value of
//   its last occurrence, placed where that last occurrence was ({"a":1,"b":2,"a":3} reads as
//   {"b":2,"a":3}), so FindMember and iteration need nothing special;
// - no NaN/Infinity or comments; a number too big for a double (1e400) is an error; integers
//   beyond 64 bits become doubles; doubles are parsed at full precision.
//
// The top-level value may be of any type: callers that want an object (all API operations) or an
// array (fault rule lists) check IsObject()/IsArray() and word that message themselves.
//
// Errors are InvalidParameterException with a plain-ASCII message that never echoes input bytes:
// "Invalid JSON body: <what was wrong> at byte <offset>." (offset from 0 into the body), e.g.
// "Invalid JSON body: invalid UTF-8 at byte 17." When a body has several problems the one at the
// lowest offset is reported.
#include <string_view>

#include <rapidjson/document.h>

#include "api/error.hpp"

namespace rml::api {

inline constexpr int max_json_depth = 64;

// What a body of zero bytes means. Only zero bytes: a body of just whitespace is an error.
enum class empty_body {
    is_object,  // {} (SEMANTICS §2: "an empty body means {}")
    is_error,   // "Invalid JSON body: the body is empty."
};

result<rapidjson::Document> parse_json_body(std::string_view bytes, empty_body empty = empty_body::is_object);

// parse_json_body for the bodies that must be one JSON object (every API operation and every
// control call with a body); an empty body is {}. Anything else: "<what> must be a JSON object."
result<rapidjson::Document> parse_json_object(std::string_view bytes, std::string_view what = "The request body");

}  // namespace rml::api
