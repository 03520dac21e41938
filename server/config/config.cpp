#include "server/config/config.hpp"

#include <charconv>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "api/engine/faults.hpp"
#include "api/json_body.hpp"
#include "api/message_quote.hpp"

namespace rml::server::config {
namespace {

// One configurable key. apply() converts the text of a value into the config or throws a
// config_error whose message the caller prefixes with the key and source.
struct key_spec {
    const char* name;  // flag without "--", config file key; env is ROBOMAKER_LOCAL_ + upper snake
    const char* help;
    void (*apply)(options&, const std::string&);
};

[[noreturn]] void bad(const std::string& why) { throw config_error(why); }

std::int64_t to_int(const std::string& v, std::int64_t lo, std::int64_t hi) {
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size() || n < lo || n > hi) {
        bad("must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    }
    return n;
}

double to_number(const std::string& v, double lo, double hi) {
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    if (v.empty() || *end != '\0' || !(d >= lo && d <= hi)) {
        std::ostringstream range;
        range << "must be a number from " << lo << " to " << hi;
        bad(range.str());
    }
    return d;
}

const std::string& non_empty(const std::string& v) {
    if (v.empty()) bad("must not be empty");
    return v;
}

std::string one_of(const std::string& v, std::initializer_list<const char*> allowed) {
    std::string list;
    for (const char* a : allowed) {
        if (v == a) return v;
        list.append(list.empty() ? "" : "|").append(a);
    }
    bad("must be one of " + list);
}

const std::vector<key_spec>& keys() {
    static const std::vector<key_spec> k = {
        {"host", "address to listen on (default 127.0.0.1)",
         [](options& c, const std::string& v) { c.host = non_empty(v); }},
        {"port", "TCP port; 0 lets the OS pick (default 4567)",
         [](options& c, const std::string& v) { c.port = static_cast<int>(to_int(v, 0, 65535)); }},
        {"db", "SQLite file, or :memory: for no file (default ./robomaker-local.db)",
         [](options& c, const std::string& v) { c.db = non_empty(v); }},
        {"clock", "real|manual: simulated time follows the wall clock, or moves only when advanced (default real)",
         [](options& c, const std::string& v) {
             c.clock = one_of(v, {"real", "manual"}) == "real" ? api::engine::clock_mode::real
                                                                : api::engine::clock_mode::manual;
         }},
        {"time-scale", "simulated seconds per wall second in real mode, 0.001 to 1000000 (default 1)",
         [](options& c, const std::string& v) {
             char* end = nullptr;
             double d = std::strtod(v.c_str(), &end);
             if (v.empty() || *end != '\0' || !(d >= api::engine::min_scale) || !(d <= api::engine::max_scale)) {
                 bad("must be a number from 0.001 to 1000000");
             }
             c.time_scale = d;
         }},
        {"preset", "fast|realistic deployment step durations (default fast)",
         [](options& c, const std::string& v) { c.preset = one_of(v, {"fast", "realistic"}); }},
        {"seed", "seed of the simulated jitter and fault probabilities (default 0)",
         [](options& c, const std::string& v) {
             c.seed = static_cast<std::uint64_t>(to_int(v, 0, INT64_MAX));
             c.service.seed = c.seed;
         }},
        {"log-level", "debug|info|warn|error; info logs one line per request (default info)",
         [](options& c, const std::string& v) { c.log_level = one_of(v, {"debug", "info", "warn", "error"}); }},
        {"log-format", "text|json (default text)",
         [](options& c, const std::string& v) { c.log_format = one_of(v, {"text", "json"}); }},
        {"default-account", "12-digit account for requests without a 12-digit access key (default 123456789012)",
         [](options& c, const std::string& v) {
             if (!std::regex_match(v, std::regex("[0-9]{12}"))) bad("must be 12 digits");
             c.service.default_account = v;
         }},
        {"default-region", "region for requests without a SigV4 credential scope (default us-east-1)",
         [](options& c, const std::string& v) {
             if (!std::regex_match(v, std::regex("[a-z]{2}(-[a-z]+)+-[0-9]+"))) bad("must look like us-east-1");
             c.service.default_region = v;
         }},
        {"read-timeout", "seconds a client has to send a complete request before it is closed (default 30)",
         [](options& c, const std::string& v) { c.read_timeout = static_cast<int>(to_int(v, 1, 3600)); }},
        {"journal-size", "API calls kept by the request journal, GET /_emulator/requests; 0 = off (default 10000)",
         [](options& c, const std::string& v) { c.journal_size = static_cast<int>(to_int(v, 0, 1000000)); }},
        {"auth", "none|sigv4: accept any request, or verify every service request's SigV4 signature (default none)",
         [](options& c, const std::string& v) { c.auth.sigv4 = one_of(v, {"none", "sigv4"}) == "sigv4"; }},
        {"credentials", "AKID:SECRET[:ACCOUNT],... accepted under --auth sigv4 (default: test:test)",
         [](options& c, const std::string& v) { c.auth.credentials = parse_credentials(v); }},
        {"control-token", "if set, /_emulator/ calls but health need 'Authorization: Bearer TOKEN' (default none)",
         [](options& c, const std::string& v) { c.auth.control_token = v; }},
        {"max-connections", "connections served at once, beyond which idle ones are closed or 503 answered (default 1000)",
         [](options& c, const std::string& v) { c.max_connections = static_cast<int>(to_int(v, 1, 1000000)); }},
        {"max-buffered-bytes", "request body bytes buffered across connections; 503 beyond (default 67108864 = 64 MiB)",
         [](options& c, const std::string& v) { c.max_buffered_bytes = to_int(v, 1024 * 1024, INT64_MAX); }},
        {"snapshot-dir", "directory of the named snapshots, :memory: to keep them in memory (default: <db>.snapshots; in memory with --db :memory:)",
         [](options& c, const std::string& v) { c.snapshot_dir = non_empty(v); }},
        {"init", "seed document (JSON) applied at start when the database holds no resources (default none)",
         [](options& c, const std::string& v) { c.init = non_empty(v); }},
        {"service-phase", "active|deprecated|ended: replay the deployment service's end of life, SEMANTICS 9 (default active)",
         [](options& c, const std::string& v) { c.service.phase = *api::parse_service_phase(one_of(v, {"active", "deprecated", "ended"})); }},
        {"shutdown-grace", "seconds requests in flight get after SIGINT/SIGTERM before they are cut (default 2)",
         [](options& c, const std::string& v) { c.shutdown_grace = to_number(v, 0, 3600); }},
    };
    return k;
}

const key_spec* find_key(const std::string& name) {
    for (const auto& k : keys()) {
        if (name == k.name) return &k;
    }
    return nullptr;
}

std::string env_name(const std::string& key) {
    std::string out = "ROBOMAKER_LOCAL_";
    for (char ch : key) out += ch == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return out;
}

void apply(options& c, const key_spec& k, const std::string& value, const std::string& source) {
    try {
        k.apply(c, value);
    } catch (const config_error& e) {
        throw config_error("invalid value '" + api::quote_for_message(value) + "' for " + k.name + " (" + source + "): " + e.what());
    }
}

void apply_quotas(options& c, const rapidjson::Value& q, const std::string& file) {
    if (!q.IsObject()) throw config_error("quotas in " + file + " must be an object");
    std::map<std::string, int*> fields = {
        {"fleets", &c.service.limits.fleets},
        {"robots", &c.service.limits.robots},
        {"robotsPerFleet", &c.service.limits.robots_per_fleet},
        {"activeDeploymentJobs", &c.service.limits.active_deployment_jobs},
        {"robotApplications", &c.service.limits.robot_applications},
        {"versionsPerApplication", &c.service.limits.versions_per_application},
        {"tagsPerResource", &c.service.limits.tags_per_resource},
    };
    for (auto m = q.MemberBegin(); m != q.MemberEnd(); ++m) {
        std::string name = m->name.GetString();
        auto it = fields.find(name);
        if (it == fields.end()) throw config_error("unknown key quotas." + api::quote_for_message(name) + " in " + file);
        if (!m->value.IsInt() || m->value.GetInt() < 0) {
            throw config_error("invalid value for quotas." + api::quote_for_message(name) + " in " + file + ": must be an integer >= 0");
        }
        *it->second = m->value.GetInt();
    }
}

// The config file's "steps": overrides of the preset's durations, applied after the preset is
// known (it may come later in the file, or from the environment or a flag).
struct step_overrides {
    std::vector<std::pair<std::int64_t api::engine::step_durations::*, std::int64_t>> ms;
    std::optional<double> jitter;

    void apply_to(api::engine::step_durations& d) const {
        for (const auto& [member, value] : ms) d.*member = value;
        if (jitter) d.jitter = *jitter;
    }
};

step_overrides read_steps(const rapidjson::Value& v, const std::string& file) {
    using d = api::engine::step_durations;
    static const std::map<std::string, std::int64_t d::*> fields = {
        {"pending", &d::pending_ms},
        {"preparing", &d::preparing_ms},
        {"validating", &d::validating_ms},
        {"downloadingExtracting", &d::downloading_ms},
        {"executingDownloadCondition", &d::download_condition_ms},
        {"executingPreLaunch", &d::pre_launch_ms},
        {"launching", &d::launching_ms},
        {"executingPostLaunch", &d::post_launch_ms},
    };
    if (!v.IsObject()) throw config_error("steps in " + file + " must be an object");
    step_overrides out;
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
        std::string name = m->name.GetString();
        if (name == "jitter") {
            if (!m->value.IsNumber() || m->value.GetDouble() < 0 || m->value.GetDouble() > 1) {
                throw config_error("invalid value for steps.jitter in " + file + ": must be a number from 0 to 1");
            }
            out.jitter = m->value.GetDouble();
            continue;
        }
        auto it = fields.find(name);
        if (it == fields.end()) throw config_error("unknown key steps." + api::quote_for_message(name) + " in " + file);
        if (!m->value.IsInt64() || m->value.GetInt64() < 0) {
            throw config_error("invalid value for steps." + api::quote_for_message(name) + " in " + file + ": must be milliseconds, an integer >= 0");
        }
        out.ms.emplace_back(it->second, m->value.GetInt64());
    }
    return out;
}

// The config file's "faults": validated now, so a bad rule stops start-up (exit 2).
std::string read_faults(const rapidjson::Value& v, const std::string& file) {
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    v.Accept(w);
    std::string json(b.GetString(), b.GetSize());
    if (auto err = api::engine::validate_rules(json)) {
        throw config_error("invalid fault rule in config file '" + file + "': " + *err + " (see docs/faults.md)");
    }
    return json;
}

step_overrides apply_file(options& c, const std::string& file) {
    std::ifstream in(file);
    if (!in) throw config_error("cannot read config file '" + file + "'");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    auto parsed = api::parse_json_body(text, api::empty_body::is_error);
    if (!parsed) throw config_error("config file '" + file + "' is not valid JSON: " + parsed.error().message);
    const auto& doc = parsed.value();
    if (!doc.IsObject()) throw config_error("config file '" + file + "' must hold a JSON object");
    step_overrides steps;
    for (auto m = doc.MemberBegin(); m != doc.MemberEnd(); ++m) {
        std::string name = m->name.GetString();
        if (name == "quotas") {
            apply_quotas(c, m->value, file);
            continue;
        }
        if (name == "faults") {
            c.service.faults_json = read_faults(m->value, file);
            continue;
        }
        if (name == "credentials" && m->value.IsArray()) {
            c.auth.credentials = read_credentials(m->value, file);
            continue;
        }
        if (name == "steps") {
            steps = read_steps(m->value, file);
            continue;
        }
        const key_spec* k = find_key(name);
        if (!k) throw config_error("unknown key '" + api::quote_for_message(name) + "' in config file '" + file + "'");
        std::string value;
        if (m->value.IsString()) {
            value = m->value.GetString();
        } else if (m->value.IsInt64()) {
            value = std::to_string(m->value.GetInt64());
        } else if (m->value.IsNumber()) {
            std::ostringstream os;
            os << m->value.GetDouble();
            value = os.str();
        } else {
            throw config_error("invalid value for " + api::quote_for_message(name) + " in config file '" + file + "': must be a string or number");
        }
        apply(c, *k, value, "config file " + file);
    }
    return steps;
}

}  // namespace

parsed_args parse_config(const std::vector<std::string>& args, const char* (*env)(const char*)) {
    parsed_args out;
    // First pass: --help, --version and the config file; flags are applied after file and env.
    std::vector<std::pair<const key_spec*, std::string>> flags;
    std::optional<std::string> config_file;
    if (const char* e = env("ROBOMAKER_LOCAL_CONFIG")) config_file = e;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string a = args[i];
        if (a == "--help" || a == "-h") return {parsed_args::action::help, {}};
        if (a == "--version") return {parsed_args::action::version, {}};
        if (a.rfind("--", 0) != 0) throw config_error("unexpected argument '" + api::quote_for_message(a) + "' (see --help)");
        std::string name = a.substr(2);
        std::optional<std::string> value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const key_spec* k = find_key(name);
        if (!k && name != "config") throw config_error("unknown flag '--" + api::quote_for_message(name) + "' (see --help)");
        if (!value) {
            if (i + 1 >= args.size()) throw config_error("flag '--" + api::quote_for_message(name) + "' needs a value");
            value = args[++i];
        }
        if (name == "config") {
            config_file = *value;
        } else {
            flags.emplace_back(k, *value);
        }
    }
    step_overrides steps;
    if (config_file) steps = apply_file(out.cfg, *config_file);
    for (const auto& k : keys()) {
        std::string var = env_name(k.name);
        if (const char* e = env(var.c_str())) apply(out.cfg, k, e, "environment " + var);
    }
    for (const auto& [k, v] : flags) apply(out.cfg, *k, v, std::string("flag --") + k->name);
    // The preset is final only now; the file's "steps" override it key by key.
    out.cfg.service.durations = *api::engine::preset_durations(out.cfg.preset);
    steps.apply_to(out.cfg.service.durations);
    return out;
}

std::string snapshot_directory(const options& c) {
    if (c.snapshot_dir) return *c.snapshot_dir == ":memory:" ? "" : *c.snapshot_dir;
    return c.db == ":memory:" ? "" : c.db + ".snapshots";
}

std::string help_text() {
    std::string out =
        "robomaker-local: a local emulator of the AWS RoboMaker deployment API\n\n"
        "usage: robomaker-local [--flag value | --flag=value]...\n"
        "       robomaker-local health [--url URL]   exit 0 when a running server is healthy (health --help)\n\n"
        "  --config FILE            JSON config file: keys as below, plus \"quotas\", \"steps\" (step durations\n"
        "                           in ms over the preset) and \"faults\" (fault rules, docs/faults.md);\n"
        "                           see config/README.md\n";
    for (const auto& k : keys()) {
        std::string flag = std::string("  --") + k.name + " ";
        flag.resize(std::max<std::size_t>(flag.size(), 27), ' ');
        out += flag + k.help + "\n";
    }
    out +=
        "  --help, --version\n\n"
        "Each flag is also an environment variable ROBOMAKER_LOCAL_<NAME> (e.g. ROBOMAKER_LOCAL_TIME_SCALE) and a\n"
        "key of the config file. Precedence: flag > environment > config file > built-in default.\n"
        "Bad values stop start-up with exit code 2.\n";
    return out;
}

}  // namespace rml::server::config
