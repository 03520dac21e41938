#include "api/control/job_barrier.hpp"

#include <array>

#include <rapidjson/document.h>

#include "api/engine/engine.hpp"
#include "api/input.hpp"
#include "api/json_body.hpp"
#include "api/json_out.hpp"
#include "api/message_quote.hpp"
#include "store/transaction.hpp"

namespace rml::api::control {
namespace {

constexpr std::array<std::string_view, 3> holdable = {"Pending", "Preparing", "InProgress"};

// Position of an active status in the lifecycle; terminal statuses come after all of them.
std::size_t rank(std::string_view status) {
    for (std::size_t i = 0; i < holdable.size(); ++i) {
        if (holdable[i] == status) return i;
    }
    return holdable.size();
}

std::string barrier_state(const store::job_row& job) {
    json_out out;
    out.begin_object().field("job", job.arn).field("status", job.status);
    out.field("holdStatus", job.hold_status).key("held").boolean(job.held).end_object();
    return out.take();
}

}  // namespace

result<std::string> hold_job(state& st, const std::string& job_ref, std::string_view body) {
    auto doc = parse_json_object(body);
    if (!doc) return doc.error();
    auto status = opt_string(doc.value(), "status");
    if (!status || rank(*status) == holdable.size()) {
        return invalid_parameter("Body must be {\"status\": S} with S one of Pending, Preparing, InProgress.");
    }
    engine::catch_up(st);
    store::transaction tx(st.db);
    auto job = st.jobs.find_by_ref(job_ref);
    if (!job) return not_found("Deployment job '" + quote_for_message(job_ref) + "' does not exist.");
    if (rank(job->status) > rank(*status)) {
        return invalid_parameter("Deployment job '" + job->arn + "' is already " + job->status + ", past " + *status +
                                 "; it cannot be held there.");
    }
    engine::set_hold(st, *job, *status, st.clock.now_ms());
    tx.commit();
    return barrier_state(*job);
}

result<std::string> release_job(state& st, const std::string& job_ref) {
    engine::catch_up(st);
    store::transaction tx(st.db);
    auto job = st.jobs.find_by_ref(job_ref);
    if (!job) return not_found("Deployment job '" + quote_for_message(job_ref) + "' does not exist.");
    engine::release_hold(st, *job, st.clock.now_ms());
    tx.commit();
    return barrier_state(*job);
}

}  // namespace rml::api::control
