#include "api/operations.hpp"

#include <array>

#include "api/ops/applications.hpp"
#include "api/ops/deployment_jobs.hpp"
#include "api/ops/fleets.hpp"
#include "api/ops/robots.hpp"
#include "api/ops/tags.hpp"

namespace rml::api {
namespace {

constexpr std::array<operation, 24> table = {{
    {"CreateFleet", "POST", "/createFleet", true, ops::create_fleet},
    {"DeleteFleet", "POST", "/deleteFleet", true, ops::delete_fleet},
    {"DescribeFleet", "POST", "/describeFleet", false, ops::describe_fleet},
    {"ListFleets", "POST", "/listFleets", false, ops::list_fleets},
    {"RegisterRobot", "POST", "/registerRobot", true, ops::register_robot},
    {"DeregisterRobot", "POST", "/deregisterRobot", true, ops::deregister_robot},
    {"CreateRobot", "POST", "/createRobot", true, ops::create_robot},
    {"DeleteRobot", "POST", "/deleteRobot", true, ops::delete_robot},
    {"DescribeRobot", "POST", "/describeRobot", false, ops::describe_robot},
    {"ListRobots", "POST", "/listRobots", false, ops::list_robots},
    {"CreateDeploymentJob", "POST", "/createDeploymentJob", true, ops::create_deployment_job},
    {"DescribeDeploymentJob", "POST", "/describeDeploymentJob", false, ops::describe_deployment_job},
    {"ListDeploymentJobs", "POST", "/listDeploymentJobs", false, ops::list_deployment_jobs},
    {"CancelDeploymentJob", "POST", "/cancelDeploymentJob", true, ops::cancel_deployment_job},
    {"SyncDeploymentJob", "POST", "/syncDeploymentJob", true, ops::sync_deployment_job},
    {"CreateRobotApplication", "POST", "/createRobotApplication", true, ops::create_robot_application},
    {"CreateRobotApplicationVersion", "POST", "/createRobotApplicationVersion", true, ops::create_robot_application_version},
    {"DescribeRobotApplication", "POST", "/describeRobotApplication", false, ops::describe_robot_application},
    {"UpdateRobotApplication", "POST", "/updateRobotApplication", true, ops::update_robot_application},
    {"ListRobotApplications", "POST", "/listRobotApplications", false, ops::list_robot_applications},
    {"DeleteRobotApplication", "POST", "/deleteRobotApplication", true, ops::delete_robot_application},
    {"TagResource", "POST", "/tags/", true, ops::tag_resource},
    {"UntagResource", "DELETE", "/tags/", true, ops::untag_resource},
    {"ListTagsForResource", "GET", "/tags/", false, ops::list_tags_for_resource},
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
