#include "api/ops/applications.hpp"

#include "api/ops/application_common.hpp"
#include "api/arn.hpp"
#include "api/input.hpp"
#include "api/listing.hpp"
#include "api/ops/tag_rules.hpp"
#include "api/message_quote.hpp"

namespace rml::api::ops {
namespace {

constexpr int max_application_page = 100;
constexpr const char* latest = "$LATEST";

}  // namespace

result<std::string> create_robot_application(state& st, const call& c) {
    store::application_row app;
    app.name = req_string(c.body, "name");
    store::version_row v;
    if (auto err = read_version_content(c.body, v)) return *err;
    auto tags = tags_of(c.body);
    if (auto err = check_new_tags(st, {}, tags)) return *err;
    if (st.applications.find_by_name(c.scope, app.name)) {
        return already_exists("Robot application with name '" + app.name + "' already exists.");
    }
    if (st.applications.count(c.scope) >= st.config.limits.robot_applications) {
        return quota_reached(st.config.limits.robot_applications, "robot applications");
    }
    assign_arn(app, c.scope, "robot-application", st.clock.now_ms(),
               [&](auto& a) { return st.applications.arn_exists(a); });
    st.applications.insert(c.scope, app);
    v.application_arn = app.arn;
    v.version = latest;
    v.revision_id = st.ids.next();
    v.updated_ms = app.created_ms;
    st.applications.insert_version(v);
    st.tags.put(app.arn, tags);

    json_out out;
    out.begin_object();
    write_version_content(out, app, v);
    out.tags("tags", tags);  // {} when none were given, as AWS's example shows (SEMANTICS §5)
    out.end_object();
    return out.take();
}

result<std::string> describe_robot_application(state& st, const call& c) {
    auto ref = req_string(c.body, "application");
    auto app = find_application(st, c, ref);
    if (!app) return application_not_found(ref);
    auto version = opt_string(c.body, "applicationVersion").value_or(latest);
    auto v = st.applications.find_version(app->arn, version);
    if (!v) return not_found("Version '" + quote_for_message(version) + "' of robot application '" + quote_for_message(ref) + "' does not exist.");
    json_out out;
    out.begin_object();
    write_version_content(out, *app, *v);
    out.tags("tags", st.tags.get(app->arn));
    out.field("imageDigest", v->image_digest);
    out.end_object();
    return out.take();
}

result<std::string> update_robot_application(state& st, const call& c) {
    auto ref = req_string(c.body, "application");
    auto app = find_application(st, c, ref);
    if (!app) return application_not_found(ref);
    auto v = st.applications.find_version(app->arn, latest);
    if (!v) return internal_error("Robot application '" + quote_for_message(ref) + "' has no $LATEST version.");
    if (auto rev = opt_string(c.body, "currentRevisionId"); rev && *rev != v->revision_id) {
        return invalid_parameter("currentRevisionId '" + quote_for_message(*rev) + "' is not the latest revision of '" + quote_for_message(ref) +
                                 "' (it is '" + v->revision_id + "').");
    }
    if (auto err = read_version_content(c.body, *v)) return *err;
    v->revision_id = st.ids.next();
    v->updated_ms = st.clock.now_ms();
    st.applications.update_version(*v);

    json_out out;
    out.begin_object();
    write_version_content(out, *app, *v);
    out.end_object();
    return out.take();
}

result<std::string> list_robot_applications(state& st, const call& c) {
    auto params = parse_list(st, c, max_application_page, {"name"});
    if (!params) return params.error();
    const auto& p = params.value();
    bool all = opt_string(c.body, "versionQualifier").has_value();  // the model allows only "ALL"
    auto page = st.applications.list(c.scope, p.last_id, p.limit, p.filter_values, all);
    json_out out;
    out.begin_object().begin_array("robotApplicationSummaries");
    for (const auto& a : page.rows) {
        out.begin_object().field("name", a.name).field("arn", a.arn).field("version", a.version);
        out.timestamp("lastUpdatedAt", a.updated_ms);
        write_suite(out, a.suite_name, a.suite_version);
        out.end_object();
    }
    out.end_array();
    if (page.more) out.field("nextToken", next_token(st, c, true, page.rows.back().id));
    out.end_object();
    return out.take();
}

result<std::string> delete_robot_application(state& st, const call& c) {
    auto ref = req_string(c.body, "application");
    auto app = find_application(st, c, ref);
    if (!app) return application_not_found(ref);
    if (auto version = opt_string(c.body, "applicationVersion")) {
        if (*version == latest) {
            return invalid_parameter("Version $LATEST cannot be deleted on its own; delete the application instead.");
        }
        if (!st.applications.remove_version(app->arn, *version)) {
            return not_found("Version '" + quote_for_message(*version) + "' of robot application '" + quote_for_message(ref) + "' does not exist.");
        }
        return std::string("{}");
    }
    st.applications.remove(app->arn);
    st.tags.remove_all(app->arn);
    return std::string("{}");
}

}  // namespace rml::api::ops
