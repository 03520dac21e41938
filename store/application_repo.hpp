#pragma once
// The robot_applications table and its versions (application_versions + version_sources).
// Deleting an application cascades to its versions and their sources.
#include <optional>

#include "store/database.hpp"
#include "store/records.hpp"

namespace rml::store {

class application_repo {
public:
    explicit application_repo(database& db) : db_(db) {}

    void insert(const scope& s, application_row& row);
    std::optional<application_row> find_by_arn(const scope& s, const std::string& arn);
    std::optional<application_row> find_by_name(const scope& s, const std::string& name);
    bool arn_exists(const std::string& arn);
    int count(const scope& s);
    void remove(const std::string& arn);
    // Returns the next version number and advances it (numbers are never reused).
    std::int64_t take_version_number(const std::string& arn);

    // Inserts a version with its sources; sets row.id.
    void insert_version(version_row& row);
    // Replaces the sources, suite, environment, revision and time of an existing version.
    void update_version(const version_row& row);
    std::optional<version_row> find_version(const std::string& arn, const std::string& version);
    bool remove_version(const std::string& arn, const std::string& version);
    // Numbered versions only ($LATEST not counted).
    int count_versions(const std::string& arn);

    // Summaries oldest first: $LATEST rows only, or every version when all_versions.
    page<application_summary_row> list(const scope& s, std::int64_t after_id, int limit, const filter_values& names,
                                       bool all_versions);

private:
    void insert_sources(std::int64_t version_id, const std::vector<source_row>& sources);
    database& db_;
};

}  // namespace rml::store
