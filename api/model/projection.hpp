#pragma once
// Writes a request value back out as JSON, keeping only the members the model declares and in
// the model's member order (map entries sorted by key). Used to echo deploymentConfig and
// deploymentApplicationConfigs exactly as the caller gave them (left-out members stay out), and
// as a canonical form for comparing the parameters of idempotent requests.
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "api/model/shape.hpp"

namespace rml::api::model {

// The value (already validated against s) as canonical JSON text.
std::string project_json(const shape& s, const rapidjson::Value& value);

// Removes structure members whose value is null, at every depth the shape describes (a null
// list element or map value stays, for validation to refuse).
void drop_null_members(const shape& s, rapidjson::Value& value);

// The shape of a structure's member, or nullptr.
const shape* member_shape(const shape& structure, std::string_view name);

}  // namespace rml::api::model
