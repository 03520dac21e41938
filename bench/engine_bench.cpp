// Deployment engine benchmark, in process (no sockets): api::service and api::state on a
// database (":memory:" and a temporary file), one job on a 1000-robot fleet with concurrency
// 10 %, the fast preset, a manual clock advanced through the control API's change_clock (the
// code path of POST /_emulator/clock) one simulated second per step until the job ends.
//
// Reports per database: the wall time of the whole simulation, robot transitions applied per
// second (robot events of the job's timeline / simulation wall time), and the wall time of
// DescribeDeploymentJob with every robot in its summary, through service.handle so parsing,
// validation and the JSON are included (median and max of --describe-calls calls, mid-job and
// after the end). Goals (issue): the whole job in < 0.5 s; that Describe in < 5 ms.
//
//   rml-engine-bench [--robots N] [--concurrency PCT] [--step-ms MS] [--describe-calls N] [--db memory|file|both]
//
// Setup (robots, fleet, application) is not timed. Timings are informational only.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <time.h>
#include <unistd.h>

#include <rapidjson/document.h>

#include "api/control/emulator_control.hpp"
#include "api/engine/clock.hpp"
#include "api/service.hpp"
#include "api/state.hpp"
#include "store/database.hpp"

namespace {

using namespace rml;
using wall = std::chrono::steady_clock;

struct options {
    int robots = 1000;
    int concurrency = 10;
    std::int64_t step_ms = 1000;
    int describe_calls = 50;
    bool memory = true, file = true;
};

struct result {
    std::string db;
    int steps = 0;
    double sim_s = 0;
    double wall_ms = 0, cpu_ms = 0;
    std::size_t robot_events = 0;
    double median_mid_ms = 0, max_mid_ms = 0, median_end_ms = 0, max_end_ms = 0;
    std::size_t describe_bytes = 0;
    std::string status;
};

double ms_since(wall::time_point t0) {
    return std::chrono::duration<double, std::milli>(wall::now() - t0).count();
}

// CPU time of this process, in ms: unlike wall time, not inflated when the machine is busy.
double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "rml-engine-bench: %s\n", what.c_str());
    std::exit(1);
}

class bench {
public:
    bench(const std::string& path, const options& opt) : db_(path), opt_(opt), st_(db_, clock_, settings()), svc_(st_) {}

    std::string call(const std::string& op, const std::string& body) {
        api::api_request req;
        req.operation = op;
        req.scope = {"123456789012", "us-east-1"};
        req.body = body;
        auto r = svc_.handle(req);
        if (!r) die(op + " failed: " + r.error().type + ": " + r.error().message);
        return r.value();
    }

    static std::string arn_of(const std::string& response) {
        rapidjson::Document d;
        d.Parse(response.c_str());
        return d["arn"].GetString();
    }

    void setup() {
        fleet_ = arn_of(call("CreateFleet", R"({"name":"bench"})"));
        for (int i = 0; i < opt_.robots; ++i) {
            auto robot = arn_of(call("CreateRobot", R"({"name":"r)" + std::to_string(i) +
                                                        R"(","architecture":"X86_64","greengrassGroupId":"gg"})"));
            call("RegisterRobot", R"({"fleet":")" + fleet_ + R"(","robot":")" + robot + R"("})");
        }
        app_ = arn_of(call("CreateRobotApplication",
                           R"({"name":"nav","sources":[{"s3Bucket":"rml-bucket","s3Key":"nav.tar","architecture":"X86_64"}],)"
                           R"("robotSoftwareSuite":{"name":"ROS","version":"Melodic"}})"));
        call("CreateRobotApplicationVersion", R"({"application":")" + app_ + R"("})");
    }

    result run(const std::string& label) {
        result res;
        res.db = label;
        auto created = wall::now();
        double cpu_start = cpu_ms();
        double cpu_excluded = 0;  // the mid-job Describe calls
        job_ = arn_of(call("CreateDeploymentJob",
                           R"({"fleet":")" + fleet_ + R"(","clientRequestToken":"bench",)"
                           R"("deploymentConfig":{"concurrentDeploymentPercentage":)" + std::to_string(opt_.concurrency) +
                           R"(},"deploymentApplicationConfigs":[{"application":")" + app_ +
                           R"(","applicationVersion":"1","launchConfig":{"packageName":"nav","launchFile":"nav.launch"}}]})"));
        const std::string advance = R"({"advanceSeconds":)" + std::to_string(opt_.step_ms / 1000) + "." +
                                    std::to_string(1000 + opt_.step_ms % 1000).substr(1) + "}";
        std::int64_t sim_start = clock_.now_ms();
        double total_ms = ms_since(created);  // the whole job: CreateDeploymentJob, then every advance
        bool measured_mid = false;
        for (;;) {
            auto t0 = wall::now();
            auto r = api::control::change_clock(st_, advance);
            if (!r) die("change_clock: " + r.error().message);
            ++res.steps;
            res.status = status();
            total_ms += ms_since(t0);
            if (res.status == "Succeeded" || res.status == "Failed" || res.status == "Canceled") break;
            if (res.steps > 100000) die("the job did not end");
            if (!measured_mid && res.status == "InProgress" && deployed() >= opt_.robots / 2) {
                measured_mid = true;  // mid-job: robots in every state, percentDone computed
                double c0 = cpu_ms();
                describe(res.median_mid_ms, res.max_mid_ms, res.describe_bytes);
                cpu_excluded += cpu_ms() - c0;
            }
        }
        res.wall_ms = total_ms;
        res.cpu_ms = cpu_ms() - cpu_start - cpu_excluded;
        res.sim_s = static_cast<double>(clock_.now_ms() - sim_start) / 1000.0;
        std::size_t events = 0;
        for (const auto& e : st_.jobs.events(st_.jobs.find({"123456789012", "us-east-1"}, job_)->id)) {
            if (e.robot_arn) ++events;
        }
        res.robot_events = events;
        describe(res.median_end_ms, res.max_end_ms, res.describe_bytes);
        return res;
    }

private:
    static api::settings settings() {
        api::settings s;
        s.seed = 1;
        return s;
    }

    // The job's status, read the cheap way (one row), not through Describe.
    std::string status() { return st_.jobs.find({"123456789012", "us-east-1"}, job_)->status; }
    int deployed() { return st_.jobs.find({"123456789012", "us-east-1"}, job_)->next_position; }

    void describe(double& median, double& max, std::size_t& bytes) {
        std::vector<double> times;
        const std::string body = R"({"job":")" + job_ + R"("})";
        for (int i = 0; i < opt_.describe_calls; ++i) {
            auto t0 = wall::now();
            bytes = call("DescribeDeploymentJob", body).size();
            times.push_back(ms_since(t0));
        }
        std::sort(times.begin(), times.end());
        median = times[times.size() / 2];
        max = times.back();
    }

    store::database db_;
    options opt_;
    api::engine::clock clock_{api::engine::clock_mode::manual, 1.0};
    api::state st_;
    api::service svc_;
    std::string fleet_, app_, job_;
};

options parse(int argc, char** argv) {
    options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) die("missing value after " + a);
            return argv[++i];
        };
        if (a == "--robots") o.robots = std::stoi(value());
        else if (a == "--concurrency") o.concurrency = std::stoi(value());
        else if (a == "--step-ms") o.step_ms = std::stoll(value());
        else if (a == "--describe-calls") o.describe_calls = std::stoi(value());
        else if (a == "--db") {
            auto v = value();
            o.memory = v == "memory" || v == "both";
            o.file = v == "file" || v == "both";
        } else {
            die("unknown argument " + a +
                " (--robots N --concurrency PCT --step-ms MS --describe-calls N --db memory|file|both)");
        }
    }
    if (o.robots < 1 || o.robots > 1000 || o.concurrency < 1 || o.concurrency > 100 || o.step_ms < 1 ||
        o.describe_calls < 1 || (!o.memory && !o.file)) {
        die("bad arguments: robots 1-1000, concurrency 1-100, step-ms >= 1, describe-calls >= 1");
    }
    return o;
}

result run_one(const std::string& label, const std::string& path, const options& opt) {
    bench b(path, opt);
    b.setup();
    return b.run(label);
}

}  // namespace

int main(int argc, char** argv) {
    options opt = parse(argc, argv);
    std::vector<result> results;
    if (opt.memory) results.push_back(run_one(":memory:", ":memory:", opt));
    if (opt.file) {
        auto path = std::filesystem::temp_directory_path() / ("rml-engine-bench-" + std::to_string(getpid()) + ".db");
        auto remove = [&] {
            for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
        };
        remove();
        results.push_back(run_one("file (WAL)", path.string(), opt));
        remove();
    }

    std::printf("deployment engine: %d robots, concurrency %d %%, fast preset, manual clock +%lld ms per step "
                "(change_clock)\n",
                opt.robots, opt.concurrency, static_cast<long long>(opt.step_ms));
    std::printf("%-11s %6s %7s %9s %8s %8s %12s %10s %10s %10s %10s %8s\n", "database", "steps", "sim s", "wall ms",
                "cpu ms", "robot ev", "robot ev/s", "desc mid", "desc mid", "desc end", "desc end", "desc");
    std::printf("%-11s %6s %7s %9s %8s %8s %12s %10s %10s %10s %10s %8s\n", "", "", "", "(whole)", "(whole)", "",
                "(wall)", "median ms", "max ms", "median ms", "max ms", "KB");
    for (const auto& r : results) {
        std::printf("%-11s %6d %7.1f %9.1f %8.1f %8zu %12.0f %10.2f %10.2f %10.2f %10.2f %8zu  %s\n", r.db.c_str(),
                    r.steps, r.sim_s, r.wall_ms, r.cpu_ms, r.robot_events, r.robot_events / (r.wall_ms / 1000.0),
                    r.median_mid_ms, r.max_mid_ms, r.median_end_ms, r.max_end_ms, r.describe_bytes / 1024,
                    r.status.c_str());
    }
    std::printf("(describe: %d DescribeDeploymentJob calls through service.handle, %d robots in the summary; "
                "mid = once half the robots have started)\n",
                opt.describe_calls, opt.robots);
    std::printf("goals:\n");
    for (const auto& r : results) {
        std::printf("  %-11s whole job < 500 ms: %.1f ms wall (%.1f ms CPU) %s   Describe median < 5 ms: %.2f ms (mid), "
                    "%.2f ms (end) %s\n",
                    r.db.c_str(), r.wall_ms, r.cpu_ms, r.wall_ms < 500 ? "PASS" : "FAIL", r.median_mid_ms,
                    r.median_end_ms, std::max(r.median_mid_ms, r.median_end_ms) < 5 ? "PASS" : "FAIL");
    }
    return 0;
}
