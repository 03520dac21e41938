#include "api/operations.hpp"

#include <array>

#include "api/applications.hpp"
#include "api/deployment_jobs.hpp"
#include "api/fleets.hpp"
#include "api/robots.hpp"
#include "api/tags.hpp"

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
    {"CreateDeploymentJob", "POST", "/createDeploymentJob", true, create_deployment_job},
    {"DescribeDeploymentJob", "POST", "/describeDeploymentJob", false, describe_deployment_job},
    {"ListDeploymentJobs", "POST", "/listDeploymentJobs", false, list_deployment_jobs},
    {"CancelDeploymentJob", "POST", "/cancelDeploymentJob", true, cancel_deployment_job},
    {"SyncDeploymentJob", "POST", "/syncDeploymentJob", true, sync_deployment_job},
    {"CreateRobotApplication", "POST", "/createRobotApplication", true, create_robot_application},
    {"CreateRobotApplicationVersion", "POST", "/createRobotApplicationVersion", true, create_robot_application_version},
    {"DescribeRobotApplication", "POST", "/describeRobotApplication", false, describe_robot_application},
    {"UpdateRobotApplication", "POST", "/updateRobotApplication", true, update_robot_application},
    {"ListRobotApplications", "POST", "/listRobotApplications", false, list_robot_applications},
    {"DeleteRobotApplication", "POST", "/deleteRobotApplication", true, delete_robot_application},
    {"TagResource", "POST", "/tags/", true, tag_resource},
    {"UntagResource", "DELETE", "/tags/", true, untag_resource},
    {"ListTagsForResource", "GET", "/tags/", false, list_tags_for_resource},
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
