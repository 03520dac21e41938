"""The clock helpers, on servers of the tests' own (the clock is server-wide), and the session
server's clock put back after a test that changed it."""
import datetime
import time

import pytest

from robomaker_local_pytest import WaitTimeout

manual_server = pytest.mark.robomaker_local_server("--clock", "manual")


@manual_server
def test_a_marked_test_gets_a_server_of_its_own(robomaker_server, robomaker_clock):
    assert robomaker_server.pid is not None
    assert robomaker_server.command[-2:] == ["--clock", "manual"]
    assert robomaker_clock.state()["mode"] == "manual"


@manual_server
def test_manual_clock_stands_still_until_advanced(robomaker_clock):
    before = robomaker_clock.state()
    start = robomaker_clock.now()
    assert start.tzinfo is not None
    assert start == datetime.datetime.fromtimestamp(before["nowMs"] / 1000, tz=datetime.timezone.utc)
    time.sleep(0.2)
    assert robomaker_clock.now() == start
    after = robomaker_clock.advance(90)
    assert after["mode"] == "manual"
    assert after["nowMs"] == before["nowMs"] + 90_000
    assert robomaker_clock.now() == start + datetime.timedelta(seconds=90)


@manual_server
def test_real_with_a_scale_then_manual_again(robomaker_clock):
    state = robomaker_clock.real(scale=100)
    assert state["mode"] == "real" and state["scale"] == 100
    start = robomaker_clock.now()
    time.sleep(0.1)
    assert robomaker_clock.now() - start >= datetime.timedelta(seconds=5)
    assert robomaker_clock.manual()["mode"] == "manual"
    stopped = robomaker_clock.now()
    time.sleep(0.1)
    assert robomaker_clock.now() == stopped
    assert robomaker_clock.real()["scale"] == 1


@manual_server
def test_a_deployment_moves_only_when_the_clock_is_advanced(robomaker, robomaker_clock, robomaker_wait, deployment):
    job = deployment(robomaker)
    with pytest.raises(WaitTimeout) as caught:
        robomaker_wait(job, "Succeeded", timeout=1)
    assert caught.value.body["status"] == "Pending"
    assert "did not reach Succeeded within 1 s" in str(caught.value)
    robomaker_clock.advance(60)
    assert robomaker.describe_deployment_job(job=job["arn"])["status"] == "Succeeded"
    assert robomaker_wait(job, "Succeeded", timeout=5)["status"] == "Succeeded"


@manual_server
def test_advancing_a_real_clock_is_an_error(robomaker_clock):
    from robomaker_local_pytest import ControlError
    robomaker_clock.real()
    with pytest.raises(ControlError) as caught:
        robomaker_clock.advance(1)
    assert caught.value.error_type == "InvalidParameterException"


def test_the_session_servers_clock_is_put_back_after_a_test(inner, needs_binary, pytester):
    pytester.makepyfile(test_inner="""
        def test_changes_it(robomaker_clock):
            assert robomaker_clock.state()["mode"] == "real"
            robomaker_clock.manual()
            robomaker_clock.advance(3600)
            assert robomaker_clock.state()["mode"] == "manual"

        def test_finds_it_real_again(robomaker_clock):
            state = robomaker_clock.state()
            assert (state["mode"], state["scale"]) == ("real", 1)
    """)
    inner().assert_outcomes(passed=2)
