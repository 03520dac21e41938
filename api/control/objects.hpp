#pragma once
// The emulated object store (SEMANTICS §7): every s3Bucket/s3Key exists with a stable etag, the
// md5 hex of "bucket/key#generation", generation 0 until changed through the control API.
#include <optional>
#include <string>
#include <string_view>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api::control {

// The object's current etag, or nullopt when it was deleted.
std::optional<std::string> object_etag(state& st, const std::string& bucket, const std::string& key);

std::string etag_for(std::string_view bucket, std::string_view key, std::int64_t generation);

// Control API: {"bucket","key","action":"delete"|"restore"|"touch"} changes an object (touch = new
// generation, hence a new etag, and present again); returns the object's new state as JSON.
result<std::string> change_object(state& st, std::string_view body);
// Control API: the state of one object.
result<std::string> describe_object(state& st, const std::string& bucket, const std::string& key);

}  // namespace rml::api::control
