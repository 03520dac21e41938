"""RML_URL mode: the inner session uses a running server, starts none (RML_BIN points nowhere and
PATH has no robomaker-local), and skips what would change that shared server for everyone."""
import pytest

from robomaker_local_pytest import RobomakerLocal

INNER = """
    import os
    import pytest

    def test_uses_the_running_server(robomaker_local, robomaker, robomaker_server):
        assert robomaker_local.pid is None
        assert robomaker_local.is_external
        assert robomaker_local.url == os.environ["RML_URL"].rstrip("/")
        assert robomaker_server is robomaker_local
        assert robomaker.list_fleets()["fleetDetails"] == []
        robomaker.create_fleet(name="from-inner")
        with open("account.txt", "w") as f:
            f.write(robomaker.account_id)

    def test_reading_the_clock_is_fine(robomaker_clock):
        robomaker_clock.now()
        robomaker_clock.real(scale=1)   # already so: no change

    def test_advancing_the_clock_skips(robomaker_clock):
        robomaker_clock.advance(1)
        raise AssertionError("not skipped")

    def test_manual_mode_skips(robomaker_clock):
        robomaker_clock.manual()
        raise AssertionError("not skipped")

    def test_restoring_the_whole_state_skips(robomaker_snapshot):
        robomaker_snapshot.restore("anything")
        raise AssertionError("not skipped")

    @pytest.mark.robomaker_local_server("--clock", "manual")
    def test_an_own_process_skips(robomaker):
        raise AssertionError("not skipped")

    def test_the_factory_skips(robomaker_local_factory):
        raise AssertionError("not skipped")
"""


@pytest.fixture
def running(needs_binary, tmp_path):
    """start(*flags) -> a server started here, whatever mode the outer session is in."""
    started = []

    def start(*flags):
        started.append(RobomakerLocal.start(needs_binary, db=tmp_path / f"db-{len(started)}.sqlite", args=flags))
        return started[-1]

    yield start
    for server in started:
        server.stop()


def test_external_server_mode(inner, pytester, running):
    server = running()
    pytester.makepyfile(test_inner=INNER)
    result = inner("-rs", RML_URL=server.url + "/", RML_BIN="/nonexistent/robomaker-local", PATH="/usr/bin:/bin")
    result.assert_outcomes(passed=2, skipped=5)
    result.stdout.fnmatch_lines(["*robomaker-local: the running server at http://127.0.0.1:* (RML_URL)*"])
    result.stdout.fnmatch_lines(["*the server at RML_URL is shared*"])
    result.stdout.fnmatch_lines(["*RML_URL points at a running server*"])
    assert server.running() and server.health()["status"] == "ok"
    account = (pytester.path / "account.txt").read_text()
    fleets = server.client(account).list_fleets()["fleetDetails"]
    assert [f["name"] for f in fleets] == ["from-inner"]
    assert server.clock.state()["mode"] == "real"


def test_exclusive_external_server_allows_clock_changes(inner, pytester, running):
    server = running("--clock", "manual")
    before = server.clock.state()["nowMs"]
    pytester.makepyfile(test_inner="""
        def test_advance(robomaker_clock):
            robomaker_clock.advance(10)
    """)
    inner(RML_URL=server.url, RML_URL_EXCLUSIVE="1", RML_BIN="/nonexistent").assert_outcomes(passed=1)
    assert server.clock.state()["nowMs"] == before + 10_000


def test_unreachable_url_is_a_clear_error(inner, pytester):
    pytester.makepyfile(test_inner="""
        def test_needs_server(robomaker):
            pass
    """)
    result = inner(RML_URL="http://127.0.0.1:9")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*robomaker-local at http://127.0.0.1:9 does not answer GET /_emulator/health*"])
