#pragma once
// Everything an operation needs: the database and its repositories, the clock, the settings and
// the pagination token codec. Made once in main and passed down; lives on the io_context thread.
#include <rapidjson/document.h>

#include "api/engine/clock.hpp"
#include "api/engine/faults.hpp"
#include "api/engine/plan.hpp"
#include "api/page_token.hpp"
#include "api/settings.hpp"
#include "api/uuid.hpp"
#include "store/application_repo.hpp"
#include "store/database.hpp"
#include "store/fleet_repo.hpp"
#include "store/job_repo.hpp"
#include "store/robot_repo.hpp"
#include "store/tag_repo.hpp"

namespace rml::api {

struct state {
    state(store::database& database, engine::clock& clk, settings cfg);

    store::database& db;
    engine::clock& clock;
    settings config;
    page_token tokens;
    store::fleet_repo fleets;
    store::robot_repo robots;
    store::tag_repo tags;
    store::application_repo applications;
    store::job_repo jobs;
    uuid_source ids;
    engine::fault_rules faults;
    engine::schedule schedule;
    service_phase phase;  // SEMANTICS §9: starts at config.phase, changed by the control API
};

// One validated request as an operation handler sees it.
struct call {
    const store::scope& scope;
    const rapidjson::Value& body;  // a JSON object that satisfies the operation's input shape
    std::string_view operation;
};

}  // namespace rml::api
