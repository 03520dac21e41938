#include "api/model/shapes.hpp"

#include <map>
#include <string>

namespace rml::api::model {
namespace {

// All shapes live in one object built on first use; members point into it, so it never moves.
struct catalog {
    shape arn = string_shape(1, 1224, "arn:.*");
    shape name = string_shape(1, 255, "[a-zA-Z0-9_\\-]*");
    shape id = string_shape(1, 1224, ".*");
    shape architecture = enum_shape({"X86_64", "ARM64", "ARMHF"});
    shape tag_key = string_shape(1, 128, "[a-zA-Z0-9 _.\\-\\/+=:]*");
    shape tag_value = string_shape(0, 256, "[a-zA-Z0-9 _.\\-\\/+=:]*");
    shape tag_map = map_shape(tag_key, tag_value, 0, 50);
    shape pagination_token = string_shape(1, 2048, "[a-zA-Z0-9_.\\-\\/+=]*");
    shape max_results = integer_shape();
    shape filter_values = list_shape(name, 1, 1);
    shape filter = structure_shape({{"name", &name}, {"values", &filter_values}});
    shape filters = list_shape(filter, 1, 1);

    // Robot applications. DescribeRobotApplication, UpdateRobotApplication,
    // CreateRobotApplicationVersion and DeleteRobotApplication also accept the bare name
    // (SEMANTICS §3), so their `application` takes an ARN or a name.
    shape application_ref = string_shape(1, 1224, "arn:.*|[a-zA-Z0-9_\\-]*");
    shape s3_bucket = string_shape(3, 63, "[a-z0-9][a-z0-9.\\-]*[a-z0-9]");
    shape s3_key = string_shape(1, 1024, ".*");
    shape source_config = structure_shape({{"s3Bucket", &s3_bucket}, {"s3Key", &s3_key}, {"architecture", &architecture}});
    shape source_configs = list_shape(source_config, std::nullopt, std::nullopt);
    shape suite_name = enum_shape({"ROS", "ROS2", "General"});
    shape suite_version = enum_shape({"Kinetic", "Melodic", "Dashing", "Foxy"});
    shape suite = structure_shape({{"name", &suite_name}, {"version", &suite_version}});
    shape repository_url = string_shape(1, 1024, ".+");
    shape environment = structure_shape({{"uri", &repository_url}});
    shape revision_id = string_shape(1, 40, "[a-zA-Z0-9_.\\-]*");
    shape s3_etag = string_shape(std::nullopt, std::nullopt);
    shape s3_etags = list_shape(s3_etag, std::nullopt, std::nullopt);
    shape image_digest = string_shape(0, 72, "[Ss][Hh][Aa]256:[0-9a-fA-F]{64}");
    shape version = string_shape(1, 255, "(\\$LATEST)|[0-9]*");
    shape version_qualifier = string_shape(1, 255, "ALL");
    shape tag_key_list = list_shape(tag_key, std::nullopt, std::nullopt);

    // Deployment jobs.
    shape client_request_token = string_shape(1, 64, "[a-zA-Z0-9_\\-=]*");
    shape percentage = integer_shape(1, 100);
    shape deployment_timeout = integer_shape();
    shape s3_object = structure_shape({{"bucket", &s3_bucket, true}, {"key", &s3_key, true}, {"etag", &s3_etag}});
    shape deployment_config = structure_shape({{"concurrentDeploymentPercentage", &percentage},
                                               {"failureThresholdPercentage", &percentage},
                                               {"robotDeploymentTimeoutInSeconds", &deployment_timeout},
                                               {"downloadConditionFile", &s3_object}});
    shape command = string_shape(1, 1024, "[a-zA-Z0-9_.\\-]*");
    shape path = string_shape(1, 1024, ".*");
    shape env_key = string_shape(1, 1024, "[A-Z_][A-Z0-9_]*");
    shape env_value = string_shape(1, 1024, ".*");
    shape env_map = map_shape(env_key, env_value, 0, 20);
    shape launch_config = structure_shape({{"packageName", &command, true},
                                           {"preLaunchFile", &path},
                                           {"launchFile", &command, true},
                                           {"postLaunchFile", &path},
                                           {"environmentVariables", &env_map}});
    shape deployment_version = string_shape(1, 255, "[0-9]*");
    shape application_config = structure_shape({{"application", &arn, true},
                                                {"applicationVersion", &deployment_version, true},
                                                {"launchConfig", &launch_config, true}});
    shape application_configs = list_shape(application_config, 1, 1);

    std::map<std::string, shape, std::less<>> inputs;

    catalog() {
        inputs["CreateFleet"] = structure_shape({{"name", &name, true}, {"tags", &tag_map}});
        inputs["DeleteFleet"] = structure_shape({{"fleet", &arn, true}});
        inputs["DescribeFleet"] = structure_shape({{"fleet", &arn, true}});
        inputs["ListFleets"] = list_input();
        inputs["RegisterRobot"] = structure_shape({{"fleet", &arn, true}, {"robot", &arn, true}});
        inputs["DeregisterRobot"] = structure_shape({{"fleet", &arn, true}, {"robot", &arn, true}});
        inputs["CreateRobot"] = structure_shape({{"name", &name, true},
                                                 {"architecture", &architecture, true},
                                                 {"greengrassGroupId", &id, true},
                                                 {"tags", &tag_map}});
        inputs["DeleteRobot"] = structure_shape({{"robot", &arn, true}});
        inputs["DescribeRobot"] = structure_shape({{"robot", &arn, true}});
        inputs["ListRobots"] = list_input();

        inputs["CreateRobotApplication"] = structure_shape({{"name", &name, true},
                                                            {"sources", &source_configs},
                                                            {"robotSoftwareSuite", &suite, true},
                                                            {"tags", &tag_map},
                                                            {"environment", &environment}});
        inputs["CreateRobotApplicationVersion"] = structure_shape({{"application", &application_ref, true},
                                                                   {"currentRevisionId", &revision_id},
                                                                   {"s3Etags", &s3_etags},
                                                                   {"imageDigest", &image_digest}});
        inputs["DescribeRobotApplication"] =
            structure_shape({{"application", &application_ref, true}, {"applicationVersion", &version}});
        inputs["UpdateRobotApplication"] = structure_shape({{"application", &application_ref, true},
                                                            {"sources", &source_configs},
                                                            {"robotSoftwareSuite", &suite, true},
                                                            {"currentRevisionId", &revision_id},
                                                            {"environment", &environment}});
        inputs["ListRobotApplications"] = structure_shape({{"versionQualifier", &version_qualifier},
                                                           {"nextToken", &pagination_token},
                                                           {"maxResults", &max_results},
                                                           {"filters", &filters}});
        inputs["DeleteRobotApplication"] =
            structure_shape({{"application", &application_ref, true}, {"applicationVersion", &version}});

        inputs["CreateDeploymentJob"] = structure_shape({{"deploymentConfig", &deployment_config},
                                                         {"clientRequestToken", &client_request_token, true},
                                                         {"fleet", &arn, true},
                                                         {"deploymentApplicationConfigs", &application_configs, true},
                                                         {"tags", &tag_map}});
        inputs["DescribeDeploymentJob"] = structure_shape({{"job", &arn, true}});
        inputs["ListDeploymentJobs"] = list_input();
        inputs["CancelDeploymentJob"] = structure_shape({{"job", &arn, true}});
        inputs["SyncDeploymentJob"] =
            structure_shape({{"clientRequestToken", &client_request_token, true}, {"fleet", &arn, true}});

        // Tag operations: resourceArn comes from the path and tagKeys from the query string; the
        // service puts them into the body before validation.
        inputs["TagResource"] = structure_shape({{"resourceArn", &arn, true}, {"tags", &tag_map, true}});
        inputs["UntagResource"] = structure_shape({{"resourceArn", &arn, true}, {"tagKeys", &tag_key_list, true}});
        inputs["ListTagsForResource"] = structure_shape({{"resourceArn", &arn, true}});
    }

    shape list_input() {
        return structure_shape({{"nextToken", &pagination_token}, {"maxResults", &max_results}, {"filters", &filters}});
    }
};

const catalog& shapes() {
    static const catalog c;
    return c;
}

}  // namespace

const shape* input_shape(std::string_view operation) {
    const auto& in = shapes().inputs;
    auto it = in.find(operation);
    return it == in.end() ? nullptr : &it->second;
}

}  // namespace rml::api::model
