#pragma once
// The Robot structure as ListRobots and DescribeFleet return it. Model quirk kept: this shape
// spells the group id "greenGrassGroupId", while CreateRobot/DescribeRobot say "greengrassGroupId".
#include "api/json_out.hpp"
#include "store/records.hpp"

namespace rml::api::ops {

inline void write_robot_summary(json_out& out, const store::robot_row& r) {
    out.begin_object()
        .field("arn", r.arn)
        .field("name", r.name)
        .field("fleetArn", r.fleet_arn)
        .field("status", r.status)
        .field("greenGrassGroupId", r.greengrass_group_id)
        .timestamp("createdAt", r.created_ms)
        .field("architecture", r.architecture)
        .field("lastDeploymentJob", r.last_deployment_job)
        .timestamp("lastDeploymentTime", r.last_deployment_ms)
        .end_object();
}

}  // namespace rml::api::ops
