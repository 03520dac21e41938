#pragma once
// ARNs of the emulated resources (SEMANTICS §3).
#include <cstdint>
#include <string>
#include <string_view>

#include "store/records.hpp"

namespace rml::api {

// arn:aws:robomaker:REGION:ACCOUNT:KIND/NAME/EPOCHMS, EPOCHMS being 13 digits of milliseconds.
std::string resource_arn(const store::scope& s, std::string_view kind, std::string_view name, std::int64_t epoch_ms);

// Names a new resource: sets arn and created_ms from the simulated present, moving created_ms on
// by 1 ms while `taken(arn)` (two resources named alike in one millisecond, e.g. with a manual
// clock), so ARNs stay unique and createdAt keeps matching the ARN's milliseconds.
template <typename Row, typename Taken>
void assign_arn(Row& row, const store::scope& s, std::string_view kind, std::int64_t now_ms, Taken taken) {
    row.created_ms = now_ms;
    row.arn = resource_arn(s, kind, row.name, row.created_ms);
    while (taken(row.arn)) row.arn = resource_arn(s, kind, row.name, ++row.created_ms);
}

}  // namespace rml::api
