#pragma once
// Plain rows as the repositories read and write them. Times are simulated epoch milliseconds.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rml::store {

// Every resource lives in one (account, region).
struct scope {
    std::string account;
    std::string region;
};

struct fleet_row {
    std::int64_t id = 0;
    std::string arn;
    std::string name;
    std::int64_t created_ms = 0;
};

struct robot_row {
    std::int64_t id = 0;
    std::string arn;
    std::string name;
    std::string architecture;
    std::string greengrass_group_id;
    std::int64_t created_ms = 0;
    std::optional<std::string> fleet_arn;
    std::string status;
    std::optional<std::string> last_deployment_job;
    std::optional<std::int64_t> last_deployment_ms;
};

// One page of a keyset-paginated listing: rows with id > after_id, oldest first.
// more is true when rows beyond this page exist.
template <typename Row>
struct page {
    std::vector<Row> rows;
    bool more = false;
};

// Exact-match filter values, ORed; empty means no filter. At most max_filter_values.
using filter_values = std::vector<std::string>;
constexpr std::size_t max_filter_values = 3;

}  // namespace rml::store
