"""Connections and memory (SEMANTICS §10, docs/behaviour.md "Connections and memory"): with
--max-connections reached, the least recently active idle connection is closed to make room; with
none idle, a new connection is answered 503 ServiceUnavailableException, except the health check;
request bodies share --max-buffered-bytes; near the open-file limit a fresh request is still
answered. Verdicts rest on answers, not on timing (each read has a 5 s timeout)."""
import socket

import pytest

import wire
from server_process import BINARY, ServerProcess

HALF_SENT = b"POST /createFleet HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"name\":"


@pytest.fixture
def launch():
    started = []

    def start(args=(), prefix=()):
        srv = ServerProcess(args=["--log-level", "warn", *args], prefix=prefix).start()
        started.append(srv)
        return srv

    yield start
    for srv in started:
        srv.stop()


def open_connections(url, count, data=b""):
    socks = []
    for _ in range(count):
        s = wire.connect(url)
        if data:
            s.sendall(data)
        socks.append(s)
    return socks


def answered(url, data=None):
    resp, _ = wire.exchange(url, data or wire.request("GET", "/_emulator/health"))
    return resp


def test_idle_connections_make_room_for_a_fresh_request(launch):
    srv = launch(["--max-connections", "20"])
    # Kept-alive after one request each, then idle; the oldest is used least recently.
    idle = open_connections(srv.url, 10)
    for s in idle:
        s.sendall(wire.request("GET", "/_emulator/health"))
        wire.Reader(s).read_response()
    half = open_connections(srv.url, 10, HALF_SENT)
    # 20 of 20 places taken. Two fresh connections, kept open, each take the place of the least
    # recently active idle one.
    first, second = wire.connect(srv.url), wire.connect(srv.url)
    first.sendall(wire.request("GET", "/_emulator/health"))
    assert wire.Reader(first).read_response().status == 200
    second.sendall(wire.request("POST", "/createFleet", body=b'{"name":"fresh"}'))
    fresh = wire.Reader(second).read_response()
    assert fresh.status == 200 and fresh.json()["name"] == "fresh"
    assert wire.Reader(idle[0]).closed() and wire.Reader(idle[1]).closed()
    idle[2].sendall(wire.request("GET", "/_emulator/health"))
    assert wire.Reader(idle[2]).read_response().status == 200
    # The half-sent requests were not touched: they complete.
    for s in half:
        s.sendall(b'"h"}'.ljust(1000 - len(b'{"name":'), b" "))
        assert wire.Reader(s).read_response().status == 200
    for s in idle + half + [first, second]:
        s.close()


def test_over_the_cap_with_none_idle_is_503_but_health_answers(launch):
    srv = launch(["--max-connections", "20"])
    half = open_connections(srv.url, 20, HALF_SENT)
    # Every place holds a request in progress: the next request is refused at once...
    s = wire.connect(srv.url)
    s.sendall(wire.request("POST", "/listFleets", body=b"{}"))
    reader = wire.Reader(s)
    refused = reader.read_response()
    assert refused.status == 503, (refused.status, refused.body)
    assert refused.headers["x-amzn-errortype"] == "ServiceUnavailableException"
    assert refused.headers["connection"].lower() == "close"
    assert "max-connections" in refused.json()["message"]
    assert reader.closed()
    # ... but the health check is answered, GET and HEAD.
    health = answered(srv.url)
    assert health.status == 200 and health.json()["status"] == "ok"
    head, _ = wire.exchange(srv.url, wire.request("HEAD", "/_emulator/health"), head=True)
    assert head.status == 200
    # Once the requests in progress end, new ones are served again.
    for c in half:
        c.close()
    assert wire.wait_until(lambda: answered(srv.url, wire.request("POST", "/listFleets", body=b"{}")).status == 200)


def test_bodies_share_the_buffer_budget(launch):
    mib = 1024 * 1024
    srv = launch(["--max-buffered-bytes", str(2 * mib)])
    big = 900 * 1024
    holding = open_connections(srv.url, 2, b"POST /createFleet HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n{" % big)
    # 1.8 MiB reserved: a third body of 500 KiB does not fit and is refused before it is sent.
    s = wire.connect(srv.url)
    s.sendall(b"POST /createFleet HTTP/1.1\r\nHost: x\r\nContent-Length: 512000\r\n\r\n")
    reader = wire.Reader(s)
    refused = reader.read_response()
    assert refused.status == 503 and refused.headers["x-amzn-errortype"] == "ServiceUnavailableException"
    assert "max-buffered-bytes" in refused.json()["message"]
    assert reader.closed()
    # Small bodies still fit, and the health check answers.
    assert answered(srv.url, wire.request("POST", "/listFleets", body=b"{}")).status == 200
    assert answered(srv.url).status == 200
    # A finished body returns its share: the 500 KiB body fits now.
    body = b'"name":"budget"}'.ljust(big - 1, b" ")
    holding[0].sendall(body)
    assert wire.Reader(holding[0]).read_response().status == 200
    payload = b'{"name":"after"}'.ljust(512000, b" ")
    assert answered(srv.url, wire.request("POST", "/createFleet", body=payload)).status == 200
    for c in holding + [s]:
        c.close()


def test_fresh_request_is_answered_near_the_open_file_limit(launch):
    srv = launch(prefix=["bash", "-c", 'ulimit -n 64 && exec "$0" "$@"'])
    idle = open_connections(srv.url, 100)  # more than the process may hold open
    fresh = answered(srv.url, wire.request("POST", "/createFleet", body=b'{"name":"near-the-limit"}'))
    assert fresh.status == 200 and fresh.json()["name"] == "near-the-limit"
    assert answered(srv.url).status == 200
    assert srv.saw(lambda line: "lowered" in line and "max-connections" in line), list(srv.log)
    for s in idle:
        s.close()
