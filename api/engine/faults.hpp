#pragma once
// Fault rules (SEMANTICS §7, docs/faults.md): rules that make robot deployments fail with a given
// code at a given step, or make API calls fail (ThrottlingException, InternalServerException,
// ServiceUnavailableException) or slow down, by operation. Rules come from the config file's
// "faults" array (source "config", replaced at every start-up) and from the control API
// (source "api", kept in the database until deleted). A rule fires with a seeded probability, or
// deterministically: skip the first `skip` matches, then fire `times` times.
// Owned by the io_context thread; not thread-safe.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/engine/fault_rule.hpp"
#include "api/engine/timing.hpp"
#include "api/error.hpp"
#include "store/database.hpp"
#include "store/records.hpp"

namespace rml::api::engine {

// What a deployment fault rule can match on, for one robot of one job.
struct robot_context {
    std::string_view fleet_name;
    std::string_view robot_name;
    std::string_view application_name;
    std::string_view launch_file;
    const std::map<std::string, std::string>& environment;  // launchConfig.environmentVariables
};

struct injected_failure {
    std::string code;                // one of failure_codes (failure_codes.hpp)
    std::optional<robot_step> step;  // nullopt: the code's default step
};

struct api_fault {
    std::int64_t latency_ms = 0;
    std::optional<api_error> error;
};

// Checks a JSON array of rules (the config file's "faults"); the message names the first bad rule.
std::optional<std::string> validate_rules(std::string_view json_array);

class fault_rules {
public:
    fault_rules(store::database& db, std::uint64_t seed);

    // Replaces the config-file rules in the database with these (already validated).
    void load_config(std::string_view json_array);

    // The first deployment rule that matches and fires for this robot, counting the match.
    // Runs inside the engine's write transaction (opens none of its own).
    std::optional<injected_failure> robot_failure(const robot_context& ctx);

    // The API fault for one request of `operation`, counting matches. Runs outside any
    // transaction; writes its counters in its own transaction only when a rule matched.
    api_fault for_operation(std::string_view operation, const store::scope& scope);

    // Control API: GET /_emulator/faults, POST /_emulator/faults (returns {"id": N, ...}),
    // DELETE /_emulator/faults[?id=N] (no id: every rule added through the API).
    std::string list_json();
    result<std::string> add(std::string_view body);
    result<std::string> remove(std::optional<std::int64_t> id);

    // Reads the table again: after a snapshot restore replaced its rows.
    void reload();

private:
    // The in-memory copy of the fault_rules table, lowest id first. The table is written only
    // through this object, so the copy stays equal to it (a counter written inside a caller's
    // transaction that later rolls back stays counted here until the next start-up).
    struct entry {
        std::int64_t id = 0;
        bool from_config = false;
        std::string text;  // the rule as given
        fault_rule rule;
        std::int64_t matches = 0;
        std::int64_t fired = 0;
    };

    // Counts one match of `e` and decides whether it fires (skip, times, seeded probability).
    // `useful` false: the rule could not change the outcome, so it counts the match only.
    bool count_match(entry& e, bool useful);
    void save_counters(const entry& e);
    std::string entry_json(const entry& e) const;

    store::database& db_;
    std::uint64_t seed_;
    std::vector<entry> entries_;
    std::size_t api_rules_ = 0;  // API rules in entries_; 0 makes for_operation free
};

}  // namespace rml::api::engine
