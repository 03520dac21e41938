#pragma once
// ARNs of the emulated resources (SEMANTICS §3).
#include <cstdint>
#include <string>
#include <string_view>

#include "store/records.hpp"

namespace rml::api {

// arn:aws:robomaker:REGION:ACCOUNT:KIND/NAME/EPOCHMS, EPOCHMS being 13 digits of milliseconds.
std::string resource_arn(const store::scope& s, std::string_view kind, std::string_view name, std::int64_t epoch_ms);

}  // namespace rml::api
