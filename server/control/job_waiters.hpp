#pragma once
// Waiting for a deployment job without polling (GET /_emulator/wait, DESIGN §2). A waiter
// suspends on a timer that expires at its deadline; whenever the engine changes a job's status
// it calls notify(job ARN), which cancels the timers of that job's waiters so they wake and
// look again. Waiters of other jobs are not touched, so many waiters cost nothing while their
// job stands still. Owned by the io_context thread.
#include <chrono>
#include <list>
#include <string>
#include <unordered_map>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

namespace rml::server::control {

class job_waiters {
public:
    // An empty ARN wakes every waiter (jobs were deleted).
    void notify(const std::string& job_arn);
    // Shutdown: every waiter wakes (and, seeing the server stop, answers at once).
    void wake_all();
    // Returns when the job changes or at the deadline, whichever comes first.
    boost::asio::awaitable<void> wait_change(const std::string& job_arn,
                                             std::chrono::steady_clock::time_point deadline);
    std::size_t count() const;

private:
    std::unordered_map<std::string, std::list<boost::asio::steady_timer*>> waiting_;
};

}  // namespace rml::server::control
