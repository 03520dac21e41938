"""Injected deployment failures (SEMANTICS §7, docs/faults.md "Tags and environment variable"):
the robot tag `emulator:fail` = CODE or CODE:STEP, the job variable EMULATOR_FAIL =
CODE[@STEP][:ROBOTNAME], and deployment fault rules (POST /_emulator/faults) reach every
DeploymentJobErrorCode, robot-level codes at their default or the given step, job-level codes by
failing the job at Preparing. Malformed specs are refused where they are given. Manual clock."""
import pytest

from conftest import make_client
from deploy_helpers import LAUNCH, advance, control, create_job, events, make_fleet, make_version, run_to_end
import model_check
from failure_helpers import (ALL_CODES, INJECTED_ONLY, JOB_LEVEL, LAUNCH_ALL, NATURAL_ROBOT, STEPS, add_fault, aborted,
                             assert_job, assert_robot)
from helpers import expect_error, make_robot

CODES = sorted(INJECTED_ONLY)
# A download condition object exists by default, so with it and LAUNCH_ALL a robot walks every step.
WALK_ALL = {"downloadConditionFile": {"bucket": "conditions", "key": "ready.txt"}}


@pytest.fixture
def srv(start_server):
    return start_server(args=["--clock", "manual"])


@pytest.fixture
def rm(srv):
    return make_client(srv.url)


def deploy(client, url, fleet, env=None, config=WALK_ALL, launch=LAUNCH_ALL, token="t"):
    """Deploys a fresh X86_64 version to the fleet and runs the job to its end; returns
    (job_arn, final DescribeDeploymentJob)."""
    app, version = make_version(client, f"nav-{token}")
    job = create_job(client, fleet, app, version, token, config=config, launch=launch, env=env)["arn"]
    return job, run_to_end(client, url, job, step=0.5)


def assert_one_failed(client, end, job, failed, ok, code, step):
    """One robot of two failed with `code` at `step`; the other deployed; 1 of 2 stays below the
    default threshold, so the job succeeded."""
    assert_job(end, "Succeeded")
    status = "NoResponse" if code == "RobotDeploymentNoResponse" else "Failed"
    assert_robot(client, end, failed, status, code, step=step, last_job=job)
    assert_robot(client, end, ok, "InSync", step="Finished", last_job=job)


def test_code_tables_are_the_models_deployment_job_error_codes():
    assert sorted(model_check.SERVICE.shape_for("DeploymentJobErrorCode").enum) == ALL_CODES


# Robot-level codes, each by all three mechanisms ----------------------------------------------------

@pytest.mark.parametrize("code", CODES)
def test_tag_fails_robot_at_its_codes_step(rm, srv, code):
    fleet, [bad, ok] = make_fleet(rm, "f", robots=2, tags={0: {"emulator:fail": code}})
    job, end = deploy(rm, srv.url, fleet)
    assert_one_failed(rm, end, job, bad, ok, code, INJECTED_ONLY[code])


@pytest.mark.parametrize("index, code", list(enumerate(CODES)))
def test_environment_variable_fails_named_robot_at_step(rm, srv, index, code):
    step = STEPS[index % len(STEPS)]
    fleet, [ok, bad] = make_fleet(rm, "f", robots=2)
    job, end = deploy(rm, srv.url, fleet, env={"EMULATOR_FAIL": f"{code}@{step}:f-r1", "MODE": "sim"})
    assert_one_failed(rm, end, job, bad, ok, code, step)


@pytest.mark.parametrize("index, code", list(enumerate(CODES)))
def test_fault_rule_fails_matching_robot(rm, srv, index, code):
    rule = {"code": code, "match": {"fleet": "yard", "robot": "cam-?"}}
    step = INJECTED_ONLY[code]
    if index % 2:  # every other rule names a step, from the end of the walk
        step = rule["step"] = STEPS[-1 - index % len(STEPS)]
    add_fault(srv.url, rule)
    fleet, [ok] = make_fleet(rm, "yard", robots=1, prefix="x")
    cam = make_robot(rm, "cam-1")["arn"]
    rm.register_robot(fleet=fleet, robot=cam)
    job, end = deploy(rm, srv.url, fleet)
    assert_one_failed(rm, end, job, cam, ok, code, step)
    [listed] = control(srv.url, "GET", "/_emulator/faults")["rules"]
    assert (listed["matches"], listed["fired"]) == (1, 1)  # x0 does not match the rule


# Codes that also arise naturally, on demand ---------------------------------------------------

@pytest.mark.parametrize("code", sorted(NATURAL_ROBOT))
def test_natural_robot_codes_on_demand(rm, srv, code):
    fleet, [ok, bad] = make_fleet(rm, "f", robots=2)
    job, end = deploy(rm, srv.url, fleet, env={"EMULATOR_FAIL": f"{code}:f-r1"})
    assert_one_failed(rm, end, job, bad, ok, code, NATURAL_ROBOT[code])


@pytest.mark.parametrize("mechanism", ["tag", "env", "rule"])
@pytest.mark.parametrize("code", JOB_LEVEL)
def test_job_level_codes_fail_the_job_at_preparing(rm, srv, code, mechanism):
    tags = {0: {"emulator:fail": code}} if mechanism == "tag" else None
    if mechanism == "rule":
        add_fault(srv.url, {"code": code, "match": {"robot": "f-r0"}})
    fleet, robots = make_fleet(rm, "f", robots=2, tags=tags)
    env = {"EMULATOR_FAIL": code} if mechanism == "env" else None
    job, end = deploy(rm, srv.url, fleet, env=env)
    assert_job(end, "Failed", code)
    assert [e["newStatus"] for e in events(srv.url, job) if e["resource"] == "job"] == \
        ["Pending", "Preparing", "Failed"]
    aborted(rm, end, robots, prior="Registered", last_job=None)


# Steps, targets and precedence ------------------------------------------------------------------

@pytest.mark.parametrize("value, step", [
    ("PreLaunchFileFailure:Launching", "Launching"),
    ("LambdaDeleted/Validating", "Validating"),
    ("BadPermissionError:ExecutingPostLaunch", "ExecutingPostLaunch"),
])
def test_tag_names_the_step_after_colon_or_slash(rm, srv, value, step):
    fleet, [bad, ok] = make_fleet(rm, "f", robots=2)
    rm.tag_resource(resourceArn=bad, tags={"emulator:fail": value})
    job, end = deploy(rm, srv.url, fleet)
    assert_one_failed(rm, end, job, bad, ok, value.replace("/", ":").split(":")[0], step)


@pytest.mark.parametrize("spec, launch, step", [
    ("PreLaunchFileFailure", LAUNCH, "Launching"),             # no preLaunchFile: the next step
    ("DownloadConditionFailed", LAUNCH_ALL, "ExecutingPreLaunch"),  # no downloadConditionFile
    ("EnvironmentSetupError@ExecutingPreLaunch", LAUNCH, "Launching"),
])
def test_step_the_robot_does_not_walk_fails_at_the_next_one(rm, srv, spec, launch, step):
    fleet, [ok, bad] = make_fleet(rm, "f", robots=2)
    job, end = deploy(rm, srv.url, fleet, env={"EMULATOR_FAIL": spec + ":f-r1"}, config=None, launch=launch)
    assert_one_failed(rm, end, job, bad, ok, spec.split("@")[0], step)


def test_environment_variable_without_robot_fails_every_robot(rm, srv):
    fleet, robots = make_fleet(rm, "f", robots=2)
    job, end = deploy(rm, srv.url, fleet, env={"EMULATOR_FAIL": "GreengrassDeploymentFailed"})
    assert_job(end, "Failed", "FailureThresholdBreached")  # 2 of 2: the default threshold
    for r in robots:
        assert_robot(rm, end, r, "Failed", "GreengrassDeploymentFailed", step="Launching", last_job=job)


def test_environment_variable_for_another_robot_changes_nothing(rm, srv):
    fleet, robots = make_fleet(rm, "f", robots=2)
    make_robot(rm, "elsewhere")
    job, end = deploy(rm, srv.url, fleet, env={"EMULATOR_FAIL": "LambdaDeleted:elsewhere"})
    assert_job(end, "Succeeded")
    for r in robots:
        assert_robot(rm, end, r, "InSync", step="Finished", last_job=job)


def test_tag_beats_environment_variable_beats_fault_rule(rm, srv):
    add_fault(srv.url, {"code": "LambdaDeleted"})
    fleet, robots = make_fleet(rm, "f", robots=3, tags={0: {"emulator:fail": "RobotAgentConnectionTimeout"}})
    job, end = deploy(rm, srv.url, fleet, env={"EMULATOR_FAIL": "ExtractingBundleFailure@DownloadingExtracting"})
    assert_job(end, "Failed", "FailureThresholdBreached")
    assert_robot(rm, end, robots[0], "Failed", "RobotAgentConnectionTimeout", step="Validating", last_job=job)
    for r in robots[1:]:
        assert_robot(rm, end, r, "Failed", "ExtractingBundleFailure", step="DownloadingExtracting", last_job=job)
    [rule] = control(srv.url, "GET", "/_emulator/faults")["rules"]
    assert (rule["matches"], rule["fired"]) == (0, 0)  # never consulted: tag and variable decided

    # Without the variable, the untagged robots fall to the rule.
    job, end = deploy(rm, srv.url, fleet, token="again")
    assert_robot(rm, end, robots[0], "Failed", "RobotAgentConnectionTimeout", step="Validating", last_job=job)
    for r in robots[1:]:
        assert_robot(rm, end, r, "Failed", "LambdaDeleted", step="Launching", last_job=job)


def test_tag_counts_when_the_job_leaves_preparing(rm, srv):
    fleet, [robot] = make_fleet(rm, "f", robots=1)
    app, version = make_version(rm, "nav")
    job = create_job(rm, fleet, app, version, "t")["arn"]
    advance(srv.url, 1.0)  # InProgress: the robot's failure was decided without the tag
    rm.tag_resource(resourceArn=robot, tags={"emulator:fail": "LambdaDeleted"})
    end = run_to_end(rm, srv.url, job)
    assert_job(end, "Succeeded")
    assert_robot(rm, end, robot, "InSync", step="Finished", last_job=job)

    job = create_job(rm, fleet, app, version, "t2")["arn"]  # tag present before Preparing ends
    end = run_to_end(rm, srv.url, job)
    assert_job(end, "Failed", "FailureThresholdBreached")
    assert_robot(rm, end, robot, "Failed", "LambdaDeleted", step="Launching", last_job=job)


# Malformed specs are refused --------------------------------------------------------------------

BAD_TAGS = ["PreLaunchFileFailure@Launching",  # '@' fails the model's TagValue pattern
            "NoSuchCode", "PreLaunchFileFailure:Bogus", "PreLaunchFileFailure:Finished", ""]


@pytest.mark.parametrize("value", BAD_TAGS)
def test_bad_fail_tag_is_refused(rm, value):
    robot = make_robot(rm, "r")["arn"]
    expect_error("InvalidParameterException", rm.tag_resource, resourceArn=robot,
                 tags={"emulator:fail": value, "team": "a"})
    assert rm.list_tags_for_resource(resourceArn=robot)["tags"] == {}
    expect_error("InvalidParameterException", make_robot, rm, "r2", tags={"emulator:fail": value})
    assert [r["name"] for r in rm.list_robots()["robots"]] == ["r"]


@pytest.mark.parametrize("value", ["NoSuchCode", "LambdaDeleted@Bogus", "LambdaDeleted@Finished", "LambdaDeleted:",
                                   "NoSuchCode:f-r0", "lambdadeleted"])
def test_bad_emulator_fail_variable_is_refused(rm, srv, value):
    fleet, _ = make_fleet(rm, "f", robots=1)
    app, version = make_version(rm, "nav")
    message = expect_error("InvalidParameterException", create_job, rm, fleet, app, version, "t",
                           env={"EMULATOR_FAIL": value})
    assert "EMULATOR_FAIL" in message
    assert rm.list_deployment_jobs()["deploymentJobs"] == []
    assert create_job(rm, fleet, app, version, "t2")["status"] == "Pending"
