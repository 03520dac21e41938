#pragma once
// Tags of any resource, keyed by its ARN. Deleting a resource must delete its tags (remove_all).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace rml::store {

using tag_map = std::map<std::string, std::string>;

class tag_repo {
public:
    explicit tag_repo(database& db) : db_(db) {}

    tag_map get(const std::string& arn);
    // One tag's value, or nullopt.
    std::optional<std::string> value(const std::string& arn, const std::string& key);
    // Inserts or overwrites each key.
    void put(const std::string& arn, const tag_map& tags);
    void remove(const std::string& arn, const std::vector<std::string>& keys);
    void remove_all(const std::string& arn);

private:
    database& db_;
};

}  // namespace rml::store
