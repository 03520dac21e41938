#pragma once
// Input shapes of the emulated operations, transcribed from the RoboMaker service model
// (2018-06-29). tests/integration checks them against the botocore model on the machine.
#include <string_view>

#include "api/model/shape.hpp"

namespace rml::api::model {

// The input shape of an operation, or nullptr for one without a transcribed shape.
const shape* input_shape(std::string_view operation);

}  // namespace rml::api::model
