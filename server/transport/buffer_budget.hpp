#pragma once
// A budget for request bodies buffered across all connections (--max-buffered-bytes), so that
// many half-sent bodies cannot take the process's memory (SEMANTICS §10): a request whose body
// would not fit is answered 503 ServiceUnavailableException before its body is read.
//
// A body with a Content-Length reserves its whole length when its header arrives; a chunked
// body reserves as its bytes arrive. The reservation is returned when the request has been
// answered (or its connection ends). Owned by the io_context thread.
#include <cstddef>

namespace rml::server::transport {

class buffer_budget {
public:
    explicit buffer_budget(std::size_t limit) : limit_(limit) {}

    std::size_t limit() const { return limit_; }
    std::size_t used() const { return used_; }

private:
    friend class budget_reservation;
    std::size_t limit_;
    std::size_t used_ = 0;
};

// One request's share of the budget; returned on destruction.
class budget_reservation {
public:
    explicit budget_reservation(buffer_budget& b) : budget_(b) {}
    budget_reservation(const budget_reservation&) = delete;
    budget_reservation& operator=(const budget_reservation&) = delete;
    ~budget_reservation() { budget_.used_ -= held_; }

    // Makes the reservation at least `bytes`; false (and unchanged) when the budget lacks room.
    bool grow_to(std::size_t bytes) {
        if (bytes <= held_) return true;
        std::size_t more = bytes - held_;
        if (more > budget_.limit_ - budget_.used_) return false;
        budget_.used_ += more;
        held_ = bytes;
        return true;
    }

private:
    buffer_budget& budget_;
    std::size_t held_ = 0;
};

}  // namespace rml::server::transport
