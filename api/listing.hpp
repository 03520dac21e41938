#pragma once
// The shared part of every List* operation: maxResults, nextToken and filters (SEMANTICS §4).
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "api/error.hpp"
#include "api/state.hpp"
#include "store/records.hpp"

namespace rml::api {

struct list_params {
    int limit = 0;
    // The id of the last row of the page before (0: the first page). Oldest-first listings go on
    // with the ids above it, newest-first ones (ListRobots, ListDeploymentJobs) with those below.
    std::int64_t last_id = 0;
    std::string filter_name;  // empty: no filter
    store::filter_values filter_values;
};

// maxResults must lie in 1..max_results (default max_results); nextToken must come from this
// operation; a filter's name must be one of filter_names.
result<list_params> parse_list(const state& st, const call& c, int max_results,
                               std::initializer_list<std::string_view> filter_names);

// Writes "nextToken" when the page has more rows after last_id.
std::string next_token(const state& st, const call& c, bool more, std::int64_t last_id);

}  // namespace rml::api
