#pragma once
// The 24 deployment failure codes (the model's DeploymentJobErrorCode) and, for each, whether it
// fails a whole job or one robot, the step a robot fails at by default, and the failureReason
// text the emulator reports (SEMANTICS §7).
#include <array>
#include <optional>
#include <string_view>

#include "api/engine/timing.hpp"

namespace rml::api::engine {

struct failure_code_info {
    std::string_view code;
    bool job_level;            // fails the job (at Preparing when injected), not one robot
    robot_step default_step;   // where a robot fails with it (robot-level codes)
    std::string_view reason;   // failureReason
};

inline constexpr std::array<failure_code_info, 24> failure_codes = {{
    {"ResourceNotFound", true, robot_step::validating, "A source object of the robot application version does not exist."},
    {"EnvironmentSetupError", false, robot_step::downloading_extracting, "The robot could not set up the deployment environment."},
    {"EtagMismatch", true, robot_step::validating, "A source object of the robot application version changed after the version was created (etag mismatch)."},
    {"FailureThresholdBreached", true, robot_step::validating, "The percentage of failed robots reached the failure threshold."},
    {"RobotDeploymentAborted", false, robot_step::validating, "The robot deployment was aborted before it finished."},
    {"RobotDeploymentNoResponse", false, robot_step::validating, "The robot did not respond within the robot deployment timeout."},
    {"RobotAgentConnectionTimeout", false, robot_step::validating, "The connection to the robot agent timed out."},
    {"GreengrassDeploymentFailed", false, robot_step::launching, "The Greengrass deployment failed."},
    {"InvalidGreengrassGroup", false, robot_step::validating, "The robot's Greengrass group is not valid."},
    {"MissingRobotArchitecture", false, robot_step::validating, "The robot has no architecture."},
    {"MissingRobotApplicationArchitecture", false, robot_step::validating, "The robot application version has no source for the robot's architecture."},
    {"MissingRobotDeploymentResource", false, robot_step::validating, "A resource the robot deployment needs is missing."},
    {"GreengrassGroupVersionDoesNotExist", false, robot_step::validating, "The Greengrass group version does not exist."},
    {"LambdaDeleted", false, robot_step::launching, "The deployment's Lambda function was deleted."},
    {"ExtractingBundleFailure", false, robot_step::downloading_extracting, "The robot could not extract the application bundle."},
    {"PreLaunchFileFailure", false, robot_step::executing_pre_launch, "The pre-launch file failed."},
    {"PostLaunchFileFailure", false, robot_step::executing_post_launch, "The post-launch file failed."},
    {"BadPermissionError", false, robot_step::downloading_extracting, "The robot lacks permission to download the application."},
    {"DownloadConditionFailed", false, robot_step::executing_download_condition, "The download condition file is missing or its etag does not match."},
    {"BadLambdaAssociated", false, robot_step::launching, "A bad Lambda function is associated with the deployment."},
    {"InternalServerError", false, robot_step::launching, "An internal error occurred while deploying to the robot."},
    {"RobotApplicationDoesNotExist", true, robot_step::validating, "The robot application or its version was deleted before the job left Preparing."},
    {"DeploymentFleetDoesNotExist", true, robot_step::validating, "The fleet was deleted while the deployment job was active."},
    {"FleetDeploymentTimeout", true, robot_step::validating, "The deployment job did not finish within 30 days of its start."},
}};

inline const failure_code_info* find_failure_code(std::string_view code) {
    for (const auto& f : failure_codes) {
        if (f.code == code) return &f;
    }
    return nullptr;
}

inline std::string_view failure_reason(std::string_view code) {
    const auto* f = find_failure_code(code);
    return f ? f->reason : std::string_view("The deployment failed.");
}

}  // namespace rml::api::engine
