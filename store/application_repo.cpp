#include "store/application_repo.hpp"

#include "store/list_query.hpp"

namespace rml::store {
namespace {

application_row read_application(statement& st) {
    return application_row{st.column_int(0), st.column_text(1), st.column_text(2), st.column_int(3)};
}

application_summary_row read_summary(statement& st) {
    application_summary_row r;
    r.id = st.column_int(0);
    r.name = st.column_text(1);
    r.arn = st.column_text(2);
    r.version = st.column_text(3);
    r.updated_ms = st.column_int(4);
    r.suite_name = st.column_optional_text(5);
    r.suite_version = st.column_optional_text(6);
    return r;
}

}  // namespace

void application_repo::insert(const scope& s, application_row& row) {
    auto& st = db_.prepare("INSERT INTO robot_applications (arn, account, region, name, created_ms) "
                           "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
    st.bind(1, row.arn).bind(2, s.account).bind(3, s.region).bind(4, row.name).bind(5, row.created_ms);
    row.id = st.scalar_int();  // RETURNING id
}

std::optional<application_row> application_repo::find_by_arn(const scope& s, const std::string& arn) {
    return db_.prepare("SELECT id, arn, name, created_ms FROM robot_applications "
                           "WHERE arn = ?1 AND account = ?2 AND region = ?3")
        .bind(1, arn).bind(2, s.account).bind(3, s.region)
        .first(read_application);
}

std::optional<application_row> application_repo::find_by_name(const scope& s, const std::string& name) {
    return db_.prepare("SELECT id, arn, name, created_ms FROM robot_applications "
                           "WHERE name = ?1 AND account = ?2 AND region = ?3")
        .bind(1, name).bind(2, s.account).bind(3, s.region)
        .first(read_application);
}

bool application_repo::arn_exists(const std::string& arn) {
    return db_.prepare("SELECT 1 FROM robot_applications WHERE arn = ?1")
        .bind(1, arn)
        .exists();
}

int application_repo::count(const scope& s) {
    return static_cast<int>(db_.prepare("SELECT COUNT(*) FROM robot_applications WHERE account = ?1 AND region = ?2")
        .bind(1, s.account).bind(2, s.region)
        .scalar_int());
}

void application_repo::remove(const std::string& arn) {
    db_.prepare("DELETE FROM robot_applications WHERE arn = ?1").bind(1, arn).run();
}

std::int64_t application_repo::take_version_number(const std::string& arn) {
    auto& st = db_.prepare("UPDATE robot_applications SET next_version = next_version + 1 WHERE arn = ?1 "
                           "RETURNING next_version - 1");
    st.bind(1, arn);
    st.step();
    auto n = st.column_int(0);
    st.reset();
    return n;
}

void application_repo::insert_sources(std::int64_t version_id, const std::vector<source_row>& sources) {
    std::int64_t position = 0;
    for (const auto& src : sources) {
        db_.prepare("INSERT INTO version_sources (version_id, position, bucket, key, architecture, etag) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .bind(1, version_id).bind(2, position++).bind(3, src.bucket).bind(4, src.key)
            .bind_optional(5, src.architecture).bind_optional(6, src.etag).run();
    }
}

void application_repo::insert_version(version_row& row) {
    auto& st = db_.prepare(
        "INSERT INTO application_versions (application_arn, version, suite_name, suite_version, environment_uri, "
        "image_digest, revision_id, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
    st.bind(1, row.application_arn).bind(2, row.version).bind_optional(3, row.suite_name)
        .bind_optional(4, row.suite_version).bind_optional(5, row.environment_uri).bind_optional(6, row.image_digest)
        .bind(7, row.revision_id).bind(8, row.updated_ms);
    row.id = st.scalar_int();  // RETURNING id
    insert_sources(row.id, row.sources);
}

void application_repo::update_version(const version_row& row) {
    db_.prepare("UPDATE application_versions SET suite_name = ?2, suite_version = ?3, environment_uri = ?4, "
                "image_digest = ?5, revision_id = ?6, updated_ms = ?7 WHERE id = ?1")
        .bind(1, row.id).bind_optional(2, row.suite_name).bind_optional(3, row.suite_version)
        .bind_optional(4, row.environment_uri).bind_optional(5, row.image_digest).bind(6, row.revision_id)
        .bind(7, row.updated_ms).run();
    db_.prepare("DELETE FROM version_sources WHERE version_id = ?1").bind(1, row.id).run();
    insert_sources(row.id, row.sources);
}

std::optional<version_row> application_repo::find_version(const std::string& arn, const std::string& version) {
    auto& st = db_.prepare("SELECT id, application_arn, version, suite_name, suite_version, environment_uri, "
                           "image_digest, revision_id, updated_ms FROM application_versions "
                           "WHERE application_arn = ?1 AND version = ?2");
    st.bind(1, arn).bind(2, version);
    if (!st.step()) return std::nullopt;
    version_row v;
    v.id = st.column_int(0);
    v.application_arn = st.column_text(1);
    v.version = st.column_text(2);
    v.suite_name = st.column_optional_text(3);
    v.suite_version = st.column_optional_text(4);
    v.environment_uri = st.column_optional_text(5);
    v.image_digest = st.column_optional_text(6);
    v.revision_id = st.column_text(7);
    v.updated_ms = st.column_int(8);
    st.reset();
    auto& src = db_.prepare("SELECT bucket, key, architecture, etag FROM version_sources WHERE version_id = ?1 "
                            "ORDER BY position");
    src.bind(1, v.id);
    while (src.step()) {
        v.sources.push_back({src.column_text(0), src.column_text(1), src.column_optional_text(2),
                             src.column_optional_text(3)});
    }
    return v;
}

bool application_repo::remove_version(const std::string& arn, const std::string& version) {
    db_.prepare("DELETE FROM application_versions WHERE application_arn = ?1 AND version = ?2")
        .bind(1, arn).bind(2, version).run();
    return db_.changes() > 0;
}

int application_repo::count_versions(const std::string& arn) {
    return static_cast<int>(db_.prepare("SELECT COUNT(*) FROM application_versions WHERE application_arn = ?1 "
                           "AND version <> '$LATEST'")
        .bind(1, arn)
        .scalar_int());
}

page<application_summary_row> application_repo::list(const scope& s, std::int64_t after_id, int limit,
                                                      const filter_values& names, bool all_versions) {
    // ?5: 1 = every version, 0 = $LATEST only; ?6: 1 = filter by name ?7..?9.
    auto& st = db_.prepare(
        "SELECT v.id, a.name, a.arn, v.version, v.updated_ms, v.suite_name, v.suite_version "
        "FROM application_versions v JOIN robot_applications a ON a.arn = v.application_arn "
        "WHERE a.account = ?1 AND a.region = ?2 AND v.id > ?3 AND (?5 = 1 OR v.version = '$LATEST') "
        "AND (?6 = 0 OR a.name IN (?7, ?8, ?9)) ORDER BY v.id LIMIT ?4");
    st.bind(1, s.account).bind(2, s.region).bind(3, after_id).bind(4, std::int64_t{limit} + 1);
    st.bind(5, std::int64_t{all_versions ? 1 : 0}).bind(6, std::int64_t{names.empty() ? 0 : 1});
    if (names.empty()) {
        bind_filter(st, 7, {""});
    } else {
        bind_filter(st, 7, names);
    }
    return collect_page<application_summary_row>(st, limit, read_summary);
}

}  // namespace rml::store
