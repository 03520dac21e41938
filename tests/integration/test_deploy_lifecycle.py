"""A deployment job's life on a manual clock (SEMANTICS §6, §8): the happy path for 1, 10 and 250
robots, the sliding concurrency window checked on the job's timeline, cancel in every active
status, sync after robots were added, expiry after 90 days, progress and timestamps, and the
timeline (GET /_emulator/jobs/{id}/events) agreeing with DescribeDeploymentJob.

Nothing moves until a test advances the clock (deploy_helpers.advance), so every observation is
deterministic; the `fast` preset's job takes a few simulated seconds."""
import math

import pytest

from conftest import make_client
from deploy_helpers import (advance_until, status_is, now_ms, ms, whole_ms, LAUNCH, advance, control, create_job, events, make_fleet, make_version, max_deploying,
                            run_to_end, summary_by_arn)
from helpers import expect_error, make_robot, strip

DAY = 86400
STEPS = ["Validating", "DownloadingExtracting", "Launching", "Finished"]
ALL_STEPS = ["Validating", "DownloadingExtracting", "ExecutingDownloadCondition", "ExecutingPreLaunch", "Launching",
             "ExecutingPostLaunch", "Finished"]
FAIL_ALL = {"EMULATOR_FAIL": "GreengrassDeploymentFailed@Validating"}


def robot_statuses(client, robots):
    return [client.describe_robot(robot=r)["status"] for r in robots]


def replay(evts, until_ms=None):
    """Job status and each robot's (status, step) after the events up to `until_ms` (all when None)."""
    job, robots = None, {}
    for e in evts:
        if until_ms is not None and ms(e["time"]) > until_ms:
            break
        if e["resource"] == "job":
            job = e["newStatus"]
        else:
            old_step = robots.get(e["arn"], (None, None))[1]
            robots[e["arn"]] = (e["newStatus"], e.get("step", old_step if e["newStatus"] == "Deploying" else None))
    return job, robots


def check_timeline(evts, job_arn, created_at):
    """Structural rules of a job's timeline: time order, the job's first event is its creation
    (no oldStatus), every event's oldStatus is the previous newStatus of the same resource."""
    times = [ms(e["time"]) for e in evts]
    assert times == sorted(times), "timeline is not in time order"
    first = evts[0]
    assert (first["resource"], first["arn"], first["newStatus"]) == ("job", job_arn, "Pending")
    assert "oldStatus" not in first and whole_ms(first["time"]) == ms(created_at)
    last = {}
    for e in evts:
        assert e["resource"] in ("job", "robot"), e
        assert e["resource"] != "job" or e["arn"] == job_arn, e
        if e is not first:
            assert e.get("oldStatus") == last.get(e["arn"], e.get("oldStatus")), e
        last[e["arn"]] = e["newStatus"]


def check_describe_agrees(describe, evts):
    """The timeline's end state is the described state: job status, each robot's status and step,
    start time (its move to Deploying) and finish time (its last event)."""
    job, robots = replay(evts)
    assert job == describe["status"]
    summary = summary_by_arn(describe)
    assert set(summary) == set(robots)
    for arn, s in summary.items():
        assert robots[arn][0] == s["status"], (arn, robots[arn], s)
        mine = [e for e in evts if e["arn"] == arn]
        starts = [e for e in mine if e["newStatus"] == "Deploying" and e.get("oldStatus") == "PendingNewDeployment"]
        if starts:
            assert ms(s["deploymentStartTime"]) == whole_ms(starts[0]["time"])
        else:
            assert "deploymentStartTime" not in s
        if "deploymentFinishTime" in s:
            assert ms(s["deploymentFinishTime"]) == whole_ms(mine[-1]["time"])


# ---------------------------------------------------------------- happy paths and the window


def test_one_robot_walks_every_status(manual):
    srv, client = manual
    fleet, [robot] = make_fleet(client, "f", robots=1)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1")
    assert job["status"] == "Pending"

    seen = []
    while True:
        d = client.describe_deployment_job(job=job["arn"])
        robot_status = client.describe_robot(robot=robot)["status"]
        [summary] = d["robotDeploymentSummary"] or [None]
        step = summary["progressDetail"].get("currentProgress") if summary else None
        state = (d["status"], robot_status, step)
        if not seen or seen[-1] != state:
            seen.append(state)
        if d["status"] == "Succeeded":
            break
        advance(srv.url, 0.05)
    assert seen == [("Pending", "Registered", None), ("Preparing", "PendingNewDeployment", None),
                    ("InProgress", "Deploying", "Validating"), ("InProgress", "Deploying", "DownloadingExtracting"),
                    ("InProgress", "Deploying", "Launching"), ("Succeeded", "InSync", "Finished")]
    [s] = d["robotDeploymentSummary"]
    assert s["arn"] == robot and s["status"] == "InSync"
    assert s["progressDetail"] == {"currentProgress": "Finished", "targetResource": job["arn"]}
    assert "failureCode" not in s and "failureReason" not in s and "failureCode" not in d
    assert d["createdAt"] == job["createdAt"] <= s["deploymentStartTime"] <= s["deploymentFinishTime"]

    evts = events(srv.url, job["arn"])
    check_timeline(evts, job["arn"], job["createdAt"])
    check_describe_agrees(d, evts)
    assert [e["newStatus"] for e in evts if e["resource"] == "job"] == ["Pending", "Preparing", "InProgress",
                                                                        "Succeeded"]
    assert [e.get("step") for e in evts if e["resource"] == "robot"] == [None] + STEPS
    job_times = {e["newStatus"]: whole_ms(e["time"]) for e in evts if e["resource"] == "job"}
    assert job_times["InProgress"] == ms(s["deploymentStartTime"])
    assert job_times["Succeeded"] == ms(s["deploymentFinishTime"])
    # the job does nothing more
    advance(srv.url, 60)
    assert events(srv.url, job["arn"]) == evts
    # the control API also takes the job's id (the ARN's last part)
    assert control(srv.url, "GET", f"/_emulator/jobs/{job['arn'].rsplit('/', 1)[1]}/events")["events"] == evts


def test_optional_files_add_their_steps(manual):
    srv, client = manual
    fleet, [robot] = make_fleet(client, "f", robots=1)
    app, version = make_version(client, "nav")
    launch = dict(LAUNCH, preLaunchFile="pre.sh", postLaunchFile="post.sh")
    config = {"downloadConditionFile": {"bucket": "my-bucket", "key": "cond.txt"}}
    job = create_job(client, fleet, app, version, "t1", launch=launch, config=config)["arn"]
    d = run_to_end(client, srv.url, job, step=0.5)
    assert d["status"] == "Succeeded"
    steps = [e.get("step") for e in events(srv.url, job) if e["arn"] == robot]
    assert steps == [None] + ALL_STEPS


@pytest.mark.parametrize("robots,percent", [(1, 100), (1, 1), (10, 25), (10, 100), (7, 50), (3, 34), (5, 1)])
def test_window_on_the_timeline(manual, robots, percent):
    """SEMANTICS §6: robots deploy in a sliding window of ceil(N * concurrency / 100), in
    registration order: never more Deploying at once, exactly that many at the peak, and a queued
    robot starts at the instant another one finishes."""
    srv, client = manual
    fleet, arns = make_fleet(client, "f", robots=robots)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1", config={"concurrentDeploymentPercentage": percent})
    window = math.ceil(robots * percent / 100)

    # mid-run snapshots agree with the timeline replayed up to the same instant
    while True:
        d = client.describe_deployment_job(job=job["arn"])
        _, replayed = replay(events(srv.url, job["arn"]), until_ms=now_ms(srv.url))
        for s in d["robotDeploymentSummary"]:
            status, step = replayed[s["arn"]]
            assert s["status"] == status
            assert s["progressDetail"].get("currentProgress") == step
        deploying = [s for s in d["robotDeploymentSummary"] if s["status"] == "Deploying"]
        assert len(deploying) <= window
        # the robots themselves say the same (ListRobots' status filter, and ListRobots by fleet)
        listed = client.list_robots(filters=[{"name": "status", "values": ["Deploying"]}])["robots"]
        assert sorted(r["arn"] for r in listed) == sorted(s["arn"] for s in deploying)
        in_fleet = {r["arn"]: r["status"]
                    for r in client.list_robots(filters=[{"name": "fleetName", "values": ["f"]}])["robots"]}
        assert all(in_fleet[s["arn"]] == s["status"] for s in d["robotDeploymentSummary"])
        if d["status"] == "Succeeded":
            break
        advance(srv.url, 0.25)

    evts = events(srv.url, job["arn"])
    check_timeline(evts, job["arn"], job["createdAt"])
    check_describe_agrees(d, evts)
    assert max_deploying(evts) == window
    assert [s["arn"] for s in d["robotDeploymentSummary"]] == arns
    assert {s["status"] for s in d["robotDeploymentSummary"]} == {"InSync"}
    assert robot_statuses(client, arns) == ["InSync"] * robots
    check_sliding(evts, arns, window)


def check_sliding(evts, arns, window):
    starts = [e for e in evts if e["resource"] == "robot" and e["newStatus"] == "Deploying"
              and e.get("oldStatus") == "PendingNewDeployment"]
    assert [e["arn"] for e in starts] == arns, "robots must start in registration order"
    in_progress = ms(next(e["time"] for e in evts if e["resource"] == "job" and e["newStatus"] == "InProgress"))
    finishes = [ms(e["time"]) for e in evts if e["resource"] == "robot" and e["newStatus"] == "InSync"]
    for i, e in enumerate(starts):
        if i < window:
            assert ms(e["time"]) == in_progress, "the first window starts with the job"
        else:
            assert ms(e["time"]) in finishes, "a queued robot starts when another finishes"


def test_250_robots(manual):
    srv, client = manual
    fleet, arns = make_fleet(client, "big", robots=250)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1", config={"concurrentDeploymentPercentage": 7})
    d = run_to_end(client, srv.url, job["arn"], step=5)
    assert d["status"] == "Succeeded"
    assert [s["arn"] for s in d["robotDeploymentSummary"]] == arns
    assert all(s["status"] == "InSync" and "failureCode" not in s for s in d["robotDeploymentSummary"])
    evts = events(srv.url, job["arn"])
    check_timeline(evts, job["arn"], job["createdAt"])
    check_describe_agrees(d, evts)
    assert max_deploying(evts) == math.ceil(250 * 7 / 100) == 18
    check_sliding(evts, arns, 18)
    assert {r["status"] for r in client.list_robots(filters=[{"name": "fleetName", "values": ["big"]}])["robots"]} \
        == {"InSync"}


def test_registration_order_not_creation_order(manual):
    """Robots deploy in the order they joined the fleet: a robot registered, deregistered and
    registered again goes to the end."""
    srv, client = manual
    fleet = client.create_fleet(name="f")["arn"]
    a, b, c = (make_robot(client, n)["arn"] for n in ("a", "b", "c"))
    for r in (c, a, b):
        client.register_robot(fleet=fleet, robot=r)
    client.deregister_robot(fleet=fleet, robot=c)
    client.register_robot(fleet=fleet, robot=c)           # order now a, b, c
    client.deregister_robot(fleet=fleet, robot=a)
    client.register_robot(fleet=fleet, robot=a)           # order now b, c, a
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1", config={"concurrentDeploymentPercentage": 1})["arn"]
    d = run_to_end(client, srv.url, job)
    assert [s["arn"] for s in d["robotDeploymentSummary"]] == [b, c, a]
    check_sliding(events(srv.url, job), [b, c, a], 1)


def relative_timeline(srv, client, robots):
    """Runs one job on a fresh fleet of `robots`; returns its timeline with times relative to the
    job's creation and robots named (ARNs and absolute times differ between servers)."""
    fleet, _ = make_fleet(client, "f", robots=robots)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1", config={"concurrentDeploymentPercentage": 50})["arn"]
    run_to_end(client, srv.url, job, step=1)
    evts = events(srv.url, job)
    t0 = ms(evts[0]["time"])
    return [(ms(e["time"]) - t0, e["resource"], e["arn"].split("/")[1] if e["resource"] == "robot" else "job",
             e.get("oldStatus"), e["newStatus"], e.get("step")) for e in evts]


def test_same_seed_and_clock_give_the_same_timeline(start_server):
    """SEMANTICS §8: the jitter is seeded, so the same seed, clock and requests give the same
    timeline on two servers."""
    timelines = []
    for _ in range(2):
        srv = start_server(args=["--clock", "manual", "--seed", "7"])
        timelines.append(relative_timeline(srv, make_client(srv.url), robots=4))
    assert timelines[0] == timelines[1]


def test_another_seed_gives_another_timeline(start_server):
    timelines = []
    for seed in ("7", "8"):
        srv = start_server(args=["--clock", "manual", "--seed", seed])
        timelines.append(relative_timeline(srv, make_client(srv.url), robots=4))
    assert timelines[0] != timelines[1]


def test_jitter_varies_step_durations(manual):
    """Sanity for the test above: durations do vary (robot by robot), so equal timelines are not
    an accident of a zero jitter."""
    srv, client = manual
    timeline = relative_timeline(srv, client, robots=4)
    finishes = {t for t, kind, _, _, status, _ in timeline if kind == "robot" and status == "InSync"}
    assert len(finishes) == 4


def test_robots_are_those_registered_when_the_job_enters_preparing(manual):
    srv, client = manual
    fleet, [a, b] = make_fleet(client, "f", robots=2)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1")["arn"]
    early = make_robot(client, "early")["arn"]
    client.register_robot(fleet=fleet, robot=early)       # while Pending: joins the job
    client.deregister_robot(fleet=fleet, robot=b)          # while Pending: leaves it
    advance_until(client, srv.url, job, status_is("Preparing"))
    late = make_robot(client, "late")["arn"]
    client.register_robot(fleet=fleet, robot=late)         # while Preparing: too late
    d = run_to_end(client, srv.url, job)
    assert d["status"] == "Succeeded"
    assert [s["arn"] for s in d["robotDeploymentSummary"]] == [a, early]
    assert robot_statuses(client, [a, b, early, late]) == ["InSync", "Available", "InSync", "Registered"]


# ---------------------------------------------------------------- progress and timestamps


def test_percent_done_grows_only_while_downloading(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f", robots=1)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1")["arn"]
    downloading = []
    while True:
        d = client.describe_deployment_job(job=job)
        for s in d["robotDeploymentSummary"]:
            progress = s["progressDetail"]
            assert progress["targetResource"] == job
            if progress.get("currentProgress") == "DownloadingExtracting" and s["status"] == "Deploying":
                assert 0 <= progress["percentDone"] <= 100
                assert progress["estimatedTimeRemainingSeconds"] >= 0
                downloading.append((progress["percentDone"], progress["estimatedTimeRemainingSeconds"]))
            else:
                assert "percentDone" not in progress and "estimatedTimeRemainingSeconds" not in progress, s
        if d["status"] == "Succeeded":
            break
        advance(srv.url, 0.04)
    assert len(downloading) >= 5, downloading
    percents = [p for p, _ in downloading]
    assert percents == sorted(percents) and len(set(percents)) == len(percents), "percentDone must grow"
    remaining = [r for _, r in downloading]
    assert remaining == sorted(remaining, reverse=True), "estimatedTimeRemainingSeconds must not grow"


def test_start_and_finish_times(manual):
    srv, client = manual
    fleet, arns = make_fleet(client, "f", robots=3)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1", config={"concurrentDeploymentPercentage": 34})["arn"]
    d = advance_until(client, srv.url, job, lambda d: any(s["status"] == "InSync"
                                                          for s in d["robotDeploymentSummary"]))
    for s in d["robotDeploymentSummary"]:
        if s["status"] == "PendingNewDeployment":
            assert "deploymentStartTime" not in s and "deploymentFinishTime" not in s
        elif s["status"] == "Deploying":
            assert "deploymentStartTime" in s and "deploymentFinishTime" not in s
        else:
            # whole seconds in the summary (may be one second); strictly later on the timeline
            assert s["deploymentStartTime"] <= s["deploymentFinishTime"]
            mine = [e for e in events(srv.url, job) if e["arn"] == s["arn"]]
            start = next(e["time"] for e in mine if e["newStatus"] == "Deploying")
            assert start < mine[-1]["time"]
            assert ms(s["deploymentFinishTime"]) <= now_ms(srv.url)
    d = run_to_end(client, srv.url, job)
    summary = d["robotDeploymentSummary"]
    for before, after in zip(summary, summary[1:]):
        # window 2 of 3: the third robot starts when the first of the other two finishes
        assert before["deploymentStartTime"] <= after["deploymentStartTime"]
    assert summary[2]["deploymentStartTime"] == min(summary[0]["deploymentFinishTime"],
                                                    summary[1]["deploymentFinishTime"])
    check_describe_agrees(d, events(srv.url, job))


# ---------------------------------------------------------------- cancel


def fleet_with_history(client, srv, robots_before=3, robots_after=2, name="f"):
    """A fleet whose first `robots_before` robots are InSync from a finished job, then
    `robots_after` robots registered afterwards. Returns (fleet, robots, app, version, first job)."""
    fleet, arns = make_fleet(client, name, robots=robots_before)
    app, version = make_version(client, "nav")
    first = create_job(client, fleet, app, version, "first")["arn"]
    assert run_to_end(client, srv.url, first)["status"] == "Succeeded"
    for i in range(robots_after):
        arn = make_robot(client, f"{name}-new{i}")["arn"]
        client.register_robot(fleet=fleet, robot=arn)
        arns.append(arn)
    return fleet, arns, app, version, first


def test_cancel_in_pending(manual):
    srv, client = manual
    fleet, arns, app, version, first = fleet_with_history(client, srv)
    before = robot_statuses(client, arns)
    job = create_job(client, fleet, app, version, "t1")["arn"]
    assert strip(client.cancel_deployment_job(job=job)) == {}
    d = client.describe_deployment_job(job=job)
    assert d["status"] == "Canceled" and d["robotDeploymentSummary"] == []
    assert "failureCode" not in d
    assert robot_statuses(client, arns) == before == ["InSync"] * 3 + ["Registered"] * 2
    assert [client.describe_robot(robot=r).get("lastDeploymentJob") for r in arns] == [first] * 3 + [None] * 2
    evts = events(srv.url, job)
    assert [(e.get("oldStatus"), e["newStatus"]) for e in evts] == [(None, "Pending"), ("Pending", "Canceled")]
    advance(srv.url, 60)
    assert events(srv.url, job) == evts
    assert client.describe_fleet(fleet=fleet)["lastDeploymentStatus"] == "Canceled"


def test_cancel_in_preparing(manual):
    srv, client = manual
    fleet, arns, app, version, first = fleet_with_history(client, srv)
    job = create_job(client, fleet, app, version, "t1")["arn"]
    advance_until(client, srv.url, job, status_is("Preparing"))
    assert robot_statuses(client, arns) == ["PendingNewDeployment"] * 5
    client.cancel_deployment_job(job=job)
    d = client.describe_deployment_job(job=job)
    assert d["status"] == "Canceled"
    summary = d["robotDeploymentSummary"]
    assert [s["arn"] for s in summary] == arns
    assert [s["status"] for s in summary] == ["InSync"] * 3 + ["Registered"] * 2   # their earlier status
    for s in summary:
        assert s["failureCode"] == "RobotDeploymentAborted" and s["failureReason"]
        assert "deploymentStartTime" not in s
    assert robot_statuses(client, arns) == ["InSync"] * 3 + ["Registered"] * 2
    assert [client.describe_robot(robot=r).get("lastDeploymentJob") for r in arns] == [first] * 3 + [None] * 2
    evts = events(srv.url, job)
    check_timeline(evts, job, d["createdAt"])
    check_describe_agrees(d, evts)
    advance(srv.url, 60)
    assert events(srv.url, job) == evts


def test_cancel_in_progress(manual):
    """Window 2 of 5: cancel when robots 0 and 1 are InSync, 2 and 3 are deploying and 4 is
    queued. Finished robots keep their result; the others get RobotDeploymentAborted and go back
    to their status before the job (InSync for robot 2, Registered for 3 and 4)."""
    srv, client = manual
    fleet, arns, app, version, first = fleet_with_history(client, srv)
    job = create_job(client, fleet, app, version, "t1", config={"concurrentDeploymentPercentage": 40})["arn"]
    d = advance_until(client, srv.url, job, lambda d: [s["status"] for s in d["robotDeploymentSummary"]] ==
                      ["InSync", "InSync", "Deploying", "Deploying", "PendingNewDeployment"], step=0.1)
    assert robot_statuses(client, arns) == ["InSync", "InSync", "Deploying", "Deploying", "PendingNewDeployment"]
    cancel_ms = now_ms(srv.url)
    client.cancel_deployment_job(job=job)

    d = client.describe_deployment_job(job=job)
    assert d["status"] == "Canceled" and "failureCode" not in d
    s0, s1, s2, s3, s4 = d["robotDeploymentSummary"]
    for s in (s0, s1):
        assert s["status"] == "InSync" and "failureCode" not in s
        assert s["progressDetail"]["currentProgress"] == "Finished"
    for s, status in ((s2, "InSync"), (s3, "Registered"), (s4, "Registered")):
        assert s["status"] == status
        assert s["failureCode"] == "RobotDeploymentAborted" and s["failureReason"]
        assert "percentDone" not in s["progressDetail"] and "estimatedTimeRemainingSeconds" not in s["progressDetail"]
    assert "deploymentStartTime" in s2 and "deploymentStartTime" in s3 and "deploymentStartTime" not in s4
    assert ms(s2["deploymentFinishTime"]) == ms(s3["deploymentFinishTime"]) == cancel_ms // 1000 * 1000
    assert robot_statuses(client, arns) == ["InSync", "InSync", "InSync", "Registered", "Registered"]
    last = [client.describe_robot(robot=r).get("lastDeploymentJob") for r in arns]
    assert last == [job, job, first, None, None]

    evts = events(srv.url, job)
    check_timeline(evts, job, d["createdAt"])
    check_describe_agrees(d, evts)
    assert evts[-1]["resource"] == "job" and evts[-1]["newStatus"] == "Canceled" and ms(evts[-1]["time"]) == cancel_ms
    advance(srv.url, 60)
    assert events(srv.url, job) == evts
    assert robot_statuses(client, arns) == ["InSync", "InSync", "InSync", "Registered", "Registered"]


def test_cancel_of_a_canceled_job_is_a_no_op(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f", robots=2)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1")["arn"]
    advance_until(client, srv.url, job, status_is("InProgress"))
    client.cancel_deployment_job(job=job)
    before = strip(client.describe_deployment_job(job=job))
    evts = events(srv.url, job)
    advance(srv.url, 1)
    assert strip(client.cancel_deployment_job(job=job)) == {}
    assert strip(client.describe_deployment_job(job=job)) == before
    assert events(srv.url, job) == evts


def test_cancel_of_a_finished_job_is_invalid(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    ok = create_job(client, fleet, app, version, "ok")["arn"]
    assert run_to_end(client, srv.url, ok)["status"] == "Succeeded"
    bad = create_job(client, fleet, app, version, "bad", env=FAIL_ALL)["arn"]
    assert run_to_end(client, srv.url, bad)["status"] == "Failed"
    for job, status in ((ok, "Succeeded"), (bad, "Failed")):
        before = strip(client.describe_deployment_job(job=job))
        message = expect_error("InvalidParameterException", client.cancel_deployment_job, job=job)
        assert job in message, message
        assert strip(client.describe_deployment_job(job=job)) == before
        assert before["status"] == status


# ---------------------------------------------------------------- sync


def test_sync_deploys_only_the_robots_added_since(manual):
    srv, client = manual
    fleet, arns, app, version, first = fleet_with_history(client, srv, robots_before=3, robots_after=0)
    described_first = client.describe_deployment_job(job=first)
    for i in range(2):
        arn = make_robot(client, f"new{i}")["arn"]
        client.register_robot(fleet=fleet, robot=arn)
        arns.append(arn)

    synced = client.sync_deployment_job(clientRequestToken="s1", fleet=fleet)
    assert set(strip(synced)) == {"arn", "fleet", "status", "deploymentApplicationConfigs", "createdAt"}
    assert synced["status"] == "Pending" and synced["fleet"] == fleet and synced["arn"] != first
    assert synced["deploymentApplicationConfigs"] == described_first["deploymentApplicationConfigs"]
    d = run_to_end(client, srv.url, synced["arn"])
    assert d["status"] == "Succeeded"
    assert [s["arn"] for s in d["robotDeploymentSummary"]] == arns[3:]
    assert robot_statuses(client, arns) == ["InSync"] * 5
    last = [client.describe_robot(robot=r)["lastDeploymentJob"] for r in arns]
    assert last == [first] * 3 + [synced["arn"]] * 2
    fleet_view = client.describe_fleet(fleet=fleet)
    assert (fleet_view["lastDeploymentJob"], fleet_view["lastDeploymentStatus"]) == (synced["arn"], "Succeeded")


def test_sync_copies_the_latest_succeeded_job(manual):
    """The configs come from the fleet's latest Succeeded job, not from a later Canceled or
    Failed one; deploymentConfig is copied as it was given. Robots whose last deployment is not
    that job (aborted, failed, never deployed) are synced."""
    srv, client = manual
    fleet, arns = make_fleet(client, "f", robots=3)
    app, version = make_version(client, "nav")
    client.create_robot_application_version(application=app)   # version 2
    config = {"concurrentDeploymentPercentage": 50, "robotDeploymentTimeoutInSeconds": 600}
    good = create_job(client, fleet, app, "2", "good", config=config)
    assert run_to_end(client, srv.url, good["arn"])["status"] == "Succeeded"
    canceled = create_job(client, fleet, app, "1", "canceled")["arn"]
    client.cancel_deployment_job(job=canceled)
    failed = create_job(client, fleet, app, "1", "failed",
                        env={"EMULATOR_FAIL": "GreengrassDeploymentFailed@Validating:f-r1"})["arn"]
    d = run_to_end(client, srv.url, failed)
    assert d["status"] == "Succeeded"   # 1 of 3 failed: below the default threshold
    assert robot_statuses(client, arns) == ["InSync", "Failed", "InSync"]

    synced = client.sync_deployment_job(clientRequestToken="s1", fleet=fleet)
    # the latest Succeeded job is now `failed` (it Succeeded with one robot Failed)
    source = client.describe_deployment_job(job=failed)
    assert synced["deploymentApplicationConfigs"] == source["deploymentApplicationConfigs"]
    assert "deploymentConfig" not in synced
    d = run_to_end(client, srv.url, synced["arn"])
    assert [s["arn"] for s in d["robotDeploymentSummary"]] == [arns[1]]

    # a later canceled job does not change what Sync copies
    other, others = make_fleet(client, "g", robots=2)
    ok = create_job(client, other, app, "2", "ok", config=config)["arn"]
    run_to_end(client, srv.url, ok)
    stop = create_job(client, other, app, "1", "stop")["arn"]
    advance_until(client, srv.url, stop, status_is("InProgress"))
    client.cancel_deployment_job(job=stop)
    synced = client.sync_deployment_job(clientRequestToken="s2", fleet=other)
    assert synced["deploymentConfig"] == config
    assert synced["deploymentApplicationConfigs"][0]["applicationVersion"] == "2"
    d = run_to_end(client, srv.url, synced["arn"])
    assert d["status"] == "Succeeded" and d["robotDeploymentSummary"] == []   # nobody left version 2


def test_sync_without_a_succeeded_job_is_invalid(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    message = expect_error("InvalidParameterException", client.sync_deployment_job, clientRequestToken="s0",
                           fleet=fleet)
    assert fleet in message, message
    stop = create_job(client, fleet, app, version, "stop")["arn"]
    client.cancel_deployment_job(job=stop)
    expect_error("InvalidParameterException", client.sync_deployment_job, clientRequestToken="s1", fleet=fleet)
    bad = create_job(client, fleet, app, version, "bad", env=FAIL_ALL)["arn"]
    assert run_to_end(client, srv.url, bad)["status"] == "Failed"
    expect_error("InvalidParameterException", client.sync_deployment_job, clientRequestToken="s2", fleet=fleet)
    assert len(client.list_deployment_jobs()["deploymentJobs"]) == 2


def test_sync_with_nothing_to_do_succeeds_empty(manual):
    srv, client = manual
    fleet, arns, app, version, first = fleet_with_history(client, srv, robots_before=2, robots_after=0)
    synced = client.sync_deployment_job(clientRequestToken="s1", fleet=fleet)
    assert synced["status"] == "Pending"
    d = run_to_end(client, srv.url, synced["arn"])
    assert d["status"] == "Succeeded" and d["robotDeploymentSummary"] == []
    evts = events(srv.url, synced["arn"])
    assert [(e["resource"], e["newStatus"]) for e in evts] == [("job", "Pending"), ("job", "Preparing"),
                                                              ("job", "InProgress"), ("job", "Succeeded")]
    assert [client.describe_robot(robot=r)["lastDeploymentJob"] for r in arns] == [first] * 2
    fleet_view = client.describe_fleet(fleet=fleet)
    assert (fleet_view["lastDeploymentJob"], fleet_view["lastDeploymentStatus"]) == (synced["arn"], "Succeeded")


# ---------------------------------------------------------------- expiry


def test_jobs_are_deleted_90_days_after_creation(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    old = create_job(client, fleet, app, version, "tok", tags={"k": "v"})
    run_to_end(client, srv.url, old["arn"])
    advance(srv.url, 10 * DAY)
    younger_fleet, _ = make_fleet(client, "g")
    younger = create_job(client, younger_fleet, app, version, "young")

    # one millisecond before its 90th day the old job is still there (createdAt shows whole
    # seconds; the instant to the millisecond is its timeline's first event)
    created_ms = ms(events(srv.url, old["arn"])[0]["time"])
    assert ms(old["createdAt"]) == created_ms // 1000 * 1000
    advance(srv.url, (created_ms + 90 * DAY * 1000 - 1 - now_ms(srv.url)) / 1000)
    assert client.describe_deployment_job(job=old["arn"])["status"] == "Succeeded"
    advance(srv.url, 0.001)
    assert now_ms(srv.url) == created_ms + 90 * DAY * 1000
    for call in (client.describe_deployment_job, client.cancel_deployment_job):
        expect_error("ResourceNotFoundException", call, job=old["arn"])
    expect_error("ResourceNotFoundException", client.list_tags_for_resource, resourceArn=old["arn"])
    assert [j["arn"] for j in client.list_deployment_jobs()["deploymentJobs"]] == [younger["arn"]]
    # the younger job (created 10 days later) lives on; it ended long ago (30-day limit is moot)
    assert client.describe_deployment_job(job=younger["arn"])["status"] == "Succeeded"

    # the token lives only as long as its job: reusable, even with other parameters
    again = create_job(client, fleet, app, version, "tok", config={"concurrentDeploymentPercentage": 10})
    assert again["arn"] != old["arn"] and again["status"] == "Pending"

    advance(srv.url, 10 * DAY + 60)
    expect_error("ResourceNotFoundException", client.describe_deployment_job, job=younger["arn"])
    assert [j["arn"] for j in client.list_deployment_jobs()["deploymentJobs"]] == [again["arn"]]
