#include "api/ops/application_common.hpp"

#include "api/input.hpp"
#include "api/message_quote.hpp"

namespace rml::api::ops {

std::optional<store::application_row> find_application(state& st, const call& c, const std::string& ref) {
    if (ref.rfind("arn:", 0) == 0) return st.applications.find_by_arn(c.scope, ref);
    return st.applications.find_by_name(c.scope, ref);
}

api_error application_not_found(const std::string& ref) {
    return not_found("Robot application '" + quote_for_message(ref) + "' does not exist.");
}

std::optional<api_error> read_version_content(const rapidjson::Value& body, store::version_row& v) {
    v.sources.clear();
    auto sources = body.FindMember("sources");
    if (sources != body.MemberEnd() && sources->value.IsArray()) {
        int n = 0;
        for (const auto& s : sources->value.GetArray()) {
            ++n;
            std::string path = "sources." + std::to_string(n) + ".member.";
            store::source_row src;
            src.bucket = opt_string(s, "s3Bucket").value_or("");
            src.key = opt_string(s, "s3Key").value_or("");
            src.architecture = opt_string(s, "architecture");
            // architecture is optional (the model's SourceConfig): echoed only when given; a robot
            // whose architecture no source has fails its deployment (SEMANTICS §5, §7).
            for (auto [field, missing] : {std::pair{"s3Bucket", src.bucket.empty()}, std::pair{"s3Key", src.key.empty()}}) {
                if (missing) {
                    return invalid_parameter("1 validation error detected: Value null at '" + path + field +
                                             "' failed to satisfy constraint: Member must not be null");
                }
            }
            v.sources.push_back(std::move(src));
        }
    }
    v.suite_name.reset();
    v.suite_version.reset();
    auto suite = body.FindMember("robotSoftwareSuite");
    if (suite != body.MemberEnd() && suite->value.IsObject()) {
        v.suite_name = opt_string(suite->value, "name");
        v.suite_version = opt_string(suite->value, "version");
    }
    v.environment_uri.reset();
    auto env = body.FindMember("environment");
    if (env != body.MemberEnd() && env->value.IsObject()) v.environment_uri = opt_string(env->value, "uri");
    if (v.sources.empty() && !v.environment_uri) {
        return invalid_parameter("A robot application needs 'sources' (one per architecture) or an 'environment'.");
    }
    return std::nullopt;
}

void write_suite(json_out& out, const std::optional<std::string>& name, const std::optional<std::string>& version) {
    if (!name && !version) return;
    out.key("robotSoftwareSuite").begin_object().field("name", name).field("version", version).end_object();
}

void write_version_content(json_out& out, const store::application_row& app, const store::version_row& v) {
    out.field("arn", app.arn).field("name", app.name).field("version", v.version);
    out.begin_array("sources");
    for (const auto& s : v.sources) {
        out.begin_object()
            .field("s3Bucket", s.bucket)
            .field("s3Key", s.key)
            .field("etag", s.etag)
            .field("architecture", s.architecture)
            .end_object();
    }
    out.end_array();
    write_suite(out, v.suite_name, v.suite_version);
    out.timestamp("lastUpdatedAt", v.updated_ms).field("revisionId", v.revision_id);
    if (v.environment_uri) out.key("environment").begin_object().field("uri", v.environment_uri).end_object();
}

}  // namespace rml::api::ops
