#include "store/reset.hpp"

namespace rml::store {
namespace {

// ?1 = account or '' for any, ?2 = region or '' for any.
constexpr const char* in_scope = "(?1 = '' OR account = ?1) AND (?2 = '' OR region = ?2)";

int delete_from(database& db, const std::string& table, const std::string& account, const std::string& region) {
    db.prepare("DELETE FROM tags WHERE resource_arn IN (SELECT arn FROM " + table + " WHERE " + in_scope + ")")
        .bind(1, account).bind(2, region).run();
    db.prepare("DELETE FROM " + table + " WHERE " + std::string(in_scope)).bind(1, account).bind(2, region).run();
    return db.changes();
}

}  // namespace

bool holds_resources(database& db) {
    return db.prepare("SELECT EXISTS (SELECT 1 FROM fleets) OR EXISTS (SELECT 1 FROM robots) OR "
                      "EXISTS (SELECT 1 FROM robot_applications) OR EXISTS (SELECT 1 FROM deployment_jobs)")
               .scalar_int() != 0;
}

reset_counts delete_resources(database& db, const std::string& account, const std::string& region) {
    reset_counts n;
    n.deployment_jobs = delete_from(db, "deployment_jobs", account, region);
    // Robots before fleets: they reference fleets.
    n.robots = delete_from(db, "robots", account, region);
    n.fleets = delete_from(db, "fleets", account, region);
    n.robot_applications = delete_from(db, "robot_applications", account, region);
    if (account.empty() && region.empty()) db.prepare("DELETE FROM objects").run();
    return n;
}

}  // namespace rml::store
