#pragma once
// Robot operations (SEMANTICS §4): CreateRobot, DeleteRobot, DescribeRobot, ListRobots.
#include <string>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api::ops {

result<std::string> create_robot(state& st, const call& c);
result<std::string> delete_robot(state& st, const call& c);
result<std::string> describe_robot(state& st, const call& c);
result<std::string> list_robots(state& st, const call& c);

}  // namespace rml::api::ops
