#include "api/service.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "api/model/shapes.hpp"
#include "api/model/validate.hpp"
#include "api/operations.hpp"
#include "store/transaction.hpp"

namespace rml::api {

result<std::string> service::handle(const api_request& req) {
    const operation* op = find_operation(req.operation);
    if (!op) return unknown_operation("Operation '" + std::string(req.operation) + "' is not emulated.");
    if (!op->run) {
        return not_implemented("Operation " + std::string(op->name) + " is not implemented yet by robomaker-local.");
    }

    rapidjson::Document body;
    std::string_view text = req.body.empty() ? std::string_view("{}") : req.body;
    body.Parse(text.data(), text.size());
    if (body.HasParseError()) {
        return invalid_parameter(std::string("Request body is not valid JSON: ") +
                                 rapidjson::GetParseError_En(body.GetParseError()) + " at offset " +
                                 std::to_string(body.GetErrorOffset()));
    }
    if (!body.IsObject()) return invalid_parameter("Request body must be a JSON object.");

    if (const auto* shape = model::input_shape(op->name)) {
        auto problems = model::violations(*shape, body);
        if (!problems.empty()) return model::validation_error(problems);
    }

    call c{req.scope, body, op->name};
    if (!op->writes) return op->run(st_, c);
    store::transaction tx(st_.db);
    auto res = op->run(st_, c);
    if (res.ok()) tx.commit();
    return res;
}

}  // namespace rml::api
