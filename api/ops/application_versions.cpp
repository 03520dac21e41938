// CreateRobotApplicationVersion: snapshots $LATEST as the next numbered version (SEMANTICS §5).
#include "api/ops/application_common.hpp"
#include "api/ops/applications.hpp"
#include "api/input.hpp"
#include "api/control/objects.hpp"
#include "api/message_quote.hpp"

namespace rml::api::ops {

result<std::string> create_robot_application_version(state& st, const call& c) {
    auto ref = req_string(c.body, "application");
    auto app = find_application(st, c, ref);
    if (!app) return application_not_found(ref);
    auto v = st.applications.find_version(app->arn, "$LATEST");
    if (!v) return internal_error("Robot application '" + quote_for_message(ref) + "' has no $LATEST version.");
    if (auto rev = opt_string(c.body, "currentRevisionId"); rev && *rev != v->revision_id) {
        return invalid_parameter("currentRevisionId '" + quote_for_message(*rev) + "' is not the latest revision of '" + quote_for_message(ref) +
                                 "' (it is '" + v->revision_id + "').");
    }

    // Each source gets the etag its object has now; a deleted object cannot be snapshotted.
    std::vector<std::string> etags;
    for (auto& src : v->sources) {
        auto etag = control::object_etag(st, src.bucket, src.key);
        if (!etag) {
            return invalid_parameter("Source object s3://" + src.bucket + "/" + src.key + " does not exist.");
        }
        src.etag = *etag;
        etags.push_back(*etag);
    }
    auto given = c.body.FindMember("s3Etags");
    if (given != c.body.MemberEnd() && given->value.IsArray()) {
        std::vector<std::string> expected;
        for (const auto& e : given->value.GetArray()) expected.emplace_back(e.GetString(), e.GetStringLength());
        if (expected != etags) {
            return invalid_parameter("s3Etags do not match the current etags of the sources of '" + quote_for_message(ref) + "'.");
        }
    }
    if (st.applications.count_versions(app->arn) >= st.config.limits.versions_per_application) {
        return limit_exceeded("Robot application '" + quote_for_message(ref) + "' already has " +
                              std::to_string(st.config.limits.versions_per_application) + " versions, the most allowed.");
    }

    v->version = std::to_string(st.applications.take_version_number(app->arn));
    v->image_digest = opt_string(c.body, "imageDigest");
    v->revision_id = st.ids.next();
    v->updated_ms = st.clock.now_ms();
    st.applications.insert_version(*v);

    json_out out;
    out.begin_object();
    write_version_content(out, *app, *v);
    out.end_object();
    return out.take();
}

}  // namespace rml::api::ops
