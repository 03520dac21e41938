#include "server/transport/sigv4.hpp"

#include <algorithm>
#include <cctype>

namespace rml::server::transport {

store::scope scope_from_authorization(std::string_view authorization, const api::settings& defaults) {
    store::scope s{defaults.default_account, defaults.default_region};
    auto pos = authorization.find("Credential=");
    if (pos == std::string_view::npos) return s;
    auto cred = authorization.substr(pos + 11);
    cred = cred.substr(0, cred.find_first_of(", "));
    // AKID / date / region / service / aws4_request
    std::string_view parts[5];
    std::size_t n = 0;
    while (n < 5) {
        auto slash = cred.find('/');
        parts[n++] = cred.substr(0, slash);
        if (slash == std::string_view::npos) break;
        cred.remove_prefix(slash + 1);
    }
    const auto akid = parts[0];
    if (akid.size() == 12 && std::all_of(akid.begin(), akid.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        s.account = std::string(akid);
    }
    // A region becomes part of ARNs: accept only what region names are made of.
    auto region_char = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; };
    if (n >= 3 && !parts[2].empty() && parts[2].size() <= 32 && std::all_of(parts[2].begin(), parts[2].end(), region_char)) {
        s.region = std::string(parts[2]);
    }
    return s;
}

std::string access_key_from_authorization(std::string_view authorization) {
    auto pos = authorization.find("Credential=");
    if (pos == std::string_view::npos) return {};
    auto cred = authorization.substr(pos + 11);
    return std::string(cred.substr(0, std::min(cred.find('/'), cred.find_first_of(", "))));
}

}  // namespace rml::server::transport
