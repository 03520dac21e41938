#pragma once
// The fleets table. Every call is scoped to one (account, region).
#include <optional>

#include "store/database.hpp"
#include "store/records.hpp"

namespace rml::store {

class fleet_repo {
public:
    explicit fleet_repo(database& db) : db_(db) {}

    // Sets row.id from the insert.
    void insert(const scope& s, fleet_row& row);
    std::optional<fleet_row> find(const scope& s, const std::string& arn);
    bool arn_exists(const std::string& arn);
    // Deletes the fleet; its robots must have been deregistered first. False if it did not exist.
    bool remove(const scope& s, const std::string& arn);
    int count(const scope& s);
    page<fleet_row> list(const scope& s, std::int64_t after_id, int limit, const filter_values& names);

private:
    database& db_;
};

}  // namespace rml::store
