#include "api/arn.hpp"

namespace rml::api {

std::string resource_arn(const store::scope& s, std::string_view kind, std::string_view name, std::int64_t epoch_ms) {
    std::string out = "arn:aws:robomaker:";
    out += s.region;
    out += ':';
    out += s.account;
    out += ':';
    out += kind;
    out += '/';
    out += name;
    out += '/';
    out += std::to_string(epoch_ms);
    return out;
}

}  // namespace rml::api
