#include "server/auth/sigv4_parse.hpp"

#include <array>
#include <cstdio>
#include <vector>

#include "server/auth/sigv4_canonical.hpp"

namespace rml::server::auth {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The decimal value of text[pos, pos + count) when all are digits, else -1.
int digits_at(std::string_view text, std::size_t pos, std::size_t count) {
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (i >= text.size() || !is_digit(text[i])) return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::optional<std::chrono::sys_seconds> make_time(int year, int month, int day, int hour, int minute, int second) {
    using namespace std::chrono;
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return std::nullopt;
    const year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                              std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
    return sys_days{date} + hours{hour} + minutes{minute} + seconds{second};
}

// Splits at any run of spaces, tabs and commas (the separators AWS tolerates between parameters).
std::vector<std::string_view> auth_tokens(std::string_view value) {
    std::vector<std::string_view> tokens;
    std::size_t i = 0;
    while (i < value.size()) {
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t' || value[i] == ',')) ++i;
        const std::size_t start = i;
        while (i < value.size() && value[i] != ' ' && value[i] != '\t' && value[i] != ',') ++i;
        if (i > start) tokens.push_back(value.substr(start, i - start));
    }
    return tokens;
}

}  // namespace

std::variant<auth_params, syntax_error> parse_authorization_header(std::string_view value) {
    auth_params params;
    params.raw = std::string(value);
    const auto tokens = auth_tokens(value);
    if (tokens.empty()) return params;
    params.algorithm = std::string(tokens.front());
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        const std::string_view token = tokens[i];
        const std::size_t eq = token.find('=');
        if (eq == std::string_view::npos)
            return syntax_error{"'" + std::string(token) +
                                "' not a valid key=value pair (missing equal-sign) in Authorization header: '" +
                                params.raw + "'."};
        const std::string_view key = token.substr(0, eq);
        const std::string val(token.substr(eq + 1));
        if (key == "Credential") params.credential = val;
        else if (key == "SignedHeaders") params.signed_headers = val;
        else if (key == "Signature") params.signature = val;
    }
    return params;
}

std::optional<auth_params> parse_presigned_query(std::string_view raw_query) {
    auth_params params;
    params.presigned = true;
    params.raw = std::string(raw_query);
    bool found = false;
    std::size_t start = 0;
    while (start <= raw_query.size()) {
        const std::size_t amp = std::min(raw_query.find('&', start), raw_query.size());
        const std::string_view param = raw_query.substr(start, amp - start);
        start = amp + 1;
        const std::size_t eq = param.find('=');
        const std::string name = percent_decode(param.substr(0, eq), true);
        std::string val = eq == std::string_view::npos ? "" : percent_decode(param.substr(eq + 1), true);
        if (name == "X-Amz-Algorithm") params.algorithm = std::move(val), found = true;
        else if (name == "X-Amz-Credential") params.credential = std::move(val), found = true;
        else if (name == "X-Amz-Signature") params.signature = std::move(val), found = true;
        else if (name == "X-Amz-SignedHeaders") params.signed_headers = std::move(val);
        else if (name == "X-Amz-Date") params.date = std::move(val);
        else if (name == "X-Amz-Expires") params.expires = std::move(val);
        else if (name == "X-Amz-Security-Token") params.security_token = std::move(val);
    }
    if (!found) return std::nullopt;
    return params;
}

std::optional<credential_scope> split_credential(std::string_view credential) {
    while (!credential.empty() && credential.back() == '/') credential.remove_suffix(1);
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= credential.size()) {
        const std::size_t slash = std::min(credential.find('/', start), credential.size());
        parts.emplace_back(credential.substr(start, slash - start));
        start = slash + 1;
    }
    if (credential.empty() || parts.size() != 5) return std::nullopt;
    return credential_scope{parts[0], parts[1], parts[2], parts[3], parts[4]};
}

bool is_plausible_region(std::string_view region) {
    if (region.size() < 3 || region.size() > 32) return false;
    if (region.front() == '-' || region.back() == '-' || region.find("--") != std::string_view::npos) return false;
    const std::size_t first_dash = region.find('-');
    if (first_dash == std::string_view::npos) return false;
    for (std::size_t i = 0; i < region.size(); ++i) {
        const char c = region[i];
        const bool letter = c >= 'a' && c <= 'z';
        if (i < first_dash ? !letter : !(letter || is_digit(c) || c == '-')) return false;
    }
    return true;
}

std::optional<std::chrono::sys_seconds> parse_amz_date(std::string_view text) {
    if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
    return make_time(digits_at(text, 0, 4), digits_at(text, 4, 2), digits_at(text, 6, 2), digits_at(text, 9, 2),
                     digits_at(text, 11, 2), digits_at(text, 13, 2));
}

std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text) {
    static constexpr std::array<std::string_view, 7> weekdays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr std::array<std::string_view, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    // "Sun, 30 Aug 2015 12:36:00 GMT": fixed positions.
    if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' || text[16] != ' ' ||
        text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT")
        return std::nullopt;
    bool weekday_ok = false;
    for (auto w : weekdays) weekday_ok = weekday_ok || text.substr(0, 3) == w;
    int month = 0;
    for (std::size_t m = 0; m < months.size(); ++m)
        if (text.substr(8, 3) == months[m]) month = static_cast<int>(m) + 1;
    if (!weekday_ok || month == 0) return std::nullopt;
    return make_time(digits_at(text, 12, 4), month, digits_at(text, 5, 2), digits_at(text, 17, 2),
                     digits_at(text, 20, 2), digits_at(text, 23, 2));
}

std::string format_amz_date(std::chrono::sys_seconds time) {
    using namespace std::chrono;
    const sys_days day = floor<days>(time);
    const year_month_day date{day};
    const hh_mm_ss clock{time - day};
    char out[32];
    std::snprintf(out, sizeof out, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()));
    return out;
}

}  // namespace rml::server::auth
