#include "store/snapshot_merge.hpp"

#include <cstring>
#include <memory>

#include <sqlite3.h>

#include "store/statement.hpp"

namespace rml::store {
namespace {

// In the copy's connection: schema "main" is the snapshot, "cur" the database as it is now.
// Parameters of every statement: ?1 account or '', ?2 region or ''.
std::string in_scope(const std::string& alias = "") {
    return "(?1 = '' OR " + alias + "account = ?1) AND (?2 = '' OR " + alias + "region = ?2)";
}

std::string apps(const std::string& schema) {
    return "SELECT arn FROM " + schema + ".robot_applications WHERE " + in_scope();
}
std::string versions(const std::string& schema) {
    return "SELECT id FROM " + schema + ".application_versions WHERE application_arn IN (" + apps(schema) + ")";
}
std::string jobs(const std::string& schema) {
    return "SELECT id FROM " + schema + ".deployment_jobs WHERE " + in_scope();
}
// The ARNs of the scope's resources (their tags belong to the scope).
std::string arns(const std::string& schema) {
    std::string out;
    for (const char* t : {"fleets", "robots", "robot_applications", "deployment_jobs"}) {
        out += std::string(out.empty() ? "" : " UNION ALL ") + "SELECT arn FROM " + schema + "." + t + " WHERE " +
               in_scope();
    }
    return out;
}

// Each table and the condition that puts one of its rows (named alias, e.g. "s.", or "" for the one
// table of a statement) of schema S in the scope; parents before children.
struct part {
    const char* table;
    std::string (*in)(const std::string& schema, const std::string& alias);
};
const part parts[] = {
    {"fleets", [](const std::string&, const std::string& a) { return in_scope(a); }},
    {"robots", [](const std::string&, const std::string& a) { return in_scope(a); }},
    {"robot_applications", [](const std::string&, const std::string& a) { return in_scope(a); }},
    {"application_versions",
     [](const std::string& s, const std::string& a) { return a + "application_arn IN (" + apps(s) + ")"; }},
    {"version_sources", [](const std::string& s, const std::string& a) { return a + "version_id IN (" + versions(s) + ")"; }},
    {"deployment_jobs", [](const std::string&, const std::string& a) { return in_scope(a); }},
    {"job_robots", [](const std::string& s, const std::string& a) { return a + "job_id IN (" + jobs(s) + ")"; }},
    {"job_events", [](const std::string& s, const std::string& a) { return a + "job_id IN (" + jobs(s) + ")"; }},
    {"tags", [](const std::string& s, const std::string& a) { return a + "resource_arn IN (" + arns(s) + ")"; }},
};
// Tables with row ids of their own that a restore keeps.
const char* const id_tables[] = {"fleets", "robots", "robot_applications", "application_versions", "deployment_jobs",
                                 "job_events"};

struct merger {
    sqlite3* c;
    const std::string& account;
    const std::string& region;

    void run(const std::string& sql) { bound(sql)->run(); }
    std::int64_t scalar(const std::string& sql) {
        auto st = bound(sql);
        return st->step() ? st->column_int(0) : 0;
    }
    std::unique_ptr<statement> bound(const std::string& sql) {
        auto st = std::make_unique<statement>(c, sql);
        if (sql.find("?1") != std::string::npos) st->bind(1, account).bind(2, region);
        return st;
    }

    const part& of(const char* table) const {
        for (const auto& p : parts) {
            if (std::strcmp(p.table, table) == 0) return p;
        }
        return parts[0];
    }

    // Rows of a schema in (or outside) the scope, counted by resource: a job weighs one plus its robots
    // (its timeline grows with them).
    std::int64_t weight(const std::string& schema, bool inside) {
        std::string where = inside ? in_scope() : "NOT (" + in_scope() + ")";
        return scalar("SELECT (SELECT COUNT(*) FROM " + schema + ".fleets WHERE " + where + ") + (SELECT COUNT(*) FROM " +
                      schema + ".robots WHERE " + where + ") + (SELECT COUNT(*) FROM " + schema +
                      ".robot_applications WHERE " + where + ") + (SELECT COUNT(*) + COALESCE(SUM(robot_count), 0) FROM " +
                      schema + ".deployment_jobs WHERE " + where + ")");
    }

    // True when a snapshot row of the scope has an id that a current row outside the scope holds.
    bool ids_taken() {
        for (const char* t : id_tables) {
            const auto& p = of(t);
            if (scalar(std::string("SELECT EXISTS (SELECT 1 FROM cur.") + t + " m JOIN main." + t +
                       " s ON s.id = m.id WHERE NOT (" + p.in("cur", "m.") + ") AND " + p.in("main", "s.") + ")") != 0) {
                return true;
            }
        }
        return false;
    }

    std::string columns(const char* table) {
        statement info(c, std::string("PRAGMA main.table_info(") + table + ")");
        std::string cols;
        while (info.step()) cols += (cols.empty() ? "" : ", ") + info.column_text(1);
        return cols;
    }

    int count(const std::string& schema, const char* table) {
        return static_cast<int>(scalar("SELECT COUNT(*) FROM " + schema + "." + table + " WHERE " + in_scope()));
    }
    reset_counts counts(const std::string& schema) {
        return {count(schema, "fleets"), count(schema, "robots"), count(schema, "robot_applications"),
                count(schema, "deployment_jobs")};
    }
};

// Attaches the database's present state to the copy's connection as "cur": the file itself, or an
// image of a :memory: database.
void attach_current(database& db, sqlite3* c) {
    const char* file = sqlite3_db_filename(db.handle(), "main");
    if (file && *file) {
        statement(c, "ATTACH ?1 AS cur").bind(1, std::string_view(file)).run();
        return;
    }
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db.handle(), "main", &size, 0);
    if (!bytes) throw store_error("snapshot restore: out of memory serializing the database");
    statement(c, "ATTACH ':memory:' AS cur").run();
    int rc = sqlite3_deserialize(c, "cur", bytes, size, size, SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
    if (rc != SQLITE_OK) throw store_error(std::string("snapshot restore: cannot read the database: ") + sqlite3_errstr(rc));
}

}  // namespace

std::optional<restore_counts> merge_into_copy(database& db, snapshot_copy& copy, const std::string& account,
                                              const std::string& region, std::int64_t shift_ms,
                                              const std::string& clock_value) {
    sqlite3* c = copy.handle();
    attach_current(db, c);
    merger m{c, account, region};
    auto detach = [c] { sqlite3_exec(c, "DETACH cur", nullptr, nullptr, nullptr); };
    try {
        m.run("BEGIN");
        bool larger = m.weight("main", true) + m.weight("cur", true) > m.weight("main", false) + m.weight("cur", false);
        if (!larger || m.ids_taken()) {
            m.run("ROLLBACK");
            detach();
            return std::nullopt;
        }
        restore_counts n;
        n.deleted = m.counts("cur");
        n.restored = m.counts("main");
        // The copy keeps only the snapshot's scope (children first; no foreign keys on this connection).
        for (auto it = std::rbegin(parts); it != std::rend(parts); ++it) {
            m.run(std::string("DELETE FROM main.") + it->table + " WHERE NOT (" + it->in("main", "") + ")");
        }
        for (const char* t : {"objects", "fault_rules", "meta"}) m.run(std::string("DELETE FROM main.") + t);
        shift_pending_times(c, shift_ms);
        // ... and takes every other row of the database as it is, ids included.
        for (const auto& p : parts) {
            std::string cols = m.columns(p.table);
            m.run(std::string("INSERT INTO main.") + p.table + " (" + cols + ") SELECT " + cols + " FROM cur." + p.table +
                  " WHERE NOT (" + p.in("cur", "") + ")");
        }
        for (const char* t : {"objects", "fault_rules", "meta"}) {
            std::string cols = m.columns(t);
            m.run(std::string("INSERT INTO main.") + t + " (" + cols + ") SELECT " + cols + " FROM cur." + t);
        }
        statement(c, "INSERT INTO main.meta (key, value) VALUES ('clock', ?1) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(1, clock_value)
            .run();
        m.run("COMMIT");
        detach();
        return n;
    } catch (...) {
        sqlite3_exec(c, "ROLLBACK", nullptr, nullptr, nullptr);
        detach();
        throw;
    }
}

}  // namespace rml::store
