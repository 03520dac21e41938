#pragma once
// Checks a request body against its input shape and words each violation as AWS does:
//   Value 'x y' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ...
// Unknown members are ignored. Paths name nested members as AWS does: filters.1.member.values.
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "api/error.hpp"
#include "api/model/shape.hpp"

namespace rml::api::model {

// Every violation of the body (which must already be a JSON object) against the structure shape.
std::vector<std::string> violations(const shape& input, const rapidjson::Value& body);

// "1 validation error detected: ..." / "N validation errors detected: a; b" as one
// InvalidParameterException.
api_error validation_error(const std::vector<std::string>& violations);

// One violation sentence for a value at a path, for checks the handlers make beyond the model.
std::string violation(const std::string& shown_value, const std::string& path, const std::string& constraint);

}  // namespace rml::api::model
