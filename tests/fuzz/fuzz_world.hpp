#pragma once
// The in-process service the fuzz targets drive (tests/api/api_fixture: ":memory:" database,
// manual clock), seeded with one resource of each kind so that fuzzed calls find something:
// a fleet, a robot registered to it, a robot application with a version, and a deployment job.
// The world is kept across inputs (libFuzzer runs them in one process) and reset to a fresh seed
// every `reseed_every` inputs through the control API's reset, so the database stays small.
#include <optional>
#include <string>

#include <rapidjson/document.h>

#include "api/control/emulator_control.hpp"
#include "tests/api/api_fixture.hpp"

namespace rml::fuzz {

class world {
public:
    static constexpr int reseed_every = 200;

    // Called once per input: reseeds when due, then moves the manual clock by 0..2.55 s
    // (POST /_emulator/clock {"advanceSeconds": N}), which runs the engine's catch-up.
    void next_input(unsigned char advance_tenths) {
        if (inputs_++ % reseed_every == 0) reseed();
        std::string body = "{\"mode\":\"manual\",\"advanceSeconds\":" + std::to_string(advance_tenths / 100) + "." +
                           std::to_string(advance_tenths % 100 / 10) + std::to_string(advance_tenths % 10) + "}";
        (void)api::control::change_clock(f.st, body);
    }

    // "$fleet", "$robot", "$app", "$job" anywhere in s become the seeded ARNs.
    std::string expand(std::string s) const {
        replace_all(s, "$fleet", fleet);
        replace_all(s, "$robot", robot);
        replace_all(s, "$app", app);
        replace_all(s, "$job", job);
        return s;
    }

    // Deletes every resource and fault rule, then creates the seed again.
    void reseed() {
        (void)api::control::reset_resources(f.st, {});
        (void)f.st.faults.remove(std::nullopt);
        fleet = arn_of(f.call("CreateFleet", R"({"name":"fz-fleet","tags":{"team":"fuzz"}})"));
        robot = arn_of(f.call("CreateRobot", R"({"name":"fz-robot","architecture":"X86_64","greengrassGroupId":"gg"})"));
        (void)f.call("RegisterRobot", R"({"fleet":")" + fleet + R"(","robot":")" + robot + R"("})");
        app = arn_of(f.call("CreateRobotApplication",
                            R"({"name":"fz-app","sources":[{"s3Bucket":"b","s3Key":"k.tar","architecture":"X86_64"}],)"
                            R"("robotSoftwareSuite":{"name":"ROS","version":"Melodic"}})"));
        (void)f.call("CreateRobotApplicationVersion", R"({"application":")" + app + R"("})");
        job = arn_of(f.call("CreateDeploymentJob",
                            R"({"fleet":")" + fleet + R"(","clientRequestToken":"fz-)" + std::to_string(inputs_) +
                            R"(","deploymentApplicationConfigs":[{"application":")" + app +
                            R"(","applicationVersion":"1","launchConfig":{"packageName":"p","launchFile":"l.launch"}}]})"));
    }

    test::api_fixture f;
    std::string fleet, robot, app, job;

private:
    static void replace_all(std::string& s, const std::string& from, const std::string& to) {
        for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
    }

    static std::string arn_of(const api::result<std::string>& r) {
        if (!r) return "";
        rapidjson::Document d;
        d.Parse(r.value().c_str(), r.value().size());
        auto it = d.IsObject() ? d.FindMember("arn") : d.MemberEnd();
        return (d.IsObject() && it != d.MemberEnd() && it->value.IsString()) ? it->value.GetString() : "";
    }

    long inputs_ = 0;
};

}  // namespace rml::fuzz
