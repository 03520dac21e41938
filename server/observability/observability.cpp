#include "server/observability/observability.hpp"

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

}  // namespace rml::server::observability
