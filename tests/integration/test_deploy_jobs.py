"""CreateDeploymentJob, DescribeDeploymentJob, ListDeploymentJobs (and the job side of Cancel/Sync)
through boto3: the job a create returns, the validation order, clientRequestToken idempotency, the
per-fleet concurrency rule, the active-jobs quota, list filters and pagination, the
lastDeployment* fields on fleets and robots, and tags on jobs. Rules: SEMANTICS.md §2-§4 and §6.

Servers run with `--clock manual` (the `manual` fixture), so a job moves only when a test advances
the clock (deploy_helpers.advance); the lifecycle itself is in test_deploy_lifecycle.py."""
import json
import re
import threading

import pytest
from botocore.exceptions import ClientError

import raw_http
from app_helpers import ghost_arn
from conftest import make_client
from deploy_helpers import (now_ms, LAUNCH, advance, app_config, create_job, make_fleet, make_version,
                            run_to_end)
from helpers import DEFAULT_ACCOUNT, epoch_ms_of, expect_error, make_robot, strip

JOB_ARN_RE = re.compile(rf"arn:aws:robomaker:us-east-1:{DEFAULT_ACCOUNT}:deployment-job/deployment-[a-z0-9]{{12}}")
GHOST_FLEET = f"arn:aws:robomaker:us-east-1:{DEFAULT_ACCOUNT}:deployment-fleet/ghost/1700000000000"
GHOST_JOB = f"arn:aws:robomaker:us-east-1:{DEFAULT_ACCOUNT}:deployment-job/deployment-000000000000"
OTHER_ACCOUNT = "210987654321"
# Every robot fails at Validating: with the default threshold (100 %) the job ends Failed.
FAIL_ALL = {"EMULATOR_FAIL": "GreengrassDeploymentFailed@Validating"}


def job_arns(client, **kwargs):
    return [j["arn"] for j in client.list_deployment_jobs(**kwargs)["deploymentJobs"]]


def advance_until(client, url, job, statuses, step=0.05, limit=2000):
    """Advances the clock `step` s at a time until the job's status is one of `statuses`."""
    for _ in range(limit):
        d = client.describe_deployment_job(job=job)
        if d["status"] in statuses:
            return d
        advance(url, step)
    raise AssertionError(f"{job} never reached {statuses}")


# ---------------------------------------------------------------- create and describe


def test_create_returns_the_pending_job_and_describe_agrees(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f", robots=2)
    app, version = make_version(client, "nav")
    configs = app_config(app, version, launch=dict(LAUNCH, preLaunchFile="pre.sh"), env={"MODE": "sim"})
    t = now_ms(srv.url)

    created = client.create_deployment_job(clientRequestToken="t1", fleet=fleet, deploymentApplicationConfigs=configs)
    assert set(strip(created)) == {"arn", "fleet", "status", "deploymentApplicationConfigs", "createdAt"}, created
    assert JOB_ARN_RE.fullmatch(created["arn"]), created["arn"]
    assert created["fleet"] == fleet
    assert created["status"] == "Pending"
    assert created["deploymentApplicationConfigs"] == configs
    assert epoch_ms_of(created["createdAt"]) == t // 1000 * 1000  # the manual clock's present, whole seconds

    described = client.describe_deployment_job(job=created["arn"])
    assert strip(described) == dict(strip(created), robotDeploymentSummary=[], tags={})

    [listed] = client.list_deployment_jobs()["deploymentJobs"]
    assert listed == strip(created)


def test_job_arns_are_unique(manual):
    srv, client = manual
    app, version = make_version(client, "nav")
    arns = set()
    for i in range(8):
        fleet, _ = make_fleet(client, f"f{i}")
        arns.add(create_job(client, fleet, app, version, f"t{i}")["arn"])   # all at one simulated instant
    assert len(arns) == 8 and all(JOB_ARN_RE.fullmatch(a) for a in arns)


@pytest.mark.parametrize("config", [
    {},
    {"concurrentDeploymentPercentage": 40},
    {"failureThresholdPercentage": 1},
    {"robotDeploymentTimeoutInSeconds": 60},
    {"downloadConditionFile": {"bucket": "my-bucket", "key": "cond/ok"}},
    {"concurrentDeploymentPercentage": 100, "failureThresholdPercentage": 100,
     "robotDeploymentTimeoutInSeconds": 604800,
     "downloadConditionFile": {"bucket": "my-bucket", "key": "cond/ok", "etag": "abc"}},
], ids=["empty", "concurrency", "threshold", "timeout", "condition", "all"])
def test_deployment_config_is_echoed_exactly(manual, config):
    """SEMANTICS §6: members the caller left out stay out; no defaults are filled in."""
    _, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    created = create_job(client, fleet, app, version, "t1", config=config)
    assert created["deploymentConfig"] == config
    assert client.describe_deployment_job(job=created["arn"])["deploymentConfig"] == config
    assert client.list_deployment_jobs()["deploymentJobs"][0]["deploymentConfig"] == config


def test_deployment_config_left_out_stays_out(manual):
    _, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    created = create_job(client, fleet, app, version, "t1")
    assert "deploymentConfig" not in created
    assert "deploymentConfig" not in client.describe_deployment_job(job=created["arn"])
    assert "deploymentConfig" not in client.list_deployment_jobs()["deploymentJobs"][0]


@pytest.mark.parametrize("seconds", [0, 1, 59, 604801, 10**9])
def test_robot_timeout_outside_its_range_is_invalid(manual, seconds):
    _, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    message = expect_error("InvalidParameterException", create_job, client, fleet, app, version, "t1",
                           config={"robotDeploymentTimeoutInSeconds": seconds})
    assert "robotDeploymentTimeoutInSeconds" in message, message
    assert job_arns(client) == []
    # the token was not used up by the rejected request
    assert create_job(client, fleet, app, version, "t1")["status"] == "Pending"


@pytest.mark.parametrize("seconds", [60, 18000, 604800])
def test_robot_timeout_at_its_limits_is_accepted(manual, seconds):
    _, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1", config={"robotDeploymentTimeoutInSeconds": seconds})
    assert job["deploymentConfig"] == {"robotDeploymentTimeoutInSeconds": seconds}


def test_validation_order(manual):
    """SEMANTICS §6: model constraints; fleet exists; application and version exist; the fleet has a
    robot; no other active job on the fleet. Each request below fails every later check too, so
    the error it gets shows which check comes first. Nothing is created by a rejected request."""
    srv, client = manual
    raw = make_client(srv.url, validate=False)
    fleet, robots = make_fleet(client, "f", robots=1)
    empty = client.create_fleet(name="empty")["arn"]
    app, version = make_version(client, "nav")
    ghost_app = ghost_arn()

    # model constraints first: "$LATEST" breaks applicationVersion's pattern [0-9]*
    message = expect_error("InvalidParameterException", create_job, raw, GHOST_FLEET, ghost_app, "$LATEST", "t1")
    assert "applicationVersion" in message and "pattern" in message, message
    message = expect_error("InvalidParameterException", create_job, raw, fleet, app, "$LATEST", "t1")
    assert "applicationVersion" in message, message
    # then the fleet
    message = expect_error("ResourceNotFoundException", create_job, client, GHOST_FLEET, ghost_app, "9", "t1")
    assert GHOST_FLEET in message, message
    # then the application, then its numbered version
    message = expect_error("ResourceNotFoundException", create_job, client, empty, ghost_app, "9", "t1")
    assert ghost_app in message, message
    message = expect_error("ResourceNotFoundException", create_job, client, empty, app, "9", "t1")
    assert "'9'" in message and app in message, message
    # then: the fleet has at least one robot
    message = expect_error("InvalidParameterException", create_job, client, empty, app, version, "t1")
    assert empty in message, message
    assert job_arns(client) == []

    # then: no other active job on the fleet
    job = create_job(client, fleet, app, version, "t1")["arn"]
    message = expect_error("ConcurrentDeploymentException", create_job, client, fleet, app, version, "t2")
    assert fleet in message, message
    # the robot check comes before the concurrency check
    client.deregister_robot(fleet=fleet, robot=robots[0])
    expect_error("InvalidParameterException", create_job, client, fleet, app, version, "t2")
    assert job_arns(client) == [job]


def test_version_of_another_application_is_not_found(manual):
    _, client = manual
    fleet, _ = make_fleet(client, "f")
    app, _ = make_version(client, "nav")
    other, _ = make_version(client, "other")
    client.create_robot_application_version(application=other)   # other has versions 1 and 2, nav only 1
    expect_error("ResourceNotFoundException", create_job, client, fleet, app, "2", "t1")
    client.delete_robot_application(application=app, applicationVersion="1")
    expect_error("ResourceNotFoundException", create_job, client, fleet, app, "1", "t1")
    assert job_arns(client) == []


def test_active_job_blocks_the_fleet_until_it_ends(manual):
    """ConcurrentDeploymentException while the fleet's job is Pending, Preparing or InProgress
    (for Create and Sync alike); once it is Succeeded, Canceled or Failed the fleet is free."""
    srv, client = manual
    fleet, _ = make_fleet(client, "f", robots=2)
    other, _ = make_fleet(client, "g", robots=1)
    app, version = make_version(client, "nav")

    zero = create_job(client, fleet, app, version, "z")["arn"]
    assert run_to_end(client, srv.url, zero)["status"] == "Succeeded"   # so that Sync has a job to sync with

    first = create_job(client, fleet, app, version, "a")["arn"]
    for status in ("Pending", "Preparing", "InProgress"):
        assert advance_until(client, srv.url, first, {status})["status"] == status
        expect_error("ConcurrentDeploymentException", create_job, client, fleet, app, version, "x-" + status)
        expect_error("ConcurrentDeploymentException", client.sync_deployment_job, clientRequestToken="s-" + status,
                     fleet=fleet)
        # another fleet is not affected
        if status == "Pending":
            create_job(client, other, app, version, "other")
    assert run_to_end(client, srv.url, first)["status"] == "Succeeded"

    second = create_job(client, fleet, app, version, "b")["arn"]
    client.cancel_deployment_job(job=second)
    third = create_job(client, fleet, app, version, "c", env=FAIL_ALL)["arn"]
    assert run_to_end(client, srv.url, third)["status"] == "Failed"
    fourth = create_job(client, fleet, app, version, "d")["arn"]
    assert client.describe_deployment_job(job=fourth)["status"] == "Pending"


def test_active_jobs_quota(start_server):
    """SEMANTICS §4/§6: LimitExceededException once the account has `activeDeploymentJobs` jobs
    Pending, Preparing or InProgress; the per-fleet concurrency check comes first; Sync counts the
    same; quotas are per account and region."""
    srv = start_server(quotas={"activeDeploymentJobs": 2}, args=["--clock", "manual"])
    client = make_client(srv.url)
    fleets = [make_fleet(client, f"f{i}")[0] for i in range(4)]
    app, version = make_version(client, "nav")

    create_job(client, fleets[0], app, version, "j0")
    j1 = create_job(client, fleets[1], app, version, "j1")["arn"]
    message = expect_error("LimitExceededException", create_job, client, fleets[2], app, version, "j2")
    assert message
    # the fleet's own active job is reported before the quota
    expect_error("ConcurrentDeploymentException", create_job, client, fleets[0], app, version, "j0b")
    assert len(job_arns(client)) == 2

    # another account has its own quota
    other = make_client(srv.url, access_key=OTHER_ACCOUNT)
    o_fleet, _ = make_fleet(other, "f0")
    o_app, o_version = make_version(other, "nav")
    create_job(other, o_fleet, o_app, o_version, "o0")

    # a finished job frees its slot
    client.cancel_deployment_job(job=j1)
    j2 = create_job(client, fleets[2], app, version, "j2")["arn"]
    expect_error("LimitExceededException", create_job, client, fleets[3], app, version, "j3")

    # Sync counts against the same quota (fleets[1] has a Succeeded job to sync with after this)
    run_to_end(client, srv.url, j2)   # j0 ends too
    j1b = create_job(client, fleets[1], app, version, "j1b")["arn"]
    run_to_end(client, srv.url, j1b)
    assert {j["status"] for j in client.list_deployment_jobs()["deploymentJobs"]} == {"Succeeded", "Canceled"}
    create_job(client, fleets[3], app, version, "j3")
    create_job(client, fleets[0], app, version, "j0c")
    expect_error("LimitExceededException", client.sync_deployment_job, clientRequestToken="s1", fleet=fleets[1])
    expect_error("LimitExceededException", create_job, client, fleets[2], app, version, "j2b")


def test_zero_active_jobs_quota_refuses_every_job(start_server):
    srv = start_server(quotas={"activeDeploymentJobs": 0}, args=["--clock", "manual"])
    client = make_client(srv.url)
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    expect_error("LimitExceededException", create_job, client, fleet, app, version, "t1")
    assert job_arns(client) == []


# ---------------------------------------------------------------- idempotency


def test_same_token_same_parameters_returns_the_same_job_in_its_current_state(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f", robots=2)
    app, version = make_version(client, "nav")
    config = {"concurrentDeploymentPercentage": 50}
    first = create_job(client, fleet, app, version, "tok", config=config, tags={"k": "v"})
    again = create_job(client, fleet, app, version, "tok", config=config, tags={"k": "v"})
    assert strip(again) == strip(first)

    # while the job is active, the replay is not a concurrent deployment: it is the same job
    advance_until(client, srv.url, first["arn"], {"InProgress"})
    again = create_job(client, fleet, app, version, "tok", config=config, tags={"k": "v"})
    assert again["arn"] == first["arn"] and again["status"] == "InProgress"
    run_to_end(client, srv.url, first["arn"])
    again = create_job(client, fleet, app, version, "tok", config=config, tags={"k": "v"})
    assert strip(again) == dict(strip(first), status="Succeeded")
    assert job_arns(client) == [first["arn"]]


def test_same_token_with_members_in_another_order_is_the_same_request(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    first = create_job(client, fleet, app, version, "tok", config={"concurrentDeploymentPercentage": 50,
                                                                   "failureThresholdPercentage": 10})
    body = ('{"deploymentConfig":{"failureThresholdPercentage":10,"concurrentDeploymentPercentage":50},'
            '"deploymentApplicationConfigs":[{"launchConfig":{"launchFile":"nav.launch","packageName":"nav"},'
            f'"applicationVersion":"{version}","application":"{app}"}}],"fleet":"{fleet}","clientRequestToken":"tok"}}')
    resp = raw_http.send(srv.url, "POST", "/createDeploymentJob", body)
    assert resp.status == 200, resp.body
    assert resp.json()["arn"] == first["arn"]
    assert job_arns(client) == [first["arn"]]


@pytest.mark.parametrize("change", ["fleet", "launch", "version", "config", "no-config", "env", "tags"])
def test_same_token_different_parameters_is_a_mismatch(manual, change):
    _, client = manual
    fleet, _ = make_fleet(client, "f")
    other_fleet, _ = make_fleet(client, "g")
    app, version = make_version(client, "nav")
    client.create_robot_application_version(application=app)   # version 2
    base = dict(fleet=fleet, app=app, version=version, token="tok", config={"concurrentDeploymentPercentage": 50})
    first = create_job(client, **base)
    changed = dict(base)
    if change == "fleet":
        changed["fleet"] = other_fleet
    elif change == "launch":
        changed["launch"] = dict(LAUNCH, launchFile="other.launch")
    elif change == "version":
        changed["version"] = "2"
    elif change == "config":
        changed["config"] = {"concurrentDeploymentPercentage": 51}
    elif change == "no-config":
        changed["config"] = None
    elif change == "env":
        changed["env"] = {"MODE": "sim"}
    elif change == "tags":
        changed["tags"] = {"k": "v"}
    message = expect_error("IdempotentParameterMismatchException", create_job, client, **changed)
    assert "tok" in message, message
    assert job_arns(client) == [first["arn"]]


def test_tokens_are_shared_by_create_and_sync(manual):
    """A Sync with a token a Create used (or the reverse) is a mismatch; a Sync replayed with its
    own token returns its job."""
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    created = create_job(client, fleet, app, version, "c1")["arn"]
    expect_error("IdempotentParameterMismatchException", client.sync_deployment_job, clientRequestToken="c1",
                 fleet=fleet)
    run_to_end(client, srv.url, created)

    synced = client.sync_deployment_job(clientRequestToken="s1", fleet=fleet)
    assert synced["status"] == "Pending"
    assert strip(client.sync_deployment_job(clientRequestToken="s1", fleet=fleet)) == strip(synced)
    expect_error("IdempotentParameterMismatchException", create_job, client, fleet, app, version, "s1")
    run_to_end(client, srv.url, synced["arn"])
    again = client.sync_deployment_job(clientRequestToken="s1", fleet=fleet)
    assert again["arn"] == synced["arn"] and again["status"] == "Succeeded"
    other, _ = make_fleet(client, "g")
    expect_error("IdempotentParameterMismatchException", client.sync_deployment_job, clientRequestToken="s1",
                 fleet=other)
    assert job_arns(client) == [synced["arn"], created]   # newest first


def test_tokens_belong_to_one_account(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    mine = create_job(client, fleet, app, version, "tok")["arn"]
    other = make_client(srv.url, access_key=OTHER_ACCOUNT)
    o_fleet, _ = make_fleet(other, "f")
    o_app, o_version = make_version(other, "nav")
    theirs = create_job(other, o_fleet, o_app, o_version, "tok")["arn"]
    assert theirs != mine and f":{OTHER_ACCOUNT}:deployment-job/" in theirs
    assert job_arns(client) == [mine] and job_arns(other) == [theirs]


def test_null_deployment_config_is_left_out(manual):
    """SEMANTICS §6: members the caller left out stay out; null means left out (docs/behaviour.md:
    null for an optional member is treated as absent)."""
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    resp = raw_http.call(srv.url, "CreateDeploymentJob", {
        "clientRequestToken": "t1", "fleet": fleet, "deploymentConfig": None,
        "deploymentApplicationConfigs": app_config(app, version)})
    assert resp.status == 200, resp.body
    assert "deploymentConfig" not in resp.json(), resp.body
    assert "deploymentConfig" not in client.describe_deployment_job(job=resp.json()["arn"])


@pytest.mark.parametrize("member", ["deploymentConfig", "tags"])
def test_replay_with_a_null_member_is_the_same_request(manual, member):
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    first = create_job(client, fleet, app, version, "tok")["arn"]
    resp = raw_http.call(srv.url, "CreateDeploymentJob", {
        "clientRequestToken": "tok", "fleet": fleet, member: None,
        "deploymentApplicationConfigs": app_config(app, version)})
    assert (resp.status, resp.error_type) == (200, None), resp.body
    assert resp.json()["arn"] == first


@pytest.mark.parametrize("where", ["tags", "environmentVariables"])
def test_null_map_value_is_a_wrong_type(manual, where):
    """SEMANTICS §2: a value of the wrong JSON type is InvalidParameterException; a map entry is
    not an optional member, so null is no way to leave it out."""
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    body = {"clientRequestToken": "t1", "fleet": fleet, "deploymentApplicationConfigs": app_config(app, version)}
    if where == "tags":
        body["tags"] = {"a": None, "b": "1"}
    else:
        body["deploymentApplicationConfigs"][0]["launchConfig"]["environmentVariables"] = {"A": None, "B": "1"}
    resp = raw_http.call(srv.url, "CreateDeploymentJob", body)
    assert (resp.status, resp.error_type) == (400, "InvalidParameterException"), resp.body
    assert where in resp.json()["message"]
    assert job_arns(client) == []


def race(n, fn):
    """Runs fn(i) in n threads released together; returns each outcome: ('ok', result) or (error code, None)."""
    barrier, out, lock = threading.Barrier(n), [], threading.Lock()

    def run(i):
        barrier.wait()
        try:
            outcome = ("ok", fn(i))
        except ClientError as e:
            outcome = (e.response["Error"]["Code"], None)
        with lock:
            out.append(outcome)
    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(out) == n
    return out


def test_parallel_creates_on_one_fleet_admit_exactly_one(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    clients = [make_client(srv.url) for _ in range(10)]
    out = race(10, lambda i: create_job(clients[i], fleet, app, version, f"t{i}")["arn"])
    codes = sorted(code for code, _ in out)
    assert codes == ["ConcurrentDeploymentException"] * 9 + ["ok"], codes
    assert job_arns(client) == [arn for code, arn in out if code == "ok"]


def test_parallel_replays_of_one_token_make_one_job(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    clients = [make_client(srv.url) for _ in range(10)]
    out = race(10, lambda i: create_job(clients[i], fleet, app, version, "same")["arn"])
    assert {code for code, _ in out} == {"ok"}
    assert len({arn for _, arn in out}) == 1
    assert job_arns(client) == [out[0][1]]


def test_parallel_creates_respect_the_active_jobs_quota(start_server):
    srv = start_server(quotas={"activeDeploymentJobs": 3}, args=["--clock", "manual"])
    client = make_client(srv.url)
    fleets = [make_fleet(client, f"f{i}")[0] for i in range(10)]
    app, version = make_version(client, "nav")
    clients = [make_client(srv.url) for _ in range(10)]
    out = race(10, lambda i: create_job(clients[i], fleets[i], app, version, f"t{i}")["arn"])
    codes = sorted(code for code, _ in out)
    assert codes == ["LimitExceededException"] * 7 + ["ok"] * 3, codes
    assert len(job_arns(client)) == 3


# ---------------------------------------------------------------- not found, scope


def test_unknown_jobs_and_fleets_are_not_found(manual):
    srv, client = manual
    for call in (client.describe_deployment_job, client.cancel_deployment_job):
        message = expect_error("ResourceNotFoundException", call, job=GHOST_JOB)
        assert GHOST_JOB in message, message
    message = expect_error("ResourceNotFoundException", client.sync_deployment_job, clientRequestToken="s",
                           fleet=GHOST_FLEET)
    assert GHOST_FLEET in message, message

    # a job of another account is not found from this one, and not listed
    other = make_client(srv.url, access_key=OTHER_ACCOUNT)
    o_fleet, _ = make_fleet(other, "f")
    o_app, o_version = make_version(other, "nav")
    theirs = create_job(other, o_fleet, o_app, o_version, "tok")["arn"]
    expect_error("ResourceNotFoundException", client.describe_deployment_job, job=theirs)
    expect_error("ResourceNotFoundException", client.cancel_deployment_job, job=theirs)
    expect_error("ResourceNotFoundException", client.sync_deployment_job, clientRequestToken="s", fleet=o_fleet)
    expect_error("ResourceNotFoundException", create_job, client, o_fleet, o_app, o_version, "x")
    assert job_arns(client) == []
    assert other.describe_deployment_job(job=theirs)["status"] == "Pending"
    # another region of the same account
    eu = make_client(srv.url, access_key=OTHER_ACCOUNT, region="eu-west-1")
    expect_error("ResourceNotFoundException", eu.describe_deployment_job, job=theirs)


# ---------------------------------------------------------------- list: filters and pagination


def jobs_in_every_status(srv, client):
    """Fleets ok, stop, fail, wait (one robot each) and their jobs, created in that order and ending
    Succeeded, Canceled, Failed, Pending. Returns {status: job arn}."""
    app, version = make_version(client, "nav")
    fleets = {name: make_fleet(client, name)[0] for name in ("ok", "stop", "fail", "wait")}
    ok = create_job(client, fleets["ok"], app, version, "ok")["arn"]
    run_to_end(client, srv.url, ok)
    stop = create_job(client, fleets["stop"], app, version, "stop")["arn"]
    client.cancel_deployment_job(job=stop)
    advance(srv.url, 1)
    fail = create_job(client, fleets["fail"], app, version, "fail", env=FAIL_ALL)["arn"]
    run_to_end(client, srv.url, fail)
    wait = create_job(client, fleets["wait"], app, version, "wait")["arn"]
    return {"Succeeded": ok, "Canceled": stop, "Failed": fail, "Pending": wait}


def test_list_filters(manual):
    srv, client = manual
    jobs = jobs_in_every_status(srv, client)
    for status, arn in jobs.items():
        assert job_arns(client, filters=[{"name": "status", "values": [status]}]) == [arn], status
    for status in ("Preparing", "InProgress", "succeeded", "nope"):
        assert job_arns(client, filters=[{"name": "status", "values": [status]}]) == [], status
    assert job_arns(client, filters=[{"name": "fleetName", "values": ["stop"]}]) == [jobs["Canceled"]]
    assert job_arns(client, filters=[{"name": "fleetName", "values": ["sto"]}]) == []   # exact match only
    assert job_arns(client) == [jobs[s] for s in ("Pending", "Failed", "Canceled", "Succeeded")]   # newest first

    # fleet names may repeat: the filter matches every fleet of that name
    app, version = make_version(client, "nav2")
    twin, _ = make_fleet(client, "ok", prefix="twin-")
    twin_job = create_job(client, twin, app, version, "twin")["arn"]
    assert job_arns(client, filters=[{"name": "fleetName", "values": ["ok"]}]) == [twin_job, jobs["Succeeded"]]

    raw = make_client(srv.url, validate=False)
    for filters in ([{"name": "color", "values": ["red"]}], [{"name": "name", "values": ["ok"]}],
                    [{"name": "status", "values": ["Pending", "Failed"]}],
                    [{"name": "status", "values": []}], [{"name": "status"}]):
        expect_error("InvalidParameterException", raw.list_deployment_jobs, filters=filters)


def test_list_items_match_describe(manual):
    srv, client = manual
    jobs = jobs_in_every_status(srv, client)
    listed = {j["arn"]: j for j in client.list_deployment_jobs()["deploymentJobs"]}
    assert set(listed) == set(jobs.values())
    for status, arn in jobs.items():
        described = strip(client.describe_deployment_job(job=arn))
        assert described["status"] == status
        expected = {k: v for k, v in described.items() if k not in ("robotDeploymentSummary", "tags")}
        assert listed[arn] == expected
    failed = listed[jobs["Failed"]]
    assert failed["failureCode"] == "FailureThresholdBreached" and failed["failureReason"]
    for arn in (jobs["Succeeded"], jobs["Canceled"], jobs["Pending"]):
        assert "failureCode" not in listed[arn] and "failureReason" not in listed[arn]


def test_list_pagination(manual):
    srv, client = manual
    app, version = make_version(client, "nav")
    arns = []
    for i in range(5):
        fleet, _ = make_fleet(client, f"f{i}")
        arns.append(create_job(client, fleet, app, version, f"t{i}")["arn"])
        advance(srv.url, 0.01)

    newest = arns[::-1]   # ListDeploymentJobs is newest first (SEMANTICS §4)
    first = client.list_deployment_jobs(maxResults=2)
    assert [j["arn"] for j in first["deploymentJobs"]] == newest[:2]
    assert first["nextToken"]
    # a job created while a client pages through does not shift the pages to come; nothing
    # repeats, nothing is skipped, and the next walk shows it first
    late_fleet, _ = make_fleet(client, "late")
    late = create_job(client, late_fleet, app, version, "late")["arn"]
    second = client.list_deployment_jobs(maxResults=2, nextToken=first["nextToken"])
    assert [j["arn"] for j in second["deploymentJobs"]] == newest[2:4]
    third = client.list_deployment_jobs(maxResults=2, nextToken=second["nextToken"])
    assert [j["arn"] for j in third["deploymentJobs"]] == [newest[4]]
    assert "nextToken" not in third

    assert job_arns(client, maxResults=200) == [late] + newest
    assert "nextToken" not in client.list_deployment_jobs(maxResults=6)
    page = client.list_deployment_jobs(maxResults=1, filters=[{"name": "fleetName", "values": ["f3"]}])
    assert [j["arn"] for j in page["deploymentJobs"]] == [arns[3]] and "nextToken" not in page

    raw = make_client(srv.url, validate=False)
    for n in (0, -1, 201):
        message = expect_error("InvalidParameterException", raw.list_deployment_jobs, maxResults=n)
        assert "maxResults" in message, message
    fleets_token = client.list_fleets(maxResults=1)["nextToken"]
    expect_error("InvalidParameterException", client.list_deployment_jobs, nextToken=fleets_token)
    forged = first["nextToken"][:-4] + ("AAAA" if not first["nextToken"].endswith("AAAA") else "BBBB")
    expect_error("InvalidParameterException", client.list_deployment_jobs, nextToken=forged)
    expect_error("InvalidParameterException", client.list_deployment_jobs, nextToken="forged")


def test_list_pages_hold_200_jobs_by_default(start_server):
    srv = start_server(quotas={"fleets": 201}, args=["--clock", "manual"])
    client = make_client(srv.url)
    app, version = make_version(client, "nav")
    arns = []
    for i in range(201):
        fleet, _ = make_fleet(client, f"f{i}")
        arns.append(create_job(client, fleet, app, version, f"t{i}")["arn"])
        client.cancel_deployment_job(job=arns[-1])   # stays under the active-jobs quota
    newest = arns[::-1]
    first = client.list_deployment_jobs()
    assert [j["arn"] for j in first["deploymentJobs"]] == newest[:200]
    rest = client.list_deployment_jobs(nextToken=first["nextToken"])
    assert [j["arn"] for j in rest["deploymentJobs"]] == newest[200:] and "nextToken" not in rest
    assert job_arns(client, maxResults=200) == newest[:200]
    # ids are drawn from all of [0-9a-z], like AWS's deployment-xl8qssl6pbcn (SEMANTICS §3): among
    # 201 random ids, letters beyond a-f appear (the odds against are (16/36)**2412)
    ids = [a.rsplit("/deployment-", 1)[1] for a in arns]
    assert all(JOB_ARN_RE.fullmatch(a) for a in arns)
    assert any(set(i) & set("ghijklmnopqrstuvwxyz") for i in ids), ids[:5]


def test_list_is_empty_without_jobs(manual):
    _, client = manual
    resp = client.list_deployment_jobs()
    assert resp["deploymentJobs"] == [] and "nextToken" not in resp


# ---------------------------------------------------------------- lastDeployment* on fleets and robots


def last_deployment(entry):
    return {k: entry[k] for k in ("lastDeploymentStatus", "lastDeploymentJob", "lastDeploymentTime") if k in entry}


def fleet_views(client, fleet):
    """lastDeployment* of the fleet in DescribeFleet and in ListFleets (which must agree)."""
    described = last_deployment(client.describe_fleet(fleet=fleet))
    [listed] = [f for f in client.list_fleets()["fleetDetails"] if f["arn"] == fleet]
    assert last_deployment(listed) == described
    return described


def robot_views(client, robot):
    """(lastDeploymentJob, lastDeploymentTime) of a robot in DescribeRobot and ListRobots (which
    must agree); its fleet's DescribeFleet lists it with only arn and createdAt (SEMANTICS §4)."""
    d = client.describe_robot(robot=robot)
    view = (d.get("lastDeploymentJob"), d.get("lastDeploymentTime"))
    [listed] = [r for r in client.list_robots()["robots"] if r["arn"] == robot]
    assert (listed.get("lastDeploymentJob"), listed.get("lastDeploymentTime")) == view
    if d.get("fleetArn"):
        [inside] = [r for r in client.describe_fleet(fleet=d["fleetArn"])["robots"] if r["arn"] == robot]
        assert inside == {"arn": robot, "createdAt": d["createdAt"]}
    return view


def test_fleet_mirrors_its_latest_job(manual):
    srv, client = manual
    fleet, robots = make_fleet(client, "f", robots=2)
    bystander, _ = make_fleet(client, "g")
    app, version = make_version(client, "nav")
    assert fleet_views(client, fleet) == {}

    job = create_job(client, fleet, app, version, "a")
    seen = set()
    while True:
        d = client.describe_deployment_job(job=job["arn"])
        assert fleet_views(client, fleet) == {"lastDeploymentStatus": d["status"], "lastDeploymentJob": job["arn"],
                                              "lastDeploymentTime": job["createdAt"]}
        seen.add(d["status"])
        if d["status"] == "Succeeded":
            break
        advance(srv.url, 0.1)
    assert seen == {"Pending", "Preparing", "InProgress", "Succeeded"}
    assert fleet_views(client, bystander) == {}

    advance(srv.url, 5)
    second = create_job(client, fleet, app, version, "b")
    assert second["createdAt"] > job["createdAt"]
    client.cancel_deployment_job(job=second["arn"])
    assert fleet_views(client, fleet) == {"lastDeploymentStatus": "Canceled", "lastDeploymentJob": second["arn"],
                                          "lastDeploymentTime": second["createdAt"]}


def test_robots_show_their_last_deployment(manual):
    srv, client = manual
    fleet, robots = make_fleet(client, "f", robots=2)
    app, version = make_version(client, "nav")
    for r in robots:
        assert robot_views(client, r) == (None, None)

    job = create_job(client, fleet, app, version, "a")
    advance_until(client, srv.url, job["arn"], {"InProgress"})
    for r in robots:
        assert robot_views(client, r) == (None, None)   # deploying: not deployed yet
    done = run_to_end(client, srv.url, job["arn"])
    finish = {s["arn"]: s["deploymentFinishTime"] for s in done["robotDeploymentSummary"]}
    for r in robots:
        last_job, last_time = robot_views(client, r)
        assert last_job == job["arn"]
        assert job["createdAt"] <= last_time <= finish[r]

    # a robot registered afterwards has no deployment; a canceled job changes nobody's last deployment
    late = make_robot(client, "late")["arn"]
    client.register_robot(fleet=fleet, robot=late)
    advance(srv.url, 2)
    second = create_job(client, fleet, app, version, "b")["arn"]
    advance_until(client, srv.url, second, {"InProgress"})
    client.cancel_deployment_job(job=second)
    assert robot_views(client, late) == (None, None)
    for r in robots:
        assert robot_views(client, r)[0] == job["arn"]

    # the next successful deployment replaces it
    third = create_job(client, fleet, app, version, "c")
    run_to_end(client, srv.url, third["arn"])
    for r in robots + [late]:
        last_job, last_time = robot_views(client, r)
        assert last_job == third["arn"] and last_time >= third["createdAt"]


# ---------------------------------------------------------------- tags on jobs


def test_tags_on_jobs(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    tags = {"team": "nav", "empty": "", "a b/c+=:.-_": "x"}
    created = create_job(client, fleet, app, version, "t1", tags=tags)
    assert created["tags"] == tags
    job = created["arn"]
    assert client.describe_deployment_job(job=job)["tags"] == tags
    assert client.list_tags_for_resource(resourceArn=job)["tags"] == tags

    client.tag_resource(resourceArn=job, tags={"team": "ops", "new": "1"})
    client.untag_resource(resourceArn=job, tagKeys=["empty", "missing"])
    expected = {"team": "ops", "a b/c+=:.-_": "x", "new": "1"}
    assert client.list_tags_for_resource(resourceArn=job)["tags"] == expected
    assert client.describe_deployment_job(job=job)["tags"] == expected
    assert "tags" not in client.list_deployment_jobs()["deploymentJobs"][0]

    # a job created without tags echoes none and describes {}
    other, _ = make_fleet(client, "g")
    plain = create_job(client, other, app, version, "t2")
    assert "tags" not in plain
    assert client.describe_deployment_job(job=plain["arn"])["tags"] == {}
    assert client.list_tags_for_resource(resourceArn=plain["arn"])["tags"] == {}

    expect_error("ResourceNotFoundException", client.list_tags_for_resource, resourceArn=GHOST_JOB)
    expect_error("ResourceNotFoundException", client.tag_resource, resourceArn=GHOST_JOB, tags={"a": "b"})


def test_tag_limits_on_jobs(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    other, _ = make_fleet(client, "g")
    app, version = make_version(client, "nav")
    fifty = {f"k{i}": "v" for i in range(50)}
    job = create_job(client, fleet, app, version, "t1", tags=fifty)["arn"]
    expect_error("LimitExceededException", client.tag_resource, resourceArn=job, tags={"one-more": "v"})
    client.tag_resource(resourceArn=job, tags={"k0": "overwritten"})   # overwriting stays at 50
    assert len(client.list_tags_for_resource(resourceArn=job)["tags"]) == 50

    raw = make_client(srv.url, validate=False)
    expect_error("InvalidParameterException", create_job, raw, other, app, version, "t2",
                 tags=dict(fifty, extra="v"))
    message = expect_error("InvalidParameterException", create_job, client, other, app, version, "t2",
                           tags={"aws:team": "x"})
    assert "aws:" in message, message
    assert job_arns(client) == [job]


def test_job_responses_are_json_with_request_ids(manual):
    """Raw wire checks: epoch-second timestamps in whole seconds, no nulls."""
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    resp = raw_http.call(srv.url, "CreateDeploymentJob", {
        "clientRequestToken": "t1", "fleet": fleet, "deploymentApplicationConfigs": app_config(app, version)})
    assert resp.status == 200 and resp.headers["content-type"].startswith("application/json")
    assert resp.headers.get("x-amzn-requestid")
    body = resp.json()
    assert isinstance(body["createdAt"], (int, float)) and body["createdAt"] == now_ms(srv.url) // 1000
    advance(srv.url, 3)
    described = raw_http.call(srv.url, "DescribeDeploymentJob", {"job": body["arn"]})
    text = described.body.decode()
    assert "null" not in text, text
    data = json.loads(text)
    assert data["status"] == "Succeeded"
    for robot in data["robotDeploymentSummary"]:
        assert robot["deploymentFinishTime"] >= robot["deploymentStartTime"] >= data["createdAt"]
    cancel = raw_http.call(srv.url, "CancelDeploymentJob", {"job": body["arn"]})
    assert cancel.status == 400 and cancel.error_type == "InvalidParameterException"
