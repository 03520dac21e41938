#include "store/migrations.hpp"

#include <array>
#include <string>

#include "store/database.hpp"
#include "store/store_error.hpp"

namespace rml::store {
namespace {

// Append new migrations at the end; never edit one that has shipped.
constexpr std::array<const char*, 3> migrations = {
    // 1: metadata, fleets, robots, tags.
    R"sql(
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE fleets (
        id INTEGER PRIMARY KEY,
        arn TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        created_ms INTEGER NOT NULL
    );
    CREATE INDEX fleets_scope ON fleets (account, region, id);
    CREATE TABLE robots (
        id INTEGER PRIMARY KEY,
        arn TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        architecture TEXT NOT NULL,
        greengrass_group_id TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        fleet_arn TEXT REFERENCES fleets (arn),
        register_seq INTEGER,
        status TEXT NOT NULL,
        last_deployment_job TEXT,
        last_deployment_ms INTEGER,
        UNIQUE (account, region, name)
    );
    CREATE INDEX robots_scope ON robots (account, region, id);
    CREATE INDEX robots_fleet ON robots (fleet_arn, register_seq);
    CREATE TABLE tags (
        resource_arn TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (resource_arn, key)
    ) WITHOUT ROWID;
    )sql",
    // 2: robot applications, their versions ($LATEST is a row too), the emulated object store.
    R"sql(
    CREATE TABLE robot_applications (
        id INTEGER PRIMARY KEY,
        arn TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        next_version INTEGER NOT NULL DEFAULT 1,
        UNIQUE (account, region, name)
    );
    CREATE TABLE application_versions (
        id INTEGER PRIMARY KEY,
        application_arn TEXT NOT NULL REFERENCES robot_applications (arn) ON DELETE CASCADE,
        version TEXT NOT NULL,
        suite_name TEXT,
        suite_version TEXT,
        environment_uri TEXT,
        image_digest TEXT,
        revision_id TEXT NOT NULL,
        updated_ms INTEGER NOT NULL,
        UNIQUE (application_arn, version)
    );
    CREATE TABLE version_sources (
        version_id INTEGER NOT NULL REFERENCES application_versions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        bucket TEXT NOT NULL,
        key TEXT NOT NULL,
        architecture TEXT,
        etag TEXT,
        PRIMARY KEY (version_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE objects (
        bucket TEXT NOT NULL,
        key TEXT NOT NULL,
        generation INTEGER NOT NULL,
        deleted INTEGER NOT NULL,
        PRIMARY KEY (bucket, key)
    ) WITHOUT ROWID;
    )sql",
    // 3: deployment jobs, the robots of each job, the job timeline, fault rules.
    R"sql(
    CREATE TABLE deployment_jobs (
        id INTEGER PRIMARY KEY,
        arn TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        fleet_arn TEXT NOT NULL,
        fleet_name TEXT NOT NULL,
        status TEXT NOT NULL,
        failure_code TEXT,
        failure_reason TEXT,
        created_ms INTEGER NOT NULL,
        started_ms INTEGER,
        finished_ms INTEGER,
        due_ms INTEGER,
        deployment_config TEXT,
        application_configs TEXT NOT NULL,
        client_token TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        sync_of TEXT,
        robot_count INTEGER NOT NULL DEFAULT 0,
        next_position INTEGER NOT NULL DEFAULT 0,
        deploying_count INTEGER NOT NULL DEFAULT 0,
        failed_count INTEGER NOT NULL DEFAULT 0,
        hold_status TEXT,
        held INTEGER NOT NULL DEFAULT 0,
        held_left_ms INTEGER,
        held_at_ms INTEGER,
        UNIQUE (account, region, client_token)
    );
    CREATE INDEX jobs_scope ON deployment_jobs (account, region, id);
    CREATE INDEX jobs_fleet ON deployment_jobs (fleet_arn, id);
    CREATE INDEX jobs_due ON deployment_jobs (due_ms, id) WHERE due_ms IS NOT NULL;
    CREATE INDEX jobs_created ON deployment_jobs (created_ms);
    CREATE TABLE job_robots (
        job_id INTEGER NOT NULL REFERENCES deployment_jobs (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        robot_arn TEXT NOT NULL,
        robot_name TEXT NOT NULL,
        architecture TEXT NOT NULL,
        prior_status TEXT NOT NULL,
        status TEXT NOT NULL,
        step TEXT,
        step_started_ms INTEGER,
        due_ms INTEGER,
        started_ms INTEGER,
        finished_ms INTEGER,
        failure_code TEXT,
        failure_reason TEXT,
        fail_code TEXT,
        fail_step TEXT,
        stalled INTEGER NOT NULL DEFAULT 0,
        held_left_ms INTEGER,
        register_seq INTEGER,
        PRIMARY KEY (job_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX job_robots_due ON job_robots (due_ms, job_id, position) WHERE due_ms IS NOT NULL;
    CREATE INDEX job_robots_robot ON job_robots (robot_arn);
    CREATE TABLE job_events (
        id INTEGER PRIMARY KEY,
        job_id INTEGER NOT NULL REFERENCES deployment_jobs (id) ON DELETE CASCADE,
        sim_ms INTEGER NOT NULL,
        wall_ms INTEGER NOT NULL,
        robot_arn TEXT,
        old_status TEXT,
        new_status TEXT NOT NULL,
        step TEXT,
        failure_code TEXT,
        failure_reason TEXT
    );
    CREATE INDEX job_events_job ON job_events (job_id, id);
    CREATE TABLE fault_rules (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        rule TEXT NOT NULL,
        matches INTEGER NOT NULL DEFAULT 0,
        fired INTEGER NOT NULL DEFAULT 0
    );
    )sql",
};

}  // namespace

int latest_schema_version() { return static_cast<int>(migrations.size()); }

void apply_migrations(database& db) {
    int current = db.schema_version();
    if (current > latest_schema_version()) {
        throw store_error("database schema version " + std::to_string(current) +
                          " is newer than this build supports (" + std::to_string(latest_schema_version()) + ")");
    }
    for (int v = current; v < latest_schema_version(); ++v) {
        db.exec("BEGIN IMMEDIATE");
        try {
            db.exec(migrations[static_cast<std::size_t>(v)]);
            db.exec("PRAGMA user_version = " + std::to_string(v + 1));
            db.exec("COMMIT");
        } catch (...) {
            db.exec("ROLLBACK");
            throw;
        }
    }
}

}  // namespace rml::store
