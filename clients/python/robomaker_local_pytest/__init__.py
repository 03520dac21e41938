"""pytest plugin for robomaker-local, a local emulator of the AWS RoboMaker deployment API.

Registered through the `pytest11` entry point when installed; from a checkout use
`-p robomaker_local_pytest` (with the package's folder on PYTHONPATH) or
`pytest_plugins = ["robomaker_local_pytest"]` in a top-level conftest.py.

Fixtures (README.md has the reference):
  robomaker_local          session: the server (started here, or the one at RML_URL)
  robomaker_server         function: the server this test talks to (robomaker_local, or a process of
                           its own for tests marked @pytest.mark.robomaker_local_server(*flags))
  robomaker_local_factory  function: start(*flags, db=None) -> a process of the test's own
  robomaker_account        function: a fresh random 12-digit account id
  robomaker                function: boto3 RoboMaker client in that account (.account_id)
  robomaker_clock          function: the simulated clock (advance, manual, real, now, state)
  robomaker_wait           function: wait(job, status=None, timeout=30)
  robomaker_snapshot       function: save, restore, delete, list, supported
"""
import os

import pytest

from .helpers import Clock, Snapshots, WaitTimeout, wait_for_job
from .server import (ControlError, RobomakerLocal, ServerStartError, find_binary, random_account_id,
                     supports_flag)

__all__ = ["Clock", "ControlError", "RobomakerLocal", "ServerStartError", "Snapshots", "WaitTimeout",
           "find_binary", "random_account_id", "wait_for_job"]
__version__ = "0.1.0"

MARKER = "robomaker_local_server"
_LOG_KEY = pytest.StashKey[list]()


# ----- configuration

def pytest_addoption(parser):
    group = parser.getgroup("robomaker-local", "robomaker-local emulator")
    group.addoption("--robomaker-local-bin", metavar="PATH", default=None,
                    help="robomaker-local binary to start (default: $RML_BIN, else robomaker-local on PATH)")
    group.addoption("--robomaker-local-url", metavar="URL", default=None,
                    help="use the server running at URL and start none (default: $RML_URL)")
    group.addoption("--robomaker-local-arg", metavar="FLAG", action="append", default=[],
                    help="extra flag for the session server, repeatable, in the = form: "
                         "--robomaker-local-arg=--preset=realistic")
    group.addoption("--robomaker-local-exclusive", action="store_true", default=False,
                    help="the server at RML_URL serves this session alone (and -n is not used): allow "
                         "clock changes and whole-state snapshot restores on it (also $RML_URL_EXCLUSIVE=1)")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        f"{MARKER}(*flags): run the test against a robomaker-local process of its own, started with these "
        "extra flags (e.g. '--clock', 'manual'); skipped when RML_URL points at a running server")


def external_url(config):
    """The URL of the running server to use (option, else $RML_URL), or None."""
    url = config.getoption("robomaker_local_url", None) or os.environ.get("RML_URL", "")
    return url.rstrip("/") or None


def _exclusive(config):
    asked = config.getoption("robomaker_local_exclusive", False) or os.environ.get("RML_URL_EXCLUSIVE") == "1"
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or 1)
    return asked and workers <= 1


def _binary(config):
    explicit = config.getoption("robomaker_local_bin", None)
    binary = find_binary(explicit)
    if binary is None:
        named = explicit or os.environ.get("RML_BIN")
        where = f"{named!r} is not an executable file" if named else "robomaker-local is not on PATH"
        pytest.fail(f"robomaker-local binary not found: {where}. Set RML_BIN, pass --robomaker-local-bin, "
                    "put robomaker-local on PATH, or set RML_URL to use a running server.", pytrace=False)
    return binary


def pytest_report_header(config):
    url = external_url(config)
    if url:
        return f"robomaker-local: the running server at {url} (RML_URL)"
    binary = find_binary(config.getoption("robomaker_local_bin", None))
    return f"robomaker-local: {binary or 'binary not found'}"


def _start(binary, directory, args, db=None):
    args = list(args)
    if not any(a.split("=", 1)[0] == "--snapshot-dir" for a in args) and supports_flag(binary, "--snapshot-dir"):
        args = ["--snapshot-dir", str(directory / "snapshots"), *args]  # the caller's flags stay last
    return RobomakerLocal.start(binary, db=directory / "db.sqlite" if db is None else db, args=args)


# ----- fixtures

@pytest.fixture(scope="session")
def robomaker_local(request, tmp_path_factory):
    """The session's server: with RML_URL (or --robomaker-local-url), that running server (`pid` is
    None, nothing is started or stopped); otherwise a process started with
    `--port 0 --db <tmp>/db.sqlite --host 127.0.0.1`, stopped by pid at the end of the session.
    Under pytest-xdist each worker has its own process."""
    url = external_url(request.config)
    if url:
        try:
            server = RobomakerLocal.external(url)
        except ServerStartError as err:
            pytest.fail(str(err), pytrace=False)
        yield server
        return
    binary = _binary(request.config)
    try:
        server = _start(binary, tmp_path_factory.mktemp("robomaker-local"),
                        request.config.getoption("robomaker_local_arg", []))
    except ServerStartError as err:
        pytest.fail(str(err), pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def robomaker_local_factory(request, tmp_path):
    """start(*flags, db=None) -> a RobomakerLocal process of this test's own (db: a file in tmp_path
    unless given, e.g. ":memory:"), stopped at teardown. Skips the test in RML_URL mode."""
    if external_url(request.config):
        pytest.skip("needs a robomaker-local process of its own; RML_URL points at a running server")
    binary = _binary(request.config)
    started = []

    def start(*flags, db=None):
        directory = tmp_path / f"robomaker-local-{len(started)}"
        directory.mkdir()
        server = _start(binary, directory, flags, db)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def robomaker_server(request):
    """The server this test talks to: robomaker_local, or, for a test marked
    @pytest.mark.robomaker_local_server(*flags), a process of its own started with those flags."""
    marker = request.node.get_closest_marker(MARKER)
    if marker is None:
        server = request.getfixturevalue("robomaker_local")
    else:
        server = request.getfixturevalue("robomaker_local_factory")(*marker.args, **marker.kwargs)
    request.node.stash.setdefault(_LOG_KEY, []).append((server, server.log_mark()))
    return server


@pytest.fixture
def robomaker_account():
    """A fresh random 12-digit account id: the emulator maps such an access key id to that account,
    so a test sees only its own resources (no reset needed, safe under xdist)."""
    return random_account_id()


@pytest.fixture
def robomaker(robomaker_server, robomaker_account):
    """A boto3 RoboMaker client (region us-east-1, secret "test", boto3's default retries) whose access
    key id is robomaker_account; `robomaker.account_id` is that account."""
    return robomaker_server.client(robomaker_account)


def _shared_guard(request, server):
    """For a server shared with other sessions (RML_URL): skip instead of a server-wide change."""
    if not server.is_external or _exclusive(request.config):
        return None

    def guard(what, moves=True):
        if moves:
            pytest.skip(f"{what}: the server at RML_URL is shared (other workers or sessions would see it, and "
                        "simulated time never goes back); needs a robomaker-local process of its own, or "
                        "--robomaker-local-exclusive without -n")

    return guard


@pytest.fixture
def robomaker_clock(request, robomaker_server):
    """The simulated clock of robomaker_server: advance(seconds), manual(), real(scale=1), now()
    (a UTC datetime), state(). The clock is server-wide. On the session server, the mode and scale
    the test found are put back at teardown (time that was advanced stays advanced); on a shared
    RML_URL server a change skips the test. Tests that stop or move time are best marked
    @pytest.mark.robomaker_local_server("--clock", "manual")."""
    clock = Clock(robomaker_server, _shared_guard(request, robomaker_server))
    yield clock
    if robomaker_server.running():
        clock.restore()


@pytest.fixture
def robomaker_wait(robomaker_server):
    """wait(job, status=None, timeout=30): GET /_emulator/wait; returns the DescribeDeploymentJob answer
    once the job is in `status` or any terminal status, raises WaitTimeout (a TimeoutError) after
    `timeout` wall seconds."""
    def wait(job, status=None, timeout=30):
        return wait_for_job(robomaker_server, job, status, timeout)
    return wait


@pytest.fixture
def robomaker_snapshot(request, robomaker_server):
    """Snapshots of robomaker_server: save(name), restore(name, account=None, region=None),
    delete(name), list(), supported(). Snapshots this test saved are deleted at teardown. On a
    shared RML_URL server a whole-state restore (no account or region) skips the test."""
    snapshots = Snapshots(robomaker_server, _shared_guard(request, robomaker_server))
    yield snapshots
    if robomaker_server.running():
        snapshots.delete_saved()


# ----- the server's log in failure reports

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not report.failed:
        return
    for server, mark in item.stash.get(_LOG_KEY, []):
        lines = server.log_since(mark)
        if lines:
            shown = lines[-200:]
            title = f"robomaker-local log, {server.url}" + (f" (last {len(shown)} lines)" if len(lines) > 200 else "")
            report.sections.append((title, "\n".join(shown)))
