"""Deployment failures from natural causes (SEMANTICS §6-§7): the codes a deployment reaches
without fault injection, and how a failure, a cancel or the failure threshold leave the job, its
robotDeploymentSummary and each robot (DescribeRobot). Injected failures are in
test_deploy_faults_injected.py.

Servers run with `--clock manual`: nothing moves until a test advances the clock. With the
default `fast` preset a job is Pending for 0.2 s and Preparing for 0.4 s; a robot then needs
about 1.2-1.9 s for its steps."""
import pytest

from app_helpers import ARM, SOURCE, etag
from conftest import make_client
from deploy_helpers import (advance, create_job, events, make_fleet, make_version, object_action,
                            run_to_end, summary_by_arn)
from failure_helpers import aborted, assert_job, assert_robot
from helpers import make_robot

DAY = 86400
OFFLINE = {"emulator:offline": "true"}


@pytest.fixture
def srv(start_server):
    return start_server(args=["--clock", "manual"])


@pytest.fixture
def rm(srv):
    return make_client(srv.url)


def advance_into(client, url, job, status):
    """Advances the clock just far enough that the job is in `status` (Pending: no advance)."""
    advance(url, {"Pending": 0, "Preparing": 0.3, "InProgress": 1.0}[status])
    assert client.describe_deployment_job(job=job)["status"] == status


def job_statuses(url, job):
    return [e["newStatus"] for e in events(url, job) if e["resource"] == "job"]


# MissingRobotApplicationArchitecture ------------------------------------------------------------

@pytest.mark.parametrize("sources, arm_result", [((SOURCE,), "Failed"), ((SOURCE, ARM), "InSync")])
def test_missing_robot_application_architecture(rm, srv, sources, arm_result):
    fleet, [x86] = make_fleet(rm, "mixed", robots=1)
    arm = make_robot(rm, "arm-0", architecture="ARM64")["arn"]
    rm.register_robot(fleet=fleet, robot=arm)
    app, version = make_version(rm, "nav", sources=sources)
    job = create_job(rm, fleet, app, version, "t")["arn"]
    end = run_to_end(rm, srv.url, job)
    assert_job(end, "Succeeded")  # at most 1 of 2 failed: below the default threshold, 100 %
    assert_robot(rm, end, x86, "InSync", step="Finished", last_job=job)
    if arm_result == "Failed":
        assert_robot(rm, end, arm, "Failed", "MissingRobotApplicationArchitecture", step="Validating", last_job=job)
    else:
        assert_robot(rm, end, arm, "InSync", step="Finished", last_job=job)


def test_missing_architecture_even_when_version_deleted_after_preparing(rm, srv):
    fleet, [x86] = make_fleet(rm, "mixed", robots=1)
    arm = make_robot(rm, "arm-0", architecture="ARM64")["arn"]
    rm.register_robot(fleet=fleet, robot=arm)
    app, version = make_version(rm, "nav")  # X86_64 only
    job = create_job(rm, fleet, app, version, "t", config={"concurrentDeploymentPercentage": 50})["arn"]
    advance_into(rm, srv.url, job, "InProgress")  # the checks passed; the ARM64 robot is still queued
    rm.delete_robot_application(application=app, applicationVersion=version)
    end = run_to_end(rm, srv.url, job)
    assert_job(end, "Succeeded")
    assert_robot(rm, end, x86, "InSync", step="Finished", last_job=job)
    assert_robot(rm, end, arm, "Failed", "MissingRobotApplicationArchitecture", step="Validating", last_job=job)


# Job-level failures at Preparing --------------------------------------------------------------

@pytest.mark.parametrize("when", ["Pending", "Preparing"])
@pytest.mark.parametrize("what", ["version", "application"])
def test_application_deleted_before_job_leaves_preparing(rm, srv, what, when):
    fleet, robots = make_fleet(rm, "f", robots=2)
    app, version = make_version(rm, "nav")
    job = create_job(rm, fleet, app, version, "t")["arn"]
    advance_into(rm, srv.url, job, when)
    rm.delete_robot_application(application=app, **({"applicationVersion": version} if what == "version" else {}))
    end = run_to_end(rm, srv.url, job)
    assert_job(end, "Failed", "RobotApplicationDoesNotExist")
    assert job_statuses(srv.url, job) == ["Pending", "Preparing", "Failed"]
    assert len(end["robotDeploymentSummary"]) == 2
    aborted(rm, end, robots, prior="Registered", last_job=None)
    fleet_now = rm.describe_fleet(fleet=fleet)
    assert (fleet_now["lastDeploymentStatus"], fleet_now["lastDeploymentJob"]) == ("Failed", job)


def test_application_deleted_after_preparing_does_not_fail_the_job(rm, srv):
    fleet, [robot] = make_fleet(rm, "f", robots=1)
    app, version = make_version(rm, "nav")
    job = create_job(rm, fleet, app, version, "t")["arn"]
    advance_into(rm, srv.url, job, "InProgress")
    rm.delete_robot_application(application=app)
    end = run_to_end(rm, srv.url, job)
    assert_job(end, "Succeeded")
    assert_robot(rm, end, robot, "InSync", step="Finished", last_job=job)


@pytest.mark.parametrize("when", ["Pending", "Preparing"])
@pytest.mark.parametrize("source", [SOURCE, ARM], ids=["used-source", "other-source"])
@pytest.mark.parametrize("action, code", [("delete", "ResourceNotFound"), ("touch", "EtagMismatch")])
def test_source_object_changed_before_job_leaves_preparing(rm, srv, action, code, source, when):
    fleet, robots = make_fleet(rm, "f", robots=2)  # X86_64 robots; every source is checked
    app, version = make_version(rm, "nav", sources=(SOURCE, ARM))
    job = create_job(rm, fleet, app, version, "t")["arn"]
    advance_into(rm, srv.url, job, when)
    expected = "PendingNewDeployment" if when == "Preparing" else "Registered"  # taken at Preparing
    assert [rm.describe_robot(robot=r)["status"] for r in robots] == [expected] * 2
    object_action(srv.url, source["s3Bucket"], source["s3Key"], action)
    end = run_to_end(rm, srv.url, job)
    assert_job(end, "Failed", code)
    assert job_statuses(srv.url, job) == ["Pending", "Preparing", "Failed"]
    aborted(rm, end, robots, prior="Registered", last_job=None)
    for row in end["robotDeploymentSummary"]:
        assert "deploymentStartTime" not in row and "currentProgress" not in row["progressDetail"], row


@pytest.mark.parametrize("actions", [["delete", "restore"], ["touch"], ["delete"]])
def test_source_object_changed_after_preparing_or_restored_in_time(rm, srv, actions):
    fleet, [robot] = make_fleet(rm, "f", robots=1)
    app, version = make_version(rm, "nav")
    job = create_job(rm, fleet, app, version, "t")["arn"]
    if actions == ["delete", "restore"]:  # back with its generation, hence its etag, before the check
        advance_into(rm, srv.url, job, "Preparing")
    else:  # the check is behind the job
        advance_into(rm, srv.url, job, "InProgress")
    for action in actions:
        object_action(srv.url, SOURCE["s3Bucket"], SOURCE["s3Key"], action)
    end = run_to_end(rm, srv.url, job)
    assert_job(end, "Succeeded")
    assert_robot(rm, end, robot, "InSync", step="Finished", last_job=job)


@pytest.mark.parametrize("when", ["Pending", "Preparing", "InProgress"])
def test_fleet_deleted_while_job_active(rm, srv, when):
    fleet, robots = make_fleet(rm, "f", robots=2)
    app, version = make_version(rm, "nav")
    job = create_job(rm, fleet, app, version, "t")["arn"]
    advance_into(rm, srv.url, job, when)
    rm.delete_fleet(fleet=fleet)
    end = rm.describe_deployment_job(job=job)  # at once, without moving the clock
    assert_job(end, "Failed", "DeploymentFleetDoesNotExist")
    if when == "Pending":  # robots are taken when the job enters Preparing
        assert end["robotDeploymentSummary"] == []
    else:
        aborted(rm, end, robots, prior="Registered", robot_status="Available", last_job=None)
    for r in robots:
        assert "fleetArn" not in rm.describe_robot(robot=r)
    advance(srv.url, 10)
    later = rm.describe_deployment_job(job=job)
    assert later["robotDeploymentSummary"] == end["robotDeploymentSummary"]
    assert [rm.describe_robot(robot=r)["status"] for r in robots] == ["Available", "Available"]


# DownloadConditionFailed ------------------------------------------------------------------------

COND = {"bucket": "conditions", "key": "ready.txt"}


@pytest.mark.parametrize("case", ["deleted", "wrong-etag", "touched-during-job", "matching-etag", "no-etag"])
def test_download_condition_file(rm, srv, case):
    fleet, robots = make_fleet(rm, "f", robots=2)
    app, version = make_version(rm, "nav")
    cond = dict(COND)
    if case in ("wrong-etag",):
        cond["etag"] = etag(COND["bucket"], COND["key"], generation=1)
    elif case in ("touched-during-job", "matching-etag"):
        cond["etag"] = etag(COND["bucket"], COND["key"])
    if case == "deleted":
        object_action(srv.url, COND["bucket"], COND["key"], "delete")
    job = create_job(rm, fleet, app, version, "t", config={"downloadConditionFile": cond})["arn"]
    if case == "touched-during-job":
        advance_into(rm, srv.url, job, "InProgress")
        object_action(srv.url, COND["bucket"], COND["key"], "touch")
    end = run_to_end(rm, srv.url, job)
    if case in ("matching-etag", "no-etag"):
        assert_job(end, "Succeeded")
        for r in robots:
            assert_robot(rm, end, r, "InSync", step="Finished", last_job=job)
        steps = {e.get("step") for e in events(srv.url, job) if e["resource"] == "robot"}
        assert "ExecutingDownloadCondition" in steps
        return
    # Both robots fail: 2 of 2 reach the default threshold (100 %); neither is aborted.
    assert_job(end, "Failed", "FailureThresholdBreached")
    for r in robots:
        assert_robot(rm, end, r, "Failed", "DownloadConditionFailed", step="ExecutingDownloadCondition", last_job=job)


# RobotDeploymentNoResponse and robots that come back --------------------------------------------

@pytest.mark.parametrize("how", ["untag", "retag-false"])
def test_offline_robot_times_out_then_comes_back_in_sync(rm, srv, how):
    fleet, [online, offline] = make_fleet(rm, "f", robots=2, tags={1: OFFLINE})
    app, version = make_version(rm, "nav")
    job = create_job(rm, fleet, app, version, "t", config={"robotDeploymentTimeoutInSeconds": 60})["arn"]
    advance(srv.url, 60)  # the robot started at 0.6 s: its timeout passes at 60.6 s
    mid = rm.describe_deployment_job(job=job)
    assert_job(mid, "InProgress")
    assert_robot(rm, mid, online, "InSync", step="Finished")
    assert_robot(rm, mid, offline, "Deploying", step="Validating")
    advance(srv.url, 1)
    end = rm.describe_deployment_job(job=job)
    assert_job(end, "Succeeded")  # 1 of 2 failed: below the default threshold
    assert_robot(rm, end, offline, "NoResponse", "RobotDeploymentNoResponse", step="Validating", last_job=job)

    if how == "untag":
        rm.untag_resource(resourceArn=offline, tagKeys=["emulator:offline"])
    else:
        rm.tag_resource(resourceArn=offline, tags={"emulator:offline": "false"})
    # Back online, the robot fetches the fleet's latest Succeeded deployment: InSync with it.
    back = rm.describe_robot(robot=offline)
    assert (back["status"], back["lastDeploymentJob"]) == ("InSync", job)
    assert summary_by_arn(rm.describe_deployment_job(job=job))[offline]["status"] == "NoResponse"


def test_no_response_in_failed_job_then_back_in_sync_with_earlier_success(rm, srv):
    fleet, [robot] = make_fleet(rm, "f", robots=1)
    app, version = make_version(rm, "nav")
    first = create_job(rm, fleet, app, version, "first")["arn"]
    assert_job(run_to_end(rm, srv.url, first), "Succeeded")
    rm.tag_resource(resourceArn=robot, tags=OFFLINE)
    job = create_job(rm, fleet, app, version, "second", config={"robotDeploymentTimeoutInSeconds": 60})["arn"]
    end = run_to_end(rm, srv.url, job, step=30)
    assert_job(end, "Failed", "FailureThresholdBreached")  # its only robot did not answer
    assert_robot(rm, end, robot, "NoResponse", "RobotDeploymentNoResponse", step="Validating", last_job=job)
    rm.untag_resource(resourceArn=robot, tagKeys=["emulator:offline"])
    back = rm.describe_robot(robot=robot)  # fetches the fleet's latest Succeeded deployment
    assert (back["status"], back["lastDeploymentJob"]) == ("InSync", first)


@pytest.mark.parametrize("how", ["untag", "retag-false"])
def test_offline_robot_back_before_timeout_resumes(rm, srv, how):
    fleet, [robot] = make_fleet(rm, "f", robots=1, tags={0: OFFLINE})
    app, version = make_version(rm, "nav")
    created = create_job(rm, fleet, app, version, "t", config={"robotDeploymentTimeoutInSeconds": 60})
    job = created["arn"]
    advance(srv.url, 30)
    mid = rm.describe_deployment_job(job=job)
    assert_robot(rm, mid, robot, "Deploying", step="Validating")
    if how == "untag":
        rm.untag_resource(resourceArn=robot, tagKeys=["emulator:offline"])
    else:
        rm.tag_resource(resourceArn=robot, tags={"emulator:offline": "false"})
    end = run_to_end(rm, srv.url, job, step=0.5)
    assert_job(end, "Succeeded")
    row, _ = assert_robot(rm, end, robot, "InSync", step="Finished", last_job=job)
    # The stalled step starts again when the robot answers, 30 s after the job was created: more than
    # 31 s from creation to finish on the timeline (to the ms); whole seconds in the summary.
    evts = events(srv.url, job)
    mine = [e for e in evts if e["resource"] == "robot" and e["arn"] == robot]
    assert mine[-1]["time"] - evts[0]["time"] > 31
    assert (row["deploymentFinishTime"] - created["createdAt"]).total_seconds() >= 31


def test_robot_going_offline_mid_deployment_times_out_at_next_step(rm, srv):
    fleet, [robot] = make_fleet(rm, "f", robots=1)
    app, version = make_version(rm, "nav")
    job = create_job(rm, fleet, app, version, "t", config={"robotDeploymentTimeoutInSeconds": 60})["arn"]
    advance(srv.url, 0.65)  # the robot is 50 ms into Validating (which lasts 120-180 ms)
    assert_robot(rm, rm.describe_deployment_job(job=job), robot, "Deploying", step="Validating")
    rm.tag_resource(resourceArn=robot, tags=OFFLINE)
    advance(srv.url, 59.3)  # 59.95 s: within the timeout, counted from the robot's start
    assert_robot(rm, rm.describe_deployment_job(job=job), robot, "Deploying", step="DownloadingExtracting")
    advance(srv.url, 1)
    end = rm.describe_deployment_job(job=job)
    assert_job(end, "Failed", "FailureThresholdBreached")  # its only robot failed
    assert_robot(rm, end, robot, "NoResponse", "RobotDeploymentNoResponse", step="DownloadingExtracting",
                 last_job=job)


# FleetDeploymentTimeout -------------------------------------------------------------------------

def test_fleet_deployment_timeout_after_30_days(rm, srv):
    # Five offline robots one at a time (window ceil(5 x 20 %) = 1), each waiting out a 7-day robot
    # timeout: the fifth starts at day 28, and the job, started 0.6 s after its creation, times
    # out 30 days later. 4 of 5 robots failing stays below the default threshold (100 %).
    fleet, robots = make_fleet(rm, "f", robots=5, tags={i: OFFLINE for i in range(5)})
    app, version = make_version(rm, "nav")
    config = {"concurrentDeploymentPercentage": 20, "robotDeploymentTimeoutInSeconds": 604800}
    job = create_job(rm, fleet, app, version, "t", config=config)["arn"]
    for _ in range(30):
        advance(srv.url, DAY)
    mid = rm.describe_deployment_job(job=job)
    assert_job(mid, "InProgress")
    assert [summary_by_arn(mid)[r]["status"] for r in robots] == ["NoResponse"] * 4 + ["Deploying"]
    advance(srv.url, DAY)
    end = rm.describe_deployment_job(job=job)
    assert_job(end, "Failed", "FleetDeploymentTimeout")
    for r in robots[:4]:
        assert_robot(rm, end, r, "NoResponse", "RobotDeploymentNoResponse", step="Validating", last_job=job)
    aborted(rm, end, robots[4:], prior="Registered", last_job=None)
    assert job_statuses(srv.url, job) == ["Pending", "Preparing", "InProgress", "Failed"]
