"""A deployment survives SIGKILL (docs/engine.md, "Restart"; DESIGN §3: every API write is one
transaction committed before the response): the real binary is killed mid-job and restarted on
the same database file. With the manual clock the job resumes exactly where it was (same clock,
same Describe, same timeline) and finishes consistently; with the real clock it finishes on its
own. Everything acknowledged by a 200 before the kill is still there. The last two tests pin the
clock's restart rules: a manual clock resumes at its saved present even when the wall clock has
passed it, and a scaled real clock never goes back (both fixed in 8945383)."""
import json
import signal
import time

import raw_http
from conftest import make_client
from deploy_helpers import (TERMINAL, advance, create_job, events, make_fleet, make_version, max_deploying,
                            run_to_end, summary_by_arn)
from helpers import make_robot, strip

ROBOTS = 20
LAUNCH_PRE_POST = {"packageName": "nav", "launchFile": "nav.launch", "preLaunchFile": "pre.sh",
                   "postLaunchFile": "post.sh"}
ROBOT_END = {"InSync", "Failed", "NoResponse"}


def clock_ms(url):
    resp = raw_http.send(url, "GET", "/_emulator/clock")
    assert resp.status == 200, resp.body
    return resp.json()["nowMs"]


def statuses(describe):
    return [s["status"] for s in describe["robotDeploymentSummary"]]


def terminal_events(evts):
    """robot ARN -> how many transitions ended its deployment."""
    ends = {}
    for e in evts:
        if e["resource"] == "robot" and e["newStatus"] not in ("PendingNewDeployment", "Deploying"):
            ends[e["arn"]] = ends.get(e["arn"], 0) + 1
    return ends


def check_finished(describe, evts, robots, window):
    """A finished job's summary and timeline: every robot exactly once, in registration order,
    each ended once; time never goes back; the window was never exceeded."""
    arns = [s["arn"] for s in describe["robotDeploymentSummary"]]
    assert arns == robots, "robots lost, added or reordered"
    assert all(s["status"] in ROBOT_END for s in describe["robotDeploymentSummary"]), statuses(describe)
    assert terminal_events(evts) == {arn: 1 for arn in robots}
    times = [e["time"] for e in evts]
    assert times == sorted(times)
    jobs = [e["newStatus"] for e in evts if e["resource"] == "job"]
    assert jobs == ["Pending", "Preparing", "InProgress", describe["status"]]
    assert max_deploying(evts) <= window
    for s in describe["robotDeploymentSummary"]:
        assert s["deploymentStartTime"] <= s["deploymentFinishTime"]


def test_sigkill_mid_job_with_the_manual_clock_resumes_exactly(start_server, tmp_path):
    # The realistic preset's minutes-long steps make a mixed moment easy to stop at.
    db = tmp_path / "deploy.db"
    args = ["--clock", "manual", "--preset", "realistic"]
    srv = start_server(db=db, args=args)
    client = make_client(srv.url)
    tags = {1: {"emulator:fail": "LambdaDeleted"}, 7: {"emulator:offline": "true"}}
    fleet, robots = make_fleet(client, "yard", robots=ROBOTS, tags=tags)
    app, version = make_version(client, "nav")
    config = {"concurrentDeploymentPercentage": 25, "failureThresholdPercentage": 50,
              "robotDeploymentTimeoutInSeconds": 400}
    job = create_job(client, fleet, app, version, "restart-1", config=config, launch=LAUNCH_PRE_POST)["arn"]

    # Partway: some robots ended, some deploying at different steps, some still queued.
    for _ in range(200):
        before = strip(client.describe_deployment_job(job=job))
        st = statuses(before)
        steps = {s["progressDetail"].get("currentProgress") for s in before["robotDeploymentSummary"]
                 if s["status"] == "Deploying"}
        if (before["status"] == "InProgress" and "InSync" in st and "Failed" in st
                and "PendingNewDeployment" in st and len(steps) >= 2):
            break
        advance(srv.url, 20)
    else:
        raise AssertionError("the job never reached a mixed state")
    now_before = clock_ms(srv.url)
    events_before = events(srv.url, job)

    # Acknowledged just before the kill: a fleet, a robot with tags in it, a tag on a job robot.
    late_fleet = client.create_fleet(name="late", tags={"k": "v"})["arn"]
    late_robot = make_robot(client, "late-robot", tags={"t": "1"})["arn"]
    client.register_robot(fleet=late_fleet, robot=late_robot)
    client.tag_resource(resourceArn=robots[3], tags={"note": "before-kill"})
    assert srv.stop(sig=signal.SIGKILL) == -signal.SIGKILL

    srv = start_server(db=db, args=args)
    client = make_client(srv.url)
    now_after = clock_ms(srv.url)
    assert now_after >= now_before, "the simulated clock went backwards across the restart"
    assert now_after == now_before, "the manual clock moved without an advance"
    assert strip(client.describe_deployment_job(job=job)) == before
    assert events(srv.url, job) == events_before
    assert [r["arn"] for r in client.describe_fleet(fleet=late_fleet)["robots"]] == [late_robot]
    assert client.list_tags_for_resource(resourceArn=late_fleet)["tags"] == {"k": "v"}
    assert client.describe_robot(robot=late_robot)["tags"] == {"t": "1"}
    assert client.list_tags_for_resource(resourceArn=robots[3])["tags"] == {"note": "before-kill"}

    end = run_to_end(client, srv.url, job, step=30)
    evts = events(srv.url, job)
    assert evts[:len(events_before)] == events_before, "the restart rewrote the timeline"
    assert end["status"] == "Succeeded", end.get("failureCode")  # 2 of 20 failed: below 50 %
    check_finished(end, evts, robots, window=5)
    summary = summary_by_arn(end)
    assert (summary[robots[1]]["status"], summary[robots[1]].get("failureCode")) == ("Failed", "LambdaDeleted")
    assert summary[robots[7]]["status"] == "NoResponse"
    assert {summary[r]["status"] for r in robots if r not in (robots[1], robots[7])} == {"InSync"}
    # Robots that had ended before the kill kept their end.
    for s in before["robotDeploymentSummary"]:
        if s["status"] in ROBOT_END:
            assert summary[s["arn"]] == s
    assert [client.describe_robot(robot=r)["status"] for r in robots] == [summary[r]["status"] for r in robots]


def scaled_config(tmp_path):
    """Steps that make a 20-robot job (window 5) take about 67 s of simulated time: ~3.4 s of
    wall time at --time-scale 20."""
    path = tmp_path / "steps.json"
    path.write_text(json.dumps({"steps": {"pending": 1000, "preparing": 2000, "validating": 2000,
                                          "downloadingExtracting": 10000, "launching": 4000}}))
    return ["--config", str(path)]


def test_sigkill_mid_job_with_the_real_clock_finishes_on_its_own(start_server, tmp_path):
    db = tmp_path / "real.db"
    args = ["--clock", "real", "--time-scale", "20", *scaled_config(tmp_path)]
    srv = start_server(db=db, args=args)
    client = make_client(srv.url)
    fleet, robots = make_fleet(client, "yard", robots=ROBOTS)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "real-1", config={"concurrentDeploymentPercentage": 25})["arn"]

    deadline = time.monotonic() + 20
    while True:  # mid-job: some robots done, others not
        before = strip(client.describe_deployment_job(job=job))
        st = statuses(before)
        if before["status"] == "InProgress" and "InSync" in st and "PendingNewDeployment" in st:
            break
        assert before["status"] not in TERMINAL and time.monotonic() < deadline, before["status"]
        time.sleep(0.05)
    late_robot = make_robot(client, "late-robot", tags={"t": "1"})["arn"]
    assert srv.stop(sig=signal.SIGKILL) == -signal.SIGKILL

    srv = start_server(db=db, args=args)
    client = make_client(srv.url)
    deadline = time.monotonic() + 60
    while True:
        end = strip(client.describe_deployment_job(job=job))
        if end["status"] in TERMINAL:
            break
        assert time.monotonic() < deadline, f"still {end['status']} a minute after the restart"
        time.sleep(0.1)
    assert end["status"] == "Succeeded"
    assert end["createdAt"] == before["createdAt"]
    evts = events(srv.url, job)
    check_finished(end, evts, robots, window=5)
    assert {s["status"] for s in end["robotDeploymentSummary"]} == {"InSync"}
    summary = summary_by_arn(end)
    for s in before["robotDeploymentSummary"]:  # robots that had finished before the kill kept their end
        if s["status"] == "InSync":
            assert summary[s["arn"]] == s
    assert client.describe_robot(robot=late_robot)["tags"] == {"t": "1"}


# ------------------------------------------------------------------------ the clock across restarts


def test_manual_clock_restart_restores_the_saved_present_when_the_wall_clock_is_later(start_server, tmp_path):
    db = tmp_path / "manual.db"
    srv = start_server(db=db, args=["--clock", "manual"])
    client = make_client(srv.url)
    fleet, _ = make_fleet(client, "yard", robots=3)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "m-1")["arn"]
    advance(srv.url, 0.3)  # fast preset: Preparing from 0.2 s to 0.6 s
    before = strip(client.describe_deployment_job(job=job))
    assert before["status"] == "Preparing"
    now_before = clock_ms(srv.url)
    time.sleep(1.5)  # the wall clock passes the saved simulated present (before 8945383 the clock jumped to it)
    assert srv.stop(sig=signal.SIGKILL) == -signal.SIGKILL

    srv = start_server(db=db, args=["--clock", "manual"])
    client = make_client(srv.url)
    assert clock_ms(srv.url) == now_before
    assert strip(client.describe_deployment_job(job=job)) == before


def test_real_clock_with_a_time_scale_does_not_go_back_across_a_restart(start_server, tmp_path):
    db = tmp_path / "scaled.db"
    args = ["--clock", "real", "--time-scale", "20"]
    srv = start_server(db=db, args=args)
    client = make_client(srv.url)
    time.sleep(1.0)  # 20 simulated seconds
    first = make_robot(client, "before-kill")
    now_before = clock_ms(srv.url)
    assert srv.stop(sig=signal.SIGKILL) == -signal.SIGKILL

    srv = start_server(db=db, args=args)
    client = make_client(srv.url)
    assert clock_ms(srv.url) >= now_before  # before 8945383: back to the wall clock, 19 s behind
    second = make_robot(client, "after-restart")
    assert second["createdAt"] >= first["createdAt"]
