#include "server/transport/router.hpp"

#include "api/message_quote.hpp"

namespace rml::server::transport {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Fills r.query; the first parameter that does not decode sets r.uri_error and stops.
void parse_query(std::string_view q, route& r) {
    while (!q.empty()) {
        auto amp = q.find('&');
        auto item = q.substr(0, amp);
        q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
        if (item.empty()) continue;
        auto eq = item.find('=');
        std::string k, v;
        bool name_ok = percent_decode(item.substr(0, eq), k);
        if (!name_ok || (eq != std::string_view::npos && !percent_decode(item.substr(eq + 1), v))) {
            std::string name = api::quote_for_message(name_ok ? std::string_view(k) : item.substr(0, eq));
            r.uri_error = "The query parameter '" + name +
                          "' is not valid percent-encoding (a malformed escape, NUL or invalid UTF-8).";
            return;
        }
        r.query.emplace_back(std::move(k), std::move(v));
    }
}

}  // namespace

bool percent_decode(std::string_view in, std::string& out) {
    out.clear();
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '\0') return false;  // a raw NUL, like %00
        if (in[i] != '%') {
            out += in[i];
            continue;
        }
        int hi = i + 1 < in.size() ? hex_value(in[i + 1]) : -1;
        int lo = i + 2 < in.size() ? hex_value(in[i + 2]) : -1;
        if (hi < 0 || lo < 0) return false;
        if (hi == 0 && lo == 0) return false;  // %00: would truncate wherever a C string is made
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return api::is_valid_utf8(out);
}

route match_route(std::string_view method, std::string_view target) {
    route r;
    auto qpos = target.find('?');
    std::string_view raw_path = target.substr(0, qpos);
    if (qpos != std::string_view::npos) parse_query(target.substr(qpos + 1), r);
    r.path = std::string(raw_path);

    if (raw_path == "/_emulator" || raw_path.rfind("/_emulator/", 0) == 0) {
        r.what = route::kind::control;
        return r;
    }
    constexpr std::string_view tags_prefix = "/tags/";
    bool is_tags = raw_path.rfind(tags_prefix, 0) == 0 && raw_path.size() > tags_prefix.size();
    for (const auto& op : api::operations()) {
        if (op.method != method) continue;
        if (op.path == tags_prefix) {
            if (!is_tags) continue;
            std::string arn;
            if (percent_decode(raw_path.substr(tags_prefix.size()), arn)) {
                r.resource_arn = std::move(arn);
            } else if (!r.uri_error) {
                r.uri_error = "The resourceArn in the path is not valid percent-encoding (a malformed escape, NUL or "
                              "invalid UTF-8).";
            }
        } else if (op.path != raw_path) {
            continue;
        }
        r.what = route::kind::operation;
        r.op = &op;
        return r;
    }
    return r;
}

}  // namespace rml::server::transport
