#pragma once
// Service settings the api needs from the configuration (config/robomaker-local.json documents
// each key). Read-only after start-up.
#include <cstdint>
#include <string>

#include "api/engine/timing.hpp"
#include "api/service_phase.hpp"

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
    // Deployment engine: step durations (the preset, overridden key by key by the config file's
    // "steps" object), the seed of the jitter and of fault probabilities, and the config file's
    // "faults" array as JSON text (validated at start-up).
    engine::step_durations durations = *engine::preset_durations("fast");
    std::uint64_t seed = 0;
    std::string faults_json = "[]";
    // The phase at start-up (--service-phase); state::phase is the one in force.
    service_phase phase = service_phase::active;
};

}  // namespace rml::api
