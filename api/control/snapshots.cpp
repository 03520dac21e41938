#include "api/control/snapshots.hpp"

#include <algorithm>

#include "api/engine/engine.hpp"
#include "api/json_body.hpp"
#include "api/json_out.hpp"
#include "store/snapshot_merge.hpp"
#include "store/snapshot_restore.hpp"
#include "store/transaction.hpp"

namespace rml::api::control {
namespace {

api_error bad_name() {
    return invalid_parameter("A snapshot name is 1 to 64 characters of A-Z, a-z, 0-9, '_', '.' and '-'.");
}

api_error no_such(const std::string& name) {
    return {"ResourceNotFoundException", 404, "No snapshot is named '" + name + "'."};
}

void info_fields(json_out& out, const store::snapshot_info& info) {
    out.field("name", info.name);
    out.timestamp("createdAt", info.created_wall_ms).timestamp("simulatedAt", info.created_sim_ms);
    out.field("sizeBytes", info.size_bytes);
}

void counts(json_out& out, const char* key, const store::reset_counts& n) {
    out.key(key).begin_object();
    out.field("fleets", std::int64_t{n.fleets}).field("robots", std::int64_t{n.robots});
    out.field("robotApplications", std::int64_t{n.robot_applications});
    out.field("deploymentJobs", std::int64_t{n.deployment_jobs});
    out.end_object();
}

// Detaches the snapshot when the restore ends, whatever way it ends (after the transaction).
struct attached {
    store::database& db;
    ~attached() {
        try {
            store::snapshot_store::detach(db);
        } catch (...) {
            // DETACH fails only if nothing is attached; nothing to undo.
        }
    }
};

// The meta "clock" of the present.
std::string clock_value(state& st);
api_error unusable(const std::string& name, const store::snapshot_invalid& bad);
api_error damaged(const std::string& name, const store::store_error& e);

// One account and/or region: merged into the snapshot's copy when the scope holds most of the data
// and keeps its ids (store/snapshot_merge.hpp), else in place. Fills n; answers the error, if any.
std::optional<api_error> restore_scope(state& st, store::snapshot_store& snaps, const std::string& name,
                                       const reset_scope& scope, store::restore_counts& n);

}  // namespace

result<std::string> save_snapshot(state& st, store::snapshot_store& snaps, std::string_view body) {
    auto doc = parse_json_object(body);
    if (!doc) return doc.error();
    auto it = doc.value().FindMember("name");
    if (it == doc.value().MemberEnd()) return invalid_parameter("'name' is required: the snapshot's name.");
    if (!it->value.IsString()) return invalid_parameter("'name' must be a string.");
    std::string name(it->value.GetString(), it->value.GetStringLength());
    if (!store::valid_snapshot_name(name)) return bad_name();
    if (!snaps.exists(name) && snaps.count() >= max_snapshots) {
        return limit_exceeded("There are already " + std::to_string(max_snapshots) +
                              " snapshots, the most kept; delete one first (DELETE /_emulator/snapshots/NAME).");
    }
    engine::catch_up(st);  // the snapshot holds the simulated present
    auto info = snaps.save(st.db, name, st.clock.wall_ms(), st.clock.now_ms());
    json_out out;
    out.begin_object();
    info_fields(out, info);
    out.end_object();
    return out.take();
}

std::string list_snapshots(store::snapshot_store& snaps) {
    json_out out;
    out.begin_object().begin_array("snapshots");
    for (const auto& e : snaps.list()) {
        out.begin_object();
        if (e.error) {
            out.field("name", e.info.name).field("sizeBytes", e.info.size_bytes).field("error", *e.error);
        } else {
            info_fields(out, e.info);
        }
        out.end_object();
    }
    out.end_array().field("maxSnapshots", static_cast<std::int64_t>(max_snapshots)).end_object();
    return out.take();
}

result<std::string> delete_snapshot(store::snapshot_store& snaps, const std::string& name) {
    if (!store::valid_snapshot_name(name)) return bad_name();
    if (!snaps.remove(name)) return no_such(name);
    json_out out;
    out.begin_object().field("deleted", name).end_object();
    return out.take();
}

result<std::string> restore_snapshot(state& st, store::snapshot_store& snaps, const std::string& name,
                                     std::string_view body, reset_scope& scope) {
    if (!store::valid_snapshot_name(name)) return bad_name();
    auto parsed = parse_reset_scope(body);
    if (!parsed) return parsed.error();
    engine::catch_up(st);  // what happened before the restore is recorded first
    bool whole = parsed.value().account.empty() && parsed.value().region.empty();
    store::restore_counts n;
    if (whole) {
        try {
            auto copy = snaps.copy(name);
            if (!copy) return no_such(name);
            auto shift = std::max<std::int64_t>(0, st.clock.now_ms() - copy->info().created_sim_ms);
            n = store::restore_whole(st.db, *copy, shift, clock_value(st));
        } catch (const store::snapshot_invalid& bad) {
            return unusable(name, bad);
        } catch (const store::store_busy&) {
            throw;  // nothing written; the server retries or answers 503
        } catch (const store::store_error& e) {
            return damaged(name, e);  // the database is as it was
        }
    } else if (auto err = restore_scope(st, snaps, name, parsed.value(), n)) {
        return *err;
    }
    scope = parsed.value();
    st.schedule.plans.clear();  // job ids may have moved; plans are keyed by them
    if (whole) st.faults.reload();
    st.schedule.invalidate();
    if (st.schedule.job_changed) st.schedule.job_changed("");  // waiters of vanished jobs look again
    json_out out;
    out.begin_object().field("name", name);
    counts(out, "deleted", n.deleted);
    counts(out, "restored", n.restored);
    out.end_object();
    return out.take();
}

namespace {

std::string clock_value(state& st) { return std::to_string(st.clock.now_ms()) + " " + std::to_string(st.clock.wall_ms()); }

api_error unusable(const std::string& name, const store::snapshot_invalid& bad) {
    return invalid_parameter("Snapshot '" + name + "' cannot be restored: " + bad.why() + ".");
}

// Damage quick_check did not see, found while copying: nothing was changed.
api_error damaged(const std::string& name, const store::store_error& e) {
    return invalid_parameter("Snapshot '" + name + "' cannot be restored: " + e.what() + "; nothing was changed.");
}

// In place, with the snapshot attached: the scope deleted and copied back in one transaction.
std::optional<api_error> restore_in_place(state& st, const store::snapshot_info& info, const std::string& name,
                                          const reset_scope& scope, store::restore_counts& n) {
    try {
        store::transaction tx(st.db);
        n = store::restore_attached(st.db, scope.account, scope.region,
                                    std::max<std::int64_t>(0, st.clock.now_ms() - info.created_sim_ms));
        save_clock(st);
        tx.commit();
    } catch (const store::store_busy&) {
        throw;  // nothing written; the server retries or answers 503
    } catch (const store::store_error& e) {
        return damaged(name, e);  // the transaction rolled back
    }
    return std::nullopt;
}

// Merged into the snapshot's copy, which then replaces the database: true when done, false
// (nothing changed) when that would move row ids.
result<bool> restore_merged(state& st, store::snapshot_store& snaps, const std::string& name, const reset_scope& scope,
                            store::restore_counts& n) {
    try {
        auto copy = snaps.copy(name);
        if (!copy) return no_such(name);
        auto shift = std::max<std::int64_t>(0, st.clock.now_ms() - copy->info().created_sim_ms);
        auto merged = store::merge_into_copy(st.db, *copy, scope.account, scope.region, shift, clock_value(st));
        if (!merged) return false;
        store::snapshot_store::replace_with(st.db, *copy);
        n = *merged;
        return true;
    } catch (const store::snapshot_invalid& bad) {
        return unusable(name, bad);
    } catch (const store::store_busy&) {
        throw;  // nothing written; the server retries or answers 503
    } catch (const store::store_error& e) {
        return damaged(name, e);
    }
}

// Calls f(info) with the snapshot attached to the database, detached after; answers f's answer.
template <typename F>
std::optional<api_error> with_attached(state& st, store::snapshot_store& snaps, const std::string& name, F f) {
    std::optional<store::snapshot_info> info;
    try {
        info = snaps.attach(st.db, name);
    } catch (const store::snapshot_invalid& bad) {
        return unusable(name, bad);
    }
    if (!info) return no_such(name);
    attached guard{st.db};
    return f(*info);
}

std::optional<api_error> restore_scope(state& st, store::snapshot_store& snaps, const std::string& name,
                                       const reset_scope& scope, store::restore_counts& n) {
    auto in_place = [&](const store::snapshot_info& info) { return restore_in_place(st, info, name, scope, n); };
    bool merge = false;
    auto err = with_attached(st, snaps, name, [&](const store::snapshot_info& info) -> std::optional<api_error> {
        try {
            merge = store::merge_pays(st.db, scope.account, scope.region);
        } catch (const store::store_busy&) {
            throw;
        } catch (const store::store_error& e) {
            return damaged(name, e);
        }
        return merge ? std::nullopt : in_place(info);  // a small scope: in place at once
    });
    if (err || !merge) return err;
    auto merged = restore_merged(st, snaps, name, scope, n);
    if (!merged) return merged.error();
    if (merged.value()) return std::nullopt;
    return with_attached(st, snaps, name, in_place);  // merging would move row ids: in place after all
}

}  // namespace

}  // namespace rml::api::control
