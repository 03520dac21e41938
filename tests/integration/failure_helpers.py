"""Helpers for the deployment failure suites (SEMANTICS §6-§7): the 24 DeploymentJobErrorCode
values sorted by how they arise, and assertions on a job, its robotDeploymentSummary rows and
DescribeRobot. Built on deploy_helpers (fleets, versions, jobs, the manual clock)."""
import raw_http
from deploy_helpers import summary_by_arn

# Every robot step, so injected failures can land on any of them.
LAUNCH_ALL = {"packageName": "nav", "launchFile": "nav.launch", "preLaunchFile": "pre.sh", "postLaunchFile": "post.sh"}

# SEMANTICS §7: the codes that only fault injection produces, with the step each fails at by
# default (the step the code belongs to; api/engine/failure_codes.hpp).
INJECTED_ONLY = {
    "EnvironmentSetupError": "DownloadingExtracting",
    "RobotAgentConnectionTimeout": "Validating",
    "GreengrassDeploymentFailed": "Launching",
    "InvalidGreengrassGroup": "Validating",
    "MissingRobotArchitecture": "Validating",
    "MissingRobotDeploymentResource": "Validating",
    "GreengrassGroupVersionDoesNotExist": "Validating",
    "LambdaDeleted": "Launching",
    "ExtractingBundleFailure": "DownloadingExtracting",
    "PreLaunchFileFailure": "ExecutingPreLaunch",
    "PostLaunchFileFailure": "ExecutingPostLaunch",
    "BadPermissionError": "DownloadingExtracting",
    "BadLambdaAssociated": "Launching",
    "InternalServerError": "Launching",
}

# Codes that fail a whole job rather than one robot.
JOB_LEVEL = ["ResourceNotFound", "EtagMismatch", "FailureThresholdBreached", "RobotApplicationDoesNotExist",
             "DeploymentFleetDoesNotExist", "FleetDeploymentTimeout"]

# Robot-level codes that also have a natural cause, with their default step.
NATURAL_ROBOT = {
    "MissingRobotApplicationArchitecture": "Validating",
    "DownloadConditionFailed": "ExecutingDownloadCondition",
    "RobotDeploymentNoResponse": "Validating",
    "RobotDeploymentAborted": "Validating",
}

ALL_CODES = sorted(set(INJECTED_ONLY) | set(JOB_LEVEL) | set(NATURAL_ROBOT))
assert len(ALL_CODES) == 24

STEPS = ["Validating", "DownloadingExtracting", "ExecutingDownloadCondition", "ExecutingPreLaunch", "Launching",
         "ExecutingPostLaunch"]

_ANY = object()


def add_fault(url, rule):
    """POST /_emulator/faults: adds one rule; returns it as listed."""
    resp = raw_http.send(url, "POST", "/_emulator/faults", rule)
    assert resp.status == 200, (resp.status, resp.body)
    return resp.json()


def assert_job(describe, status, code=None):
    """The job's status, and its failureCode/failureReason (both absent without a code)."""
    assert describe["status"] == status, describe
    assert describe.get("failureCode") == code, describe
    if code:
        assert isinstance(describe.get("failureReason"), str) and describe["failureReason"], describe
    else:
        assert "failureReason" not in describe, describe


def assert_robot(client, describe, robot, status, code=None, step=_ANY, robot_status=None, last_job=_ANY):
    """One robot's row of the job's robotDeploymentSummary (status, failureCode/failureReason,
    progressDetail.currentProgress when `step` is given) and DescribeRobot's status (the same as
    the row's unless `robot_status` says otherwise) and lastDeploymentJob (when `last_job` is
    given; None: absent). Returns (row, DescribeRobot)."""
    row = summary_by_arn(describe)[robot]
    assert row["status"] == status, row
    assert row.get("failureCode") == code, row
    if code:
        assert isinstance(row.get("failureReason"), str) and row["failureReason"], row
    else:
        assert "failureReason" not in row, row
    assert row["progressDetail"]["targetResource"] == describe["arn"], row
    if step is not _ANY:
        assert row["progressDetail"].get("currentProgress") == step, row
    robot = client.describe_robot(robot=robot)
    assert robot["status"] == (robot_status or status), robot
    if last_job is not _ANY:
        assert robot.get("lastDeploymentJob") == last_job, robot
        if last_job == describe["arn"]:  # lastDeploymentTime is the job's createdAt
            assert robot["lastDeploymentTime"] == describe["createdAt"], robot
        elif last_job is None:
            assert "lastDeploymentTime" not in robot, robot
    return row, robot


def aborted(client, describe, robots, prior="Registered", last_job=None, robot_status=None):
    """Robots that had not finished when the job ended: RobotDeploymentAborted in the summary, and
    back to their status from before the job (`prior`) with their earlier lastDeploymentJob."""
    for r in robots:
        assert_robot(client, describe, r, prior, "RobotDeploymentAborted", robot_status=robot_status,
                     last_job=last_job)
