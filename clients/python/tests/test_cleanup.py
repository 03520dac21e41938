"""The session server is stopped by pid when the session ends, however it ends; a server that
ignores SIGTERM is killed; a binary that does not start is reported with its output."""
import signal
import socket
import stat
import sys
import textwrap
import urllib.parse

import pytest

from conftest import process_gone
from robomaker_local_pytest import RobomakerLocal, ServerStartError

RECORD = """
    import os

    def record(server):
        with open("server.txt", "w") as f:
            f.write(f"{server.pid} {server.url}")
        with open(f"/proc/{server.pid}/cmdline", "rb") as f:
            return f.read().split(b"\\0")
"""


def recorded(pytester):
    pid, url = (pytester.path / "server.txt").read_text().split()
    return int(pid), url


def refuses_connections(url):
    parts = urllib.parse.urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=2).close()
    except OSError:
        return True
    return False


def test_server_is_gone_after_the_session(inner, needs_binary, pytester):
    pytester.makepyfile(test_inner=RECORD + """
    def test_started_with_port_0_and_a_temporary_db(robomaker_local):
        argv = record(robomaker_local)
        assert argv[argv.index(b"--port") + 1] == b"0"
        assert argv[argv.index(b"--host") + 1] == b"127.0.0.1"
        assert argv[argv.index(b"--db") + 1].endswith(b"/db.sqlite")
        assert robomaker_local.health()["status"] == "ok"

    def test_same_server_for_the_session(robomaker_local):
        pid, url = open("server.txt").read().split()
        assert robomaker_local.pid == int(pid) and robomaker_local.url == url
    """)
    result = inner()
    result.assert_outcomes(passed=2)
    pid, url = recorded(pytester)
    assert process_gone(pid, timeout=2)
    assert refuses_connections(url)


def test_server_is_gone_after_a_failing_session_with_its_log_in_the_report(inner, needs_binary, pytester):
    pytester.makepyfile(test_inner=RECORD + """
    def test_fails(robomaker_local, robomaker):
        record(robomaker_local)
        robomaker.create_fleet(name="in-the-log")
        assert False, "on purpose"

    def test_not_run(robomaker):
        pass
    """)
    result = inner("-x")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*robomaker-local log, http://127.0.0.1:*",
                                 "*POST /createFleet CreateFleet 200*"])
    pid, _ = recorded(pytester)
    assert process_gone(pid, timeout=2)


def test_server_is_gone_after_keyboard_interrupt(inner, needs_binary, pytester):
    pytester.makepyfile(test_inner=RECORD + """
    def test_interrupted(robomaker_local):
        record(robomaker_local)
        raise KeyboardInterrupt
    """)
    result = inner()
    assert result.ret == pytest.ExitCode.INTERRUPTED
    pid, _ = recorded(pytester)
    assert process_gone(pid, timeout=2)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_server_is_gone_when_pytest_is_killed(inner, needs_binary, pytester):
    """No teardown runs after SIGKILL: the kernel's parent-death signal stops the server."""
    pytester.makepyfile(test_inner=RECORD + """
    import signal

    def test_killed(robomaker_local):
        record(robomaker_local)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    result = inner()
    assert result.ret == -signal.SIGKILL
    pid, url = recorded(pytester)
    assert process_gone(pid, timeout=10)
    assert refuses_connections(url)


def fake_binary(tmp_path, body):
    path = tmp_path / "fake-robomaker-local"
    path.write_text(f"#!{sys.executable}\n" + textwrap.dedent(body))
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_sigkill_after_sigterm_is_ignored(tmp_path):
    binary = fake_binary(tmp_path, """
        import signal, sys, time
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print("robomaker-local listening on http://127.0.0.1:1", flush=True)
        while True:
            time.sleep(1)
    """)
    server = RobomakerLocal.start(binary)
    assert server.url == "http://127.0.0.1:1"
    assert server.running()
    assert server.stop(timeout=0.5) == -signal.SIGKILL
    assert process_gone(server.pid, timeout=2)


def test_a_binary_that_exits_is_reported_with_its_stderr(tmp_path):
    binary = fake_binary(tmp_path, """
        import sys
        sys.stderr.write("robomaker-local: --port: bad value\\n")
        sys.exit(2)
    """)
    with pytest.raises(ServerStartError, match=r"(?s)exit code 2.*--port: bad value"):
        RobomakerLocal.start(binary)


def test_a_binary_that_says_nothing_times_out(tmp_path):
    binary = fake_binary(tmp_path, """
        import time
        time.sleep(60)
    """)
    with pytest.raises(ServerStartError, match="no listening line within 0.5 s"):
        RobomakerLocal.start(binary, timeout=0.5)


def test_missing_binary_is_a_clear_error(inner, pytester):
    pytester.makepyfile(test_inner="""
        def test_needs_server(robomaker_local):
            pass
    """)
    result = inner(RML_BIN="/nonexistent/robomaker-local")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*robomaker-local binary not found: '/nonexistent/robomaker-local' is not an executable file*"])
