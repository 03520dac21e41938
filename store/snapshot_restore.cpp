#include "store/snapshot_restore.hpp"

#include <charconv>
#include <map>
#include <vector>

#include <sqlite3.h>
#include <memory>

#include "store/fault_repo.hpp"
#include "store/meta_repo.hpp"
#include "store/statement.hpp"

namespace rml::store {
namespace {

// Parameters of every statement below: ?1 account or '', ?2 region or '', ?3 shift_ms, ?4 the
// table's id delta.
std::string in_scope(const std::string& alias) {
    return "(?1 = '' OR " + alias + "account = ?1) AND (?2 = '' OR " + alias + "region = ?2)";
}

struct copier {
    database& db;
    const std::string& account;
    const std::string& region;
    std::int64_t shift_ms;

    // A one-off statement (it may name the attached schema, so it stays out of the cache).
    std::unique_ptr<statement> make(const std::string& sql, std::int64_t delta = 0) {
        auto st = std::make_unique<statement>(db.handle(), sql);
        st->bind(1, account).bind(2, region).bind(3, shift_ms).bind(4, delta);
        return st;
    }

    std::int64_t scalar(const std::string& sql, std::int64_t delta = 0) {
        auto st = make(sql, delta);
        return st->step() ? st->column_int(0) : 0;
    }

    // 0 when none of the snapshot rows' ids (those matching `where`, over alias s) is taken in main;
    // otherwise what moves them all above main's highest id.
    std::int64_t id_delta(const std::string& table, const std::string& where) {
        bool taken = scalar("SELECT EXISTS (SELECT 1 FROM snap." + table + " s JOIN main." + table +
                            " m ON m.id = s.id WHERE " + where + ")") != 0;
        if (!taken) return 0;
        std::int64_t top = scalar("SELECT COALESCE(MAX(id), 0) FROM main." + table);
        std::int64_t low = scalar("SELECT COALESCE(MIN(s.id), 0) FROM snap." + table + " s WHERE " + where);
        return top - low + 1;
    }

    // INSERT INTO main.table SELECT every column of snap.table s WHERE where, with some columns
    // replaced by expressions over s. Answers the rows inserted.
    int copy(const std::string& table, const std::string& where, const std::map<std::string, std::string>& exprs,
             std::int64_t delta = 0) {
        statement info(db.handle(), "PRAGMA main.table_info(" + table + ")");
        std::string cols, values;
        while (info.step()) {
            std::string c = info.column_text(1);
            cols += (cols.empty() ? "" : ", ") + c;
            auto it = exprs.find(c);
            values += (values.empty() ? "" : ", ") + (it == exprs.end() ? "s." + c : it->second);
        }
        make("INSERT INTO main." + table + " (" + cols + ") SELECT " + values + " FROM snap." + table + " s WHERE " +
                 where + " ORDER BY 1",
             delta)
            ->run();
        return db.changes();
    }
};

}  // namespace

restore_counts restore_attached(database& db, const std::string& account, const std::string& region,
                                std::int64_t shift_ms) {
    restore_counts n;
    n.deleted = delete_resources(db, account, region);
    copier c{db, account, region, shift_ms};
    const std::string scoped = in_scope("s.");
    const std::string apps = "SELECT arn FROM snap.robot_applications WHERE " + in_scope("");
    const std::string jobs = "SELECT id FROM snap.deployment_jobs WHERE " + in_scope("");
    const std::string shift_id = "s.id + ?4";

    n.restored.fleets = c.copy("fleets", scoped, {{"id", shift_id}}, c.id_delta("fleets", scoped));
    n.restored.robots = c.copy("robots", scoped, {{"id", shift_id}}, c.id_delta("robots", scoped));
    n.restored.robot_applications =
        c.copy("robot_applications", scoped, {{"id", shift_id}}, c.id_delta("robot_applications", scoped));

    const std::string versions = "s.application_arn IN (" + apps + ")";
    std::int64_t dv = c.id_delta("application_versions", versions);
    c.copy("application_versions", versions, {{"id", shift_id}}, dv);
    c.copy("version_sources", "s.version_id IN (SELECT id FROM snap.application_versions WHERE application_arn IN (" +
                                  apps + "))",
           {{"version_id", "s.version_id + ?4"}}, dv);

    std::int64_t dj = c.id_delta("deployment_jobs", scoped);
    n.restored.deployment_jobs = c.copy("deployment_jobs", scoped,
                                        {{"id", shift_id}, {"due_ms", "s.due_ms + ?3"}, {"held_at_ms", "s.held_at_ms + ?3"}}, dj);
    const std::string of_jobs = "s.job_id IN (" + jobs + ")";
    c.copy("job_robots", of_jobs,
           {{"job_id", "s.job_id + ?4"},
            {"due_ms", "s.due_ms + ?3"},
            {"step_started_ms", "CASE WHEN s.finished_ms IS NULL THEN s.step_started_ms + ?3 ELSE s.step_started_ms END"}},
           dj);
    // Timeline entries keep their own ids when free; their job ids follow the jobs' (delta dj).
    std::int64_t de = c.id_delta("job_events", of_jobs);
    c.copy("job_events", of_jobs, {{"id", shift_id}, {"job_id", "s.job_id + " + std::to_string(dj)}}, de);

    std::string resources;
    for (const char* t : {"fleets", "robots", "robot_applications", "deployment_jobs"}) {
        resources += std::string(resources.empty() ? "" : " UNION ALL ") + "SELECT arn FROM snap." + t + " WHERE " +
                     in_scope("");
    }
    c.copy("tags", "s.resource_arn IN (" + resources + ")", {});

    if (account.empty() && region.empty()) {
        c.copy("objects", "1", {});  // delete_resources emptied main.objects
        db.prepare("DELETE FROM fault_rules WHERE source = 'api'").run();
        const std::string api_rules = "s.source = 'api'";
        c.copy("fault_rules", api_rules, {{"id", shift_id}}, c.id_delta("fault_rules", api_rules));
        // Rule ids are never reused: the counter covers the restored rules too.
        meta_repo meta(db);
        std::int64_t last = db.prepare("SELECT COALESCE(MAX(id), 0) FROM fault_rules").scalar_int();
        if (auto kept = meta.get("fault_rules_last_id")) {
            std::int64_t n = 0;
            std::from_chars(kept->data(), kept->data() + kept->size(), n);
            last = std::max(last, n);
        }
        meta.set("fault_rules_last_id", std::to_string(last));
    }
    return n;
}

namespace {

reset_counts count_resources(sqlite3* db) {
    auto count = [db](const char* table) {
        statement st(db, std::string("SELECT COUNT(*) FROM ") + table);
        return st.step() ? static_cast<int>(st.column_int(0)) : 0;
    };
    return {count("fleets"), count("robots"), count("robot_applications"), count("deployment_jobs")};
}

void run(sqlite3* db, const std::string& sql, std::int64_t p1 = 0) { statement(db, sql).bind(1, p1).run(); }

// A counter kept as text in meta; 0 when it is not a number (a damaged snapshot).
std::int64_t number(const std::string& s) {
    std::int64_t n = 0;
    std::from_chars(s.data(), s.data() + s.size(), n);
    return n;
}

}  // namespace

void shift_pending_times(sqlite3* db, std::int64_t shift_ms) {
    run(db, "UPDATE deployment_jobs SET due_ms = due_ms + ?1 WHERE due_ms IS NOT NULL", shift_ms);
    run(db, "UPDATE deployment_jobs SET held_at_ms = held_at_ms + ?1 WHERE held_at_ms IS NOT NULL", shift_ms);
    run(db, "UPDATE job_robots SET due_ms = due_ms + ?1 WHERE due_ms IS NOT NULL", shift_ms);
    run(db, "UPDATE job_robots SET step_started_ms = step_started_ms + ?1 "
            "WHERE finished_ms IS NULL AND step_started_ms IS NOT NULL", shift_ms);
}

restore_counts restore_whole(database& db, snapshot_copy& copy, std::int64_t shift_ms, const std::string& clock_value) {
    restore_counts n;
    n.deleted = count_resources(db.handle());
    sqlite3* c = copy.handle();
    run(c, "BEGIN");
    try {
        // The meta table stays the main database's, but for the clock (the present) and the counter.
        std::int64_t last_rule = 0;
        if (auto v = meta_repo(db).get("fault_rules_last_id")) last_rule = number(*v);
        {
            statement last(c, "SELECT value FROM meta WHERE key = 'fault_rules_last_id'");
            if (last.step()) last_rule = std::max<std::int64_t>(last_rule, number(last.column_text(0)));
        }
        run(c, "DELETE FROM meta");
        statement put(c, "INSERT INTO meta (key, value) VALUES (?1, ?2)");
        auto& main_meta = db.prepare("SELECT key, value FROM meta");
        while (main_meta.step()) put.reset().bind(1, main_meta.column_text(0)).bind(2, main_meta.column_text(1)).run();
        run(c, "INSERT INTO meta (key, value) VALUES ('clock', '" + clock_value + "') "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value");

        // The config file's rules are this start-up's: the main database's, counters included; their
        // ids move above the copy's when one is taken there.
        run(c, "DELETE FROM fault_rules WHERE source = 'config'");
        std::vector<fault_rule_row> config;
        for (auto& r : fault_repo(db).all()) {
            if (r.source == "config") config.push_back(std::move(r));
        }
        std::int64_t top = 0;
        {
            statement st(c, "SELECT COALESCE(MAX(id), 0) FROM fault_rules");
            if (st.step()) top = st.column_int(0);
        }
        bool taken = false;
        for (const auto& r : config) {
            statement st(c, "SELECT 1 FROM fault_rules WHERE id = ?1");
            taken = taken || st.bind(1, r.id).step();
        }
        std::int64_t delta = taken && !config.empty() ? top + 1 - config.front().id : 0;
        statement add(c, "INSERT INTO fault_rules (id, source, rule, matches, fired) VALUES (?1, 'config', ?2, ?3, ?4)");
        for (const auto& r : config) {
            add.reset().bind(1, r.id + delta).bind(2, r.rule).bind(3, r.matches).bind(4, r.fired).run();
            last_rule = std::max(last_rule, r.id + delta);
        }
        {
            statement st(c, "SELECT COALESCE(MAX(id), 0) FROM fault_rules");
            if (st.step()) last_rule = std::max(last_rule, st.column_int(0));
        }
        run(c, "INSERT INTO meta (key, value) VALUES ('fault_rules_last_id', '" + std::to_string(last_rule) + "') "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value");

        shift_pending_times(c, shift_ms);  // pending times continue from the present
        n.restored = count_resources(c);
        run(c, "COMMIT");
    } catch (...) {
        sqlite3_exec(c, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    snapshot_store::replace_with(db, copy);
    return n;
}

}  // namespace rml::store
