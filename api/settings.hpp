#pragma once
// Service settings the api needs from the configuration (config/robomaker-local.json documents
// each key). Read-only after start-up.
#include <string>

namespace rml::api {

struct quotas {
    int fleets = 20;
    int robots = 1000;
    int robots_per_fleet = 1000;
    int active_deployment_jobs = 20;
    int robot_applications = 100;
    int versions_per_application = 40;
    int tags_per_resource = 50;
};

struct settings {
    std::string default_account = "123456789012";
    std::string default_region = "us-east-1";
    quotas limits;
};

}  // namespace rml::api
