#include "store/snapshot_merge.hpp"

#include <memory>

#include <sqlite3.h>

#include "store/statement.hpp"

namespace rml::store {
namespace {

// In the copy's connection: schema "main" is the snapshot, "cur" the database as it is now (in
// merge_pays, on the database's connection: "main" and the attached "snap").
// Parameters of every statement: ?1 account or '', ?2 region or ''.
std::string in_scope(const std::string& alias = "") {
    return "(?1 = '' OR " + alias + "account = ?1) AND (?2 = '' OR " + alias + "region = ?2)";
}

// Rows of a table with account and region columns: in the scope, or outside it.
std::string where(const std::string& alias, bool inside) {
    return inside ? in_scope(alias) : "NOT (" + in_scope(alias) + ")";
}
std::string apps(const std::string& schema, bool inside) {
    return "SELECT arn FROM " + schema + ".robot_applications WHERE " + where("", inside);
}
std::string versions(const std::string& schema, bool inside) {
    return "SELECT id FROM " + schema + ".application_versions WHERE application_arn IN (" + apps(schema, inside) + ")";
}
std::string jobs(const std::string& schema, bool inside) {
    return "SELECT id FROM " + schema + ".deployment_jobs WHERE " + where("", inside);
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

// Each table and the condition that puts one of its rows of schema S (named alias, e.g. "s.", or ""
// for the one table of a statement) in the scope or outside it; parents before children. A child
// row (a version, a job's robot or timeline entry) goes with its parent, found through the parent's
// index: a database with foreign keys enforced has no child rows without a parent.
struct part {
    const char* table;
    std::string (*rows)(const std::string& schema, const std::string& alias, bool inside);
    bool own_ids = false;  // rows with ids of their own, which a restore keeps
};
const part parts[] = {
    {"fleets", [](const std::string&, const std::string& a, bool in) { return where(a, in); }, true},
    {"robots", [](const std::string&, const std::string& a, bool in) { return where(a, in); }, true},
    {"robot_applications", [](const std::string&, const std::string& a, bool in) { return where(a, in); }, true},
    {"application_versions",
     [](const std::string& s, const std::string& a, bool in) { return a + "application_arn IN (" + apps(s, in) + ")"; },
     true},
    {"version_sources",
     [](const std::string& s, const std::string& a, bool in) { return a + "version_id IN (" + versions(s, in) + ")"; }},
    {"deployment_jobs", [](const std::string&, const std::string& a, bool in) { return where(a, in); }, true},
    {"job_robots", [](const std::string& s, const std::string& a, bool in) { return a + "job_id IN (" + jobs(s, in) + ")"; }},
    {"job_events", [](const std::string& s, const std::string& a, bool in) { return a + "job_id IN (" + jobs(s, in) + ")"; },
     true},
    {"tags",
     [](const std::string& s, const std::string& a, bool in) {
         return a + "resource_arn " + (in ? "IN (" : "NOT IN (") + arns(s) + ")";
     }},
};
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

    // Rows of a schema in (or outside) the scope, counted by resource: a job weighs one plus its robots
    // (its timeline grows with them).
    std::int64_t weight(const std::string& schema, bool inside) {
        std::string w = where("", inside);
        return scalar("SELECT (SELECT COUNT(*) FROM " + schema + ".fleets WHERE " + w + ") + (SELECT COUNT(*) FROM " + schema +
                      ".robots WHERE " + w + ") + (SELECT COUNT(*) FROM " + schema + ".robot_applications WHERE " + w +
                      ") + (SELECT COUNT(*) + COALESCE(SUM(robot_count), 0) FROM " + schema + ".deployment_jobs WHERE " + w +
                      ")");
    }

    // True when a snapshot row of the scope has an id that a current row outside the scope holds.
    bool ids_taken() {
        for (const auto& p : parts) {
            if (!p.own_ids) continue;
            std::string t = p.table;
            if (scalar("SELECT EXISTS (SELECT 1 FROM cur." + t + " m JOIN main." + t + " s ON s.id = m.id WHERE " +
                       p.rows("cur", "m.", false) + " AND " + p.rows("main", "s.", true) + ")") != 0) {
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
    statement(c, "ATTACH ':memory:' AS cur").run();
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db.handle(), "main", &size, 0);
    if (!bytes) throw store_error("snapshot restore: out of memory serializing the database");
    int rc = sqlite3_deserialize(c, "cur", bytes, size, size, SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
    if (rc != SQLITE_OK) throw store_error(std::string("snapshot restore: cannot read the database: ") + sqlite3_errstr(rc));
}

}  // namespace

bool merge_pays(database& db, const std::string& account, const std::string& region) {
    merger m{db.handle(), account, region};
    return m.weight("main", true) + m.weight("snap", true) > m.weight("main", false) + m.weight("snap", false);
}

std::optional<restore_counts> merge_into_copy(database& db, snapshot_copy& copy, const std::string& account,
                                              const std::string& region, std::int64_t shift_ms,
                                              const std::string& clock_value) {
    sqlite3* c = copy.handle();
    merger m{c, account, region};
    auto detach = [c] { sqlite3_exec(c, "DETACH cur", nullptr, nullptr, nullptr); };
    try {
        attach_current(db, c);
        m.run("BEGIN");
        if (m.ids_taken()) {
            m.run("ROLLBACK");
            detach();
            return std::nullopt;
        }
        restore_counts n;
        n.deleted = m.counts("cur");
        n.restored = m.counts("main");
        // The copy keeps only the snapshot's scope (children first; no foreign keys on this connection).
        for (auto it = std::rbegin(parts); it != std::rend(parts); ++it) {
            m.run(std::string("DELETE FROM main.") + it->table + " WHERE " + it->rows("main", "", false));
        }
        for (const char* t : {"objects", "fault_rules", "meta"}) m.run(std::string("DELETE FROM main.") + t);
        shift_pending_times(c, shift_ms);
        // ... and takes every other row of the database as it is, ids included.
        for (const auto& p : parts) {
            std::string cols = m.columns(p.table);
            m.run(std::string("INSERT INTO main.") + p.table + " (" + cols + ") SELECT " + cols + " FROM cur." + p.table +
                  " WHERE " + p.rows("cur", "", false));
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
