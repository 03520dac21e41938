#include "api/control/objects.hpp"

#include <openssl/evp.h>
#include <rapidjson/document.h>

#include "api/hex.hpp"
#include "api/input.hpp"
#include "api/json_out.hpp"
#include "api/message_quote.hpp"
#include "api/json_body.hpp"
#include "store/object_repo.hpp"
#include "store/transaction.hpp"

namespace rml::api::control {

std::string etag_for(std::string_view bucket, std::string_view key, std::int64_t generation) {
    std::string text = std::string(bucket) + "/" + std::string(key) + "#" + std::to_string(generation);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(text.data(), text.size(), md, &len, EVP_md5(), nullptr);
    return to_hex(md, len);
}

std::optional<std::string> object_etag(state& st, const std::string& bucket, const std::string& key) {
    auto obj = store::object_repo(st.db).get(bucket, key);
    if (obj.deleted) return std::nullopt;
    return etag_for(bucket, key, obj.generation);
}

result<std::string> describe_object(state& st, const std::string& bucket, const std::string& key) {
    if (bucket.empty() || key.empty()) return invalid_parameter("'bucket' and 'key' are required.");
    auto obj = store::object_repo(st.db).get(bucket, key);
    json_out out;
    out.begin_object().field("bucket", bucket).field("key", key);
    out.key("exists").boolean(!obj.deleted);
    out.field("generation", obj.generation);
    if (!obj.deleted) out.field("etag", etag_for(bucket, key, obj.generation));
    out.end_object();
    return out.take();
}

result<std::string> change_object(state& st, std::string_view body) {
    auto parsed = parse_json_object(body);
    if (!parsed) return parsed.error();
    const auto& doc = parsed.value();
    auto bucket = opt_string(doc, "bucket").value_or("");
    auto key = opt_string(doc, "key").value_or("");
    auto action = opt_string(doc, "action").value_or("");
    if (bucket.empty()) return invalid_parameter("'bucket' is required (a non-empty string).");
    if (key.empty()) return invalid_parameter("'key' is required (a non-empty string).");

    store::object_repo objects(st.db);
    store::transaction tx(st.db);
    auto obj = objects.get(bucket, key);
    if (action == "delete") {
        obj.deleted = true;
    } else if (action == "restore") {
        obj.deleted = false;
    } else if (action == "touch") {
        obj.deleted = false;
        ++obj.generation;
    } else {
        return invalid_parameter("'action' must be one of delete, restore, touch; got '" + quote_for_message(action) + "'.");
    }
    objects.put(bucket, key, obj);
    tx.commit();
    return describe_object(st, bucket, key);
}

}  // namespace rml::api::control
