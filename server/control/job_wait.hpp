#pragma once
// GET /_emulator/wait?job=ARN&status=S&timeout=SEC (DESIGN §2): answers as soon as the job is in
// status S or any terminal status (200 with its DescribeDeploymentJob body), or when `timeout`
// wall seconds have passed (408 with the same body as of then). Without `status` it waits for a
// terminal status. Suspends on job_waiters; never polls.
#include <boost/asio/awaitable.hpp>

#include "api/error.hpp"
#include "server/app_state.hpp"
#include "server/transport/router.hpp"

namespace rml::server::control {

// Sets http_status to 200 or 408 when the result is a body.
boost::asio::awaitable<api::result<std::string>> wait_for_job(app_state& app, const transport::route& r, int& http_status);

}  // namespace rml::server::control
