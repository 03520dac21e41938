"""Deployment jobs on the real clock with the default `fast` preset (SEMANTICS §8: a 10-robot
deployment finishes in about 3 s of wall time), polled the way client code does, and the AWS CLI
v2 (/usr/bin/aws, Debian) driving the five deployment operations with --endpoint-url.

Bounds are generous on purpose: these tests check that jobs finish on their own, not how fast."""
import json
import os
import re
import subprocess
import time
from datetime import datetime

import pytest

import raw_http
from conftest import make_client
from deploy_helpers import LAUNCH, TERMINAL, app_config, events, make_fleet, make_version
from helpers import strip

AWS = "/usr/bin/aws"
JOB_ARN_RE = re.compile(r"arn:aws:robomaker:us-east-1:123456789012:deployment-job/deployment-[a-z0-9]{12}")


def poll(client, job, timeout=15.0, interval=0.1):
    """Describes the job until it is terminal; returns (describe, seconds waited)."""
    start = time.monotonic()
    while True:
        d = client.describe_deployment_job(job=job)
        waited = time.monotonic() - start
        if d["status"] in TERMINAL or waited > timeout:
            return d, waited
        time.sleep(interval)


def test_ten_robots_succeed_on_the_real_clock(server):
    client = make_client(server.url)
    clock = raw_http.send(server.url, "GET", "/_emulator/clock").json()
    assert clock["mode"] == "real" and clock["scale"] == 1
    fleet, robots = make_fleet(client, "f", robots=10)
    app, version = make_version(client, "nav")
    job = client.create_deployment_job(clientRequestToken="t1", fleet=fleet,
                                       deploymentApplicationConfigs=app_config(app, version))
    assert job["status"] == "Pending"

    d, waited = poll(client, job["arn"])
    assert d["status"] == "Succeeded", (d["status"], waited)
    assert [s["arn"] for s in d["robotDeploymentSummary"]] == robots
    assert {s["status"] for s in d["robotDeploymentSummary"]} == {"InSync"}
    assert {client.describe_robot(robot=r)["status"] for r in robots} == {"InSync"}
    # simulated times are wall times here: the job took seconds, not minutes
    finish = max(s["deploymentFinishTime"] for s in d["robotDeploymentSummary"])
    assert 0 < (finish - d["createdAt"]).total_seconds() < 15
    evts = events(server.url, job["arn"])
    assert [e["newStatus"] for e in evts if e["resource"] == "job"] == ["Pending", "Preparing", "InProgress",
                                                                        "Succeeded"]
    times = [e["time"] for e in evts]
    assert times == sorted(times)


def test_job_finishes_without_anyone_asking(server):
    """The engine moves jobs on its own: after a quiet wait, the job is found Succeeded at once and
    its timeline has every transition at its own time."""
    client = make_client(server.url)
    fleet, _ = make_fleet(client, "f", robots=2)
    app, version = make_version(client, "nav")
    job = client.create_deployment_job(clientRequestToken="t1", fleet=fleet,
                                       deploymentApplicationConfigs=app_config(app, version))["arn"]
    time.sleep(3.5)
    d, waited = poll(client, job, timeout=10)
    assert d["status"] == "Succeeded"
    evts = events(server.url, job)
    assert len({e["time"] for e in evts}) > 4   # not all at one instant
    # at time scale 1 simulated time is wall time: each transition was made (wallTime) when it was
    # due (time), not when the next request came in 3.5 s later
    lags = [e["wallTime"] - e["time"] for e in evts]
    assert max(abs(lag) for lag in lags) < 2.0, lags


def test_time_scale_speeds_up_the_simulated_clock(start_server):
    """SEMANTICS §8: simulated = wall clock x scale. At --time-scale 20 the job's simulated seconds
    pass in a fraction of the wall time (bound kept loose: a factor 4 of the expected 20)."""
    srv = start_server(args=["--time-scale", "20"])
    client = make_client(srv.url)
    fleet, _ = make_fleet(client, "f", robots=10)
    app, version = make_version(client, "nav")
    job = client.create_deployment_job(clientRequestToken="t1", fleet=fleet,
                                       deploymentApplicationConfigs=app_config(app, version))["arn"]
    d, _ = poll(client, job, timeout=10, interval=0.05)
    assert d["status"] == "Succeeded"
    evts = events(srv.url, job)
    simulated = evts[-1]["time"] - evts[0]["time"]
    wall = evts[-1]["wallTime"] - evts[0]["wallTime"]
    assert simulated > 1.0, simulated            # step durations are simulated time: unchanged by the scale
    assert wall < simulated / 4, (wall, simulated)


def test_switching_to_manual_freezes_a_running_job(server):
    """POST /_emulator/clock {"mode": "manual"} stops simulated time: the job stays exactly as it
    was while wall time passes, moves when advanced, and finishes once the clock is real again."""
    client = make_client(server.url)
    fleet, _ = make_fleet(client, "f", robots=3)
    app, version = make_version(client, "nav")
    job = client.create_deployment_job(clientRequestToken="t1", fleet=fleet,
                                       deploymentApplicationConfigs=app_config(app, version),
                                       deploymentConfig={"concurrentDeploymentPercentage": 34})["arn"]
    time.sleep(0.3)
    assert raw_http.send(server.url, "POST", "/_emulator/clock", {"mode": "manual"}).status == 200
    frozen = strip(client.describe_deployment_job(job=job))
    assert frozen["status"] in ("Pending", "Preparing", "InProgress")
    time.sleep(0.6)
    assert strip(client.describe_deployment_job(job=job)) == frozen
    assert raw_http.send(server.url, "POST", "/_emulator/clock", {"advanceSeconds": 1.5}).status == 200
    assert strip(client.describe_deployment_job(job=job)) != frozen
    assert raw_http.send(server.url, "POST", "/_emulator/clock", {"mode": "real"}).status == 200
    d, _ = poll(client, job)
    assert d["status"] == "Succeeded"
    times = [e["time"] for e in events(server.url, job)]
    assert times == sorted(times)


# ---------------------------------------------------------------- AWS CLI v2

cli = pytest.mark.skipif(not os.path.exists(AWS), reason="Debian AWS CLI v2 not installed")


def cli_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="secret", AWS_DEFAULT_REGION="us-east-1",
               AWS_CONFIG_FILE="/nonexistent/robomaker-local/config",
               AWS_SHARED_CREDENTIALS_FILE="/nonexistent/robomaker-local/credentials",
               AWS_PAGER="", AWS_MAX_ATTEMPTS="1")
    return env


def aws(server, *args):
    """`aws --endpoint-url URL --output json robomaker ARGS` -> (exit code, json or None, stderr)."""
    cmd = [AWS, "--endpoint-url", server.url, "--output", "json", "robomaker", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=cli_env(), timeout=60)
    out = proc.stdout.strip()
    return proc.returncode, (json.loads(out) if out else None), proc.stderr


def ok(server, *args):
    code, data, err = aws(server, *args)
    assert code == 0, f"aws robomaker {' '.join(args)} -> {code}: {err}"
    return data


def fails(server, error, *args):
    code, data, err = aws(server, *args)
    assert code == 254, f"aws robomaker {' '.join(args)} -> {code}, stdout={data!r}, stderr={err!r}"
    assert data is None
    assert f"An error occurred ({error})" in err, err
    return err


def cli_wait(server, client, job):
    """Waits for the job through boto3 (each CLI call costs ~0.5 s), then describes it with the CLI."""
    poll(client, job)
    return ok(server, "describe-deployment-job", "--job", job)


@cli
def test_cli_create_describe_list_sync(server):
    client = make_client(server.url)          # bulk setup through boto3 (the CLI starts slowly)
    fleet, robots = make_fleet(client, "demo", robots=2)
    app, version = make_version(client, "nav")
    configs = json.dumps(app_config(app, version))

    job = ok(server, "create-deployment-job", "--fleet", fleet, "--client-request-token", "cli-1",
             "--deployment-application-configs", configs,
             "--deployment-config", "concurrentDeploymentPercentage=50,robotDeploymentTimeoutInSeconds=600",
             "--tags", "team=nav")
    assert JOB_ARN_RE.fullmatch(job["arn"]), job
    assert job["status"] == "Pending" and job["fleet"] == fleet
    assert job["deploymentConfig"] == {"concurrentDeploymentPercentage": 50, "robotDeploymentTimeoutInSeconds": 600}
    assert job["deploymentApplicationConfigs"] == app_config(app, version)
    assert job["tags"] == {"team": "nav"}
    assert datetime.fromisoformat(job["createdAt"]).tzinfo is not None

    # the same token again: the same job
    again = ok(server, "create-deployment-job", "--fleet", fleet, "--client-request-token", "cli-1",
               "--deployment-application-configs", configs,
               "--deployment-config", "concurrentDeploymentPercentage=50,robotDeploymentTimeoutInSeconds=600",
               "--tags", "team=nav")
    assert again["arn"] == job["arn"]

    done = cli_wait(server, client, job["arn"])
    assert done["status"] == "Succeeded"
    assert [r["arn"] for r in done["robotDeploymentSummary"]] == robots
    for r in done["robotDeploymentSummary"]:
        assert r["status"] == "InSync" and r["progressDetail"]["currentProgress"] == "Finished"
        assert datetime.fromisoformat(r["deploymentStartTime"]) <= datetime.fromisoformat(r["deploymentFinishTime"])
    assert done["tags"] == {"team": "nav"}

    listed = ok(server, "list-deployment-jobs", "--filters", "name=fleetName,values=demo")
    assert [j["arn"] for j in listed["deploymentJobs"]] == [job["arn"]]
    assert listed["deploymentJobs"][0]["status"] == "Succeeded"

    # sync: a robot added since gets the deployment; the CLI fills in the token itself
    late = client.create_robot(name="late", architecture="X86_64", greengrassGroupId="gg")["arn"]
    client.register_robot(fleet=fleet, robot=late)
    synced = ok(server, "sync-deployment-job", "--fleet", fleet)
    assert JOB_ARN_RE.fullmatch(synced["arn"]) and synced["arn"] != job["arn"]
    assert synced["status"] == "Pending"
    assert synced["deploymentConfig"] == job["deploymentConfig"]
    done = cli_wait(server, client, synced["arn"])
    assert done["status"] == "Succeeded"
    assert [r["arn"] for r in done["robotDeploymentSummary"]] == [late]

    everything = ok(server, "list-deployment-jobs")
    assert [j["arn"] for j in everything["deploymentJobs"]] == [synced["arn"], job["arn"]]   # newest first


@cli
def test_cli_cancel_and_errors(server):
    client = make_client(server.url)
    fleet, _ = make_fleet(client, "demo", robots=1)
    app, version = make_version(client, "nav")
    configs = json.dumps(app_config(app, version))
    # a slow clock keeps the job Pending for the rest of the test (200 ms of Pending = 200 s of wall time)
    resp = raw_http.send(server.url, "POST", "/_emulator/clock", {"scale": 0.001})
    assert resp.status == 200, resp.body

    job = ok(server, "create-deployment-job", "--fleet", fleet, "--deployment-application-configs", configs)
    assert job["status"] == "Pending"
    err = fails(server, "ConcurrentDeploymentException", "create-deployment-job", "--fleet", fleet,
                "--deployment-application-configs", configs)
    assert "CreateDeploymentJob" in err and fleet in err

    assert ok(server, "cancel-deployment-job", "--job", job["arn"]) is None   # {} prints nothing
    assert ok(server, "describe-deployment-job", "--job", job["arn"])["status"] == "Canceled"
    assert ok(server, "cancel-deployment-job", "--job", job["arn"]) is None   # again: a no-op

    err = fails(server, "InvalidParameterException", "sync-deployment-job", "--fleet", fleet)
    assert "SyncDeploymentJob" in err
    ghost = "arn:aws:robomaker:us-east-1:123456789012:deployment-job/deployment-000000000000"
    err = fails(server, "ResourceNotFoundException", "describe-deployment-job", "--job", ghost)
    assert ghost in err
    err = fails(server, "InvalidParameterException", "create-deployment-job", "--fleet", fleet,
                "--deployment-application-configs", json.dumps(app_config(app, "$LATEST")))
    assert "applicationVersion" in err
    second = ok(server, "create-deployment-job", "--fleet", fleet, "--client-request-token", "tok",
                "--deployment-application-configs", configs)
    other_launch = json.dumps(app_config(app, version, launch=dict(LAUNCH, launchFile="other.launch")))
    err = fails(server, "IdempotentParameterMismatchException", "create-deployment-job", "--fleet", fleet,
                "--client-request-token", "tok", "--deployment-application-configs", other_launch)
    assert "tok" in err
    assert [j["arn"] for j in client.list_deployment_jobs()["deploymentJobs"]] == [second["arn"], job["arn"]]
