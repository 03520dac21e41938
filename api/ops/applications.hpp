#pragma once
// Robot application operations (SEMANTICS §5). Each returns the JSON response body.
#include <string>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api::ops {

result<std::string> create_robot_application(state& st, const call& c);
result<std::string> create_robot_application_version(state& st, const call& c);
result<std::string> describe_robot_application(state& st, const call& c);
result<std::string> update_robot_application(state& st, const call& c);
result<std::string> list_robot_applications(state& st, const call& c);
result<std::string> delete_robot_application(state& st, const call& c);

}  // namespace rml::api::ops
