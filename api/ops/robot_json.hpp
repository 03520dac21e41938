#pragma once
// The Robot structure as ListRobots and DescribeFleet return it (SEMANTICS §4). ListRobots items
// leave the Greengrass group id out: the model spells it "greenGrassGroupId" here (CreateRobot and
// DescribeRobot say "greengrassGroupId"), and AWS's ListRobots example shows none. DescribeFleet's
// robots carry only arn and createdAt, as AWS's example shows.
#include "api/json_out.hpp"
#include "store/records.hpp"

namespace rml::api::ops {

inline void write_robot_summary(json_out& out, const store::robot_row& r) {
    out.begin_object()
        .field("arn", r.arn)
        .field("name", r.name)
        .field("fleetArn", r.fleet_arn)
        .field("status", r.status)
        .timestamp("createdAt", r.created_ms)
        .field("architecture", r.architecture)
        .field("lastDeploymentJob", r.last_deployment_job)
        .timestamp("lastDeploymentTime", r.last_deployment_ms)
        .end_object();
}

inline void write_fleet_robot(json_out& out, const store::robot_row& r) {
    out.begin_object().field("arn", r.arn).timestamp("createdAt", r.created_ms).end_object();
}

}  // namespace rml::api::ops
