#pragma once
// Rules for tags beyond the model's key/value constraints: keys starting with "aws:" are
// reserved, and a resource holds at most quotas.tags_per_resource tags.
#include <optional>

#include "api/engine/fail_spec.hpp"
#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api::ops {

// Checks tags about to be added to a resource that has `existing` tags.
inline std::optional<api_error> check_new_tags(const state& st, const store::tag_map& existing,
                                               const store::tag_map& added) {
    for (const auto& [k, v] : added) {
        if (k.rfind("aws:", 0) == 0) {
            return invalid_parameter("Tag key '" + k + "' at 'tags' is not allowed: the prefix 'aws:' is reserved");
        }
        if (k == "emulator:fail") {
            auto parsed = engine::parse_fail_spec(v, true);
            if (auto* why = std::get_if<std::string>(&parsed)) {
                return invalid_parameter("Tag emulator:fail '" + v + "': " + *why + "; expected CODE or CODE:STEP");
            }
        }
    }
    std::size_t total = existing.size();
    for (const auto& [k, v] : added) total += existing.count(k) ? 0 : 1;
    if (total > static_cast<std::size_t>(st.config.limits.tags_per_resource)) {
        return limit_exceeded("A resource can have at most " + std::to_string(st.config.limits.tags_per_resource) +
                              " tags; this request would give it " + std::to_string(total));
    }
    return std::nullopt;
}

}  // namespace rml::api::ops
