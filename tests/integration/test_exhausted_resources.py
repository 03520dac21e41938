"""Exhausted resources and edges of time (SEMANTICS §10): clock scales and the year 9999, a database
locked by another process, a full disk, and pagination tokens bound to their operation, account
and region. Nothing may crash, hang or spin; health and reads keep answering."""
import sqlite3
import subprocess
import threading
import time

import pytest

import raw_http
from conftest import make_client
from server_process import BINARY
from helpers import expect_error, list_all

MAX_SIM_S = 253402300799  # 9999-12-31T23:59:59Z


@pytest.mark.parametrize("scale", ["1e-12", "1e-300", "0.0009", "1000001", "nan", "inf"])
def test_time_scale_out_of_range_stops_start_up(scale):
    r = subprocess.run([BINARY, "--port", "0", "--db", ":memory:", "--time-scale", scale],
                       capture_output=True, text=True, timeout=10)
    assert r.returncode == 2, r
    assert "time-scale" in r.stderr and "0.001 to 1000000" in r.stderr


@pytest.mark.parametrize("scale", [1e-12, 1e-300, 0.0009, 1000001])
def test_clock_scale_out_of_range_is_400(server, scale):
    resp = raw_http.send(server.url, "POST", "/_emulator/clock", {"scale": scale})
    assert resp.status == 400 and resp.error_type == "InvalidParameterException"
    assert raw_http.send(server.url, "GET", "/_emulator/clock").json()["scale"] == 1


def test_the_smallest_scale_arms_a_timer_without_spinning(start_server):
    srv = start_server(args=["--time-scale", "0.001"])
    client = make_client(srv.url)
    client.create_fleet(name="f")
    # the timer's delay is clamped: the process stays responsive and answers at once
    for _ in range(20):
        assert raw_http.send(srv.url, "GET", "/_emulator/health").status == 200
    assert srv.proc.poll() is None


def test_a_manual_advance_past_9999_is_refused(manual, model_conformance):
    srv, client = manual
    now = raw_http.send(srv.url, "GET", "/_emulator/clock").json()["nowMs"]
    left = MAX_SIM_S - now // 1000
    for body in ({"advanceSeconds": left + 10}, {"advanceSeconds": 1e300}):
        resp = raw_http.send(srv.url, "POST", "/_emulator/clock", body)
        assert resp.status == 400 and "9999-12-31" in resp.json()["message"], resp.body
        assert raw_http.send(srv.url, "GET", "/_emulator/clock").json()["nowMs"] == now
    ok = raw_http.send(srv.url, "POST", "/_emulator/clock", {"advanceSeconds": left - 10})
    assert ok.status == 200, ok.body
    client.create_fleet(name="late")
    fleets = client.list_fleets()["fleetDetails"]  # boto3 still parses every timestamp
    assert fleets[0]["createdAt"].year == 9999
    # the model checker's plausibility window (2000-2100) does not apply to this deliberate edge
    model_conformance[:] = [v for v in model_conformance if "between 2000 and 2100" not in v]


class _Lock:
    """Another process's write lock on the database file, until released."""

    def __init__(self, path):
        self.conn = sqlite3.connect(str(path), isolation_level=None, timeout=10)
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self):
        self.conn.execute("ROLLBACK")
        self.conn.close()


def test_a_locked_database_keeps_health_and_reads_answering(start_server, tmp_path):
    db = tmp_path / "locked.db"
    srv = start_server(db=db)
    client = make_client(srv.url)
    client.create_fleet(name="before")
    lock = _Lock(db)
    try:
        answers = {}

        def write():
            answers["write"] = raw_http.send(srv.url, "POST", "/createFleet", {"name": "during"}, timeout=30)

        writer = threading.Thread(target=write)
        writer.start()
        # while the write waits for the lock, the loop is free: health and reads answer
        for _ in range(5):
            assert raw_http.send(srv.url, "GET", "/_emulator/health", timeout=2).status == 200
            assert [f["name"] for f in client.list_fleets()["fleetDetails"]] == ["before"]
        writer.join(30)
        resp = answers["write"]
        assert resp.status == 503 and resp.error_type == "ServiceUnavailableException", resp.body
    finally:
        lock.release()
    client.create_fleet(name="after")  # the lock gone, writes work again
    assert sorted(f["name"] for f in client.list_fleets()["fleetDetails"]) == ["after", "before"]


def _deployment(client, robots=2):
    fleet = client.create_fleet(name="f")["arn"]
    for i in range(robots):
        robot = client.create_robot(name=f"r{i}", architecture="X86_64", greengrassGroupId="g")["arn"]
        client.register_robot(fleet=fleet, robot=robot)
    app = client.create_robot_application(
        name="app", sources=[{"s3Bucket": "bkt", "s3Key": "a.tar", "architecture": "X86_64"}],
        robotSoftwareSuite={"name": "ROS2", "version": "Foxy"})["arn"]
    client.create_robot_application_version(application=app)
    return client.create_deployment_job(
        fleet=fleet, clientRequestToken="t1",
        deploymentApplicationConfigs=[{"application": app, "applicationVersion": "1",
                                       "launchConfig": {"packageName": "p", "launchFile": "l"}}])["arn"]


def test_engine_writes_back_off_while_the_database_is_locked(start_server, tmp_path):
    db = tmp_path / "engine.db"
    srv = start_server(db=db, args=["--time-scale", "0.5"])
    client = make_client(srv.url)
    job = _deployment(client)
    lock = _Lock(db)
    try:
        deadline = time.time() + 4
        while time.time() < deadline:  # transitions fall due while nothing can be written
            assert client.describe_deployment_job(job=job)["arn"] == job  # answered from committed state
            time.sleep(0.2)
    finally:
        lock.release()
    wait = raw_http.send(srv.url, "GET", f"/_emulator/wait?job={job}&timeout=60", timeout=70)
    assert wait.status == 200 and wait.json()["status"] == "Succeeded", wait.body
    failures = [line for line in srv.log if "deployment engine:" in line and "retrying" in line]
    assert len(failures) == 1, failures  # one line per change of state, not one per retry
    deadline = time.time() + 15  # the timer's next try comes within its 5 s backoff
    while not any("writing again" in line for line in srv.log) and time.time() < deadline:
        time.sleep(0.1)
    assert any("writing again" in line for line in srv.log)


def test_a_full_disk_fails_writes_but_not_reads(tmp_path):
    # RLIMIT_FSIZE stands in for a full disk: SQLite's writes fail with EFBIG (the signal ignored)
    db = tmp_path / "full.db"
    cmd = f"trap '' XFSZ; ulimit -f 2000; exec {BINARY} --port 0 --host 127.0.0.1 --db {db} --time-scale 0.2"
    proc = subprocess.Popen(["bash", "-c", cmd], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = proc.stdout.readline().strip().split(" on ", 1)[1]
        threading.Thread(target=proc.stdout.read, daemon=True).start()
        client = make_client(url)
        job = _deployment(client)  # slowed down: its transitions keep falling due while the disk is full
        statuses, created = set(), 0
        for i in range(3000):
            resp = raw_http.send(url, "POST", "/createRobot",
                                 {"name": f"robot-{i}", "architecture": "X86_64", "greengrassGroupId": "g" * 1000})
            statuses.add(resp.status)
            created += resp.status == 200
            if resp.status != 200:
                assert resp.status == 500 and resp.error_type == "InternalServerException", resp.body
                break
        assert 500 in statuses, "the size limit was never reached"
        assert raw_http.send(url, "GET", "/_emulator/health").status == 200
        time.sleep(3)  # let transitions fall due that cannot be written
        assert len(list_all(client, "list_robots", "robots")) == 2 + created  # every acknowledged write
        for _ in range(10):  # from the committed state, every time
            assert client.describe_deployment_job(job=job)["arn"] == job
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_token_of_another_account_or_region_is_refused(server):
    a = make_client(server.url, access_key="111111111111")
    for i in range(3):
        a.create_fleet(name=f"f{i}")
    token = a.list_fleets(maxResults=1)["nextToken"]
    assert len(a.list_fleets(maxResults=1, nextToken=token)["fleetDetails"]) == 1
    for other in (make_client(server.url, access_key="222222222222"),
                  make_client(server.url, access_key="111111111111", region="eu-west-1")):
        expect_error("InvalidParameterException", other.list_fleets, maxResults=1, nextToken=token)
    expect_error("InvalidParameterException", a.list_robots, maxResults=1, nextToken=token)
