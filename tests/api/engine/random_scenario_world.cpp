// The scenario's resource actions: the setup, fleets, robots and their registrations, versions,
// objects and offline tags, recorded in the model as the operations answer.
#include "random_scenario.hpp"

#include <algorithm>
#include <stdexcept>

#include "api/engine/timing.hpp"

namespace rml::test::random_engine {

void scenario::setup() {
    rml::api::settings cfg;
    cfg.seed = rng_();
    if (chance(0.15)) {
        cfg.durations = *rml::api::engine::preset_durations("realistic");
        unit_ms_ = 60'000;
    }
    if (chance(0.2)) cfg.durations.jitter = 0;  // many transitions at the same instant
    f_ = std::make_unique<api_fixture>(cfg);
    fail_rate_ = any_of(std::vector<double>{0, 0.05, 0.15, 0.4});
    offline_rate_ = any_of(std::vector<double>{0, 0, 0.05, 0.15});

    std::string sources = R"({"s3Bucket":"rml-bucket","s3Key":"nav-x86.tar","architecture":"X86_64"})";
    w_.supported_arch = {"X86_64"};
    source_keys_ = {"nav-x86.tar"};
    if (chance(0.6)) {
        sources += R"(,{"s3Bucket":"rml-bucket","s3Key":"nav-arm.tar","architecture":"ARM64"})";
        w_.supported_arch.insert("ARM64");
        source_keys_.push_back("nav-arm.tar");
    }
    app_arn_ = ok("CreateRobotApplication", R"({"name":"nav","sources":[)" + sources +
                                                R"(],"robotSoftwareSuite":{"name":"ROS","version":"Melodic"}})")["arn"]
                   .GetString();
    sources_json_ = sources;
    new_version();
    int fleets = chance(0.3) ? 2 : 1;
    for (int i = 0; i < fleets; ++i) add_fleet(between(1, 30));
}

void scenario::new_version() {
    bool missing = std::any_of(source_keys_.begin(), source_keys_.end(), [&](const auto& k) { return deleted_.count(k); });
    auto r = expect("CreateRobotApplicationVersion", R"({"application":)" + quoted(app_arn_) + "}",
                    app_deleted_ ? "ResourceNotFoundException" : missing ? "InvalidParameterException" : "");
    if (r) versions_.push_back(parse_json(r.value())["version"].GetString());
}

void scenario::record_membership(int fleet) {
    auto& fl = w_.fleets[fleet];
    fl.history.emplace_back(now(), fl.robots);
}

void scenario::add_fleet(int robots) {
    fleet_model fl;
    fl.name = "fleet" + std::to_string(w_.fleets.size());
    fl.arn = ok("CreateFleet", R"({"name":)" + quoted(fl.name) + "}")["arn"].GetString();
    w_.fleets.push_back(fl);
    record_membership(static_cast<int>(w_.fleets.size()) - 1);
    note("CreateFleet " + fl.name);
    for (int i = 0; i < robots; ++i) add_robot(static_cast<int>(w_.fleets.size()) - 1);
}

void scenario::add_robot(int fleet) {
    robot_model r;
    r.name = "r" + std::to_string(w_.robots.size());
    int a = between(0, 9);
    r.arch = a < 7 ? "X86_64" : a < 9 ? "ARM64" : "ARMHF";
    std::string tags;
    if (chance(fail_rate_)) {
        injected spec{chance(0.03) ? any_of(codes(true)) : any_of(codes(false)), std::nullopt, std::nullopt};
        std::string value = spec.code;
        if (chance(0.5)) {
            spec.step = any_of(robot_steps);
            value += (chance(0.5) ? ":" : "/") + *spec.step;
        }
        if (chance(0.03)) {  // a bad value is refused, and the robot is made without it
            expect("CreateRobot", robot_body(r.name, r.arch, R"({"emulator:fail":)" + quoted(spec.code + ":Finished") + "}"),
                   "InvalidParameterException");
        } else {
            r.fail_tag = spec;
            tags = R"({"emulator:fail":)" + quoted(value) + "}";
        }
    }
    if (chance(offline_rate_)) {
        r.offline = r.offline_ever = true;
        tags = tags.empty() ? R"({"emulator:offline":"true"})" : tags.substr(0, tags.size() - 1) + R"(,"emulator:offline":"true"})";
    }
    r.arn = ok("CreateRobot", robot_body(r.name, r.arch, tags))["arn"].GetString();
    note("CreateRobot " + r.name + " " + r.arch + " tags " + tags);
    w_.robots.push_back(r);
    if (fleet >= 0) register_robot(static_cast<int>(w_.robots.size()) - 1, fleet);
}

void scenario::register_robot(int robot, int fleet) {
    auto& r = w_.robots[robot];
    expect("RegisterRobot", R"({"fleet":)" + quoted(w_.fleets[fleet].arn) + R"(,"robot":)" + quoted(r.arn) + "}", "");
    note("  " + r.name + " joined " + w_.fleets[fleet].name);
    r.fleet = fleet;
    r.membership_ms = now();
    w_.fleets[fleet].robots.push_back(robot);
    record_membership(fleet);
}

void scenario::leave_fleet(int robot) {
    auto& r = w_.robots[robot];
    if (r.fleet < 0) return;
    note("  " + r.name + " left " + w_.fleets[r.fleet].name);
    std::erase(w_.fleets[r.fleet].robots, robot);
    record_membership(r.fleet);
    r.fleet = -1;
    r.membership_ms = now();
}

std::vector<int> scenario::live_fleets() {
    std::vector<int> out;
    for (int i = 0; i < static_cast<int>(w_.fleets.size()); ++i) {
        if (!w_.fleets[i].deleted) out.push_back(i);
    }
    return out;
}

std::vector<int> scenario::live_robots() {
    std::vector<int> out;
    for (int i = 0; i < static_cast<int>(w_.robots.size()); ++i) {
        if (!w_.robots[i].deleted) out.push_back(i);
    }
    return out;
}

void scenario::change_object() {
    std::vector<std::string> keys = source_keys_;
    keys.push_back(dc_key);
    const auto& key = any_of(keys);
    int a = between(0, 9);
    std::string action = a < 3 ? "delete" : a < 8 ? "restore" : "touch";
    object_action(*f_, bucket, key, action);
    note("object " + key + " " + action);
    bool is_dc = key == dc_key;
    if (action == "delete") {
        deleted_.insert(key);
        if (is_dc) ++w_.dc_deletes, w_.dc_present = false;
        else w_.source_deleted_ever = true;
    } else {
        deleted_.erase(key);
        if (is_dc) w_.dc_present = true;
        if (action == "touch") {
            if (is_dc) ++w_.dc_touches, ++w_.dc_generation;
            else w_.source_touched_ever = true;
        }
    }
}

void scenario::versions() {
    int a = between(0, 9);
    if (a < 5) {
        new_version();
    } else if (a < 9 && !versions_.empty()) {
        auto v = any_of(versions_);
        expect("DeleteRobotApplication", R"({"application":)" + quoted(app_arn_) + R"(,"applicationVersion":)" +
                                             quoted(v) + "}",
               "");
        std::erase(versions_, v);
        w_.version_deleted_ever = true;
    } else if (!app_deleted_) {
        expect("DeleteRobotApplication", R"({"application":)" + quoted(app_arn_) + "}", "");
        app_deleted_ = true;
        versions_.clear();
        w_.version_deleted_ever = true;
    }
}

void scenario::toggle_offline() {
    auto robots = live_robots();
    if (robots.empty()) return;
    auto& r = w_.robots[any_of(robots)];
    rml::api::result<std::string> res = std::string();
    if (r.offline) {
        res = chance(0.5) ? tag_call(*f_, "UntagResource", r.arn, "", {"emulator:offline"})
                          : tag_call(*f_, "TagResource", r.arn, R"({"tags":{"emulator:offline":"false"}})");
        r.offline = false;
        r.back_online_ms = now();
    } else {
        res = tag_call(*f_, "TagResource", r.arn, R"({"tags":{"emulator:offline":"true"}})");
        r.offline = r.offline_ever = true;
    }
    note("  " + r.name + (r.offline ? " offline" : " online"));
    if (!res) throw std::runtime_error("tagging " + r.name + " failed: " + res.error().message);
}

void scenario::delete_robot() {
    auto robots = live_robots();
    if (robots.empty()) return;
    int i = any_of(robots);
    expect("DeleteRobot", R"({"robot":)" + quoted(w_.robots[i].arn) + "}", "");
    note("  deleted " + w_.robots[i].name);
    leave_fleet(i);
    w_.robots[i].deleted = true;
}

void scenario::delete_fleet() {
    auto fleets = live_fleets();
    if (fleets.empty()) return;
    int i = any_of(fleets);
    expect("DeleteFleet", R"({"fleet":)" + quoted(w_.fleets[i].arn) + "}", "");
    note("  deleted " + w_.fleets[i].name);
    for (int r : std::vector<int>(w_.fleets[i].robots)) leave_fleet(r);
    w_.fleets[i].deleted = true;
    w_.fleets[i].deleted_ms = now();
    check();
}

void scenario::membership() {
    auto fleets = live_fleets();
    int a = between(0, 9);
    if (a < 3 && !fleets.empty()) {
        add_robot(any_of(fleets));
        return;
    }
    auto robots = live_robots();
    if (robots.empty()) return;
    int i = any_of(robots);
    auto& r = w_.robots[i];
    if (r.fleet >= 0) {
        expect("DeregisterRobot", R"({"fleet":)" + quoted(w_.fleets[r.fleet].arn) + R"(,"robot":)" + quoted(r.arn) + "}",
               "");
        leave_fleet(i);
    } else if (!fleets.empty()) {
        register_robot(i, any_of(fleets));
    }
}

}  // namespace rml::test::random_engine
