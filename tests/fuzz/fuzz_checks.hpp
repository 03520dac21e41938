#pragma once
// Contracts the fuzz targets assert on what the server would send back.
#include <cstddef>
#include <string_view>

namespace rml::fuzz {

// True when s holds a C0 control byte, DEL or a C1 control character (U+0080..U+009F encoded as
// C2 80..C2 9F): what api::quote_for_message escapes, so no message that quotes its input holds one.
inline bool has_control(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7f) return true;
        if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9f) return true;
    }
    return false;
}

}  // namespace rml::fuzz
