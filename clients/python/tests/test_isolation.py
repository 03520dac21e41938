"""Each test has its own random account: it starts with no resources and sees only its own, with no
reset, whichever server or xdist worker it runs on."""
import re

import pytest

from robomaker_local_pytest import ControlError


@pytest.mark.parametrize("turn", ["first", "second"])
def test_same_fleet_name_in_two_tests(robomaker, turn):
    assert robomaker.list_fleets()["fleetDetails"] == []
    arn = robomaker.create_fleet(name="same-name")["arn"]
    assert f":{robomaker.account_id}:" in arn
    assert [f["arn"] for f in robomaker.list_fleets()["fleetDetails"]] == [arn]


def test_account_fixture_is_the_clients_account(robomaker, robomaker_account):
    assert robomaker.account_id == robomaker_account
    assert re.fullmatch(r"[1-9][0-9]{11}", robomaker_account)
    assert robomaker_account != "123456789012"


def test_two_accounts_on_one_server(robomaker, robomaker_server):
    other = robomaker_server.client()
    assert other.account_id != robomaker.account_id
    mine = robomaker.create_fleet(name="same-name")["arn"]
    theirs = other.create_fleet(name="same-name")["arn"]
    assert [f["arn"] for f in robomaker.list_fleets()["fleetDetails"]] == [mine]
    assert [f["arn"] for f in other.list_fleets()["fleetDetails"]] == [theirs]
    with pytest.raises(robomaker.exceptions.ResourceNotFoundException):
        robomaker.describe_fleet(fleet=theirs)


def test_tests_in_one_session_share_a_server_not_resources(inner, needs_binary, pytester):
    """Two tests of one plain session, on the one session server, each see only their own fleet."""
    pytester.makepyfile(test_inner="""
        import os

        def record(server, client):
            with open("seen.txt", "a") as f:
                f.write(f"{server.pid} {client.account_id}\\n")

        def test_one(robomaker_local, robomaker):
            assert robomaker.list_fleets()["fleetDetails"] == []
            robomaker.create_fleet(name="same-name")
            assert len(robomaker.list_fleets()["fleetDetails"]) == 1
            record(robomaker_local, robomaker)

        def test_two(robomaker_local, robomaker):
            assert robomaker.list_fleets()["fleetDetails"] == []
            robomaker.create_fleet(name="same-name")
            assert len(robomaker.list_fleets()["fleetDetails"]) == 1
            record(robomaker_local, robomaker)
    """)
    result = inner()
    result.assert_outcomes(passed=2)
    (pid1, account1), (pid2, account2) = [line.split() for line in (pytester.path / "seen.txt").read_text().splitlines()]
    assert pid1 == pid2
    assert account1 != account2


def test_control_errors_carry_the_error_type(robomaker_server):
    with pytest.raises(ControlError) as caught:
        robomaker_server.control("GET", "/_emulator/no-such-call")
    assert caught.value.status == 404
    assert caught.value.error_type == "UnknownOperationException"
    assert caught.value.unknown_operation
    assert "no-such-call" in caught.value.message
    assert robomaker_server.control("GET", "health")["status"] == "ok"
