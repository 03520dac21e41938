"""Every constraint of the INPUT shapes of the implemented operations, generated from the botocore
model by model_cases.py (no hand-picked subset): a request that breaks exactly one constraint
→ HTTP 400 InvalidParameterException whose message names the member (the top-level one and the
nearest named one) and the kind of constraint, and nothing changes (SEMANTICS §2).

The base request of each operation is built from the model too (model_cases.valid_value); only the
values that must be real are overridden: ARNs of existing resources, the application's current
revision and etags, known filter names, no nextToken. A constraint is checked before any existence
check, so a rejected request fails the same way whatever the ARNs point to. Cases are enumerated
at collection with placeholder ARNs and rebuilt per test from the real base (same ids).

The converse is checked too: a value exactly at each limit (and every enum value) is no violation.
IMPLEMENTED lists the operations the server has today; a newly implemented one is added there with
its overrides, and its constraints then follow from the model.

Deployment jobs: for the five deployment operations the world's server runs on the manual clock,
so its two jobs stay as they are (one Succeeded on fleet-1, so that Create and Sync on fleet-1 are
accepted; one Pending on fleet-2, so that Cancel is). The robot timeout's 60..604800 s range is a SEMANTICS rule the model lacks
(model_cases.RANGE_OVERRIDES): its cases must name the member and the broken bound.

Bindings: the tag operations carry resourceArn in the URI and tagKeys in the query; boto3
(parameter_validation=False) binds them, raw_http.render does the same for raw cases. A missing or
empty resourceArn is an empty URI label (`/tags/`), which the rest-json binding never routes to an
operation (labels are not empty): SEMANTICS §1, UnknownOperationException (HTTP 404) naming the
method and path. The application member of four operations also accepts a bare name (SEMANTICS §3,
model_cases.PATTERN_OVERRIDES)."""
import re

import pytest
from botocore.validate import ParamValidator
from botocore import xform_name

import raw_http
from conftest import make_client
from helpers import expect_error, make_robot, strip
from deploy_helpers import advance
from model_cases import REMOVE, SERVICE, cases_for, check_request, limit_cases_for, valid_value

IMPLEMENTED = ["CreateFleet", "DeleteFleet", "DescribeFleet", "ListFleets", "RegisterRobot",
               "DeregisterRobot", "CreateRobot", "DeleteRobot", "DescribeRobot", "ListRobots",
               "CreateRobotApplication", "CreateRobotApplicationVersion", "DescribeRobotApplication",
               "UpdateRobotApplication", "ListRobotApplications", "DeleteRobotApplication",
               "TagResource", "UntagResource", "ListTagsForResource",
               "CreateDeploymentJob", "DescribeDeploymentJob", "ListDeploymentJobs", "CancelDeploymentJob",
               "SyncDeploymentJob"]


def deployment_application_configs(app):
    """The model's valid DeploymentApplicationConfigs (every optional member filled in), aimed at
    version 1 of `app`."""
    configs = valid_value(SERVICE.shape_for("DeploymentApplicationConfigs"))
    configs[0].update(application=app, applicationVersion="1")
    return configs


def overrides(arns):
    fleet, robot1, robot2 = arns["fleet"], arns["robot1"], arns["robot2"]
    app, revision, etags = arns["app"], arns["revision"], arns["etags"]
    return {
        "CreateFleet": {"name": "fleet-new"},
        "DeleteFleet": {"fleet": fleet},
        "DescribeFleet": {"fleet": fleet},
        "ListFleets": {"nextToken": REMOVE, "maxResults": 10,
                       "filters": [{"name": "name", "values": ["fleet-1"]}]},
        "RegisterRobot": {"fleet": fleet, "robot": robot1},
        "DeregisterRobot": {"fleet": fleet, "robot": robot2},
        "CreateRobot": {"name": "robot-new"},
        "DeleteRobot": {"robot": robot1},
        "DescribeRobot": {"robot": robot1},
        "ListRobots": {"nextToken": REMOVE, "maxResults": 10,
                       "filters": [{"name": "status", "values": ["Available"]}]},
        "CreateRobotApplication": {"name": "app-new"},
        # the real revision and etags of app-1's $LATEST (its one source: bucket aaa, key a)
        "CreateRobotApplicationVersion": {"application": app, "currentRevisionId": revision, "s3Etags": etags},
        "DescribeRobotApplication": {"application": app, "applicationVersion": "1"},
        "UpdateRobotApplication": {"application": app, "currentRevisionId": revision},
        "ListRobotApplications": {"nextToken": REMOVE, "maxResults": 10,
                                  "filters": [{"name": "name", "values": ["app-1"]}]},
        "DeleteRobotApplication": {"application": app, "applicationVersion": "1"},
        # robot-1 has no tags, so even the 50 tags of the at-max-size case fit its quota
        "TagResource": {"resourceArn": robot1},
        "UntagResource": {"resourceArn": fleet},
        "ListTagsForResource": {"resourceArn": app},
        # fleet-1's only job Succeeded: a new job (or a sync) may start there
        "CreateDeploymentJob": {"fleet": fleet, "deploymentApplicationConfigs": deployment_application_configs(app)},
        "DescribeDeploymentJob": {"job": arns.get("job1")},
        "ListDeploymentJobs": {"nextToken": REMOVE, "maxResults": 10,
                               "filters": [{"name": "status", "values": ["Succeeded"]}]},
        "CancelDeploymentJob": {"job": arns.get("job2")},   # Pending
        "SyncDeploymentJob": {"fleet": fleet},
    }


def base_request(operation, arns):
    request = valid_value(SERVICE.operation_model(operation).input_shape)
    for name, value in overrides(arns)[operation].items():
        if value is REMOVE:
            request.pop(name, None)
        else:
            request[name] = value
    return request


PLACEHOLDER = {"fleet": "arn:aws:robomaker:us-east-1:123456789012:deployment-fleet/fleet-1/1700000000000",
               "robot1": "arn:aws:robomaker:us-east-1:123456789012:robot/robot-1/1700000000000",
               "robot2": "arn:aws:robomaker:us-east-1:123456789012:robot/robot-2/1700000000000",
               "app": "arn:aws:robomaker:us-east-1:123456789012:robot-application/app-1/1700000000000",
               "revision": "00000000-0000-0000-0000-000000000000", "etags": ["0" * 32],
               "job1": "arn:aws:robomaker:us-east-1:123456789012:deployment-job/deployment-000000000001",
               "job2": "arn:aws:robomaker:us-east-1:123456789012:deployment-job/deployment-000000000002"}
CASE_IDS = [c.id for op in IMPLEMENTED for c in cases_for(op, base_request(op, PLACEHOLDER))]
LIMIT_IDS = [c.id for op in IMPLEMENTED for c in limit_cases_for(op, base_request(op, PLACEHOLDER))]
assert len(CASE_IDS) == len(set(CASE_IDS)) and len(LIMIT_IDS) == len(set(LIMIT_IDS)), "ids must be unique"


DEPLOYMENT_OPERATIONS = {"CreateDeploymentJob", "DescribeDeploymentJob", "ListDeploymentJobs", "CancelDeploymentJob",
                         "SyncDeploymentJob"}


@pytest.fixture
def world(server, request):
    """fleet-1 (tags a, keep) with robot-2 registered; robot-1 Available, untagged; app-1 (one
    source, an environment, tag t) with version 1. For the deployment operations also (to keep the
    other tests fast, only for them), on the manual clock: job-1 (tag j) Succeeded on fleet-1 and
    job-2 Pending on fleet-2 (robot-3). Returns (client, arns)."""
    params = request.node.callspec.params
    operation = params.get("operation") or params["case_id"].split(".", 1)[0]
    client = make_client(server.url, validate=False)
    fleet = client.create_fleet(name="fleet-1", tags={"a": "x", "keep": "y"})["arn"]
    robot1 = make_robot(client, "robot-1")["arn"]
    robot2 = make_robot(client, "robot-2", tags={"r": "2"})["arn"]
    client.register_robot(fleet=fleet, robot=robot2)
    app = client.create_robot_application(
        name="app-1", sources=[{"s3Bucket": "aaa", "s3Key": "a", "architecture": "X86_64"}],
        robotSoftwareSuite={"name": "ROS", "version": "Kinetic"}, environment={"uri": "a"},
        tags={"t": "1"})
    version = client.create_robot_application_version(application=app["arn"])
    arns = {"fleet": fleet, "robot1": robot1, "robot2": robot2, "app": app["arn"], "revision": app["revisionId"],
            "etags": [src["etag"] for src in version["sources"]]}
    if operation in DEPLOYMENT_OPERATIONS:
        resp = raw_http.send(server.url, "POST", "/_emulator/clock", {"mode": "manual"})
        assert resp.status == 200, resp.body
        launch = {"packageName": "nav", "launchFile": "nav.launch"}
        configs = [{"application": app["arn"], "applicationVersion": "1", "launchConfig": launch}]
        arns["job1"] = client.create_deployment_job(clientRequestToken="job-1", fleet=fleet, tags={"j": "1"},
                                                    deploymentApplicationConfigs=configs)["arn"]
        advance(server.url, 30)
        assert client.describe_deployment_job(job=arns["job1"])["status"] == "Succeeded"
        fleet2 = client.create_fleet(name="fleet-2")["arn"]
        robot3 = make_robot(client, "robot-3")["arn"]
        client.register_robot(fleet=fleet2, robot=robot3)
        arns["job2"] = client.create_deployment_job(clientRequestToken="job-2", fleet=fleet2,
                                                    deploymentApplicationConfigs=configs)["arn"]
    return client, arns


def state(client, arns):
    """Everything a request could change: fleets, robots, applications and versions, deployment
    jobs, all tags."""
    return (client.list_fleets()["fleetDetails"], client.list_robots()["robots"],
            strip(client.describe_fleet(fleet=arns["fleet"])),
            client.list_robot_applications(versionQualifier="ALL")["robotApplicationSummaries"],
            strip(client.describe_robot_application(application=arns["app"])),
            strip(client.describe_robot_application(application=arns["app"], applicationVersion="1")),
            client.list_deployment_jobs()["deploymentJobs"],
            [client.list_tags_for_resource(resourceArn=arns[k])["tags"]
             for k in ("fleet", "robot1", "robot2", "app", "job1", "job2") if k in arns])


# What the message says about the broken constraint, in AWS's wording (SEMANTICS §2 example):
# "Member must have length ...", "... regular expression pattern", "... enum value set",
# "Value null at 'x' ... must not be null", "Member must be of type ...".
CONSTRAINT_WORD = {"required": "null", "min-length": "length", "max-length": "length",
                   "min-size": "length", "max-size": "length", "pattern": "pattern", "enum": "enum",
                   "min-value": "value", "max-value": "value", "type": "type"}


def names_member(message, name):
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", message) is not None


@pytest.mark.parametrize("operation", IMPLEMENTED)
def test_base_request_is_valid_and_accepted(world, server, operation):
    _, arns = world
    request = base_request(operation, arns)
    assert check_request(operation, request) == []
    strict = make_client(server.url)   # botocore's own validator accepts it too
    getattr(strict, xform_name(operation))(**request)


def test_every_operation_has_cases():
    for op in IMPLEMENTED:
        assert any(i.startswith(op + ".") for i in CASE_IDS), op


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_constraint_violation_is_rejected(world, server, case_id):
    client, arns = world
    operation = case_id.split(".", 1)[0]
    case = {c.id: c for c in cases_for(operation, base_request(operation, arns))}[case_id]
    request = case.apply(base_request(operation, arns))
    shape = SERVICE.operation_model(operation).input_shape
    # The generated request really breaks the model (checked independently of the server).
    assert check_request(operation, request), f"not a violation: {request!r}"
    if case.kind in ("required", "min-length", "min-size", "type") and not case.raw:
        assert ParamValidator().validate(request, shape).has_errors()
    before = state(client, arns)

    if case.empty_label:
        method, path, _ = raw_http.render(operation, request)
        resp = raw_http.call(server.url, operation, request)
        assert (resp.status, resp.error_type) == (404, "UnknownOperationException"), (resp.status, resp.body)
        message = resp.json()["message"]
        assert method in message and path.split("?")[0] in message, message
    else:
        if case.raw:
            resp = raw_http.call(server.url, operation, request)
            assert resp.status == 400, (resp.status, resp.body)
            assert resp.error_type == "InvalidParameterException", (resp.headers, resp.body)
            message = resp.json()["message"]
        else:
            message = expect_error("InvalidParameterException", getattr(client, xform_name(operation)), **request)
        for name in case.names:
            assert names_member(message, name), f"message does not name {name!r}: {message!r}"
        if case.rule == "semantics":   # a SEMANTICS range: the message gives the bound that was broken
            bound = case.value + 1 if case.kind == "min-value" else case.value - 1
            assert re.search(rf"(?<!\d){bound}(?!\d)", message), f"message does not name the bound {bound}: {message!r}"
        else:
            assert CONSTRAINT_WORD[case.kind] in message, \
                f"message does not name the {case.kind} constraint: {message!r}"
    assert state(client, arns) == before, "a rejected request changed something"


def leaf_shape(operation, path):
    """The shape of the value a Case path leads to."""
    shape = SERVICE.operation_model(operation).input_shape
    for step, arg in path:
        shape = {"m": lambda: shape.members[arg], "i": lambda: shape.member, "v": lambda: shape.value,
                 "k": lambda: shape.key}[step]()
    return shape


@pytest.mark.parametrize("case_id", LIMIT_IDS)
def test_value_at_the_limit_is_not_a_violation(world, server, case_id):
    """A value exactly at a limit (or any enum value) is valid: the server may still refuse it for
    what it means (an ARN, bare application name or version number of nothing →
    ResourceNotFoundException; a well-formed but forged nextToken, an unknown filter name or a
    revision that is not the latest → InvalidParameterException), never as a constraint violation."""
    _, arns = world
    operation = case_id.split(".", 1)[0]
    case = {c.id: c for c in limit_cases_for(operation, base_request(operation, arns))}[case_id]
    request = case.apply(base_request(operation, arns))
    assert check_request(operation, request) == [], "generated value is not valid"
    resp = raw_http.call(server.url, operation, request)
    member = [arg for step, arg in case.path if step == "m"]
    if (leaf_shape(operation, case.path).name == "Arn"
            or SERVICE.operation_model(operation).input_shape.members[member[0]].name == "Arn"
            or member[-1] == "applicationVersion"):
        allowed = "ResourceNotFoundException"          # a well-formed ARN, name or version of nothing
    elif (member[0] == "nextToken" or member[-1] == "name" and member[0] == "filters"
          or member == ["currentRevisionId"]):
        allowed = "InvalidParameterException"          # a forged token, an unknown filter name, a stale revision
    else:
        allowed = None
    if resp.status != 200 or allowed is not None:
        assert (resp.status, resp.error_type) == (400, allowed), (resp.status, resp.body)
        message = resp.json()["message"]
        assert "failed to satisfy constraint" not in message and "validation error" not in message, message
