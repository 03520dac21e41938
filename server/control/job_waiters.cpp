#include "server/control/job_waiters.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace rml::server::control {
namespace asio = boost::asio;

void job_waiters::notify(const std::string& job_arn) {
    if (job_arn.empty()) {  // jobs were deleted
        wake_all();
        return;
    }
    auto it = waiting_.find(job_arn);
    if (it == waiting_.end()) return;
    for (auto* timer : it->second) timer->cancel();
}

void job_waiters::wake_all() {
    for (auto& [arn, list] : waiting_) {
        for (auto* timer : list) timer->cancel();
    }
}

asio::awaitable<void> job_waiters::wait_change(const std::string& job_arn,
                                               std::chrono::steady_clock::time_point deadline) {
    asio::steady_timer timer(co_await asio::this_coro::executor, deadline);
    auto& list = waiting_[job_arn];
    auto self = list.insert(list.end(), &timer);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    auto it = waiting_.find(job_arn);
    it->second.erase(self);
    if (it->second.empty()) waiting_.erase(it);
}

std::size_t job_waiters::count() const {
    std::size_t n = 0;
    for (const auto& [arn, list] : waiting_) n += list.size();
    return n;
}

}  // namespace rml::server::control
