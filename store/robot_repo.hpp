#pragma once
// The robots table. Every call is scoped to one (account, region).
#include <optional>

#include "store/database.hpp"
#include "store/records.hpp"

namespace rml::store {

class robot_repo {
public:
    explicit robot_repo(database& db) : db_(db) {}

    // Sets row.id from the insert.
    void insert(const scope& s, robot_row& row);
    std::optional<robot_row> find(const scope& s, const std::string& arn);
    // Unscoped: the engine follows robots it already knows by ARN.
    std::optional<robot_row> find_any(const std::string& arn);
    bool name_exists(const scope& s, const std::string& name);
    bool arn_exists(const std::string& arn);
    bool remove(const scope& s, const std::string& arn);
    int count(const scope& s);
    int count_in_fleet(const std::string& fleet_arn);

    // Puts the robot in the fleet at the end of the fleet's registration order.
    void register_to(const std::string& robot_arn, const std::string& fleet_arn, const std::string& status);
    // Takes the robot out of its fleet and sets its status.
    void deregister(const std::string& robot_arn, const std::string& status);
    // Deregisters every robot of the fleet.
    void deregister_all(const std::string& fleet_arn, const std::string& status);

    // Deployment updates: applied only while the robot is still in the registration the job saw
    // (register_seq grows at every registration and is kept after a deregistration, so a robot
    // registered again never has its old number).
    void set_deployment_status(const std::string& robot_arn, std::int64_t register_seq, const std::string& status);
    void set_last_deployment(const std::string& robot_arn, std::int64_t register_seq, const std::string& status,
                             const std::string& job_arn, std::int64_t job_created_ms);

    // The fleet's robots in registration order, at most limit (the deployment engine's order).
    std::vector<robot_row> in_fleet(const std::string& fleet_arn, int limit);
    // The fleet's robots newest first (by creation), at most limit: DescribeFleet's order.
    std::vector<robot_row> newest_in_fleet(const std::string& fleet_arn, int limit);
    // ListRobots: newest first; before_id 0 starts at the newest, else rows with id < before_id.
    page<robot_row> list(const scope& s, std::int64_t before_id, int limit, const filter_values& statuses,
                         const filter_values& fleet_names);

private:
    database& db_;
};

}  // namespace rml::store
