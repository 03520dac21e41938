#pragma once
// Control-API answers for observability (DESIGN §2, docs/observability.md): the request journal
// (GET /_emulator/requests) and Prometheus metrics (GET /_emulator/metrics).
#include <string>
#include <string_view>

#include "api/error.hpp"
#include "server/app_state.hpp"
#include "server/transport/router.hpp"

namespace rml::server::observability {

inline constexpr std::string_view metrics_content_type = "text/plain; version=0.0.4; charset=utf-8";

// GET /_emulator/requests?operation=&account=&region=&status=&limit=
api::result<std::string> journal_answer(app_state& app, const transport::route& r);

// GET /_emulator/metrics: counters from app.metrics, gauges read from the database now.
api::result<std::string> metrics_answer(app_state& app);

}  // namespace rml::server::observability
