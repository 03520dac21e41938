#pragma once
// The emulated object store's changed objects. Every bucket/key exists at generation 0 until the
// control API deletes it or bumps its generation; only changed objects have a row.
#include <optional>
#include <string>

#include "store/database.hpp"
#include "store/records.hpp"

namespace rml::store {

class object_repo {
public:
    explicit object_repo(database& db) : db_(db) {}

    // The object's state; an object never changed reads as generation 0, present.
    object_row get(const std::string& bucket, const std::string& key) {
        auto& st = db_.prepare("SELECT generation, deleted FROM objects WHERE bucket = ?1 AND key = ?2");
        st.bind(1, bucket).bind(2, key);
        object_row out;
        if (st.step()) {
            out.generation = st.column_int(0);
            out.deleted = st.column_int(1) != 0;
        }
        st.reset();
        return out;
    }

    void put(const std::string& bucket, const std::string& key, const object_row& row) {
        db_.prepare("INSERT INTO objects (bucket, key, generation, deleted) VALUES (?1, ?2, ?3, ?4) "
                    "ON CONFLICT (bucket, key) DO UPDATE SET generation = excluded.generation, deleted = excluded.deleted")
            .bind(1, bucket).bind(2, key).bind(3, row.generation).bind(4, std::int64_t{row.deleted ? 1 : 0}).run();
    }

private:
    database& db_;
};

}  // namespace rml::store
