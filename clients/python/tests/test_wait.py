"""robomaker_wait on a real-clock deployment (the `fast` preset: about 2 s) on the session server."""
import pytest

from robomaker_local_pytest import ControlError

TERMINAL = {"Succeeded", "Failed", "Canceled"}


def test_wait_for_success(robomaker, robomaker_wait, deployment):
    job = deployment(robomaker)
    answer = robomaker_wait(job, "Succeeded", timeout=30)
    assert answer["arn"] == job["arn"]
    assert answer["status"] == "Succeeded"
    assert [r["status"] for r in answer["robotDeploymentSummary"]] == ["InSync"]
    assert robomaker.describe_deployment_job(job=job["arn"])["status"] == "Succeeded"


def test_wait_for_an_intermediate_status_then_for_the_end(robomaker, robomaker_wait, deployment):
    arn = deployment(robomaker)["arn"]
    assert robomaker_wait(arn, "InProgress")["status"] in {"InProgress"} | TERMINAL
    assert robomaker_wait(arn)["status"] in TERMINAL


def test_wait_for_an_unknown_job(robomaker, robomaker_wait):
    arn = f"arn:aws:robomaker:us-east-1:{robomaker.account_id}:deployment-job/nope"
    with pytest.raises(ControlError) as caught:
        robomaker_wait(arn, "Succeeded", timeout=1)
    assert caught.value.error_type == "ResourceNotFoundException"
