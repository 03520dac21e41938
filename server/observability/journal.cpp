#include "server/observability/journal.hpp"

#include "server/observability/utf8_text.hpp"

#include "api/json_body.hpp"

#include <algorithm>
#include <charconv>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace rml::server::observability {
namespace {

void write_string(rapidjson::Writer<rapidjson::StringBuffer>& w, std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

bool is_tag_operation(std::string_view op) {
    return op == "TagResource" || op == "UntagResource" || op == "ListTagsForResource";
}

}  // namespace

journal::journal(std::size_t capacity, std::size_t body_budget, std::size_t answer_budget)
    : capacity_(capacity), body_budget_(body_budget), answer_budget_(answer_budget) {
    slots_.reserve(capacity_);  // address space only until the slots are used
}

void journal::drop_oldest(bool release) {
    entry& e = slots_[head_];
    body_bytes_ -= e.body.size();
    if (release) std::string().swap(e.body);
    head_ = (head_ + 1) % capacity_;
    --count_;
}

void journal::add(const journal_record& r) {
    if (capacity_ == 0) return;
    std::string_view body = r.body.size() > max_stored_body ? utf8_prefix(r.body, raw_body_limit) : r.body;
    while (count_ > 0 && body_bytes_ + body.size() > body_budget_) drop_oldest(true);
    if (count_ == capacity_) drop_oldest(false);
    std::size_t idx = (head_ + count_) % capacity_;
    if (idx == slots_.size()) slots_.emplace_back();
    entry& e = slots_[idx];
    e.wall_ms = r.wall_ms;
    e.sim_ms = r.sim_ms;
    e.request_id.assign(r.request_id);
    e.operation = r.operation;
    e.account.assign(r.account);
    e.region.assign(r.region);
    // A slot that once held a big body gives its memory back rather than keep it for small ones.
    if (e.body.capacity() > 16 * 1024 && body.size() < 4 * 1024) std::string().swap(e.body);
    e.body.assign(body);
    e.body_size = r.body.size();
    e.resource_arn.assign(r.resource_arn);
    e.tag_keys.clear();
    for (const auto& [k, v] : r.query) {
        if (k == "tagKeys") e.tag_keys.push_back(v);
    }
    e.http_status = r.http_status;
    e.error_code.assign(r.error_code);
    e.access_key_id.assign(r.access_key_id);
    e.auth_verdict.assign(r.auth_verdict);
    e.latency_ms = r.latency_ms;
    body_bytes_ += e.body.size();
    ++count_;
}

void journal::clear(std::string_view account, std::string_view region) {
    std::vector<entry> kept;
    kept.reserve(capacity_);
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < count_; ++i) {
        entry& e = slots_[(head_ + i) % capacity_];
        bool match = (account.empty() || e.account == account) && (region.empty() || e.region == region);
        if (match) continue;
        bytes += e.body.size();
        kept.push_back(std::move(e));
    }
    slots_ = std::move(kept);
    head_ = 0;
    count_ = slots_.size();
    body_bytes_ = bytes;
}

void journal::write_entry(json_writer& w, const entry& e) {
    w.StartObject();
    w.Key("time"); w.Double(static_cast<double>(e.wall_ms) / 1000.0);
    w.Key("simulatedTime"); w.Double(static_cast<double>(e.sim_ms) / 1000.0);
    w.Key("requestId"); write_string(w, e.request_id);
    w.Key("operation"); write_string(w, e.operation);
    w.Key("account"); write_string(w, e.account);
    w.Key("region"); write_string(w, e.region);
    w.Key("parameters");
    bool parsed = false;
    if (e.body_size <= max_stored_body) {
        // the same parser as the service: a body it refused (too deep, not UTF-8) is shown raw
        auto body_doc = api::parse_json_body(e.body);
        if (body_doc) {
            auto& doc = body_doc.value();
            parsed = true;
            if (doc.IsObject() && is_tag_operation(e.operation)) {
                auto& alloc = doc.GetAllocator();
                if (!e.resource_arn.empty()) {
                    doc.RemoveMember("resourceArn");
                    doc.AddMember("resourceArn", rapidjson::Value(e.resource_arn.c_str(), alloc), alloc);
                }
                if (e.operation == "UntagResource") {
                    rapidjson::Value keys(rapidjson::kArrayType);
                    for (const auto& k : e.tag_keys) keys.PushBack(rapidjson::Value(k.c_str(), alloc), alloc);
                    doc.RemoveMember("tagKeys");
                    doc.AddMember("tagKeys", keys, alloc);
                }
            }
            doc.Accept(w);
        }
    }
    if (!parsed) {
        w.Null();
        w.Key("rawBody"); write_string(w, sanitize_utf8(utf8_prefix(e.body, raw_body_limit)));
        w.Key("bodyBytes"); w.Uint64(e.body_size);
    }
    w.Key("httpStatus"); w.Int(e.http_status);
    if (!e.access_key_id.empty()) {
        w.Key("accessKeyId"); write_string(w, e.access_key_id);
    }
    if (!e.auth_verdict.empty()) {
        w.Key("authVerdict"); write_string(w, e.auth_verdict);
    }
    if (!e.error_code.empty()) {
        w.Key("errorCode"); write_string(w, e.error_code);
    }
    w.Key("latencyMs"); w.Double(static_cast<double>(static_cast<std::int64_t>(e.latency_ms * 1000)) / 1000.0);
    w.EndObject();
}

std::string journal::to_json(const journal_filter& f) const {
    rapidjson::StringBuffer b;
    json_writer w(b);
    w.StartObject();
    w.Key("requests");
    w.StartArray();
    std::size_t written = 0;
    bool truncated = false;
    rapidjson::StringBuffer one;
    for (std::size_t i = count_; i-- > 0 && written < f.limit;) {
        const entry& e = at(i);
        if (f.operation && e.operation != *f.operation) continue;
        if (f.account && e.account != *f.account) continue;
        if (f.region && e.region != *f.region) continue;
        if (f.status && e.http_status != *f.status) continue;
        one.Clear();
        json_writer ow(one);
        write_entry(ow, e);
        // The whole answer, its comma and its closing `],"truncated":true}` included, fits the budget.
        constexpr std::size_t closing = std::string_view(R"(],"truncated":true})").size() + 1;
        if (b.GetSize() + one.GetSize() + closing > answer_budget_) {
            truncated = true;
            break;
        }
        w.RawValue(one.GetString(), one.GetSize(), rapidjson::kObjectType);
        ++written;
    }
    w.EndArray();
    if (truncated) {
        w.Key("truncated");
        w.Bool(true);
    }
    w.EndObject();
    return std::string(b.GetString(), b.GetSize());
}

api::result<journal_filter> parse_journal_query(std::span<const std::pair<std::string, std::string>> query,
                                                std::size_t capacity) {
    journal_filter f;
    auto to_int = [](const std::string& v, std::int64_t& n) {
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        return ec == std::errc() && p == v.data() + v.size();
    };
    for (const auto& [k, v] : query) {
        if (k == "operation") {
            f.operation = v;
        } else if (k == "account") {
            f.account = v;
        } else if (k == "region") {
            f.region = v;
        } else if (k == "status") {
            std::int64_t n = 0;
            if (!to_int(v, n) || n < 100 || n > 599) {
                return api::invalid_parameter("'status' must be an HTTP status code (100 to 599); got '" + v + "'.");
            }
            f.status = static_cast<int>(n);
        } else if (k == "limit") {
            std::int64_t n = 0;
            if (!to_int(v, n) || n < 1) {
                return api::invalid_parameter("'limit' must be a positive integer; got '" + v + "'.");
            }
            f.limit = static_cast<std::size_t>(n);
        } else {
            return api::invalid_parameter("Unknown query parameter '" + k +
                                          "'; expected operation, account, region, status or limit.");
        }
    }
    if (capacity > 0) f.limit = std::min(f.limit, capacity);
    return f;
}

}  // namespace rml::server::observability
