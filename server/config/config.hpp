#pragma once
// Start-up configuration: built-in defaults < config file (--config) < ROBOMAKER_LOCAL_* environment
// < command-line flags. config/robomaker-local.json lists every key with its default.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/engine/clock.hpp"
#include "api/settings.hpp"
#include "server/config/auth_options.hpp"

namespace rml::server::config {

struct options {
    std::string host = "127.0.0.1";
    int port = 4567;
    std::string db = "./robomaker-local.db";
    api::engine::clock_mode clock = api::engine::clock_mode::real;
    double time_scale = 1.0;
    std::string preset = "fast";
    std::uint64_t seed = 0;
    std::string log_level = "info";
    std::string log_format = "text";
    int read_timeout = 30;  // seconds a client has to send a complete request
    int journal_size = 10000;  // entries of the request journal (GET /_emulator/requests); 0 = off
    int max_connections = 1000;  // connections served at once (lowered to fit ulimit -n)
    std::int64_t max_buffered_bytes = 64 * 1024 * 1024;  // request bodies buffered across connections
    double shutdown_grace = 2.0;  // seconds requests in flight get after SIGINT/SIGTERM
    std::optional<std::string> snapshot_dir;  // --snapshot-dir; unset: snapshot_directory() decides
    std::string init;  // --init: a seed document applied at start-up to a database without resources
    api::settings service;  // default account and region, quotas
    auth_options auth;      // --auth, --credentials, --control-token
};

// A bad flag, environment variable or config value: the message is one line naming the key.
struct config_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// What main should do after parsing.
struct parsed_args {
    enum class action { run, help, version } what = action::run;
    options cfg;
};

// args excludes argv[0]. env looks up an environment variable (nullptr when unset).
parsed_args parse_config(const std::vector<std::string>& args, const char* (*env)(const char*));

std::string help_text();

// Where snapshots are kept: --snapshot-dir, else "<db>.snapshots" beside the database file; ""
// (in memory) for --snapshot-dir :memory: or, by default, with --db :memory:.
std::string snapshot_directory(const options& c);

}  // namespace rml::server::config
