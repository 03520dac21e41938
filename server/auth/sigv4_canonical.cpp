#include "server/auth/sigv4_canonical.hpp"

#include <algorithm>
#include <utility>

#include "server/auth/sigv4_crypto.hpp"

namespace rml::server::auth {
namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::vector<std::string_view> header_values(std::span<const header_view> headers, std::string_view name) {
    std::vector<std::string_view> values;
    for (const auto& h : headers)
        if (iequals(h.name, name)) values.push_back(h.value);
    return values;
}

std::string uri_encode(std::string_view bytes, bool keep_slash) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(bytes.size());
    for (unsigned char c : bytes) {
        if (is_unreserved(c) || (keep_slash && c == '/')) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 0x0f];
        }
    }
    return out;
}

std::string percent_decode(std::string_view text, bool plus_as_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += (plus_as_space && c == '+') ? ' ' : c;
        }
    }
    return out;
}

std::string normalize_path(std::string_view path) {
    if (path.empty()) return "/";
    std::vector<std::string_view> kept;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = std::min(path.find('/', start), path.size());
        const std::string_view segment = path.substr(start, slash - start);
        if (segment == "..") {
            if (!kept.empty()) kept.pop_back();
        } else if (!segment.empty() && segment != ".") {
            kept.push_back(segment);
        }
        start = slash + 1;
    }
    std::string out = path.front() == '/' ? "/" : "";
    for (std::size_t i = 0; i < kept.size(); ++i) {
        if (i > 0) out += '/';
        out += kept[i];
    }
    if (path.back() == '/' && !kept.empty()) out += '/';
    return out;
}

std::string canonical_uri(std::string_view target_path, path_mode mode) {
    if (target_path.empty()) return "/";
    if (mode == path_mode::normalized) return uri_encode(normalize_path(target_path), true);
    return uri_encode(target_path, true);
}

std::string canonical_query(std::string_view raw_query, std::string_view omit_name) {
    std::vector<std::pair<std::string, std::string>> params;
    std::size_t start = 0;
    while (start <= raw_query.size()) {
        const std::size_t amp = std::min(raw_query.find('&', start), raw_query.size());
        const std::string_view param = raw_query.substr(start, amp - start);
        start = amp + 1;
        if (param.empty()) continue;
        const std::size_t eq = param.find('=');
        const std::string name = percent_decode(param.substr(0, eq), true);
        if (!omit_name.empty() && name == omit_name) continue;
        const std::string value = eq == std::string_view::npos ? "" : percent_decode(param.substr(eq + 1), true);
        params.emplace_back(uri_encode(name, false), uri_encode(value, false));
    }
    std::sort(params.begin(), params.end());
    std::string out;
    for (const auto& [name, value] : params) {
        if (!out.empty()) out += '&';
        out += name + '=' + value;
    }
    return out;
}

std::string canonical_header_value(std::string_view value) {
    std::string out;
    bool pending_space = false;
    for (char c : value) {
        if (is_space(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += c;
    }
    return out;
}

std::vector<std::string> split_signed_headers(std::string_view list) {
    std::vector<std::string> names;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t semi = std::min(list.find(';', start), list.size());
        std::string name(canonical_header_value(list.substr(start, semi - start)));
        std::transform(name.begin(), name.end(), name.begin(), ascii_lower);
        if (!name.empty()) names.push_back(std::move(name));
        start = semi + 1;
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

std::string canonical_headers(std::span<const header_view> headers, const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        out += name + ':';
        bool first = true;
        for (std::string_view value : header_values(headers, name)) {
            if (!first) out += ',';
            out += canonical_header_value(value);
            first = false;
        }
        out += '\n';
    }
    return out;
}

std::string payload_hash(const request_view& request) {
    const auto declared = header_values(request.headers, "x-amz-content-sha256");
    if (!declared.empty()) return canonical_header_value(declared.front());
    return sha256_hex(request.body);
}

std::string canonical_request(const request_view& request, const std::vector<std::string>& names,
                              path_mode mode, std::string_view omit_query_param) {
    std::string signed_list;
    for (const auto& name : names) signed_list += (signed_list.empty() ? "" : ";") + name;
    std::string out(request.method);
    out += '\n' + canonical_uri(request.target_path, mode);
    out += '\n' + canonical_query(request.query, omit_query_param);
    out += '\n' + canonical_headers(request.headers, names);
    out += '\n' + signed_list;
    out += '\n' + payload_hash(request);
    return out;
}

std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request) {
    std::string out = "AWS4-HMAC-SHA256\n";
    out += amz_date;
    out += '\n';
    out += scope;
    out += '\n';
    out += sha256_hex(canonical_request);
    return out;
}

}  // namespace rml::server::auth
