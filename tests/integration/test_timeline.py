"""The job timeline, GET /_emulator/jobs/{jobId}/events (DESIGN §2, docs/engine.md "Timeline"):
every job and robot transition with its simulated time and the wall time it was applied.

- On a manual clock, a job with failing robots that is then canceled (or breaches its failure
  threshold) is described after every small advance; each snapshot equals the timeline replayed
  so far, every status and step Describe showed appears in the timeline in the same order, and the
  final events equal the final Describe.
- The timeline is in the database: it survives a kill -9 and a restart, and it goes with its job
  when the job expires 90 days after its creation (then ResourceNotFoundException)."""
import math
import signal
import time
import urllib.parse

import pytest

import raw_http
from conftest import make_client
from deploy_helpers import (now_ms, ms, whole_ms, LAUNCH, TERMINAL, advance, control, create_job, events, job_id, make_fleet, make_version,
                            run_to_end, summary_by_arn)

DAY = 86400
FAIL_TAGS = {0: {"emulator:fail": "ExtractingBundleFailure"},                 # at DownloadingExtracting
             1: {"emulator:fail": "InvalidGreengrassGroup"}}                       # at Validating


def describe_state(d):
    """What Describe shows: the job's (status, failureCode) and each robot's
    (status, currentProgress, failureCode)."""
    robots = {s["arn"]: (s["status"], s["progressDetail"].get("currentProgress"), s.get("failureCode"))
              for s in d["robotDeploymentSummary"]}
    return (d["status"], d.get("failureCode")), robots


def replay(evts):
    """The same view rebuilt from a timeline: every event applied in order."""
    job, robots = None, {}
    for e in evts:
        if e["resource"] == "job":
            job = (e["newStatus"], e.get("failureCode"))
        else:
            robots[e["arn"]] = (e["newStatus"], e.get("step"), e.get("failureCode"))
    return job, robots


def dedup(seq):
    out = []
    for x in seq:
        if not out or out[-1] != x:
            out.append(x)
    return out


def is_subsequence(small, big):
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


def check_structure(evts, job_arn, created_at, wall_from, wall_to):
    """Simulated times never decrease; every event has a wallTime within the test's run; the job's
    first event is its creation; each event's oldStatus is the previous newStatus of its resource."""
    times = [ms(e["time"]) for e in evts]
    assert times == sorted(times), "simulated times decrease"
    for e in evts:
        assert isinstance(e.get("wallTime"), (int, float)) and not isinstance(e["wallTime"], bool), e
        assert wall_from - 2 <= e["wallTime"] <= wall_to + 2, (e, wall_from, wall_to)
        assert e["resource"] in ("job", "robot"), e
        assert e["resource"] == "robot" or e["arn"] == job_arn, e
    first = evts[0]
    assert (first["resource"], first["newStatus"]) == ("job", "Pending") and "oldStatus" not in first
    assert whole_ms(first["time"]) == ms(created_at)   # createdAt: whole seconds (SEMANTICS §2)
    last = {}
    for e in evts[1:]:
        if e["arn"] in last:
            assert e.get("oldStatus") == last[e["arn"]], e
        last[e["arn"]] = e["newStatus"]


@pytest.mark.parametrize("ending", ["cancel", "threshold"])
def test_timeline_matches_what_describe_showed(manual, ending):
    """Six robots in a window of three, two of them failing (one at Validating, one at
    DownloadingExtracting), a pre-launch step; the job is canceled while robots are deploying and
    queued, or breaches a 30 % failure threshold. After every 50 ms advance, Describe equals the
    timeline replayed so far."""
    srv, client = manual
    wall_from = time.time()
    fleet, robots = make_fleet(client, "f", robots=6, tags=FAIL_TAGS)
    app, version = make_version(client, "nav")
    config = {"concurrentDeploymentPercentage": 50}
    if ending == "threshold":
        config["failureThresholdPercentage"] = 30
    job = create_job(client, fleet, app, version, "t1", config=config,
                     launch=dict(LAUNCH, preLaunchFile="pre.sh"))
    arn = job["arn"]

    seen_job, seen_robots = [], {r: [] for r in robots}
    canceled_at = None
    for _ in range(2000):
        d = client.describe_deployment_job(job=arn)
        job_state, robot_states = describe_state(d)
        evts = events(srv.url, arn)
        assert replay(evts) == (job_state, robot_states), f"Describe and the timeline disagree at {now_ms(srv.url)}"
        seen_job.append(job_state)
        for r, s in robot_states.items():
            seen_robots[r].append(s)
        if d["status"] in TERMINAL:
            break
        statuses = [s["status"] for s in d["robotDeploymentSummary"]]
        if (ending == "cancel" and "Failed" in statuses and "Deploying" in statuses
                and "PendingNewDeployment" in statuses):
            canceled_at = now_ms(srv.url)
            client.cancel_deployment_job(job=arn)
            continue
        advance(srv.url, 0.05)
    else:
        raise AssertionError("the job did not end")
    wall_to = time.time()

    final = client.describe_deployment_job(job=arn)
    evts = events(srv.url, arn)
    check_structure(evts, arn, job["createdAt"], wall_from, wall_to)

    # everything Describe showed appears in the timeline, in the same order
    job_seq = dedup([(e["newStatus"], e.get("failureCode")) for e in evts if e["resource"] == "job"])
    assert is_subsequence(dedup(seen_job), job_seq), (dedup(seen_job), job_seq)
    for r in robots:
        robot_seq = [(e["newStatus"], e.get("step"), e.get("failureCode")) for e in evts if e["arn"] == r]
        shown = dedup([s for s in seen_robots[r]])
        assert shown and is_subsequence(shown, robot_seq), (r, shown, robot_seq)

    # the final events are the final Describe
    assert replay(evts) == describe_state(final)
    body = control(srv.url, "GET", f"/_emulator/jobs/{job_id(arn)}/events")
    assert body["job"] == arn and body["status"] == final["status"] and body["events"] == evts
    summary = summary_by_arn(final)
    for r in robots:
        s, mine = summary[r], [e for e in evts if e["arn"] == r]
        assert mine[-1]["newStatus"] == s["status"]
        assert mine[-1].get("failureReason") == s.get("failureReason")
        starts = [e for e in mine if e.get("oldStatus") == "PendingNewDeployment" and e["newStatus"] == "Deploying"]
        assert (ms(s["deploymentStartTime"]) if "deploymentStartTime" in s else None) == \
            (whole_ms(starts[0]["time"]) if starts else None), (s, mine)
        if "deploymentFinishTime" in s:
            assert ms(s["deploymentFinishTime"]) == whole_ms(mine[-1]["time"])
    last = evts[-1]
    assert last["resource"] == "job" and last["newStatus"] == final["status"]
    assert last.get("failureCode") == final.get("failureCode")
    assert last.get("failureReason") == final.get("failureReason")

    # the injected failures, each at its step
    failed = {e["arn"]: (e["step"], e["failureCode"]) for e in evts
              if e["resource"] == "robot" and e["newStatus"] == "Failed"}
    assert failed[robots[1]] == ("Validating", "InvalidGreengrassGroup")
    if robots[0] in failed:
        assert failed[robots[0]] == ("DownloadingExtracting", "ExtractingBundleFailure")
    aborted = [e for e in evts if e.get("failureCode") == "RobotDeploymentAborted"]
    assert aborted, "robots still deploying or queued must end aborted"
    for e in aborted:
        assert e["resource"] == "robot" and e["newStatus"] == "Registered"   # their status before the job
        assert e["oldStatus"] in ("Deploying", "PendingNewDeployment") and ms(e["time"]) == ms(last["time"])
    if ending == "cancel":
        assert final["status"] == "Canceled" and "failureCode" not in final
        assert ms(last["time"]) == canceled_at
    else:
        assert final["status"] == "Failed" and final["failureCode"] == "FailureThresholdBreached"
        # the second failure (of 6 robots, threshold 30 %) ends the job at that very instant
        second = sorted(ms(e["time"]) for e in evts if e["resource"] == "robot" and e["newStatus"] == "Failed")[1]
        assert ms(last["time"]) == second and len(failed) == 2 and math.ceil(6 * 0.3) == 2

    # a finished job's timeline does not change
    advance(srv.url, 120)
    assert events(srv.url, arn) == evts


def test_timeline_survives_a_kill_and_goes_with_its_job(start_server, tmp_path):
    db = tmp_path / "rml.db"
    srv = start_server(db=db, args=["--clock", "manual"])
    client = make_client(srv.url)
    fleet, robots = make_fleet(client, "f", robots=3, tags={1: FAIL_TAGS[1]})
    app, version = make_version(client, "nav")
    done = create_job(client, fleet, app, version, "done")
    assert run_to_end(client, srv.url, done["arn"])["status"] == "Succeeded"
    other, _ = make_fleet(client, "g", robots=4)
    running = create_job(client, other, app, version, "running", config={"concurrentDeploymentPercentage": 25})
    for _ in range(200):
        d = client.describe_deployment_job(job=running["arn"])
        if any(s["status"] == "InSync" for s in d["robotDeploymentSummary"]):
            break
        advance(srv.url, 0.1)
    assert d["status"] == "InProgress"
    before = {j: events(srv.url, j) for j in (done["arn"], running["arn"])}
    assert any(e["newStatus"] == "Failed" for e in before[done["arn"]])
    clock_before = now_ms(srv.url)

    assert srv.stop(sig=signal.SIGKILL) == -signal.SIGKILL
    srv = start_server(db=db, args=["--clock", "manual"])
    client = make_client(srv.url)
    assert now_ms(srv.url) == clock_before
    for j, evts in before.items():
        assert events(srv.url, j) == evts, "the timeline changed across the restart"

    # the running job goes on where it stood; its timeline grows from the saved one
    final = run_to_end(client, srv.url, running["arn"], step=0.5)
    assert final["status"] == "Succeeded"
    after = events(srv.url, running["arn"])
    assert after[:len(before[running["arn"]])] == before[running["arn"]] and len(after) > len(before[running["arn"]])
    times = [ms(e["time"]) for e in after]
    assert times == sorted(times)
    assert replay(after) == describe_state(final)

    # 90 days after its creation the job is deleted, its timeline with it
    expiry = ms(before[done["arn"]][0]["time"]) + 90 * DAY * 1000   # creation to the ms: its first event
    advance(srv.url, (expiry - 1 - now_ms(srv.url)) / 1000)
    assert events(srv.url, done["arn"]) == before[done["arn"]]
    advance(srv.url, 0.001)
    for path in (f"/_emulator/jobs/{urllib.parse.quote(done['arn'], safe='')}/events",
                 f"/_emulator/jobs/{job_id(done['arn'])}/events"):
        resp = raw_http.send(srv.url, "GET", path)
        assert (resp.status, resp.error_type) == (400, "ResourceNotFoundException"), (resp.status, resp.body)
        assert job_id(done["arn"]) in resp.json()["message"]
    # the younger job's timeline is still there until its own 90th day
    assert events(srv.url, running["arn"]) == after
    advance(srv.url, (ms(after[0]["time"]) + 90 * DAY * 1000 - now_ms(srv.url)) / 1000)
    resp = raw_http.send(srv.url, "GET", f"/_emulator/jobs/{job_id(running['arn'])}/events")
    assert (resp.status, resp.error_type) == (400, "ResourceNotFoundException")

    # and it stays gone across another restart
    assert srv.stop(sig=signal.SIGKILL) == -signal.SIGKILL
    srv = start_server(db=db, args=["--clock", "manual"])
    for j in before:
        resp = raw_http.send(srv.url, "GET", f"/_emulator/jobs/{job_id(j)}/events")
        assert (resp.status, resp.error_type) == (400, "ResourceNotFoundException")
