#pragma once
// A scoped restore the other way round, for a scope that holds most of the data: instead of
// deleting the scope's rows from the database and inserting the snapshot's (snapshot_restore.hpp),
// the snapshot's private copy keeps its scope's rows, takes every other row of the database (the
// other accounts and regions with their tags, jobs, timelines; the fault rules, the object store,
// the meta table) and then replaces the database's pages (snapshot_store::replace_with). The result
// is the same rows with the same ids; the work is in proportion to what lies outside the scope,
// plus one page copy.
//
// It is used only when the scope is the larger part (merge_pays) and when it keeps every row id (no
// snapshot row of the scope has an id taken by a row of the database outside it; restore_attached
// moves such rows): otherwise the caller restores in place.
#include <cstdint>
#include <optional>
#include <string>

#include "store/database.hpp"
#include "store/snapshot_restore.hpp"
#include "store/snapshot_store.hpp"

namespace rml::store {

// With a snapshot attached to db as "snap": true when the scope outweighs the rest, in db and the
// snapshot together (counted by fleets, robots, applications, jobs and their robots).
bool merge_pays(database& db, const std::string& account, const std::string& region);

// No transaction may be open on db. shift_ms as for restore_attached; clock_value is the meta
// "clock" of the present. On success the copy is ready for snapshot_store::replace_with(db, copy);
// nullopt, with nothing changed, when a snapshot row of the scope has an id held outside it.
std::optional<restore_counts> merge_into_copy(database& db, snapshot_copy& copy, const std::string& account,
                                              const std::string& region, std::int64_t shift_ms,
                                              const std::string& clock_value);

}  // namespace rml::store
