#pragma once
// Shared by the robot application operations: finding an application by ARN or bare name,
// reading a version's content from a request, and writing it back as JSON.
#include <optional>
#include <string>

#include "api/error.hpp"
#include "api/json_out.hpp"
#include "api/state.hpp"

namespace rml::api::ops {

// The application named by an ARN or (SEMANTICS §3 choice) by its bare name, in the caller's scope.
std::optional<store::application_row> find_application(state& st, const call& c, const std::string& ref);
api_error application_not_found(const std::string& ref);

// Fills sources, robotSoftwareSuite and environment of `v` from the request body. Every source
// needs s3Bucket and s3Key (architecture is optional); an application needs sources or an environment.
std::optional<api_error> read_version_content(const rapidjson::Value& body, store::version_row& v);

// Members shared by Create/Update/CreateVersion/Describe responses: arn, name, version, sources,
// robotSoftwareSuite, lastUpdatedAt, revisionId, environment. The caller opens and closes the object.
void write_version_content(json_out& out, const store::application_row& app, const store::version_row& v);

void write_suite(json_out& out, const std::optional<std::string>& name, const std::optional<std::string>& version);

}  // namespace rml::api::ops
