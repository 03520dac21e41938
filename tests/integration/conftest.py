"""Shared fixtures: a fresh robomaker-local process per test and boto3 clients pointed at it.

Run with Debian's /usr/bin/python3 (its botocore still carries the RoboMaker model).

Every client made by make_client checks each response it receives against the botocore model
(model_check.py); violations collect in model_check.VIOLATIONS and the autouse fixture
`model_conformance` fails the test that produced them (reported as an error at its teardown).

External-server mode: with RML_URL set (e.g. http://127.0.0.1:4567, a container started by
docker/ci.sh), `server` is that server, brought back to a clean state before each test (every
resource and API-added fault rule deleted, clock real at scale 1, service phase active), and tests that need a process of
their own (`start_server`: config files, quotas, manual clock, restarts, kills) or that run the
binary themselves are skipped, and so is a test at the moment it would move the shared clock (manual
mode, a scale, an advance): simulated time never goes back, so the suites after it would see a
clock off the wall clock. The server must run with the default configuration."""
import json
import os

import boto3
import pytest
from botocore.config import Config

import model_check
import raw_http
import server_process
from server_process import ServerProcess

EXTERNAL_URL = os.environ.get("RML_URL", "").rstrip("/")


def _check_model(http_response, model, **_):
    """after-call handler: the raw body, status and headers of every response a client receives."""
    problems = model_check.check_response(
        model.name, http_response.status_code, http_response.headers, http_response.content)
    model_check.VIOLATIONS.extend(problems)


def make_client(url, access_key="AKIDEXAMPLE", region="us-east-1", validate=True):
    client = boto3.client(
        "robomaker",
        endpoint_url=url,
        region_name=region,
        aws_access_key_id=access_key,
        aws_secret_access_key="secret",
        config=Config(parameter_validation=validate, retries={"max_attempts": 1}),
    )
    client.meta.events.register("after-call.robomaker", _check_model)
    return client


@pytest.fixture(autouse=True)
def model_conformance():
    """Fails the test if any response it received broke the botocore model."""
    model_check.VIOLATIONS.clear()
    yield model_check.VIOLATIONS
    found = list(model_check.VIOLATIONS)
    model_check.VIOLATIONS.clear()
    assert not found, "responses that break the botocore model:\n" + "\n".join(found)


@pytest.fixture(autouse=True)
def sanitizer_clean():
    """Fails the test if a server it ran (and stopped) wrote a sanitizer report (RML_BIN built with
    -Db_sanitize=address,undefined; see server_process.REPORTS)."""
    server_process.REPORTS.clear()
    yield
    found = list(server_process.REPORTS)
    server_process.REPORTS.clear()
    assert not found, "sanitizer reports from robomaker-local:\n" + "\n\n".join(found)


def stop_cleanly(srv):
    """Stops a fixture's server; one that exits non-zero on SIGTERM (a crash, a leak report at
    exit) fails the test. A server the test already stopped or killed answers None."""
    code = srv.stop()
    assert code in (0, None), f"robomaker-local exited with {code} when stopped; last lines:\n" + \
        "\n".join(list(srv.log)[-40:])


def pytest_collection_modifyitems(items):
    if not EXTERNAL_URL:
        return
    for item in items:
        function = getattr(item, "function", None)
        if function is not None and "BINARY" in function.__code__.co_names:
            item.add_marker(pytest.mark.skip(reason="runs the robomaker-local binary itself; RML_URL mode"))


def _moves_the_clock(method, path, body):
    if method != "POST" or not path.startswith("/_emulator/clock"):
        return False
    if not isinstance(body, dict):
        return True
    return body.get("mode", "real") != "real" or body.get("scale", 1) != 1 or "advanceSeconds" in body


@pytest.fixture(autouse=True)
def shared_clock_guard(monkeypatch):
    """RML_URL mode: raw_http.send (every control-API call of the suites) skips the test instead of
    moving the shared server's clock."""
    if EXTERNAL_URL:
        send = raw_http.send

        def guarded(url, method, path, body=b"", *args, **kwargs):
            if _moves_the_clock(method, path, body):
                pytest.skip("moves the simulated clock, which never goes back: needs a robomaker-local process "
                            "of its own; RML_URL mode")
            return send(url, method, path, body, *args, **kwargs)

        monkeypatch.setattr(raw_http, "send", guarded)
    yield


class ExternalServer:
    """The server at RML_URL; not started or stopped here."""

    def __init__(self, url):
        self.url = url


def reset_external(url):
    for method, path, body in (("POST", "/_emulator/reset", {}),
                               ("DELETE", "/_emulator/faults", b""),
                               ("POST", "/_emulator/clock", {"mode": "real", "scale": 1}),
                               ("POST", "/_emulator/service-phase", {"phase": "active"})):
        resp = raw_http.send(url, method, path, body)
        assert resp.status == 200, f"{method} {url}{path}: {resp.status} {resp.body!r}"


@pytest.fixture
def server():
    if EXTERNAL_URL:
        reset_external(EXTERNAL_URL)
        yield ExternalServer(EXTERNAL_URL)
        return
    srv = ServerProcess().start()
    yield srv
    stop_cleanly(srv)


@pytest.fixture
def client(server):
    return make_client(server.url)


@pytest.fixture
def start_server(tmp_path):
    """Factory: start_server(db=":memory:", quotas=None, args=()) -> a started ServerProcess.

    `quotas` (a dict) is written to a --config file in tmp_path. Every server it started is
    stopped (by pid) at teardown if the test did not stop it."""
    if EXTERNAL_URL:
        pytest.skip("needs a robomaker-local process of its own (config, manual clock, restart or kill); "
                    "RML_URL points at a shared server")
    started = []

    def start(db=":memory:", quotas=None, args=()):
        args = list(args)
        if quotas is not None:
            path = tmp_path / f"config-{len(started)}.json"
            path.write_text(json.dumps({"quotas": quotas}))
            args += ["--config", str(path)]
        srv = ServerProcess(db=str(db), args=args).start()
        started.append(srv)
        return srv

    yield start
    codes = [(srv, srv.stop()) for srv in started]
    for srv, code in codes:
        assert code in (0, None), f"robomaker-local exited with {code} when stopped; last lines:\n" + \
            "\n".join(list(srv.log)[-40:])


@pytest.fixture
def manual(start_server):
    """(server, client) for a fresh server on the manual clock: nothing moves until advanced."""
    srv = start_server(args=["--clock", "manual"])
    return srv, make_client(srv.url)
