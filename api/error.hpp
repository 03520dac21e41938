#pragma once
// Errors are values: every api operation returns result<T>, and the server turns an api_error
// into the wire format (status, x-amzn-ErrorType, {"message"}) in exactly one place.
#include <string>
#include <utility>
#include <variant>

namespace rml::api {

struct api_error {
    std::string type;  // e.g. "InvalidParameterException"; sent as x-amzn-ErrorType
    int http_status = 400;
    std::string message;
};

inline api_error invalid_parameter(std::string msg) { return {"InvalidParameterException", 400, std::move(msg)}; }
inline api_error not_found(std::string msg) { return {"ResourceNotFoundException", 400, std::move(msg)}; }
inline api_error already_exists(std::string msg) { return {"ResourceAlreadyExistsException", 400, std::move(msg)}; }
inline api_error limit_exceeded(std::string msg) { return {"LimitExceededException", 400, std::move(msg)}; }
// A per-account-and-region quota is used up: "... already has 20 fleets in this region ...".
inline api_error quota_reached(int limit, const std::string& what) {
    return limit_exceeded("This account already has " + std::to_string(limit) + " " + what +
                          " in this region, the most allowed.");
}
inline api_error concurrent_deployment(std::string msg) {
    return {"ConcurrentDeploymentException", 400, std::move(msg)};
}
inline api_error idempotent_mismatch(std::string msg) {
    return {"IdempotentParameterMismatchException", 400, std::move(msg)};
}
inline api_error internal_error(std::string msg) { return {"InternalServerException", 500, std::move(msg)}; }
inline api_error service_unavailable(std::string msg) {
    return {"ServiceUnavailableException", 503, std::move(msg)};
}
inline api_error unknown_operation(std::string msg) { return {"UnknownOperationException", 404, std::move(msg)}; }

// A value of T or an api_error.
template <typename T>
class result {
public:
    result(T value) : v_(std::move(value)) {}
    result(api_error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<0>(v_); }
    const T& value() const { return std::get<0>(v_); }
    const api_error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, api_error> v_;
};

// For operations that succeed with nothing to return.
struct done {};

}  // namespace rml::api
