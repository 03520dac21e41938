#pragma once
// Numbered schema migrations. PRAGMA user_version holds the number of the last one applied;
// opening a database applies the rest in order, each in its own transaction.
namespace rml::store {

class database;

void apply_migrations(database& db);
// Number of migrations this build knows; a database with a higher user_version is refused.
int latest_schema_version();

}  // namespace rml::store
