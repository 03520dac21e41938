#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "server/config.hpp"

using namespace rml::server;

namespace {

std::map<std::string, std::string> fake_env;
const char* env(const char* name) {
    auto it = fake_env.find(name);
    return it == fake_env.end() ? nullptr : it->second.c_str();
}

config parse(const std::vector<std::string>& args) { return parse_config(args, env).cfg; }

std::string write_file(const std::string& name, const std::string& text) {
    auto path = (std::filesystem::temp_directory_path() / name).string();
    std::ofstream(path) << text;
    return path;
}

}  // namespace

TEST_CASE("the shipped config file holds exactly the built-in defaults") {
    fake_env.clear();
    config builtin = parse({});
    config file = parse({"--config", std::string(RML_SOURCE_ROOT) + "/config/robomaker-local.json"});
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
    CHECK(file.service.default_account == builtin.service.default_account);
    CHECK(file.service.default_region == builtin.service.default_region);
    CHECK(file.service.limits.fleets == builtin.service.limits.fleets);
    CHECK(file.service.limits.robots_per_fleet == builtin.service.limits.robots_per_fleet);
    CHECK(file.service.limits.tags_per_resource == builtin.service.limits.tags_per_resource);
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
    auto c = parse({});
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

TEST_CASE("bad values name their key and source") {
    fake_env.clear();
    auto message = [](const std::vector<std::string>& args) -> std::string {
        try {
            parse(args);
        } catch (const config_error& e) {
            return e.what();
        }
        return "(accepted)";
    };
    CHECK(message({"--port", "-1"}).find("port") != std::string::npos);
    CHECK(message({"--port", "abc"}).find("flag --port") != std::string::npos);
    CHECK(message({"--time-scale", "0"}).find("time-scale") != std::string::npos);
    CHECK(message({"--clock", "x"}).find("real|manual") != std::string::npos);
    CHECK(message({"--log-format", "xml"}).find("log-format") != std::string::npos);
    CHECK(message({"--default-account", "12"}).find("12 digits") != std::string::npos);
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
