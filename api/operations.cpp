#include "api/operations.hpp"

#include <array>

#include "api/fleets.hpp"
#include "api/robots.hpp"

namespace rml::api {
namespace {

constexpr std::array<operation, 24> table = {{
    {"CreateFleet", "POST", "/createFleet", true, create_fleet},
    {"DeleteFleet", "POST", "/deleteFleet", true, delete_fleet},
    {"DescribeFleet", "POST", "/describeFleet", false, describe_fleet},
    {"ListFleets", "POST", "/listFleets", false, list_fleets},
    {"RegisterRobot", "POST", "/registerRobot", true, register_robot},
    {"DeregisterRobot", "POST", "/deregisterRobot", true, deregister_robot},
    {"CreateRobot", "POST", "/createRobot", true, create_robot},
    {"DeleteRobot", "POST", "/deleteRobot", true, delete_robot},
    {"DescribeRobot", "POST", "/describeRobot", false, describe_robot},
    {"ListRobots", "POST", "/listRobots", false, list_robots},
    {"CreateDeploymentJob", "POST", "/createDeploymentJob", true, nullptr},
    {"DescribeDeploymentJob", "POST", "/describeDeploymentJob", false, nullptr},
    {"ListDeploymentJobs", "POST", "/listDeploymentJobs", false, nullptr},
    {"CancelDeploymentJob", "POST", "/cancelDeploymentJob", true, nullptr},
    {"SyncDeploymentJob", "POST", "/syncDeploymentJob", true, nullptr},
    {"CreateRobotApplication", "POST", "/createRobotApplication", true, nullptr},
    {"CreateRobotApplicationVersion", "POST", "/createRobotApplicationVersion", true, nullptr},
    {"DescribeRobotApplication", "POST", "/describeRobotApplication", false, nullptr},
    {"UpdateRobotApplication", "POST", "/updateRobotApplication", true, nullptr},
    {"ListRobotApplications", "POST", "/listRobotApplications", false, nullptr},
    {"DeleteRobotApplication", "POST", "/deleteRobotApplication", true, nullptr},
    {"TagResource", "POST", "/tags/", true, nullptr},
    {"UntagResource", "DELETE", "/tags/", true, nullptr},
    {"ListTagsForResource", "GET", "/tags/", false, nullptr},
}};

}  // namespace

std::span<const operation> operations() { return table; }

const operation* find_operation(std::string_view name) {
    for (const auto& op : table) {
        if (op.name == name) return &op;
    }
    return nullptr;
}

}  // namespace rml::api
