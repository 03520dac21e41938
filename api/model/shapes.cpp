#include "api/model/shapes.hpp"

#include <map>
#include <string>

namespace rml::api::model {
namespace {

// All shapes live in one object built on first use; members point into it, so it never moves.
struct catalog {
    shape arn = string_shape(1, 1224, "arn:.*");
    shape name = string_shape(1, 255, "[a-zA-Z0-9_\\-]*");
    shape id = string_shape(1, 1224, ".*");
    shape architecture = enum_shape({"X86_64", "ARM64", "ARMHF"});
    shape tag_key = string_shape(1, 128, "[a-zA-Z0-9 _.\\-\\/+=:]*");
    shape tag_value = string_shape(0, 256, "[a-zA-Z0-9 _.\\-\\/+=:]*");
    shape tag_map = map_shape(tag_key, tag_value, 0, 50);
    shape pagination_token = string_shape(1, 2048, "[a-zA-Z0-9_.\\-\\/+=]*");
    shape max_results = integer_shape();
    shape filter_values = list_shape(name, 1, 1);
    shape filter = structure_shape({{"name", &name}, {"values", &filter_values}});
    shape filters = list_shape(filter, 1, 1);

    std::map<std::string, shape, std::less<>> inputs;

    catalog() {
        inputs["CreateFleet"] = structure_shape({{"name", &name, true}, {"tags", &tag_map}});
        inputs["DeleteFleet"] = structure_shape({{"fleet", &arn, true}});
        inputs["DescribeFleet"] = structure_shape({{"fleet", &arn, true}});
        inputs["ListFleets"] = list_input();
        inputs["RegisterRobot"] = structure_shape({{"fleet", &arn, true}, {"robot", &arn, true}});
        inputs["DeregisterRobot"] = structure_shape({{"fleet", &arn, true}, {"robot", &arn, true}});
        inputs["CreateRobot"] = structure_shape({{"name", &name, true},
                                                 {"architecture", &architecture, true},
                                                 {"greengrassGroupId", &id, true},
                                                 {"tags", &tag_map}});
        inputs["DeleteRobot"] = structure_shape({{"robot", &arn, true}});
        inputs["DescribeRobot"] = structure_shape({{"robot", &arn, true}});
        inputs["ListRobots"] = list_input();
    }

    shape list_input() {
        return structure_shape({{"nextToken", &pagination_token}, {"maxResults", &max_results}, {"filters", &filters}});
    }
};

const catalog& shapes() {
    static const catalog c;
    return c;
}

}  // namespace

const shape* input_shape(std::string_view operation) {
    const auto& in = shapes().inputs;
    auto it = in.find(operation);
    return it == in.end() ? nullptr : &it->second;
}

}  // namespace rml::api::model
