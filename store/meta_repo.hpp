#pragma once
// Small key/value settings that must survive restarts (e.g. the pagination token secret).
#include <optional>
#include <string>

#include "store/database.hpp"

namespace rml::store {

class meta_repo {
public:
    explicit meta_repo(database& db) : db_(db) {}

    std::optional<std::string> get(const std::string& key) {
        auto& st = db_.prepare("SELECT value FROM meta WHERE key = ?1");
        st.bind(1, key);
        if (!st.step()) return std::nullopt;
        auto v = st.column_text(0);
        st.reset();
        return v;
    }

    void set(const std::string& key, const std::string& value) {
        db_.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(1, key).bind(2, value).run();
    }

private:
    database& db_;
};

}  // namespace rml::store
