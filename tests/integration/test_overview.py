"""GET /_emulator/overview (the dashboard's data) and GET /_emulator/ (the page) on a manual clock
with fixed step durations and no jitter, so every percentage is exact: scopes, fleets with their
robots in registration order, robots in no fleet, newest jobs first (at most 50), each robot's
progress through its steps, failure codes, and agreement with DescribeDeploymentJob.

Timeline of the fixture's steps: Pending 1 s, Preparing 1 s, then per robot Validating 1 s,
DownloadingExtracting 2 s, Launching 1 s (3 steps: each a third of a robot's progress)."""
import json

import pytest

import raw_http
from conftest import make_client
from deploy_helpers import advance, control, create_job, make_fleet, make_version
from helpers import DEFAULT_ACCOUNT, DEFAULT_REGION, make_robot

STEPS = {"pending": 1000, "preparing": 1000, "validating": 1000, "downloadingExtracting": 2000, "launching": 1000,
         "jitter": 0}
OTHER = ("111111111111", "eu-west-1")


@pytest.fixture
def manual(start_server, tmp_path):
    config = tmp_path / "steps.json"
    config.write_text(json.dumps({"steps": STEPS}))
    srv = start_server(args=["--clock", "manual", "--config", str(config)])
    return srv.url, make_client(srv.url)


def overview(url, account=None, region=None):
    query = "&".join(f"{k}={v}" for k, v in (("account", account), ("region", region)) if v)
    return control(url, "GET", "/_emulator/overview" + ("?" + query if query else ""))


def robots_of(job):
    return {r["arn"]: r for r in job["robots"]}


def test_empty_defaults(manual):
    url, _ = manual
    o = overview(url)
    assert o["scopes"] == [{"account": DEFAULT_ACCOUNT, "region": DEFAULT_REGION}]
    assert (o["account"], o["region"]) == (DEFAULT_ACCOUNT, DEFAULT_REGION)
    assert o["now"] == control(url, "GET", "/_emulator/clock")["now"]
    assert o["clock"] == {"mode": "manual", "scale": 1.0}
    assert (o["fleets"], o["unassignedRobots"], o["jobs"]) == ([], [], [])


def test_page_is_html(manual):
    url, _ = manual
    for path in ("/_emulator/", "/_emulator"):
        resp = raw_http.send(url, "GET", path)
        assert resp.status == 200
        assert resp.headers["content-type"] == "text/html; charset=utf-8"
        assert resp.body.startswith(b"<!doctype html>")
        assert b"/_emulator/overview" in resp.body
    assert raw_http.send(url, "POST", "/_emulator/").status == 404
    assert raw_http.send(url, "GET", "/_emulator/overview").headers["content-type"] == "application/json"


def test_scopes_fleets_and_robots(manual):
    url, client = manual
    fleet, robots = make_fleet(client, "east", robots=3, architecture="ARM64")
    spare = make_robot(client, "spare")["arn"]
    other = make_client(url, access_key=OTHER[0], region=OTHER[1])
    other_fleet = other.create_fleet(name="far")["arn"]

    o = overview(url)
    assert o["scopes"] == [{"account": OTHER[0], "region": OTHER[1]},  # sorted by account, then region
                           {"account": DEFAULT_ACCOUNT, "region": DEFAULT_REGION}]
    assert len(o["fleets"]) == 1
    f = o["fleets"][0]
    assert (f["arn"], f["name"]) == (fleet, "east")
    assert "lastDeploymentStatus" not in f
    assert [r["arn"] for r in f["robots"]] == robots
    assert f["robots"][0] == {"arn": robots[0], "name": "east-r0", "status": "Registered", "architecture": "ARM64"}
    assert o["unassignedRobots"] == [{"arn": spare, "name": "spare", "status": "Available", "architecture": "X86_64"}]

    far = overview(url, *OTHER)
    assert (far["account"], far["region"]) == OTHER
    assert [f["arn"] for f in far["fleets"]] == [other_fleet]
    assert far["unassignedRobots"] == [] and far["jobs"] == []

    # A scope without resources answers empty lists and is listed, so a selector can show it.
    empty = overview(url, "222222222222", "us-west-2")
    assert empty["fleets"] == [] and {"account": "222222222222", "region": "us-west-2"} in empty["scopes"]


def test_progress_through_steps(manual):
    url, client = manual
    fleet, (r0, r1) = make_fleet(client, "line", robots=2)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1", config={"concurrentDeploymentPercentage": 50})["arn"]

    o = overview(url)
    (j,) = o["jobs"]
    assert (j["arn"], j["fleet"], j["fleetName"], j["status"], j["robots"]) == (job, fleet, "line", "Pending", [])
    assert j["concurrency"] == 50
    assert o["fleets"][0]["lastDeploymentStatus"] == "Pending"

    advance(url, 4)  # InProgress at +2; r0: Validating 2..3, DownloadingExtracting 3..5 (half done at +4)
    j = overview(url)["jobs"][0]
    assert j["status"] == "InProgress"
    rs = robots_of(j)
    assert rs[r0] == {"arn": r0, "name": "line-r0", "status": "Deploying", "step": "DownloadingExtracting",
                      "percentDone": 50.0, "stepPercentDone": 50.0}
    assert rs[r1] == {"arn": r1, "name": "line-r1", "status": "PendingNewDeployment", "percentDone": 0.0}
    described = client.describe_deployment_job(job=job)["robotDeploymentSummary"]
    assert described[0]["progressDetail"]["percentDone"] == pytest.approx(rs[r0]["stepPercentDone"])

    advance(url, 1.5)  # r0 Launching 5..6, half done
    rs = robots_of(overview(url)["jobs"][0])
    assert (rs[r0]["step"], rs[r0]["percentDone"]) == ("Launching", 83.3)
    assert "stepPercentDone" not in rs[r0]

    advance(url, 1)  # +6.5: r0 InSync at +6; r1 Validating 6..7, half done
    rs = robots_of(overview(url)["jobs"][0])
    assert (rs[r0]["status"], rs[r0]["percentDone"]) == ("InSync", 100.0)
    assert (rs[r1]["status"], rs[r1]["step"], rs[r1]["percentDone"]) == ("Deploying", "Validating", 16.7)

    advance(url, 10)
    o = overview(url)
    j = o["jobs"][0]
    assert j["status"] == "Succeeded" and "failureCode" not in j
    assert [r["percentDone"] for r in j["robots"]] == [100.0, 100.0]
    assert o["fleets"][0]["lastDeploymentStatus"] == "Succeeded"
    assert [r["status"] for r in o["fleets"][0]["robots"]] == ["InSync", "InSync"]


def test_failed_robot_and_job(manual):
    url, client = manual
    fleet, (ok, bad) = make_fleet(client, "mixed", robots=2, tags={1: {"emulator:fail": "PreLaunchFileFailure"}})
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1", config={"failureThresholdPercentage": 50})["arn"]
    advance(url, 20)
    j = overview(url)["jobs"][0]
    assert (j["arn"], j["status"], j["failureCode"]) == (job, "Failed", "FailureThresholdBreached")
    assert j["failureReason"]
    rs = robots_of(j)
    # No preLaunchFile: the failure comes as Launching ends; the robot stays where it stopped.
    assert (rs[bad]["status"], rs[bad]["step"], rs[bad]["failureCode"]) == ("Failed", "Launching", "PreLaunchFileFailure")
    assert rs[bad]["percentDone"] == 66.7 and rs[bad]["failureReason"]
    assert rs[ok]["status"] in ("InSync", "Registered")


def test_newest_fifty_jobs_first(manual):
    url, client = manual
    fleet, _ = make_fleet(client, "busy", robots=1)
    app, version = make_version(client, "nav")
    jobs = []
    for i in range(52):
        jobs.append(create_job(client, fleet, app, version, f"t{i}")["arn"])
        advance(url, 10)
    listed = [j["arn"] for j in overview(url)["jobs"]]
    assert listed == list(reversed(jobs))[:50]
