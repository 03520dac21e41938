// A scoped snapshot restore, row by row: the scope gets back exactly the snapshot's rows (fleets,
// robots, tags, applications with versions and sources, jobs with their robots, timelines,
// barriers and idempotency tokens, ids included) and every other row of the database (other
// accounts, fault rules, the object store, meta but the clock) stays as it was. Both ways of
// restoring are covered: a scope holding most of the data is merged into the snapshot's copy
// (store/snapshot_merge.hpp), a small one is restored in place (store/snapshot_restore.hpp), and
// in place moves the ids another account took since the save.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <vector>

#include <sqlite3.h>
#include <unistd.h>

#include "api/control/job_barrier.hpp"
#include "api/control/snapshots.hpp"
#include "tests/api/deploy_fixture.hpp"

using rml::test::api_fixture;
namespace ctl = rml::api::control;

namespace {

const rml::store::scope big{"123456789012", "us-east-1"};
const rml::store::scope small{"222222222222", "us-east-1"};

// Which rows of each table belong to account A (a literal): the condition, over the table's columns.
std::map<std::string, std::string> of_account(const std::string& a) {
    std::string own = "account = '" + a + "'";
    std::string jobs = "job_id IN (SELECT id FROM deployment_jobs WHERE " + own + ")";
    std::string apps = "SELECT arn FROM robot_applications WHERE " + own;
    return {{"fleets", own},
            {"robots", own},
            {"robot_applications", own},
            {"deployment_jobs", own},
            {"application_versions", "application_arn IN (" + apps + ")"},
            {"version_sources", "version_id IN (SELECT id FROM application_versions WHERE application_arn IN (" + apps + "))"},
            {"job_robots", jobs},
            {"job_events", jobs},
            {"tags", "resource_arn LIKE '%:" + a + ":%'"}};
}

// Every row, as text, of account a (inside) or of everything else (the global tables included, the
// meta table without the clock), in key order.
std::vector<std::string> dump(api_fixture& f, const std::string& a, bool inside) {
    std::vector<std::string> out;
    auto add = [&](const std::string& table, const std::string& where) {
        std::string sql = "SELECT * FROM " + table + " WHERE " + where + " ORDER BY 1, 2";
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(f.db.handle(), sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            std::string row = table;
            for (int i = 0; i < sqlite3_column_count(st); ++i) {
                auto* text = sqlite3_column_text(st, i);
                row += "|" + (text ? std::string(reinterpret_cast<const char*>(text)) : std::string("NULL"));
            }
            out.push_back(row);
        }
        sqlite3_finalize(st);
    };
    for (const auto& [table, where] : of_account(a)) add(table, inside ? where : "NOT (" + where + ")");
    if (!inside) {
        add("objects", "1");
        add("fault_rules", "1");
        add("meta", "key <> 'clock'");
    }
    return out;
}

std::string arn(const rapidjson::Document& d) { return d["arn"].GetString(); }

// A fleet of n robots with tags, registered; answers the fleet's ARN.
std::string fleet(api_fixture& f, const std::string& name, int n, const rml::store::scope& s) {
    auto fl = arn(f.ok("CreateFleet", R"({"name":")" + name + R"(","tags":{"team":")" + name + R"("}})", s));
    for (int i = 0; i < n; ++i) {
        auto r = arn(f.ok("CreateRobot", rml::test::robot_body(name + "-r" + std::to_string(i), "X86_64",
                                                               R"({"n":")" + std::to_string(i) + R"("})"),
                          s));
        f.ok("RegisterRobot", R"({"fleet":")" + fl + R"(","robot":")" + r + R"("})", s);
    }
    return fl;
}

std::string job(api_fixture& f, const std::string& fleet_arn, const std::string& app, const std::string& token,
                const rml::store::scope& s) {
    return arn(f.ok("CreateDeploymentJob",
                    R"({"fleet":")" + fleet_arn + R"(","clientRequestToken":")" + token +
                        R"(","deploymentApplicationConfigs":[{"application":")" + app +
                        R"(","applicationVersion":"1","launchConfig":{"packageName":"p","launchFile":"l.launch"}}]})",
                    s));
}

std::string application(api_fixture& f, const std::string& name, const rml::store::scope& s) {
    auto app = arn(f.ok("CreateRobotApplication",
                        R"({"name":")" + name + R"(","sources":[{"s3Bucket":"bkt","s3Key":")" + name +
                            R"(.tar","architecture":"X86_64"}],"robotSoftwareSuite":{"name":"ROS2","version":"Foxy"}})",
                        s));
    f.ok("CreateRobotApplicationVersion", R"({"application":")" + app + R"("})", s);
    return app;
}

// Account `big` with 4 fleets of 6 robots, a finished job on each and one held InProgress (a
// barrier); account `small` with one fleet of 2 robots and a finished job; an object changed and a
// fault rule added through the control API.
void build(api_fixture& f) {
    auto app = application(f, "nav", big);
    std::vector<std::string> fleets;
    for (int i = 0; i < 4; ++i) fleets.push_back(fleet(f, "f" + std::to_string(i), 6, big));
    auto small_app = application(f, "arm", small);
    auto small_fleet = fleet(f, "s0", 2, small);
    for (std::size_t i = 0; i < fleets.size(); ++i) job(f, fleets[i], app, "done-" + std::to_string(i), big);
    job(f, small_fleet, small_app, "done", small);
    rml::test::advance_clock(f, 3'600'000);
    auto held = job(f, fleets[0], app, "held", big);
    REQUIRE(ctl::hold_job(f.st, held, R"({"status":"InProgress"})"));
    rml::test::advance_clock(f, 3'600'000);
    rml::test::object_action(f, "bkt", "nav.tar", "touch");
    REQUIRE(f.st.faults.add(R"({"code":"PreLaunchFileFailure","match":{"fleet":"nothing-*"},"times":1})"));
}

// Changes in both accounts and the global state, without moving the clock.
void change_everything(api_fixture& f) {
    for (const auto& s : {big, small}) {
        auto fl = fleet(f, "new", 1, s);
        auto apps = f.ok("ListRobotApplications", "{}", s);
        job(f, fl, apps["robotApplicationSummaries"][0]["arn"].GetString(), "later", s);
        auto fleets = f.ok("ListFleets", "{}", s);
        std::string first = fleets["fleetDetails"][0]["arn"].GetString();
        rml::api::api_request tag;
        tag.operation = "TagResource";
        tag.scope = s;
        tag.body = R"({"tags":{"added":"yes"}})";
        tag.resource_arn = first;
        REQUIRE(f.service.handle(tag));
        f.ok("DeleteRobotApplication", R"({"application":")" + std::string(apps["robotApplicationSummaries"][0]["arn"].GetString()) + R"("})", s);
    }
    rml::test::object_action(f, "bkt", "arm.tar", "delete");
    REQUIRE(f.st.faults.add(R"({"code":"PreLaunchFileFailure","match":{"fleet":"later-*"},"times":2})"));
}

struct temp_dir {
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("rml-snap-scope-" + std::to_string(::getpid()));
    ~temp_dir() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("a scoped restore gives the scope back exactly and leaves every other row as it is") {
    temp_dir dir;
    std::filesystem::create_directories(dir.path);
    // A :memory: database with snapshots in memory; a database file with snapshot files.
    for (const auto& where : {std::string(), dir.path.string()}) {
        for (const auto& scope : {big, small}) {  // merged into the copy; in place
            INFO("snapshots in " << (where.empty() ? "memory" : where) << ", account " << scope.account);
            std::string db_path = where.empty() ? ":memory:" : (dir.path / ("world-" + scope.account + ".db")).string();
            api_fixture f({}, db_path);
            rml::store::snapshot_store snaps(where);
            build(f);
            REQUIRE(ctl::save_snapshot(f.st, snaps, R"({"name":"base"})"));
            auto saved = dump(f, scope.account, true);
            change_everything(f);
            auto others = dump(f, scope.account, false);
            REQUIRE(dump(f, scope.account, true) != saved);

            ctl::reset_scope rs;
            auto res = ctl::restore_snapshot(f.st, snaps, "base", R"({"account":")" + scope.account + R"("})", rs);
            REQUIRE(res);
            auto d = rml::test::parse_json(res.value());
            CHECK(d["restored"]["fleets"].GetInt() == (scope.account == big.account ? 4 : 1));
            CHECK(d["deleted"]["fleets"].GetInt() == (scope.account == big.account ? 5 : 2));
            CHECK(dump(f, scope.account, true) == saved);
            CHECK(dump(f, scope.account, false) == others);
            CHECK(f.ok("ListDeploymentJobs", "{}", scope)["deploymentJobs"].Size() == (scope.account == big.account ? 5 : 1));
        }
    }
}

TEST_CASE("a scoped restore moves pending times by the time since the save, in the scope only") {
    for (const auto& scope : {big, small}) {
        api_fixture f;
        rml::store::snapshot_store snaps("");
        build(f);
        auto held_at = [&f] {
            return f.db.prepare("SELECT COALESCE(SUM(held_at_ms), 0) FROM deployment_jobs WHERE held_at_ms IS NOT NULL")
                .scalar_int();
        };
        std::int64_t before = held_at();
        REQUIRE(before > 0);  // the held job, in account big
        REQUIRE(ctl::save_snapshot(f.st, snaps, R"({"name":"base"})"));
        rml::test::advance_clock(f, 10'000);
        ctl::reset_scope rs;
        REQUIRE(ctl::restore_snapshot(f.st, snaps, "base", R"({"account":")" + scope.account + R"("})", rs));
        CHECK(held_at() == before + (scope.account == big.account ? 10'000 : 0));
    }
}

TEST_CASE("a scoped restore keeps the order of the scope's rows when another account took their ids") {
    api_fixture f;
    rml::store::snapshot_store snaps("");
    build(f);
    REQUIRE(ctl::save_snapshot(f.st, snaps, R"({"name":"base"})"));
    auto listed = [&f](const char* op, const char* member, const char* field) {
        std::vector<std::string> out;
        auto d = f.ok(op, "{}", big);
        for (const auto& x : d[member].GetArray()) out.emplace_back(x[field].GetString());
        return out;
    };
    auto fleets = listed("ListFleets", "fleetDetails", "name");
    auto jobs = listed("ListDeploymentJobs", "deploymentJobs", "arn");
    // The big account goes; the small one's next job takes the id of the big one's last (the held
    // job), and its timeline entries the ids of that job's.
    REQUIRE(ctl::reset_resources(f.st, ctl::reset_scope{big.account, ""}));
    std::string small_fleet = f.ok("ListFleets", "{}", small)["fleetDetails"][0]["arn"].GetString();
    std::string small_app = f.ok("ListRobotApplications", "{}", small)["robotApplicationSummaries"][0]["arn"].GetString();
    auto taken = job(f, small_fleet, small_app, "after", small);
    rml::test::advance_clock(f, 60'000);
    auto others = dump(f, big.account, false);
    ctl::reset_scope rs;
    REQUIRE(ctl::restore_snapshot(f.st, snaps, "base", R"({"account":")" + big.account + R"("})", rs));
    CHECK(listed("ListFleets", "fleetDetails", "name") == fleets);
    CHECK(listed("ListDeploymentJobs", "deploymentJobs", "arn") == jobs);
    CHECK(dump(f, big.account, false) == others);
    CHECK(f.ok("ListRobots", "{}", big)["robots"].Size() == 24);
    CHECK(f.ok("DescribeDeploymentJob", R"({"job":")" + taken + R"("})", small)["status"] == "Succeeded");
    CHECK(f.db.prepare("SELECT COUNT(*) FROM job_events WHERE job_id NOT IN (SELECT id FROM deployment_jobs)").scalar_int() == 0);
}
