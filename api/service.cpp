#include "api/service.hpp"

#include <rapidjson/document.h>

#include "api/control/emulator_control.hpp"
#include "api/engine/engine.hpp"
#include "api/json_body.hpp"
#include "api/message_quote.hpp"
#include "api/model/projection.hpp"
#include "api/model/shapes.hpp"
#include "api/model/validate.hpp"
#include "api/operations.hpp"
#include "api/service_phase.hpp"
#include "store/transaction.hpp"

namespace rml::api {
namespace {

// Tag operations carry resourceArn in the path and tagKeys in the query string; validation and
// handlers read them from the body like every other member.
void move_uri_members(const api_request& req, rapidjson::Document& body) {
    auto& alloc = body.GetAllocator();
    body.RemoveMember("resourceArn");
    body.AddMember("resourceArn", rapidjson::Value(req.resource_arn.c_str(), alloc), alloc);
    body.RemoveMember("tagKeys");
    if (!req.tag_keys.empty()) {
        rapidjson::Value keys(rapidjson::kArrayType);
        for (const auto& k : req.tag_keys) keys.PushBack(rapidjson::Value(k.c_str(), alloc), alloc);
        body.AddMember("tagKeys", keys, alloc);
    }
}

// The request's body, parsed and checked against the operation's input shape.
result<rapidjson::Document> validated_body(const operation& op, const api_request& req) {
    auto parsed = parse_json_object(req.body);
    if (!parsed) return parsed.error();
    rapidjson::Document& body = parsed.value();
    if (op.path == "/tags/") move_uri_members(req, body);

    if (const auto* shape = model::input_shape(op.name)) {
        model::drop_null_members(*shape, body);  // null counts as absent (docs/behaviour.md)
        auto problems = model::violations(*shape, body);
        if (!problems.empty()) return model::validation_error(problems);
    }
    return parsed;
}

}  // namespace

result<std::string> run_in_transaction(state& st, const api_request& req) {
    const operation* op = find_operation(req.operation);
    if (!op) return unknown_operation("Operation '" + quote_for_message(req.operation) + "' is not emulated.");
    auto parsed = validated_body(*op, req);
    if (!parsed) return parsed.error();
    call c{req.scope, parsed.value(), op->name};
    return op->run(st, c);
}

result<std::string> service::handle(const api_request& req) {
    const operation* op = find_operation(req.operation);
    if (!op) return unknown_operation("Operation '" + quote_for_message(req.operation) + "' is not emulated.");
    // The service phase answers before anything is read, as AWS's ended service did (SEMANTICS §9).
    if (auto refused = phase_refusal(st_.phase, op->name, req.resource_arn)) return *refused;

    auto parsed = validated_body(*op, req);
    if (!parsed) return parsed.error();
    rapidjson::Document& body = parsed.value();

    call c{req.scope, body, op->name};
    if (!op->writes) {
        engine::catch_up_for_read(st_);  // the simulated present, or the committed state if unwritable
        store::transaction snapshot(st_.db, false);  // read-only: ended by rollback
        return op->run(st_, c);
    }
    engine::catch_up(st_);  // every write sees the simulated present; store_busy: retried by the server
    store::transaction tx(st_.db);
    auto res = op->run(st_, c);
    if (res.ok()) {
        control::save_clock(st_);  // with the write: simulated time never goes back across a restart
        tx.commit();
        st_.schedule.invalidate();  // the write may have added, moved or ended due transitions
    }
    return res;
}

}  // namespace rml::api
