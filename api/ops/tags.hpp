#pragma once
// Tag operations on fleets, robots, robot applications (and deployment jobs, once they exist):
// TagResource, UntagResource, ListTagsForResource. resourceArn and tagKeys arrive in the body
// (the service moves them there from the path and query string).
#include <string>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api::ops {

result<std::string> tag_resource(state& st, const call& c);
result<std::string> untag_resource(state& st, const call& c);
result<std::string> list_tags_for_resource(state& st, const call& c);

}  // namespace rml::api::ops
