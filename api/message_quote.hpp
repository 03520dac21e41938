#pragma once
// Quoting client input inside error messages (SEMANTICS §10: "Messages quote input with control and
// non-UTF-8 bytes escaped"), and the one strict UTF-8 rule the emulator uses for that and for
// request bodies (api/json_body.hpp).
#include <cstddef>
#include <string>
#include <string_view>

namespace rml::api {

// Length (1-4) of the well-formed UTF-8 sequence that starts at s[i], or 0 if the bytes there are
// not one (RFC 3629 / Unicode Table 3-7): a stray continuation byte, C0/C1, F5..FF, a truncated
// sequence, an overlong form (E0 80..9F, F0 80..8F), a UTF-16 surrogate encoded directly
// (ED A0..BF, i.e. CESU-8), or a code point above U+10FFFF (F4 90..BF). Requires i < s.size().
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// True when the whole of s is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

// s made safe to put inside a message: valid UTF-8 is kept as it is (printable ASCII, quotes and
// backslashes included, so ordinary values read exactly as AWS prints them); C0 control bytes and
// DEL become \xNN, C1 control characters (U+0080..U+009F) become \u00NN, and every byte that is
// not part of a well-formed UTF-8 sequence becomes \xNN (one escape per byte). Hex digits are
// lower case. The result is always valid UTF-8 without control characters. It does not add the
// surrounding quotes; callers write "Value '" + quote_for_message(v) + "' at 'name' ...".
std::string quote_for_message(std::string_view s);

}  // namespace rml::api
