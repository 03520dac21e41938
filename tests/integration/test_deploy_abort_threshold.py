"""FailureThresholdBreached and RobotDeploymentAborted (SEMANTICS §6-§7): when failed robots reach
failureThresholdPercentage the job fails and robots still queued or deploying are aborted; a cancel
aborts every robot that had not finished. Aborted robots show RobotDeploymentAborted in the
summary and go back to their status from before the job (Registered for a first deployment,
InSync after an earlier success, with that deployment as their lastDeploymentJob).

Failing robots here fail naturally: ARM64 robots and an X86_64-only version fail at Validating
(MissingRobotApplicationArchitecture), long before an X86_64 robot can finish. Manual clock."""
import pytest

from app_helpers import ARM
from conftest import make_client
from deploy_helpers import advance, create_job, make_fleet, make_version, run_to_end, summary_by_arn
from failure_helpers import aborted, assert_job, assert_robot
from helpers import expect_error, make_robot

MISSING = "MissingRobotApplicationArchitecture"


@pytest.fixture
def srv(start_server):
    return start_server(args=["--clock", "manual"])


@pytest.fixture
def rm(srv):
    return make_client(srv.url)


def mixed_fleet(client, arm, x86):
    """A fleet whose first `arm` robots are ARM64 and the next `x86` are X86_64, in registration
    order; returns (fleet, arm_robots, x86_robots)."""
    fleet = client.create_fleet(name="mixed")["arn"]
    arms, x86s = [], []
    for i in range(arm + x86):
        arch, names = ("ARM64", arms) if i < arm else ("X86_64", x86s)
        arn = make_robot(client, f"r{i}", architecture=arch)["arn"]
        client.register_robot(fleet=fleet, robot=arn)
        names.append(arn)
    return fleet, arms, x86s


# (threshold %, concurrency %, failing robots of 4, job status)
THRESHOLDS = [
    (50, 100, 2, "Failed"),      # exactly 50 %: breached
    (50, 100, 1, "Succeeded"),   # 25 % < 50 %
    (25, 100, 1, "Failed"),
    (100, 100, 4, "Failed"),     # every robot failed
    (100, 100, 3, "Succeeded"),  # 75 % < 100 % (also the default)
    (50, 50, 2, "Failed"),       # window 2: the last two never left the queue
    (50, 25, 2, "Failed"),       # window 1
]


@pytest.mark.parametrize("threshold, concurrency, failing, status", THRESHOLDS)
def test_failure_threshold(rm, srv, threshold, concurrency, failing, status):
    fleet, arms, x86s = mixed_fleet(rm, failing, 4 - failing)
    app, version = make_version(rm, "nav")  # X86_64 only
    config = {"failureThresholdPercentage": threshold, "concurrentDeploymentPercentage": concurrency}
    job = create_job(rm, fleet, app, version, "t", config=config)["arn"]
    end = run_to_end(rm, srv.url, job, step=0.5)
    for r in arms:  # robots that failed keep their own code, also when the job breaks
        assert_robot(rm, end, r, "Failed", MISSING, step="Validating", last_job=job)
    if status == "Succeeded":
        assert_job(end, "Succeeded")
        for r in x86s:
            assert_robot(rm, end, r, "InSync", step="Finished", last_job=job)
    else:
        assert_job(end, "Failed", "FailureThresholdBreached")
        aborted(rm, end, x86s, prior="Registered", last_job=None)
    assert len(end["robotDeploymentSummary"]) == 4


def test_threshold_breach_returns_aborted_robots_to_in_sync(rm, srv):
    fleet, robots = make_fleet(rm, "f", robots=4)
    app, version = make_version(rm, "nav")
    first = create_job(rm, fleet, app, version, "first")["arn"]
    assert_job(run_to_end(rm, srv.url, first), "Succeeded")

    arm_app, arm_version = make_version(rm, "arm-only", sources=(ARM,))
    config = {"failureThresholdPercentage": 50, "concurrentDeploymentPercentage": 50}
    job = create_job(rm, fleet, arm_app, arm_version, "second", config=config)["arn"]
    end = run_to_end(rm, srv.url, job, step=0.5)
    assert_job(end, "Failed", "FailureThresholdBreached")
    for r in robots[:2]:
        assert_robot(rm, end, r, "Failed", MISSING, step="Validating", last_job=job)
    aborted(rm, end, robots[2:], prior="InSync", last_job=first)
    fleet_now = rm.describe_fleet(fleet=fleet)
    assert (fleet_now["lastDeploymentStatus"], fleet_now["lastDeploymentJob"]) == ("Failed", job)


@pytest.mark.parametrize("when", ["Pending", "Preparing", "InProgress"])
@pytest.mark.parametrize("earlier", [False, True], ids=["first-deployment", "after-success"])
def test_cancel_aborts_unfinished_robots(rm, srv, when, earlier):
    fleet, robots = make_fleet(rm, "f", robots=2)
    app, version = make_version(rm, "nav")
    first = None
    if earlier:
        first = create_job(rm, fleet, app, version, "first")["arn"]
        assert_job(run_to_end(rm, srv.url, first), "Succeeded")
    prior = "InSync" if earlier else "Registered"
    job = create_job(rm, fleet, app, version, "t")["arn"]
    advance(srv.url, {"Pending": 0, "Preparing": 0.3, "InProgress": 1.0}[when])
    assert rm.describe_deployment_job(job=job)["status"] == when
    rm.cancel_deployment_job(job=job)
    end = rm.describe_deployment_job(job=job)
    assert_job(end, "Canceled")
    if when == "Pending":  # the job had not taken its robots yet
        assert end["robotDeploymentSummary"] == []
        for r in robots:
            robot = rm.describe_robot(robot=r)
            assert (robot["status"], robot.get("lastDeploymentJob")) == (prior, first)
    else:
        aborted(rm, end, robots, prior=prior, last_job=first)
    advance(srv.url, 10)  # nothing resumes
    assert rm.describe_deployment_job(job=job)["robotDeploymentSummary"] == end["robotDeploymentSummary"]
    rm.cancel_deployment_job(job=job)  # canceling a Canceled job is a no-op
    if earlier:  # a Succeeded job cannot be canceled
        expect_error("InvalidParameterException", rm.cancel_deployment_job, job=first)


def test_cancel_keeps_finished_robots_and_aborts_the_rest(rm, srv):
    fleet, [done, running] = make_fleet(rm, "f", robots=2)
    app, version = make_version(rm, "nav")
    job = create_job(rm, fleet, app, version, "t", config={"concurrentDeploymentPercentage": 50})["arn"]
    for _ in range(100):
        if summary_by_arn(rm.describe_deployment_job(job=job)).get(done, {}).get("status") == "InSync":
            break
        advance(srv.url, 0.1)
    mid = rm.describe_deployment_job(job=job)
    assert summary_by_arn(mid)[running]["status"] == "Deploying"
    rm.cancel_deployment_job(job=job)
    end = rm.describe_deployment_job(job=job)
    assert_job(end, "Canceled")
    assert_robot(rm, end, done, "InSync", step="Finished", last_job=job)
    aborted(rm, end, [running], prior="Registered", last_job=None)


def test_single_failing_robot_breaks_the_default_threshold(rm, srv):
    fleet, [robot] = make_fleet(rm, "f", robots=1, architecture="ARM64")
    app, version = make_version(rm, "nav")
    job = create_job(rm, fleet, app, version, "t")["arn"]
    end = run_to_end(rm, srv.url, job)
    assert_job(end, "Failed", "FailureThresholdBreached")
    assert_robot(rm, end, robot, "Failed", MISSING, step="Validating", last_job=job)
