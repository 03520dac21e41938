#include "server/observability/observability.hpp"

#include <rapidjson/document.h>

#include "store/stats_repo.hpp"

namespace rml::server::observability {

api::result<std::string> journal_answer(app_state& app, const transport::route& r) {
    auto filter = parse_journal_query(r.query, app.journal.capacity());
    if (!filter) return filter.error();
    return app.journal.to_json(filter.value());
}

api::result<std::string> metrics_answer(app_state& app) {
    store::stats_repo stats(app.service.shared_state().db);
    metrics::gauges g;
    g.jobs_by_status = stats.jobs_by_status();
    g.robots_by_status = stats.robots_by_status();
    g.waiters = app.waiters.count();
    g.journal_entries = app.journal.size();
    g.journal_body_bytes = app.journal.body_bytes();
    g.log_lines_dropped = app.log.dropped_total();
    return app.metrics.render(g);
}

void clear_journal_for_reset(app_state& app, std::string_view reset_body) {
    std::string account, region;
    rapidjson::Document doc;
    if (!reset_body.empty()) doc.Parse(reset_body.data(), reset_body.size());
    if (!reset_body.empty() && !doc.HasParseError() && doc.IsObject()) {
        if (auto it = doc.FindMember("account"); it != doc.MemberEnd() && it->value.IsString()) {
            account = it->value.GetString();
        }
        if (auto it = doc.FindMember("region"); it != doc.MemberEnd() && it->value.IsString()) {
            region = it->value.GetString();
        }
    }
    app.journal.clear(account, region);
}

}  // namespace rml::server::observability
