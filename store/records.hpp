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
    std::optional<std::int64_t> register_seq;  // changes at every registration
};

// One page of a keyset-paginated listing: the rows after the last id of the page before, in the
// listing's order (fleets and robot applications oldest first, robots and jobs newest first).
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

namespace rml::store {

struct application_row {
    std::int64_t id = 0;
    std::string arn;
    std::string name;
    std::int64_t created_ms = 0;
};

// One source archive of an application version; etag is set on numbered versions only.
struct source_row {
    std::string bucket;
    std::string key;
    std::optional<std::string> architecture;
    std::optional<std::string> etag;
};

// "$LATEST" or a numbered snapshot ("1", "2", ...) of an application.
struct version_row {
    std::int64_t id = 0;
    std::string application_arn;
    std::string version;
    std::optional<std::string> suite_name;
    std::optional<std::string> suite_version;
    std::optional<std::string> environment_uri;
    std::optional<std::string> image_digest;
    std::string revision_id;
    std::int64_t updated_ms = 0;
    std::vector<source_row> sources;
};

// A row of ListRobotApplications: an application with one of its versions.
struct application_summary_row {
    std::int64_t id = 0;  // the version row's id, the pagination key
    std::string name;
    std::string arn;
    std::string version;
    std::int64_t updated_ms = 0;
    std::optional<std::string> suite_name;
    std::optional<std::string> suite_version;
};

// An object of the emulated object store that the control API changed. Objects without a row
// exist with generation 0.
struct object_row {
    std::int64_t generation = 0;
    bool deleted = false;
};

}  // namespace rml::store
