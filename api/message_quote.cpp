#include "api/message_quote.hpp"

namespace rml::api {

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char lead = byte(i);
    if (lead < 0x80) return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        len = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        len = 3;
        if (lead == 0xE0) lo = 0xA0;  // below: overlong
        if (lead == 0xED) hi = 0x9F;  // above: surrogates D800..DFFF
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        len = 4;
        if (lead == 0xF0) lo = 0x90;  // below: overlong
        if (lead == 0xF4) hi = 0x8F;  // above: beyond U+10FFFF
    } else {
        return 0;  // continuation byte, C0, C1, F5..FF
    }
    if (s.size() - i < len) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < len; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    }
    return len;
}

bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len = utf8_sequence_length(s, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::string quote_for_message(std::string_view s) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size());
    auto hex_byte = [&](const char* prefix, unsigned char b) {
        out += prefix;
        out += digits[b >> 4];
        out += digits[b & 15];
    };
    for (std::size_t i = 0; i < s.size();) {
        auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = utf8_sequence_length(s, i);
        if (len == 0 || b < 0x20 || b == 0x7F) {
            hex_byte("\\x", b);
            ++i;
        } else if (b == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {
            hex_byte("\\u00", static_cast<unsigned char>(s[i + 1]));  // C1 control U+0080..U+009F
            i += 2;
        } else {
            out.append(s.substr(i, len));
            i += len;
        }
    }
    return out;
}

}  // namespace rml::api
