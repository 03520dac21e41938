#pragma once
// Fault rules (SEMANTICS §7, docs/faults.md) as stored: the rule's JSON text, where it came from
// ("config" or "api") and its counters. Knows nothing of the rule format. Rule ids are never
// reused, so a stale id cannot delete a newer rule. Callers own the transactions.
#include <cstdint>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace rml::store {

struct fault_rule_row {
    std::int64_t id = 0;
    std::string source;  // "config" or "api"
    std::string rule;    // the rule as given, compact JSON
    std::int64_t matches = 0;
    std::int64_t fired = 0;
};

class fault_repo {
public:
    explicit fault_repo(database& db) : db_(db) {}

    // Every rule, lowest id first.
    std::vector<fault_rule_row> all();
    // Adds a rule with zero counters; returns its id, higher than any id handed out before.
    std::int64_t insert(const std::string& source, const std::string& rule);
    // False when no rule has this id.
    bool remove(std::int64_t id);
    // Removes every rule of one source; returns how many.
    int remove_source(const std::string& source);
    void set_counters(std::int64_t id, std::int64_t matches, std::int64_t fired);

private:
    database& db_;
};

}  // namespace rml::store
