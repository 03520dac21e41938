#pragma once
// Restoring a snapshot attached as schema "snap" (store/snapshot_store.hpp) into the main
// database: the scope's resources (one account and/or region, empty meaning any) are deleted as by
// a reset, then the snapshot's resources of that scope copied in: fleets, robots, robot
// applications with their versions, deployment jobs with their robots and timelines (barriers
// included), idempotency tokens (they are columns of the jobs) and tags. A whole restore (no
// account, no region) also replaces the object store and the fault rules added through the API
// (the config file's rules stay those of this start-up).
//
// Times: every pending due time (of jobs and robots), hold instants and the start of a robot's
// current step move by shift_ms, the simulated time that passed since the snapshot was taken, so
// restored jobs continue from the present with the time they had left; what already happened
// (creation, start and finish times, timeline entries) keeps its times.
// Row ids are kept; where one is taken by another scope's row, all the scope's rows of that table
// move above the highest id, in their order, so listings keep their order.
// The caller holds the write transaction; the meta table (clock, token secret) is not copied.
#include <cstdint>
#include <string>

#include "store/database.hpp"
#include "store/reset.hpp"
#include "store/snapshot_store.hpp"

struct sqlite3;

namespace rml::store {

struct restore_counts {
    reset_counts deleted;
    reset_counts restored;
};

// A scoped restore: the caller holds the write transaction and has attached the snapshot.
restore_counts restore_attached(database& db, const std::string& account, const std::string& region,
                                std::int64_t shift_ms);

// A whole restore, the fast way: edits the copy so that what is not restored stays as it is in db
// (the meta table: clock, token secret, rule id counter; the config file's fault rules with their
// counters), moves its pending times by shift_ms, sets the meta "clock" to clock_value, then
// replaces db's pages with the copy's in one write transaction (the backup API). No transaction
// may be open on db.
restore_counts restore_whole(database& db, snapshot_copy& copy, std::int64_t shift_ms, const std::string& clock_value);

// Moves the pending times of every job and job robot in the main schema of db by shift_ms (above).
void shift_pending_times(sqlite3* db, std::int64_t shift_ms);

}  // namespace rml::store
