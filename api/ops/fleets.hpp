#pragma once
// Fleet operations (SEMANTICS §4): CreateFleet, DeleteFleet, DescribeFleet, ListFleets,
// RegisterRobot, DeregisterRobot. Each returns the JSON response body.
#include <string>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api::ops {

result<std::string> create_fleet(state& st, const call& c);
result<std::string> delete_fleet(state& st, const call& c);
result<std::string> describe_fleet(state& st, const call& c);
result<std::string> list_fleets(state& st, const call& c);
result<std::string> register_robot(state& st, const call& c);
result<std::string> deregister_robot(state& st, const call& c);

}  // namespace rml::api::ops
