// Seeded randomized scenarios against the deployment engine (SEMANTICS §6-§8): random fleets,
// deployment configs, injected failures, offline robots, cancels, object and version changes,
// robot and fleet deletions and clock advances of random sizes, with every invariant of
// engine_invariants.cpp checked after each advance. Each scenario is one std::mt19937_64 seed;
// a failure names it, and RML_RANDOM_SEED=N reruns just that one (RML_RANDOM_SCENARIOS=K runs
// K seeds from there; RML_RANDOM_STATS=1 prints how often each outcome came up).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>

#include "random_scenario.hpp"

using namespace rml::test;
using namespace rml::test::random_engine;

TEST_CASE("randomized deployment scenarios keep the engine's invariants", "[engine][random]") {
    std::uint64_t first = 1, count = 200;
    if (const char* s = std::getenv("RML_RANDOM_SEED")) first = std::stoull(s), count = 1;
    if (const char* n = std::getenv("RML_RANDOM_SCENARIOS")) count = std::stoull(n);
    coverage cov;
    int failed = 0;
    for (std::uint64_t seed = first; seed < first + count && failed < 5; ++seed) {
        CAPTURE(seed);
        scenario sc(seed, cov);
        try {
            sc.run();
        } catch (const std::exception& e) {
            ++failed;
            FAIL_CHECK("seed " << seed << " (rerun with RML_RANDOM_SEED=" << seed << "): " << e.what()
                               << "\nlast actions:\n" << sc.log_tail());
        }
    }
    CHECK(failed == 0);
    if (std::getenv("RML_RANDOM_STATS")) {
        std::printf("scenarios %d, jobs %d, checks %d\n", cov.scenarios, cov.jobs, cov.checks);
        for (const auto& [what, n] : cov.outcomes) std::printf("  %-55s %d\n", what.c_str(), n);
    }
    if (count < 100) return;
    // The generator reaches every kind of ending.
    INFO("scenarios " << cov.scenarios << ", jobs " << cov.jobs << ", checks " << cov.checks);
    for (const char* o : {"job Succeeded", "job Failed", "job Canceled", "job code FailureThresholdBreached",
                          "job code DeploymentFleetDoesNotExist", "job code RobotApplicationDoesNotExist",
                          "job code ResourceNotFound", "job code EtagMismatch", "robot InSync", "robot Failed",
                          "robot NoResponse", "robot code RobotDeploymentAborted",
                          "robot code MissingRobotApplicationArchitecture", "robot code DownloadConditionFailed",
                          "robot code PreLaunchFileFailure", "expired"}) {
        CAPTURE(o);
        CHECK(cov.outcomes[o] > 0);
    }
}
