"""robomaker_snapshot: the helpers' requests, checked against a stand-in HTTP server that records
them (the contract), and against robomaker-local itself."""
import http.server
import json
import threading
import uuid

import pytest

from robomaker_local_pytest import ControlError, RobomakerLocal, Snapshots

class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every request 200 {"ok": true} (or 404 UnknownOperationException when the class says
    so) and records (method, path, JSON body)."""
    seen = None
    unknown = False

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        self.seen.append((self.command, self.path, json.loads(raw) if raw else None))
        status, body = (404, {"message": "No control operation matches"}) if self.unknown else (200, {"ok": True})
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if self.unknown:
            self.send_header("x-amzn-ErrorType", "UnknownOperationException")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_DELETE = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def stand_in():
    def start(unknown=False):
        handler = type("Handler", (Recorder,), {"seen": [], "unknown": unknown})
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        started.append(httpd)
        return RobomakerLocal(f"http://127.0.0.1:{httpd.server_port}"), handler.seen
    started = []
    yield start
    for httpd in started:
        httpd.shutdown()
        httpd.server_close()


def test_requests_follow_the_contract(stand_in):
    server, seen = stand_in()
    snapshots = Snapshots(server)
    assert snapshots.supported()
    snapshots.save("base line")
    snapshots.list()
    snapshots.restore("base line")
    snapshots.restore("base line", account="111111111111")
    snapshots.restore("base line", account="111111111111", region="eu-west-1")
    snapshots.delete("base line")
    assert seen == [
        ("GET", "/_emulator/snapshots", None),
        ("POST", "/_emulator/snapshots", {"name": "base line"}),
        ("GET", "/_emulator/snapshots", None),
        ("POST", "/_emulator/snapshots/base%20line/restore", {}),
        ("POST", "/_emulator/snapshots/base%20line/restore", {"account": "111111111111"}),
        ("POST", "/_emulator/snapshots/base%20line/restore", {"account": "111111111111", "region": "eu-west-1"}),
        ("DELETE", "/_emulator/snapshots/base%20line", None),
    ]
    assert snapshots.saved == []


def test_unsupported_server(stand_in):
    server, _ = stand_in(unknown=True)
    snapshots = Snapshots(server)
    assert not snapshots.supported()
    with pytest.raises(ControlError) as caught:
        snapshots.save("x")
    assert caught.value.unknown_operation


def test_the_fixture_deletes_what_the_test_saved(stand_in):
    server, seen = stand_in()
    snapshots = Snapshots(server)
    snapshots.save("a")
    snapshots.save("b")
    snapshots.delete("a")
    snapshots.delete_saved()
    assert [(m, p) for m, p, _ in seen if m == "DELETE"] == [("DELETE", "/_emulator/snapshots/a"),
                                                               ("DELETE", "/_emulator/snapshots/b")]


def test_restore_one_account(robomaker, robomaker_snapshot):
    assert robomaker_snapshot.supported()
    name = f"base-{uuid.uuid4().hex[:8]}"
    robomaker.create_fleet(name="before")
    robomaker_snapshot.save(name)
    assert name in json.dumps(robomaker_snapshot.list())
    robomaker.create_fleet(name="after")
    robomaker_snapshot.restore(name, account=robomaker.account_id)
    assert [f["name"] for f in robomaker.list_fleets()["fleetDetails"]] == ["before"]
    robomaker_snapshot.delete(name)
    assert name not in json.dumps(robomaker_snapshot.list())


@pytest.mark.robomaker_local_server()
def test_restore_the_whole_state(robomaker, robomaker_server, robomaker_snapshot):
    assert robomaker_snapshot.supported()
    other = robomaker_server.client()
    robomaker.create_fleet(name="mine")
    robomaker_snapshot.save("whole")
    robomaker.create_fleet(name="mine-later")
    other.create_fleet(name="theirs-later")
    robomaker_snapshot.restore("whole")
    assert [f["name"] for f in robomaker.list_fleets()["fleetDetails"]] == ["mine"]
    assert other.list_fleets()["fleetDetails"] == []
