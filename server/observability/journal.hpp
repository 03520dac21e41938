#pragma once
// The request journal (GET /_emulator/requests, DESIGN §2): the most recent service operations
// with what the client sent and what it got, so a test can assert what its code under test did.
// Control-API calls are not journaled.
//
// A ring of at most `capacity` entries (--journal-size; 0 disables it). Slots are reused: once the
// ring is full, a new entry overwrites the oldest in place, so recording a request allocates
// nothing in the steady state (strings keep their capacity). The body is stored as raw text and
// parsed only when the journal is read. Bodies over max_stored_body bytes keep their first
// raw_body_limit bytes only, and the bodies held stay under body_budget bytes in total (the
// oldest entries go first). A read answers at most answer_budget bytes (newest entries first,
// then "truncated": true), so one read cannot stall the other clients for long.
// Owned by the io_context thread.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "api/error.hpp"
#include "server/observability/utf8_text.hpp"  // sanitize_utf8, for the journal's users

namespace rml::server::observability {

// One API call as dispatch hands it over; the views need to live only during add().
struct journal_record {
    std::int64_t wall_ms = 0;
    std::int64_t sim_ms = 0;
    std::string_view request_id;
    std::string_view operation;  // must outlive the journal: api::operation::name
    std::string_view account;
    std::string_view region;
    std::string_view body;
    std::string_view resource_arn;  // tag operations: the decoded ARN of the path
    std::span<const std::pair<std::string, std::string>> query;  // its tagKeys values are kept
    int http_status = 200;
    std::string_view error_code;  // empty on success
    std::string_view access_key_id;  // of the Authorization credential; empty without one
    std::string_view auth_verdict;   // "ok", "unverified" (--auth none) or the signature error code
    double latency_ms = 0;
};

struct journal_filter {
    std::optional<std::string> operation;
    std::optional<std::string> account;
    std::optional<std::string> region;
    std::optional<int> status;
    std::size_t limit = 100;
};

class journal {
public:
    static constexpr std::size_t max_stored_body = 64 * 1024;
    static constexpr std::size_t raw_body_limit = 4 * 1024;
    static constexpr std::size_t default_body_budget = 64 * 1024 * 1024;
    static constexpr std::size_t default_answer_budget = 4 * 1024 * 1024;

    explicit journal(std::size_t capacity, std::size_t body_budget = default_body_budget,
                     std::size_t answer_budget = default_answer_budget);

    bool enabled() const { return capacity_ > 0; }
    std::size_t capacity() const { return capacity_; }
    std::size_t size() const { return count_; }
    std::size_t body_bytes() const { return body_bytes_; }  // always <= the body budget

    void add(const journal_record& r);
    // Drops the entries of one account and/or region (an empty string matches any); both empty
    // drops everything. Keeps the order of the rest.
    void clear(std::string_view account, std::string_view region);

    // {"requests":[...]}: matching entries, newest first, at most f.limit of them and at most
    // answer_budget bytes in all; when that bound left matching entries out, "truncated": true.
    std::string to_json(const journal_filter& f) const;

private:
    struct entry {
        std::int64_t wall_ms = 0;
        std::int64_t sim_ms = 0;
        std::string request_id;
        std::string_view operation;
        std::string account;
        std::string region;
        std::string body;  // as sent, or its first raw_body_limit bytes when body_size > max_stored_body
        std::size_t body_size = 0;
        std::string resource_arn;
        std::vector<std::string> tag_keys;
        int http_status = 200;
        std::string error_code;
        std::string access_key_id, auth_verdict;
        double latency_ms = 0;
    };

    using json_writer = rapidjson::Writer<rapidjson::StringBuffer>;
    static void write_entry(json_writer& w, const entry& e);
    const entry& at(std::size_t i) const { return slots_[(head_ + i) % capacity_]; }  // 0 = oldest
    void drop_oldest(bool release);

    std::size_t capacity_;
    std::size_t body_budget_;
    std::size_t answer_budget_;
    std::vector<entry> slots_;  // grows to capacity_, then reused
    std::size_t head_ = 0;      // the oldest entry
    std::size_t count_ = 0;
    std::size_t body_bytes_ = 0;
};

// The query of GET /_emulator/requests: operation, account, region, status (an HTTP status code)
// and limit (1 or more; default 100; values over the ring size are capped to it). Anything else,
// or a bad value, is an InvalidParameterException.
api::result<journal_filter> parse_journal_query(std::span<const std::pair<std::string, std::string>> query,
                                                std::size_t capacity);

}  // namespace rml::server::observability
