"""The control API's wait and barriers (DESIGN §2):

- GET /_emulator/wait?job=ARN-or-id&status=S&timeout=SEC answers 200 with the DescribeDeploymentJob
  body as soon as the job is in S or any terminal status, 408 with the body as of then at the
  timeout; without status it waits for a terminal status; bad parameters are
  InvalidParameterException, an unknown job ResourceNotFoundException. The engine wakes waiters
  when their job changes (no polling): 500 waiters on one job cost the server no CPU while they
  wait, and all of them answer when it finishes.
- POST /_emulator/jobs/{jobId}/hold {"status": S} stops the job, robots included, once it reaches S
  (Pending, Preparing or InProgress) until POST .../release; the job then continues as if the held
  span had not happened. Holds are in the database and survive a kill -9.

Most tests run a manual clock, so every observation is deterministic; one runs the real clock
with the default `fast` preset. Times asserted on wall clocks are lower bounds (a 408 comes no
earlier than its timeout) or generous sanity bounds, never benchmarks."""
import collections
import http.client
import json
import os
import signal
import statistics
import threading
import time
import urllib.parse

import pytest

import model_check
import raw_http
from conftest import make_client
from deploy_helpers import (advance_until, status_is, now_ms, ms, advance, create_job, events, hold, job_id, job_path, make_fleet,
                            make_version, release, run_to_end, summary_by_arn, wait_job)
from helpers import strip

DAY = 86400
FAIL_ALL = {"EMULATOR_FAIL": "InvalidGreengrassGroup"}


def describe_raw(url, job_arn):
    """DescribeDeploymentJob's body as JSON (what the wait answers, byte for byte in meaning)."""
    resp = raw_http.call(url, "DescribeDeploymentJob", {"job": job_arn})
    assert resp.status == 200, resp.body
    return resp.json()


def check_wait_answer(resp, status_code, job_status=None):
    """A wait's answer: the HTTP status, a DescribeDeploymentJob body that conforms to the model;
    returns the body."""
    assert resp.status == status_code, (resp.status, resp.body)
    assert resp.headers.get("content-type") == "application/json"
    problems = model_check.check_output("DescribeDeploymentJob", resp.body)
    assert not problems, problems
    body = resp.json()
    if job_status is not None:
        assert body["status"] == job_status, body
    return body


def control_error(url, method, path, body=b""):
    """A control-API call expected to fail: (HTTP status, error type, message)."""
    resp = raw_http.send(url, method, path, body)
    assert resp.status != 200, (method, path, resp.body)
    problems = model_check.check_error("Control", resp.status, resp.headers, resp.body)
    assert not problems, problems
    return resp.status, resp.error_type, resp.json()["message"]


class Waiter(threading.Thread):
    """GET /_emulator/wait on a thread of its own; `resp` (or `error`) and `elapsed` once done."""

    def __init__(self, url, job, **kwargs):
        super().__init__(daemon=True)
        self.args = (url, job)
        self.kwargs = kwargs
        self.resp = self.error = self.elapsed = None

    def run(self):
        t0 = time.monotonic()
        try:
            self.resp = wait_job(*self.args, **self.kwargs)
        except Exception as e:  # noqa: BLE001 - reported by the test
            self.error = e
        self.elapsed = time.monotonic() - t0


def job_event_time(evts, status):
    return next(ms(e["time"]) for e in evts if e["resource"] == "job" and e["newStatus"] == status)


def server_cpu_seconds(srv):
    fields = open(f"/proc/{srv.proc.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ================================================================ wait


def test_wait_answers_on_the_awaited_transition(manual):
    """A thread waits for InProgress while the test advances the clock 50 ms at a time: it is still
    waiting while the job is Pending and Preparing, and its 200 body shows InProgress (the state
    the job was in when it woke), equal to Describe at that moment."""
    srv, client = manual
    fleet, _ = make_fleet(client, "f", robots=2)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1")["arn"]
    by_arn = Waiter(srv.url, job, status="InProgress", timeout=30)
    by_id = Waiter(srv.url, job_id(job), status="InProgress", timeout=30)
    for w in (by_arn, by_id):
        w.start()
    time.sleep(0.3)
    seen = []
    while True:
        d = client.describe_deployment_job(job=job)
        if not seen or seen[-1] != d["status"]:
            seen.append(d["status"])
        if d["status"] == "InProgress":
            break
        if d["status"] == "Preparing":
            time.sleep(0.05)
        assert by_arn.is_alive() and by_id.is_alive(), f"a waiter answered while the job was {d['status']}"
        advance(srv.url, 0.05)
    assert seen == ["Pending", "Preparing", "InProgress"]
    expected = describe_raw(srv.url, job)
    for w in (by_arn, by_id):
        w.join(10)
        assert not w.is_alive() and w.error is None, w.error
        assert check_wait_answer(w.resp, 200, "InProgress") == expected
    # the job then goes on as usual
    assert run_to_end(client, srv.url, job)["status"] == "Succeeded"


def test_wait_on_the_real_clock(start_server):
    """--clock real, fast preset: nothing but the server's own timer moves the job."""
    srv = start_server(args=["--clock", "real"])
    client = make_client(srv.url)
    fleet, _ = make_fleet(client, "f", robots=3)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1")["arn"]

    t0 = time.monotonic()
    resp = wait_job(srv.url, job, status="Preparing", timeout=20)
    body = check_wait_answer(resp, 200)
    assert body["status"] in ("Preparing", "InProgress", "Succeeded"), body
    resp = wait_job(srv.url, job, status="Succeeded", timeout=20)
    elapsed = time.monotonic() - t0
    body = check_wait_answer(resp, 200, "Succeeded")
    assert elapsed < 20, elapsed
    assert {s["status"] for s in body["robotDeploymentSummary"]} == {"InSync"}
    assert body == describe_raw(srv.url, job)
    # it answered after the transition, which happened without any request
    evts = events(srv.url, job)
    assert evts[-1]["newStatus"] == "Succeeded" and evts[-1]["wallTime"] <= time.time()

    # without a status: a terminal one; and by id
    again = create_job(client, fleet, app, version, "t2")["arn"]
    resp = wait_job(srv.url, job_id(again), timeout=20)
    assert check_wait_answer(resp, 200, "Succeeded")["arn"] == again


def test_wait_times_out_with_the_current_state(manual):
    """408 no earlier than the timeout, with the state as of the timeout, not as of the request:
    the job moved to Preparing while the waiter waited for InProgress."""
    srv, client = manual
    fleet, _ = make_fleet(client, "f", robots=2)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1")["arn"]
    timeout = 1.5
    w = Waiter(srv.url, job, status="InProgress", timeout=timeout)
    w.start()
    time.sleep(0.3)
    advance_until(client, srv.url, job, status_is("Preparing"))
    w.join(timeout + 10)
    assert w.error is None, w.error
    assert w.elapsed >= timeout, w.elapsed
    assert w.elapsed < timeout + 5, w.elapsed   # sanity: it does answer
    assert check_wait_answer(w.resp, 408, "Preparing") == describe_raw(srv.url, job)

    # timeout 0: at once
    t0 = time.monotonic()
    check_wait_answer(wait_job(srv.url, job, timeout=0), 408, "Preparing")
    assert time.monotonic() - t0 < 5

    # a held job does not reach a terminal status however far the clock goes
    hold(srv.url, job, "InProgress")
    w = Waiter(srv.url, job, timeout=1)
    w.start()
    time.sleep(0.2)
    advance(srv.url, 3600)
    w.join(15)
    assert w.elapsed >= 1
    assert check_wait_answer(w.resp, 408, "InProgress") == describe_raw(srv.url, job)


def test_wait_answers_at_once_for_a_finished_job(manual):
    """A Succeeded, Failed or Canceled job answers 200 at once, whatever status was asked for."""
    srv, client = manual
    app, version = make_version(client, "nav")
    jobs = {}
    for name, env in (("ok", None), ("bad", FAIL_ALL), ("stop", None)):
        fleet, _ = make_fleet(client, name, robots=2)
        jobs[name] = create_job(client, fleet, app, version, name, env=env)["arn"]
        if name == "stop":
            advance_until(client, srv.url, jobs[name], status_is("InProgress"))
            client.cancel_deployment_job(job=jobs[name])
        else:
            run_to_end(client, srv.url, jobs[name])
    for name, status in (("ok", "Succeeded"), ("bad", "Failed"), ("stop", "Canceled")):
        for asked in (None, "Pending", "InProgress", "Succeeded", status):
            t0 = time.monotonic()
            resp = wait_job(srv.url, jobs[name], status=asked, timeout=30)
            assert time.monotonic() - t0 < 5, "a finished job must answer at once"
            assert check_wait_answer(resp, 200, status) == describe_raw(srv.url, jobs[name])

    # a job already in the awaited (active) status also answers at once
    fleet, _ = make_fleet(client, "p", robots=1)
    pending = create_job(client, fleet, app, version, "p")["arn"]
    t0 = time.monotonic()
    check_wait_answer(wait_job(srv.url, pending, status="Pending", timeout=30), 200, "Pending")
    assert time.monotonic() - t0 < 5


def test_wait_rejects_bad_parameters(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1")["arn"]
    jid = job_id(job)
    bad = [f"/_emulator/wait?job={jid}&timeout={t}" for t in ("-1", "abc", "3601", "", "nan", "inf", "1e400", "5s")]
    bad += [f"/_emulator/wait?job={jid}&status={s}&timeout=1" for s in ("Bogus", "inprogress", "Registered")]
    bad += ["/_emulator/wait", "/_emulator/wait?timeout=1", "/_emulator/wait?status=Pending&timeout=1",
            "/_emulator/wait?job=&timeout=1"]
    for path in bad:
        t0 = time.monotonic()
        status, kind, message = control_error(srv.url, "GET", path)
        assert (status, kind) == (400, "InvalidParameterException"), (path, status, kind, message)
        assert time.monotonic() - t0 < 5, path
    for ref in ("deployment-000000000000", job.replace(jid, "deployment-000000000000"), "nope"):
        status, kind, message = control_error(
            srv.url, "GET", "/_emulator/wait?" + urllib.parse.urlencode({"job": ref, "timeout": "5"}))
        assert (status, kind) == (400, "ResourceNotFoundException"), (ref, status, kind)
        assert ref in message
    # the job itself is untouched
    assert client.describe_deployment_job(job=job)["status"] == "Pending"


def test_500_waiters_on_one_job_all_answer_when_it_finishes(manual):
    """500 connections wait at once; while they wait the server uses (almost) no CPU and still
    answers ListFleets; when the job finishes every one of them gets 200 Succeeded."""
    srv, client = manual
    fleet, _ = make_fleet(client, "f", robots=3)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1")["arn"]
    n = 500
    connected = threading.Barrier(n + 1, timeout=30)
    results = [None] * n

    def wait(i):
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
        try:
            conn.connect()
            connected.wait()
            ref = job if i % 2 else job_id(job)
            conn.request("GET", "/_emulator/wait?" + urllib.parse.urlencode({"job": ref, "timeout": "60"}))
            resp = conn.getresponse()
            results[i] = (resp.status, resp.read())
        except Exception as e:  # noqa: BLE001 - reported below
            results[i] = e
        finally:
            conn.close()

    threads = [threading.Thread(target=wait, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    connected.wait()          # 500 client connections are open
    time.sleep(1.0)
    assert all(t.is_alive() for t in threads), [r for r in results if r is not None][:3]
    if os.path.isdir(f"/proc/{srv.proc.pid}/fd"):
        assert len(os.listdir(f"/proc/{srv.proc.pid}/fd")) >= n, "the server does not hold 500 connections"

    # no polling: the parked waiters cost no CPU
    has_proc = os.path.exists(f"/proc/{srv.proc.pid}/stat")
    cpu0 = server_cpu_seconds(srv) if has_proc else 0.0
    time.sleep(1.0)
    cpu = server_cpu_seconds(srv) - cpu0 if has_proc else 0.0
    latencies = []
    for _ in range(5):
        t0 = time.monotonic()
        assert client.list_fleets()["fleetDetails"][0]["arn"] == fleet
        latencies.append(time.monotonic() - t0)
    print(f"\nserver CPU over 1 s with {n} waiters: {cpu:.3f} s; ListFleets latency: "
          f"median {statistics.median(latencies) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms")
    assert cpu < 0.5, f"the server used {cpu:.2f} s of CPU in 1 s with {n} idle waiters: it polls"
    assert all(t.is_alive() for t in threads)

    final = run_to_end(client, srv.url, job, step=1)
    assert final["status"] == "Succeeded"
    t0 = time.monotonic()
    for t in threads:
        t.join(max(0.1, 30 - (time.monotonic() - t0)))
    assert not any(t.is_alive() for t in threads), "some waiters never answered"
    expected = describe_raw(srv.url, job)
    errors = [r for r in results if not isinstance(r, tuple)]
    assert not errors, errors[:5]
    assert collections.Counter(status for status, _ in results) == {200: n}
    assert all(json.loads(body) == expected for _, body in results)


def test_sigterm_with_waiters_pending_shuts_down_promptly(manual):
    """SIGTERM while 50 waiters wait (timeout 60 s): the server exits 0 at once; each waiter gets
    an answer (the job's current state) or a closed connection, never a hang."""
    srv, client = manual
    fleet, _ = make_fleet(client, "f", robots=2)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1")["arn"]
    advance_until(client, srv.url, job, status_is("Preparing"))
    waiters = [Waiter(srv.url, job, status=("InProgress" if i % 2 else None), timeout=60, http_timeout=30)
               for i in range(50)]
    for w in waiters:
        w.start()
    time.sleep(0.5)
    assert all(w.is_alive() for w in waiters)
    t0 = time.monotonic()
    code = srv.stop(sig=signal.SIGTERM)
    elapsed = time.monotonic() - t0
    assert code == 0
    assert elapsed < 5, f"shutdown took {elapsed:.1f} s"
    for w in waiters:
        w.join(10)
        assert not w.is_alive(), "a waiter hangs after the server stopped"
        if w.error is not None:
            assert isinstance(w.error, (ConnectionError, http.client.HTTPException)), repr(w.error)
        else:
            assert w.resp.status in (200, 408), (w.resp.status, w.resp.body)
            assert json.loads(w.resp.body)["status"] == "Preparing"


# ================================================================ hold and release


def test_hold_at_in_progress_then_cancel_is_canceled_every_time(manual):
    """20 fleets, the hold placed at different moments (before Pending ends, during Preparing, in
    InProgress, after a robot finished); whatever the clock does meanwhile, cancel gives Canceled,
    robots that had finished keep their result and the others end RobotDeploymentAborted."""
    srv, client = manual
    app, version = make_version(client, "nav")
    for i in range(20):
        fleet, robots = make_fleet(client, f"f{i}", robots=3)
        job = create_job(client, fleet, app, version, f"t{i}", config={"concurrentDeploymentPercentage": 50})["arn"]
        placement = i % 4
        if placement == 1:
            advance_until(client, srv.url, job, status_is("Preparing"))
        elif placement == 2:
            advance_until(client, srv.url, job, status_is("InProgress"))
        elif placement == 3:
            advance_until(client, srv.url, job, lambda d: any(s["status"] == "InSync"
                                                              for s in d["robotDeploymentSummary"]))
        answer = hold(srv.url, job, "InProgress", by_id=bool(i % 2))
        assert (answer["job"], answer["holdStatus"]) == (job, "InProgress")
        assert answer["held"] == (placement >= 2)
        advance_until(client, srv.url, job, status_is("InProgress"), step=0.1)
        held = strip(client.describe_deployment_job(job=job))
        evts = events(srv.url, job)
        advance(srv.url, 1 + i * 13.7)
        assert strip(client.describe_deployment_job(job=job)) == held, "the held job moved"
        assert events(srv.url, job) == evts
        assert any(s["status"] != "InSync" for s in held["robotDeploymentSummary"])

        client.cancel_deployment_job(job=job)
        cancel_ms = now_ms(srv.url)
        d = client.describe_deployment_job(job=job)
        assert d["status"] == "Canceled", (i, d["status"])
        before = summary_by_arn(held)
        for r, s in summary_by_arn(d).items():
            if before[r]["status"] == "InSync":
                assert s["status"] == "InSync" and "failureCode" not in s
            else:
                assert s["failureCode"] == "RobotDeploymentAborted", (i, s)
                assert s["status"] == "Registered"   # the robot's status before the job
        assert [client.describe_robot(robot=r)["status"] for r in robots] == \
            [summary_by_arn(d)[r]["status"] for r in robots]
        after = events(srv.url, job)
        assert after[:len(evts)] == evts
        assert all(ms(e["time"]) == cancel_ms for e in after[len(evts):])
        assert after[-1]["resource"] == "job" and after[-1]["newStatus"] == "Canceled"
        advance(srv.url, 10)
        assert events(srv.url, job) == after


def relative(evts, held_at=None, released_at=None):
    """A timeline as (time since the job's creation, resource, robot name, old, new, step); events
    after `held_at` are moved back by the held span (released_at - held_at)."""
    t0 = ms(evts[0]["time"])
    out = []
    for e in evts:
        t = ms(e["time"])
        if held_at is not None and t > held_at:
            t -= released_at - held_at
        name = e["arn"].split("/")[1] if e["resource"] == "robot" else "job"
        out.append((t - t0, e["resource"], name, e.get("oldStatus"), e["newStatus"], e.get("step"),
                    e.get("failureCode")))
    return out


def reference_timeline(start_server, robots, config):
    """The same requests on a fresh server with the same seed, never held."""
    srv = start_server(args=["--clock", "manual", "--seed", "7"])
    client = make_client(srv.url)
    fleet, _ = make_fleet(client, "f", robots=robots)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1", config=config)["arn"]
    assert run_to_end(client, srv.url, job, step=0.5)["status"] == "Succeeded"
    evts = events(srv.url, job)
    srv.stop()
    return relative(evts)


@pytest.mark.parametrize("status", ["Pending", "Preparing", "InProgress"])
def test_hold_keeps_the_job_across_large_advances_and_release_resumes_it(start_server, status):
    """Held at `status` for more than 40 simulated days (past the 30-day deployment timeout), the
    job and its robots do not move; released, it finishes, and every step lasts what it lasts on an
    unheld job with the same seed: the timeline equals the reference shifted by the held span."""
    config = {"concurrentDeploymentPercentage": 50}
    reference = reference_timeline(start_server, 4, config)

    srv = start_server(args=["--clock", "manual", "--seed", "7"])
    client = make_client(srv.url)
    fleet, robots = make_fleet(client, "f", robots=4)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1", config=config)["arn"]
    answer = hold(srv.url, job, status)
    assert answer == {"job": job, "status": "Pending", "holdStatus": status, "held": status == "Pending"}
    advance_until(client, srv.url, job, status_is(status), step=0.05)
    evts = events(srv.url, job)
    held_at = now_ms(srv.url) if status == "Pending" else job_event_time(evts, status)
    held = strip(client.describe_deployment_job(job=job))
    robot_view = [client.describe_robot(robot=r)["status"] for r in robots]
    expected_robots = {"Pending": ["Registered"] * 4, "Preparing": ["PendingNewDeployment"] * 4,
                       "InProgress": ["Deploying"] * 2 + ["PendingNewDeployment"] * 2}[status]
    assert robot_view == expected_robots
    for seconds in (0.5, 60, 3600, 10 * DAY, 31 * DAY):
        advance(srv.url, seconds)
        assert strip(client.describe_deployment_job(job=job)) == held, f"moved after {seconds} s"
        assert events(srv.url, job) == evts
        assert [client.describe_robot(robot=r)["status"] for r in robots] == robot_view
    assert hold(srv.url, job, status)["held"] is True

    released_at = now_ms(srv.url)
    answer = release(srv.url, job, by_id=True)
    assert (answer["job"], answer["status"], answer["held"]) == (job, status, False)
    final = run_to_end(client, srv.url, job, step=0.5)
    assert final["status"] == "Succeeded"
    assert [s["status"] for s in final["robotDeploymentSummary"]] == ["InSync"] * 4
    after = events(srv.url, job)
    assert after[:len(evts)] == evts
    assert all(ms(e["time"]) >= released_at for e in after[len(evts):])
    assert relative(after, held_at, released_at) == reference


def test_hold_mid_progress_keeps_step_durations(start_server):
    """Held while robots are half-way through their steps: after the release each robot needs
    exactly the time it still had."""
    config = {"concurrentDeploymentPercentage": 50}
    reference = reference_timeline(start_server, 4, config)
    srv = start_server(args=["--clock", "manual", "--seed", "7"])
    client = make_client(srv.url)
    fleet, _ = make_fleet(client, "f", robots=4)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1", config=config)["arn"]
    advance_until(client, srv.url, job, lambda d: any(s["progressDetail"].get("percentDone", 0) >= 40
                                                      for s in d["robotDeploymentSummary"]), step=0.03)
    held_at = now_ms(srv.url)
    assert hold(srv.url, job, "InProgress")["held"] is True
    evts = events(srv.url, job)
    advance(srv.url, 2 * DAY)
    assert events(srv.url, job) == evts
    released_at = now_ms(srv.url)
    release(srv.url, job)
    assert run_to_end(client, srv.url, job, step=0.5)["status"] == "Succeeded"
    assert relative(events(srv.url, job), held_at, released_at) == reference


def test_held_robot_keeps_its_progress(manual):
    """SEMANTICS §6: percentDone is set during DownloadingExtracting and grows with time. A held
    robot does not move, so its progress stays where it was, and after the release it goes on
    from there."""
    srv, client = manual
    fleet, [robot] = make_fleet(client, "f", robots=1)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1")["arn"]

    def progress():
        return client.describe_deployment_job(job=job)["robotDeploymentSummary"][0]["progressDetail"]

    advance_until(client, srv.url, job, lambda d: d["robotDeploymentSummary"] and d["robotDeploymentSummary"][0]
                  ["progressDetail"].get("percentDone", 0) >= 40, step=0.03)
    before = progress()
    assert before["currentProgress"] == "DownloadingExtracting"
    hold(srv.url, job, "InProgress")
    advance(srv.url, 100)
    assert progress() == before, "a held robot's progress changed"
    release(srv.url, job)
    assert progress() == before, "progress jumped at the release"
    advance(srv.url, 0.1)
    later = progress()
    assert later["currentProgress"] == "DownloadingExtracting"
    assert before["percentDone"] < later["percentDone"] < before["percentDone"] + 25


def test_robot_back_online_during_a_hold_resumes_at_the_release(manual):
    """docs/engine.md: removing the offline tag resumes a stalled robot at once. Removed while the
    job is held, the robot resumes when the job is released."""
    srv, client = manual
    fleet, [robot] = make_fleet(client, "f", robots=1, tags={0: {"emulator:offline": "true"}})
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1")["arn"]
    advance_until(client, srv.url, job, status_is("InProgress"))
    advance(srv.url, 5)   # stalled at Validating, waiting for the robot
    hold(srv.url, job, "InProgress")
    client.untag_resource(resourceArn=robot, tagKeys=["emulator:offline"])
    advance(srv.url, 60)
    release(srv.url, job)
    d = run_to_end(client, srv.url, job, step=0.5, limit=60)   # the fast preset needs ~2 s
    assert d["status"] == "Succeeded"
    assert summary_by_arn(d)[robot]["status"] == "InSync"


def test_hold_past_its_status_is_invalid(manual):
    srv, client = manual
    app, version = make_version(client, "nav")
    fleet, _ = make_fleet(client, "f", robots=2)
    job = create_job(client, fleet, app, version, "t1")["arn"]
    for reached, too_late in (("Preparing", ["Pending"]), ("InProgress", ["Pending", "Preparing"])):
        advance_until(client, srv.url, job, status_is(reached))
        for status in too_late:
            before = (strip(client.describe_deployment_job(job=job)), events(srv.url, job))
            code, kind, message = control_error(srv.url, "POST", job_path(job, "hold"), {"status": status})
            assert (code, kind) == (400, "InvalidParameterException"), (reached, status, kind)
            assert reached in message and status in message
            assert (strip(client.describe_deployment_job(job=job)), events(srv.url, job)) == before
    assert run_to_end(client, srv.url, job)["status"] == "Succeeded"   # the refused holds left no trace

    # an ended job cannot be held at all
    bad_fleet, _ = make_fleet(client, "g", robots=1)
    bad = create_job(client, bad_fleet, app, version, "bad", env=FAIL_ALL)["arn"]
    assert run_to_end(client, srv.url, bad)["status"] == "Failed"
    stop_fleet, _ = make_fleet(client, "h", robots=1)
    stop = create_job(client, stop_fleet, app, version, "stop")["arn"]
    client.cancel_deployment_job(job=stop)
    for ended in (job, bad, stop):
        for status in ("Pending", "Preparing", "InProgress"):
            code, kind, _ = control_error(srv.url, "POST", job_path(ended, "hold", by_id=True), {"status": status})
            assert (code, kind) == (400, "InvalidParameterException")


def test_hold_rejects_bad_bodies_and_unknown_jobs(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1")["arn"]
    for body in ({}, {"status": "Succeeded"}, {"status": "Canceled"}, {"status": "Failed"}, {"status": "inprogress"},
                 {"status": ""}, {"status": 3}, {"status": None}, {"status": ["InProgress"]}, [], "InProgress",
                 b"", b"{not json", {"Status": "InProgress"}):
        code, kind, _ = control_error(srv.url, "POST", job_path(job, "hold"), body)
        assert (code, kind) == (400, "InvalidParameterException"), (body, code, kind)
    # nothing was held: the job runs to its end
    assert run_to_end(client, srv.url, job)["status"] == "Succeeded"
    for ref in ("deployment-000000000000", urllib.parse.quote(job.replace(job_id(job), "deployment-0"),
                                                                        safe="")):
        for action, body in (("hold", {"status": "InProgress"}), ("release", b""), ("events", None)):
            method = "GET" if action == "events" else "POST"
            code, kind, _ = control_error(srv.url, method, f"/_emulator/jobs/{ref}/{action}", body or b"")
            assert (code, kind) == (400, "ResourceNotFoundException"), (ref, action, code, kind)


def test_hold_survives_a_restart(start_server, tmp_path):
    """A held job (held before the kill) stays held after a kill -9 and a restart; a hold placed
    before the job reached its status still catches it after the restart; release resumes both."""
    db = tmp_path / "rml.db"
    srv = start_server(db=db, args=["--clock", "manual"])
    client = make_client(srv.url)
    app, version = make_version(client, "nav")
    fa, _ = make_fleet(client, "a", robots=2)
    fb, _ = make_fleet(client, "b", robots=2)
    held = create_job(client, fa, app, version, "held")["arn"]
    later = create_job(client, fb, app, version, "later")["arn"]
    assert hold(srv.url, held, "Preparing")["held"] is False
    advance_until(client, srv.url, held, status_is("Preparing"))
    assert client.describe_deployment_job(job=later)["status"] == "Preparing"
    assert hold(srv.url, later, "InProgress") == {"job": later, "status": "Preparing", "holdStatus": "InProgress",
                                                  "held": False}
    held_evts = events(srv.url, held)

    assert srv.stop(sig=signal.SIGKILL) == -signal.SIGKILL
    srv = start_server(db=db, args=["--clock", "manual"])
    client = make_client(srv.url)
    for seconds in (1, 600, 2 * DAY):
        advance(srv.url, seconds)
        assert client.describe_deployment_job(job=held)["status"] == "Preparing"
        assert events(srv.url, held) == held_evts
    d = client.describe_deployment_job(job=later)
    assert d["status"] == "InProgress"
    later_evts = events(srv.url, later)
    in_progress = job_event_time(later_evts, "InProgress")
    assert all(ms(e["time"]) <= in_progress for e in later_evts), "the later job moved past its hold"
    assert [s["progressDetail"]["currentProgress"] for s in d["robotDeploymentSummary"]] == ["Validating"] * 2

    # once more across a restart, now that both are held
    assert srv.stop(sig=signal.SIGKILL) == -signal.SIGKILL
    srv = start_server(db=db, args=["--clock", "manual"])
    client = make_client(srv.url)
    advance(srv.url, 3600)
    assert (events(srv.url, held), events(srv.url, later)) == (held_evts, later_evts)

    answer = release(srv.url, held)
    assert (answer["job"], answer["status"], answer["held"]) == (held, "Preparing", False)
    assert run_to_end(client, srv.url, held)["status"] == "Succeeded"
    assert client.describe_deployment_job(job=later)["status"] == "InProgress"
    assert events(srv.url, later) == later_evts
    release(srv.url, later, by_id=True)
    assert run_to_end(client, srv.url, later)["status"] == "Succeeded"


def test_hold_on_the_real_clock(start_server, tmp_path):
    """--clock real: the held job stays put while wall time passes, across a kill -9 and a
    restart too; the release alone (no other request) sets it going again, and a waiter sees it
    finish."""
    db = tmp_path / "rml.db"
    srv = start_server(db=db, args=["--clock", "real"])
    client = make_client(srv.url)
    fleet, _ = make_fleet(client, "f", robots=3)
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1")["arn"]
    hold(srv.url, job, "InProgress")
    held = check_wait_answer(wait_job(srv.url, job, status="InProgress", timeout=20), 200, "InProgress")
    evts = events(srv.url, job)
    time.sleep(1.0)
    assert describe_raw(srv.url, job) == held and events(srv.url, job) == evts

    assert srv.stop(sig=signal.SIGKILL) == -signal.SIGKILL
    srv = start_server(db=db, args=["--clock", "real"])
    check_wait_answer(wait_job(srv.url, job, timeout=1), 408, "InProgress")
    assert events(srv.url, job) == evts

    w = Waiter(srv.url, job, timeout=20)
    w.start()
    time.sleep(0.2)
    release(srv.url, job)
    w.join(30)
    assert w.error is None, w.error
    assert w.elapsed < 20, w.elapsed
    check_wait_answer(w.resp, 200, "Succeeded")


def test_unknown_action_or_method_on_a_job_is_unknown_operation(manual):
    srv, client = manual
    fleet, _ = make_fleet(client, "f")
    app, version = make_version(client, "nav")
    job = create_job(client, fleet, app, version, "t1")["arn"]
    calls = [("GET", job_path(job, "hold")), ("GET", job_path(job, "release")), ("PUT", job_path(job, "hold")),
             ("DELETE", job_path(job, "hold")), ("POST", job_path(job, "events")),
             ("DELETE", job_path(job, "events")), ("PATCH", job_path(job, "release")),
             ("GET", job_path(job, "bogus")), ("POST", job_path(job, "bogus")), ("POST", job_path(job, "Hold")),
             ("POST", job_path(job, "hold") + "/extra"), ("GET", job_path(job, "events", by_id=True) + "/x"),
             ("GET", f"/_emulator/jobs/{job_id(job)}"), ("GET", "/_emulator/jobs"), ("GET", "/_emulator/jobs/"),
             ("POST", "/_emulator/jobs/deployment-000000000000/bogus"), ("POST", "/_emulator/wait")]
    for method, path in calls:
        code, kind, message = control_error(srv.url, method, path, {"status": "InProgress"})
        assert (code, kind) == (404, "UnknownOperationException"), (method, path, code, kind, message)
    # none of them held the job
    assert run_to_end(client, srv.url, job)["status"] == "Succeeded"
