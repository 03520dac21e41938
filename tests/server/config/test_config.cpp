#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "server/config/config.hpp"
#include "tests/server/server_process.hpp"

using namespace rml::server::config;

namespace {

std::map<std::string, std::string> fake_env;
const char* env(const char* name) {
    auto it = fake_env.find(name);
    return it == fake_env.end() ? nullptr : it->second.c_str();
}

options parse(const std::vector<std::string>& args) { return parse_config(args, env).cfg; }

std::string write_file(const std::string& name, const std::string& text) {
    auto path = (std::filesystem::temp_directory_path() / name).string();
    std::ofstream(path) << text;
    return path;
}

}  // namespace

TEST_CASE("the shipped config file holds exactly the built-in defaults") {
    fake_env.clear();
    options builtin = parse({});
    options file = parse({"--config", std::string(RML_SOURCE_ROOT) + "/config/robomaker-local.json"});
    CHECK(file.host == builtin.host);
    CHECK(file.port == builtin.port);
    CHECK(file.db == builtin.db);
    CHECK(file.clock == builtin.clock);
    CHECK(file.time_scale == builtin.time_scale);
    CHECK(file.preset == builtin.preset);
    CHECK(file.seed == builtin.seed);
    CHECK(file.log_level == builtin.log_level);
    CHECK(file.log_format == builtin.log_format);
    CHECK(file.read_timeout == builtin.read_timeout);
    CHECK(file.journal_size == builtin.journal_size);
    CHECK(file.auth.sigv4 == builtin.auth.sigv4);
    CHECK(file.auth.control_token == builtin.auth.control_token);
    CHECK(file.auth.credentials.empty());
    CHECK(file.max_connections == builtin.max_connections);
    CHECK(file.max_buffered_bytes == builtin.max_buffered_bytes);
    CHECK(file.shutdown_grace == builtin.shutdown_grace);
    CHECK(file.service.phase == builtin.service.phase);
    CHECK(file.service.default_account == builtin.service.default_account);
    CHECK(file.service.default_region == builtin.service.default_region);
    CHECK(file.service.limits.fleets == builtin.service.limits.fleets);
    CHECK(file.service.limits.robots_per_fleet == builtin.service.limits.robots_per_fleet);
    CHECK(file.service.limits.tags_per_resource == builtin.service.limits.tags_per_resource);
    CHECK(file.service.seed == builtin.service.seed);
    CHECK(file.service.faults_json == builtin.service.faults_json);
    const auto& fd = file.service.durations;
    const auto& bd = builtin.service.durations;
    CHECK(fd.pending_ms == bd.pending_ms);
    CHECK(fd.preparing_ms == bd.preparing_ms);
    CHECK(fd.validating_ms == bd.validating_ms);
    CHECK(fd.downloading_ms == bd.downloading_ms);
    CHECK(fd.download_condition_ms == bd.download_condition_ms);
    CHECK(fd.pre_launch_ms == bd.pre_launch_ms);
    CHECK(fd.launching_ms == bd.launching_ms);
    CHECK(fd.post_launch_ms == bd.post_launch_ms);
    CHECK(fd.jitter == bd.jitter);
    CHECK(builtin.port == 4567);
    CHECK(builtin.host == "127.0.0.1");
}

TEST_CASE("precedence: flag > environment > config file > default") {
    fake_env.clear();
    auto file = write_file("rml_cfg_precedence.json", R"({"port": 1111, "log-level": "warn", "seed": 7})");
    CHECK(parse({"--config", file}).port == 1111);
    fake_env["ROBOMAKER_LOCAL_PORT"] = "2222";
    CHECK(parse({"--config", file}).port == 2222);
    CHECK(parse({"--config", file, "--port", "3333"}).port == 3333);
    CHECK(parse({"--config", file, "--port=4444"}).port == 4444);
    auto c = parse({"--config", file});
    CHECK(c.log_level == "warn");
    CHECK(c.seed == 7);
    fake_env["ROBOMAKER_LOCAL_CONFIG"] = file;
    CHECK(parse({}).seed == 7);
    fake_env.clear();
}

TEST_CASE("environment names follow ROBOMAKER_LOCAL_<NAME>") {
    fake_env.clear();
    fake_env["ROBOMAKER_LOCAL_TIME_SCALE"] = "60";
    fake_env["ROBOMAKER_LOCAL_DEFAULT_ACCOUNT"] = "000011112222";
    fake_env["ROBOMAKER_LOCAL_JOURNAL_SIZE"] = "3";
    auto c = parse({});
    CHECK(c.journal_size == 3);
    CHECK(c.time_scale == 60.0);
    CHECK(c.service.default_account == "000011112222");
    fake_env.clear();
}

TEST_CASE("quotas come from the config file") {
    fake_env.clear();
    auto file = write_file("rml_cfg_quotas.json", R"({"quotas": {"fleets": 3, "tagsPerResource": 5}})");
    auto c = parse({"--config", file});
    CHECK(c.service.limits.fleets == 3);
    CHECK(c.service.limits.tags_per_resource == 5);
    CHECK(c.service.limits.robots == 1000);
}

// The start-up error parse() throws for these arguments, or "(accepted)".
static std::string message(const std::vector<std::string>& args) {
    try {
        parse(args);
    } catch (const config_error& e) {
        return e.what();
    }
    return "(accepted)";
}

TEST_CASE("bad values name their key and source") {
    fake_env.clear();
    CHECK(message({"--port", "-1"}).find("port") != std::string::npos);
    CHECK(message({"--port", "abc"}).find("flag --port") != std::string::npos);
    CHECK(message({"--time-scale", "0"}).find("time-scale") != std::string::npos);
    CHECK(message({"--clock", "x"}).find("real|manual") != std::string::npos);
    CHECK(message({"--log-format", "xml"}).find("log-format") != std::string::npos);
    CHECK(message({"--default-account", "12"}).find("12 digits") != std::string::npos);
    CHECK(message({"--journal-size", "-1"}).find("journal-size") != std::string::npos);
    CHECK(message({"--max-connections", "0"}).find("max-connections") != std::string::npos);
    CHECK(message({"--max-buffered-bytes", "1000"}).find("max-buffered-bytes") != std::string::npos);
    CHECK(message({"--shutdown-grace", "-1"}).find("shutdown-grace") != std::string::npos);
    CHECK(message({"--bogus", "1"}).find("unknown flag '--bogus'") != std::string::npos);
    CHECK(message({"--port"}).find("needs a value") != std::string::npos);
    CHECK(message({"stray"}).find("unexpected argument") != std::string::npos);
    CHECK(message({"--config", "/nonexistent/file.json"}).find("cannot read") != std::string::npos);
    auto bad_json = write_file("rml_cfg_bad.json", "{ not json");
    CHECK(message({"--config", bad_json}).find("not valid JSON") != std::string::npos);
    auto unknown_key = write_file("rml_cfg_unknown.json", R"({"prot": 1})");
    CHECK(message({"--config", unknown_key}).find("unknown key 'prot'") != std::string::npos);
    fake_env["ROBOMAKER_LOCAL_SEED"] = "many";
    CHECK(message({}).find("environment ROBOMAKER_LOCAL_SEED") != std::string::npos);
    fake_env.clear();
}

TEST_CASE("--help and --version are actions") {
    fake_env.clear();
    CHECK(parse_config({"--help"}, env).what == parsed_args::action::help);
    CHECK(parse_config({"--version"}, env).what == parsed_args::action::version);
    CHECK(help_text().find("ROBOMAKER_LOCAL_") != std::string::npos);
}

TEST_CASE("seed reaches the service settings from every source") {
    fake_env.clear();
    CHECK(parse({}).service.seed == 0);
    CHECK(parse({"--seed", "99"}).service.seed == 99);
    fake_env["ROBOMAKER_LOCAL_SEED"] = "5";
    CHECK(parse({}).service.seed == 5);
    fake_env.clear();
}

TEST_CASE("steps override the preset key by key, whatever the key order") {
    fake_env.clear();
    auto realistic = *rml::api::engine::preset_durations("realistic");
    auto fast = *rml::api::engine::preset_durations("fast");
    CHECK(parse({"--preset", "realistic"}).service.durations.downloading_ms == realistic.downloading_ms);
    auto steps_first = write_file("rml_cfg_steps.json",
                                  R"({"steps": {"launching": 5, "jitter": 0, "executingPostLaunch": 0},
                                      "preset": "realistic"})");
    auto c = parse({"--config", steps_first});
    CHECK(c.service.durations.launching_ms == 5);
    CHECK(c.service.durations.post_launch_ms == 0);
    CHECK(c.service.durations.jitter == 0.0);
    CHECK(c.service.durations.validating_ms == realistic.validating_ms);
    // A preset from a flag replaces the file's preset; the file's steps still apply on top.
    c = parse({"--config", steps_first, "--preset", "fast"});
    CHECK(c.service.durations.launching_ms == 5);
    CHECK(c.service.durations.validating_ms == fast.validating_ms);
}

TEST_CASE("bad steps name the key and the file") {
    fake_env.clear();
    auto message = [](const std::string& text) -> std::string {
        try {
            parse({"--config", write_file("rml_cfg_bad_steps.json", text)});
        } catch (const config_error& e) {
            return e.what();
        }
        return "(accepted)";
    };
    CHECK(message(R"({"steps": {"launch": 1}})").find("unknown key steps.launch") != std::string::npos);
    CHECK(message(R"({"steps": {"launching": -1}})").find("steps.launching") != std::string::npos);
    CHECK(message(R"({"steps": {"launching": 1.5}})").find("integer >= 0") != std::string::npos);
    CHECK(message(R"({"steps": {"jitter": 2}})").find("steps.jitter") != std::string::npos);
    CHECK(message(R"({"steps": []})").find("must be an object") != std::string::npos);
    CHECK(message(R"({"steps": {"pending": 0}})") == "(accepted)");
}

TEST_CASE("faults are validated and kept as JSON text") {
    fake_env.clear();
    CHECK(parse({}).service.faults_json == "[]");
    auto file = write_file("rml_cfg_faults.json", R"({"faults": [
        {"code": "PreLaunchFileFailure", "match": {"robot": "arm-*"}},
        {"operation": "Describe*", "error": "ThrottlingException", "skip": 2, "times": 1}]})");
    auto c = parse({"--config", file});
    CHECK(c.service.faults_json ==
          R"([{"code":"PreLaunchFileFailure","match":{"robot":"arm-*"}},)"
          R"({"operation":"Describe*","error":"ThrottlingException","skip":2,"times":1}])");
}

TEST_CASE("a bad fault rule in the config file stops start-up naming faults[i] and the file") {
    auto file = write_file("rml_cfg_bad_fault.json",
                           R"({"faults": [{"code": "LambdaDeleted"}, {"code": "LambdaDeleted", "tims": 1}]})");
    try {
        parse({"--config", file});
        FAIL("accepted a bad rule");
    } catch (const config_error& e) {
        std::string m = e.what();
        CHECK(m.find("faults[1]") != std::string::npos);
        CHECK(m.find("'tims'") != std::string::npos);
        CHECK(m.find(file) != std::string::npos);
    }
    auto not_array = write_file("rml_cfg_fault_object.json", R"({"faults": {"code": "LambdaDeleted"}})");
    CHECK_THROWS_WITH(parse({"--config", not_array}), Catch::Contains("JSON array"));

    auto r = rml::test::run_binary({"--config", file});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("faults[1]") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("connection limits and the shutdown grace: flags, environment and ranges") {
    fake_env.clear();
    options d = parse({});
    CHECK(d.max_connections == 1000);
    CHECK(d.max_buffered_bytes == 64 * 1024 * 1024);
    CHECK(d.shutdown_grace == 2.0);
    fake_env["ROBOMAKER_LOCAL_MAX_CONNECTIONS"] = "20";
    options c = parse({"--shutdown-grace", "0.5", "--max-buffered-bytes=2097152"});
    CHECK(c.max_connections == 20);
    CHECK(c.shutdown_grace == 0.5);
    CHECK(c.max_buffered_bytes == 2097152);
    fake_env.clear();
}

TEST_CASE("the service phase: default, flag, environment, config file, and a bad value") {
    using rml::api::service_phase;
    fake_env.clear();
    CHECK(parse({}).service.phase == service_phase::active);
    CHECK(parse({"--service-phase", "ended"}).service.phase == service_phase::ended);
    CHECK(parse({"--service-phase=deprecated"}).service.phase == service_phase::deprecated);
    fake_env["ROBOMAKER_LOCAL_SERVICE_PHASE"] = "deprecated";
    CHECK(parse({}).service.phase == service_phase::deprecated);
    CHECK(parse({"--service-phase", "active"}).service.phase == service_phase::active);  // flag > environment
    fake_env.clear();
    auto file = write_file("rml-phase.json", R"({"service-phase": "ended"})");
    CHECK(parse({"--config", file}).service.phase == service_phase::ended);
    try {
        parse({"--service-phase", "over"});
        FAIL("a bad phase was accepted");
    } catch (const config_error& e) {
        CHECK(std::string(e.what()) ==
              "invalid value 'over' for service-phase (flag --service-phase): must be one of active|deprecated|ended");
    }
}

TEST_CASE("config errors quote the keys and flags they name, so they stay one line") {
    // fuzz_config: {"unknown\nkey":1} made a two-line start-up error.
    fake_env.clear();
    auto key = write_file("rml_cfg_newline_key.json", R"({"unknown\nkey": 1})");
    CHECK(message({"--config", key}).find("unknown key 'unknown\\x0akey'") != std::string::npos);
    auto quota = write_file("rml_cfg_newline_quota.json", R"({"quotas": {"fle\u0001ets": 1}})");
    CHECK(message({"--config", quota}).find("unknown key quotas.fle\\x01ets") != std::string::npos);
    CHECK(message({"--bo\ngus", "1"}) == "unknown flag '--bo\\x0agus' (see --help)");
    CHECK(message({"str\ray"}) == "unexpected argument 'str\\x0day' (see --help)");
}
