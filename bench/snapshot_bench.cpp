// Snapshot benchmark, in process (no sockets): the functions behind POST /_emulator/snapshots and
// POST /_emulator/snapshots/N/restore (api/control/snapshots.hpp) on a world of 1000 robots in 20
// fleets (50 each) with 200 finished deployment jobs (10 per fleet, run to the end on a manual
// clock, so their robots and timelines are in the database too), in account 123456789012, beside a
// small second account (1 fleet, 5 robots). Measures, per database (":memory:" with snapshots in
// memory, a temporary file with snapshots in a directory beside it):
//   save            the whole state
//   restore whole   every account and region
//   restore scoped  {"account":"123456789012"}: the account holding nearly all the data (merged
//                   into the snapshot's copy, which replaces the database)
//   restore small   {"account":"222222222222"}: the small account (restored in place)
//   checkpoint      (a file) the wait, after each restore, until the WAL checkpoint that runs on
//                   a thread of its own has finished; not part of the figures above
// each --runs times; prints median and max wall ms, and the snapshot's size. Goal (issue 15):
// under 50 ms each. Informational only: no verdict.
//
//   rml-snapshot-bench [--runs N] [--db memory|file|both]
//
// Building the world (about 14k API calls and the 200 jobs) is not timed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <time.h>
#include <unistd.h>

#include <rapidjson/document.h>

#include "api/control/emulator_control.hpp"
#include "api/control/snapshots.hpp"
#include "api/engine/clock.hpp"
#include "api/service.hpp"
#include "api/state.hpp"
#include "store/database.hpp"
#include "store/snapshot_store.hpp"

namespace {

using namespace rml;
using wall = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "rml-snapshot-bench: %s\n", what.c_str());
    std::exit(1);
}

std::string arn_of(const std::string& response) {
    rapidjson::Document d;
    d.Parse(response.c_str());
    return d["arn"].GetString();
}

struct world {
    world(const std::string& db_path, const std::string& snap_dir)
        : db(db_path), st(db, clock, api::settings()), svc(st), snaps(snap_dir) {}

    std::string call(const std::string& op, const std::string& body, const char* account = "123456789012") {
        api::api_request req;
        req.operation = op;
        req.scope = {account, "us-east-1"};
        req.body = body;
        auto r = svc.handle(req);
        if (!r) die(op + " failed: " + r.error().type + ": " + r.error().message);
        return r.value();
    }

    void fleet(const std::string& name, int robots, const char* account) {
        auto f = arn_of(call("CreateFleet", R"({"name":")" + name + R"(","tags":{"bench":"yes"}})", account));
        fleets.push_back(f);
        for (int i = 0; i < robots; ++i) {
            auto r = arn_of(call("CreateRobot", R"({"name":")" + name + "-r" + std::to_string(i) +
                                                    R"(","architecture":"X86_64","greengrassGroupId":"gg"})", account));
            call("RegisterRobot", R"({"fleet":")" + f + R"(","robot":")" + r + R"("})", account);
        }
    }

    void build() {
        for (int i = 0; i < 20; ++i) fleet("fleet" + std::to_string(i), 50, "123456789012");
        fleet("other", 5, "222222222222");
        auto app = arn_of(call("CreateRobotApplication",
                               R"({"name":"nav","sources":[{"s3Bucket":"bench-bucket","s3Key":"nav.tar","architecture":"X86_64"}],)"
                               R"("robotSoftwareSuite":{"name":"ROS","version":"Melodic"}})"));
        call("CreateRobotApplicationVersion", R"({"application":")" + app + R"("})");
        for (int round = 0; round < 10; ++round) {
            for (int i = 0; i < 20; ++i) {
                call("CreateDeploymentJob",
                     R"({"fleet":")" + fleets[static_cast<std::size_t>(i)] + R"(","clientRequestToken":"t)" +
                         std::to_string(round) + "-" + std::to_string(i) + R"(","deploymentApplicationConfigs":[{"application":")" +
                         app + R"(","applicationVersion":"1","launchConfig":{"packageName":"p","launchFile":"l.launch"}}]})");
            }
            if (!api::control::change_clock(st, R"({"advanceSeconds":3600})")) die("advance failed");
        }
        auto jobs = call("ListDeploymentJobs", R"({"maxResults":200,"filters":[{"name":"status","values":["Succeeded"]}]})");
        rapidjson::Document d;
        d.Parse(jobs.c_str());
        if (d["deploymentJobs"].Size() != 200) die("expected 200 succeeded jobs, got " + std::to_string(d["deploymentJobs"].Size()));
    }

    store::database db;
    api::engine::clock clock{api::engine::clock_mode::manual, 1.0};
    api::state st;
    api::service svc;
    store::snapshot_store snaps;
    std::vector<std::string> fleets;
};

struct figures {
    std::vector<double> ms;
    void add(double v) { ms.push_back(v); }
    double median() {
        std::sort(ms.begin(), ms.end());
        return ms[ms.size() / 2];
    }
    double max() const { return *std::max_element(ms.begin(), ms.end()); }
};

// CPU time of this process, in ms: unlike wall time, not inflated when the machine is busy.
double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Runs f; adds its wall ms to `w` and its CPU ms to `c`.
template <typename F>
void timed(figures& w, figures& c, F f) {
    auto t0 = wall::now();
    double c0 = cpu_ms();
    f();
    c.add(cpu_ms() - c0);
    w.add(std::chrono::duration<double, std::milli>(wall::now() - t0).count());
}

void run(const std::string& label, const std::string& db_path, const std::string& snap_dir, int runs) {
    world w(db_path, snap_dir);
    w.build();
    figures save, whole, scoped, small, save_cpu, whole_cpu, scoped_cpu, small_cpu, settle, settle_cpu;
    std::int64_t size = 0;
    // A database file's WAL is checkpointed on a thread of its own after a restore: waited for
    // between the timed calls, and timed apart.
    auto settled = [&] { timed(settle, settle_cpu, [&] { w.db.settle_checkpoints(); }); };
    for (int i = 0; i < runs; ++i) {
        timed(save, save_cpu, [&] {
            auto r = api::control::save_snapshot(w.st, w.snaps, R"({"name":"bench"})");
            if (!r) die("save: " + r.error().message);
            rapidjson::Document d;
            d.Parse(r.value().c_str());
            size = d["sizeBytes"].GetInt64();
        });
        api::control::reset_scope scope;
        timed(whole, whole_cpu, [&] {
            if (!api::control::restore_snapshot(w.st, w.snaps, "bench", "", scope)) die("whole restore failed");
        });
        settled();
        timed(scoped, scoped_cpu, [&] {
            if (!api::control::restore_snapshot(w.st, w.snaps, "bench", R"({"account":"123456789012"})", scope)) {
                die("scoped restore failed");
            }
        });
        settled();
        timed(small, small_cpu, [&] {
            if (!api::control::restore_snapshot(w.st, w.snaps, "bench", R"({"account":"222222222222"})", scope)) {
                die("scoped restore (small account) failed");
            }
        });
        settled();
    }
    std::printf("%-7s snapshot %.1f MiB, median (max) of %d runs, wall ms | CPU ms\n", label.c_str(),
                static_cast<double>(size) / 1048576.0, runs);
    auto row = [](const char* what, figures& wl, figures& c) {
        std::printf("  %-16s %7.1f (%7.1f) | %7.1f (%7.1f)\n", what, wl.median(), wl.max(), c.median(), c.max());
    };
    row("save", save, save_cpu);
    row("restore whole", whole, whole_cpu);
    row("restore scoped", scoped, scoped_cpu);
    row("restore small", small, small_cpu);
    if (db_path != ":memory:") row("checkpoint", settle, settle_cpu);
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 10;
    bool memory = true, file = true;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--db" && i + 1 < argc) {
            std::string v = argv[++i];
            memory = v == "memory" || v == "both";
            file = v == "file" || v == "both";
        } else {
            die("usage: rml-snapshot-bench [--runs N] [--db memory|file|both]");
        }
    }
    std::printf("world: 1000 robots in 20 fleets, 200 finished jobs (account 123456789012) + 1 fleet, 5 robots "
                "(222222222222)\n");
    if (memory) run("memory", ":memory:", "", runs);
    if (file) {
        auto dir = std::filesystem::temp_directory_path() / ("rml-snapshot-bench-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        run("file", (dir / "bench.db").string(), (dir / "bench.db.snapshots").string(), runs);
        if (std::getenv("RML_BENCH_KEEP")) {
            std::printf("kept %s\n", dir.c_str());
        } else {
            std::filesystem::remove_all(dir);
        }
    }
    return 0;
}
