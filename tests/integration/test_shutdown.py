"""Graceful shutdown (--shutdown-grace, docs/behaviour.md "Shutdown"): on SIGTERM/SIGINT the
emulator stops accepting, lets requests in flight finish for up to the grace, then cuts what is
still open (a client that stopped reading, an injected latency) and exits 0; acknowledged writes
are on disk. The bounds (grace + 5 s) are generous; they are what the old code broke by ~30 s."""
import signal
import socket
import time

import raw_http
import wire
from conftest import make_client
from server_process import BINARY, ServerProcess


def stop_within(srv, sig, bound, signalled=False):
    """Signals srv (unless `signalled` already) and checks it exits 0 within bound seconds."""
    t0 = time.monotonic()
    if not signalled:
        srv.proc.send_signal(sig)
    try:
        code = srv.proc.wait(timeout=bound)
    finally:
        srv.stop()
    elapsed = time.monotonic() - t0
    assert code == 0, f"exit code {code} after {elapsed:.1f} s"
    assert elapsed < bound, f"took {elapsed:.1f} s"


def stalled_reader(url):
    """A connection that pipelines requests for ~30 MB of responses and never reads them."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(wire.address(url))
    s.setblocking(False)
    data = wire.request("GET", "/_emulator/") * 2000
    sent = 0
    deadline = time.monotonic() + 5
    while sent < len(data) and time.monotonic() < deadline:
        try:
            sent += s.send(data[sent:])
        except BlockingIOError:
            time.sleep(0.01)
    return s


def test_sigterm_cuts_a_client_that_stopped_reading(tmp_path):
    db = str(tmp_path / "rml.db")
    srv = ServerProcess(db=db, args=["--shutdown-grace", "1"]).start()
    client = make_client(srv.url)
    arn = client.create_fleet(name="acknowledged")["arn"]
    stalled = stalled_reader(srv.url)
    time.sleep(0.5)  # set-up only: let the server fill its send buffer
    stop_within(srv, signal.SIGTERM, 1 + 5)
    stalled.close()
    again = ServerProcess(db=db).start()
    try:
        assert make_client(again.url).describe_fleet(fleet=arn)["name"] == "acknowledged"
    finally:
        again.stop()


def test_sigint_cuts_a_60_second_latency_fault(tmp_path):
    db = str(tmp_path / "rml.db")
    srv = ServerProcess(db=db, args=["--shutdown-grace", "1"]).start()
    client = make_client(srv.url)
    arn = client.create_fleet(name="kept")["arn"]
    rule = raw_http.send(srv.url, "POST", "/_emulator/faults", {"operation": "ListFleets", "latencyMs": 60000})
    assert rule.status == 200, rule.body
    slow = wire.connect(srv.url, timeout=10)
    slow.sendall(wire.request("POST", "/listFleets", body=b"{}"))
    time.sleep(0.3)  # set-up only: the request is in its delay
    t0 = time.monotonic()
    srv.proc.send_signal(signal.SIGINT)
    reader = wire.Reader(slow)
    try:
        answer = reader.read_response()
        assert answer.status == 503 and answer.headers["x-amzn-errortype"] == "ServiceUnavailableException"
    except ConnectionError:
        pass  # cut before the answer could be written: also allowed
    assert time.monotonic() - t0 < 1 + 5
    stop_within(srv, signal.SIGINT, 5, signalled=True)
    again = ServerProcess(db=db).start()
    try:
        assert make_client(again.url).describe_fleet(fleet=arn)["name"] == "kept"
    finally:
        again.stop()


def test_requests_in_flight_finish_within_the_grace():
    srv = ServerProcess(args=["--shutdown-grace", "20"]).start()
    rule = raw_http.send(srv.url, "POST", "/_emulator/faults", {"operation": "CreateFleet", "latencyMs": 300})
    assert rule.status == 200
    s = wire.connect(srv.url, timeout=10)
    s.sendall(wire.request("POST", "/createFleet", body=b'{"name":"in-flight"}'))
    time.sleep(0.1)  # set-up only: the request is in its delay
    srv.proc.send_signal(signal.SIGTERM)
    answer = wire.Reader(s).read_response()
    assert answer.status == 200 and answer.json()["name"] == "in-flight"
    assert answer.headers.get("connection", "").lower() == "close"
    stop_within(srv, signal.SIGTERM, 5, signalled=True)


def test_default_grace_is_two_seconds():
    srv = ServerProcess().start()
    stalled = stalled_reader(srv.url)
    time.sleep(0.5)
    stop_within(srv, signal.SIGTERM, 2 + 5)
    stalled.close()
