// The scenario's job actions: random deployment jobs (configs, injected failures, download
// conditions), create retries, sync jobs, cancels and the 90-day expiry.
#include "random_scenario.hpp"

#include <algorithm>
#include <stdexcept>

namespace rml::test::random_engine {

std::string scenario::describe_status(const job_model& j) {
    return ok("DescribeDeploymentJob", R"({"job":)" + quoted(j.arn) + "}")["status"].GetString();
}

// The fleet's job that is still active, if any.
bool scenario::fleet_busy(int fleet) {
    for (const auto& j : w_.jobs) {
        if (j.fleet == fleet && active(describe_status(j))) return true;
    }
    return false;
}

void scenario::create_job() {
    int fleet = between(0, static_cast<int>(w_.fleets.size()) - 1);
    job_model j;
    j.fleet = fleet;
    std::string version = versions_.empty() || chance(0.03) ? "999" : any_of(versions_);
    std::string launch = R"({"packageName":"nav","launchFile":"nav.launch")";
    if ((j.pre = chance(0.4))) launch += R"(,"preLaunchFile":"pre.sh")";
    if ((j.post = chance(0.4))) launch += R"(,"postLaunchFile":"post.sh")";
    bool bad_request = false;
    std::string env;
    if (chance(0.15)) {
        injected spec{chance(0.05) ? any_of(codes(true)) : any_of(codes(false)), std::nullopt, std::nullopt};
        std::string value = spec.code;
        if (chance(0.4)) value += "@" + *(spec.step = any_of(robot_steps));
        if (chance(0.5)) {
            const auto& members = w_.fleets[fleet].robots;
            spec.robot_name = members.empty() || chance(0.1) ? "ghost" : w_.robots[any_of(members)].name;
            value += ":" + *spec.robot_name;
        }
        if (chance(0.03)) {
            value = "NotACode", bad_request = true;
        } else {
            j.env = spec;
        }
        env = R"("EMULATOR_FAIL":)" + quoted(value);
    }
    if (chance(0.1)) env += std::string(env.empty() ? "" : ",") + R"("MODE":"sim")";
    if (!env.empty()) launch += R"(,"environmentVariables":{)" + env + "}";
    launch += "}";

    std::string config;
    if (chance(0.85)) {
        std::vector<std::string> members;
        if (chance(0.7)) {
            j.concurrency = chance(0.5) ? between(1, 30) : between(1, 100);
            members.push_back(R"("concurrentDeploymentPercentage":)" + std::to_string(j.concurrency));
        }
        if (chance(0.7)) {
            j.threshold = chance(0.5) ? between(1, 30) : between(1, 100);
            members.push_back(R"("failureThresholdPercentage":)" + std::to_string(j.threshold));
        }
        if (chance(0.7)) {
            std::int64_t t = chance(0.8) ? between64(60, 1800) : between64(60, 604800);
            if (chance(0.02)) t = chance(0.5) ? 59 : 604801, bad_request = true;
            members.push_back(R"("robotDeploymentTimeoutInSeconds":)" + std::to_string(t));
        }
        if ((j.dc = chance(0.25))) {
            std::string file = R"("downloadConditionFile":{"bucket":"rml-bucket","key":"cond.sh")";
            int kind = between(0, 4);
            if (kind >= 2) {
                j.dc_etag_given = true;
                j.dc_wrong_etag = kind == 4;
                file += R"(,"etag":)" + quoted(j.dc_wrong_etag ? std::string("0123456789abcdef0123456789abcdef")
                                                              : rml::api::control::etag_for(bucket, dc_key, w_.dc_generation));
            }
            members.push_back(file + "}");
            j.dc_present_at_create = w_.dc_present;
            j.dc_deletes_at_create = w_.dc_deletes;
            j.dc_touches_at_create = w_.dc_touches;
        }
        for (std::size_t i = 0; i < members.size(); ++i) config += (i ? "," : "") + members[i];
        config = R"(,"deploymentConfig":{)" + config + "}";
    }
    std::string body = R"({"fleet":)" + quoted(w_.fleets[fleet].arn) + R"(,"clientRequestToken":)" + quoted(token()) +
                       R"(,"deploymentApplicationConfigs":[{"application":)" + quoted(app_arn_) +
                       R"(,"applicationVersion":)" + quoted(version) + R"(,"launchConfig":)" + launch + "}]" +
                       config + "}";

    std::string want;
    bool has_version = std::find(versions_.begin(), versions_.end(), version) != versions_.end();
    if (bad_request) {
        want = "InvalidParameterException";
    } else if (w_.fleets[fleet].deleted || app_deleted_ || !has_version) {
        want = "ResourceNotFoundException";
    } else if (w_.fleets[fleet].robots.empty()) {
        want = "InvalidParameterException";
    } else if (fleet_busy(fleet)) {
        want = "ConcurrentDeploymentException";
    }
    auto r = expect("CreateDeploymentJob", body, want);
    if (!r) return;
    auto d = parse_json(r.value());
    j.arn = d["arn"].GetString();
    j.created_ms = now();
    if (std::string(d["status"].GetString()) != "Pending" || json_whole_ms(d, "createdAt") != whole_ms(now())) {
        throw std::runtime_error("CreateDeploymentJob answered " + r.value());
    }
    note("  job " + j.arn.substr(j.arn.rfind('/') + 1) + " on " + w_.fleets[fleet].name + ": " + body);
    w_.jobs.push_back(j);
    last_create_ = body;
    last_create_arn_ = j.arn;
}

void scenario::retry_create() {  // the same token and parameters: the same job
    if (last_create_.empty()) return;
    auto d = ok("CreateDeploymentJob", last_create_);
    note("CreateDeploymentJob retry");
    if (d["arn"].GetString() != last_create_arn_) throw std::runtime_error("a retried create made another job");
}

void scenario::sync_job() {
    int fleet = between(0, static_cast<int>(w_.fleets.size()) - 1);
    const job_model* good = nullptr;
    for (const auto& j : w_.jobs) {
        if (j.fleet == fleet && describe_status(j) == "Succeeded") good = &j;
    }
    std::string want = w_.fleets[fleet].deleted ? "ResourceNotFoundException"
                       : !good                   ? "InvalidParameterException"
                       : fleet_busy(fleet)       ? "ConcurrentDeploymentException"
                                                 : "";
    auto r = expect("SyncDeploymentJob", R"({"fleet":)" + quoted(w_.fleets[fleet].arn) +
                                             R"(,"clientRequestToken":)" + quoted(token()) + "}",
                    want);
    if (!r) return;
    job_model j;
    j.fleet = fleet;
    j.sync = true;
    j.concurrency = good->concurrency, j.threshold = good->threshold;
    j.pre = good->pre, j.post = good->post, j.env = good->env;
    j.dc = good->dc, j.dc_wrong_etag = good->dc_wrong_etag, j.dc_etag_given = good->dc_etag_given;
    j.dc_present_at_create = w_.dc_present;
    j.dc_deletes_at_create = w_.dc_deletes;
    // The copied etag was right for the generation of its original job's time.
    j.dc_touches_at_create = good->dc_touches_at_create;
    j.arn = parse_json(r.value())["arn"].GetString();
    j.created_ms = now();
    note("  sync job " + j.arn.substr(j.arn.rfind('/') + 1) + " of " + good->arn.substr(good->arn.rfind('/') + 1));
    w_.jobs.push_back(j);
}

void scenario::cancel() {
    if (w_.jobs.empty()) return;
    auto& j = w_.jobs[static_cast<std::size_t>(between(0, static_cast<int>(w_.jobs.size()) - 1))];
    auto s = describe_status(j);
    bool is_active = active(s);
    expect("CancelDeploymentJob", R"({"job":)" + quoted(j.arn) + "}",
           s == "Succeeded" || s == "Failed" ? "InvalidParameterException" : "");
    if (is_active) j.cancel_requested = true;
    check();
}

// Jobs are deleted 90 days after creation (SEMANTICS §6).
void scenario::expire_all() {
    advance_clock(*f_, 91 * day_ms);
    note("advance 91 days");
    for (const auto& j : w_.jobs) {
        expect("DescribeDeploymentJob", R"({"job":)" + quoted(j.arn) + "}", "ResourceNotFoundException");
    }
    if (ok("ListDeploymentJobs", "{}")["deploymentJobs"].Size() != 0) throw std::runtime_error("expired jobs listed");
    ++cov_.outcomes["expired"];
}

}  // namespace rml::test::random_engine
