// libFuzzer target: routing (server/transport/router.hpp: method + request target, the
// percent-decoding of the path's ARN and of the query) and the SigV4 scope of a request
// (server/transport/sigv4.hpp), as dispatch uses them.
//
// Input: "METHOD TARGET\nAuthorization header value". Checked: a route that names an operation
// has it; a route without uri_error has decoded strings that are valid UTF-8 without NUL
// (SEMANTICS §10); the scope is never empty (the defaults fill it).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/message_quote.hpp"
#include "server/transport/router.hpp"
#include "server/transport/sigv4.hpp"

namespace {

bool clean(std::string_view s) {
    return rml::api::is_valid_utf8(s) && s.find('\0') == std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rml::server::transport;
    std::string_view in(reinterpret_cast<const char*>(data), size);
    auto nl = in.find('\n');
    std::string_view line = in.substr(0, nl);
    std::string_view authorization = nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1);
    auto sp = line.find(' ');
    std::string_view method = sp == std::string_view::npos ? std::string_view{"GET"} : line.substr(0, sp);
    std::string_view target = sp == std::string_view::npos ? line : line.substr(sp + 1);

    route r = match_route(method, target);
    if (r.what == route::kind::operation && r.op == nullptr) std::abort();
    if (!r.uri_error) {
        if (!clean(r.resource_arn)) std::abort();
        for (const auto& [k, v] : r.query) {
            if (!clean(k) || !clean(v)) std::abort();
        }
    } else if (!rml::api::is_valid_utf8(*r.uri_error)) {
        std::abort();
    }
    std::string decoded;
    if (percent_decode(target, decoded) && !clean(decoded)) std::abort();

    rml::api::settings defaults;
    auto scope = scope_from_authorization(authorization, defaults);
    if (scope.account.empty() || scope.region.empty()) std::abort();
    (void)access_key_from_authorization(authorization);
    return 0;
}
