"""Accounts and regions (SEMANTICS §2): a 12-digit access key id is the account, the SigV4
credential scope gives the region, any other key is account 123456789012; every resource lives in
one (account, region) and an ARN of another one is ResourceNotFoundException."""
import pytest

import raw_http

from conftest import make_client
from helpers import expect_error, fleet_arn_re, make_robot, robot_arn_re

A, B = "111111111111", "222222222222"


def populate(client):
    """The same names in every tenant: fleet 'shared', robot 'bot' registered to it."""
    fleet = client.create_fleet(name="shared", tags={"owner": "me"})
    robot = make_robot(client, "bot")
    client.register_robot(fleet=fleet["arn"], robot=robot["arn"])
    return fleet, robot


TENANTS = {
    "accounts": [(A, "us-east-1"), (B, "us-east-1")],
    "regions": [(A, "us-east-1"), (A, "eu-west-1")],
}


@pytest.mark.parametrize("kind", sorted(TENANTS))
def test_tenants_do_not_see_each_other(server, kind):
    (acct1, reg1), (acct2, reg2) = TENANTS[kind]
    c1 = make_client(server.url, access_key=acct1, region=reg1)
    c2 = make_client(server.url, access_key=acct2, region=reg2)
    f1, r1 = populate(c1)
    assert c2.list_fleets()["fleetDetails"] == []
    assert c2.list_robots()["robots"] == []
    f2, r2 = populate(c2)   # robot names are unique per account and region only
    assert fleet_arn_re("shared", acct1, reg1).fullmatch(f1["arn"])
    assert fleet_arn_re("shared", acct2, reg2).fullmatch(f2["arn"])
    assert robot_arn_re("bot", acct1, reg1).fullmatch(r1["arn"])
    assert robot_arn_re("bot", acct2, reg2).fullmatch(r2["arn"])
    for mine, theirs, (fleet, robot), (other_fleet, other_robot) in (
            (c1, c2, (f1, r1), (f2, r2)), (c2, c1, (f2, r2), (f1, r1))):
        assert [f["arn"] for f in mine.list_fleets()["fleetDetails"]] == [fleet["arn"]]
        assert [r["arn"] for r in mine.list_robots()["robots"]] == [robot["arn"]]
        assert [r["arn"] for r in mine.describe_fleet(fleet=fleet["arn"])["robots"]] == [robot["arn"]]
        assert mine.list_robots(filters=[{"name": "fleetName", "values": ["shared"]}])["robots"][0]["arn"] == robot["arn"]
        expect_error("ResourceNotFoundException", theirs.describe_fleet, fleet=fleet["arn"])
        expect_error("ResourceNotFoundException", theirs.describe_robot, robot=robot["arn"])
        expect_error("ResourceNotFoundException", theirs.register_robot, fleet=other_fleet["arn"], robot=robot["arn"])
        expect_error("ResourceNotFoundException", theirs.register_robot, fleet=fleet["arn"], robot=other_robot["arn"])
        expect_error("ResourceNotFoundException", theirs.deregister_robot, fleet=fleet["arn"], robot=robot["arn"])


@pytest.mark.parametrize("kind", sorted(TENANTS))
def test_deletes_cannot_reach_another_tenant(server, kind):
    (acct1, reg1), (acct2, reg2) = TENANTS[kind]
    c1 = make_client(server.url, access_key=acct1, region=reg1)
    c2 = make_client(server.url, access_key=acct2, region=reg2)
    fleet, robot = populate(c1)
    expect_error("ResourceNotFoundException", c2.delete_fleet, fleet=fleet["arn"])
    expect_error("ResourceNotFoundException", c2.delete_robot, robot=robot["arn"])
    assert c1.describe_fleet(fleet=fleet["arn"])["tags"] == {"owner": "me"}
    assert c1.describe_robot(robot=robot["arn"])["fleetArn"] == fleet["arn"]


@pytest.mark.parametrize("key", ["AKIDEXAMPLE", "AKIAIOSFODNN7EXAMPLE", "12345678901", "1234567890123", "12345678901a"])
def test_other_access_keys_use_the_default_account(server, key):
    client = make_client(server.url, access_key=key, region="us-west-2")
    fleet = client.create_fleet(name="f")
    assert fleet_arn_re("f", "123456789012", "us-west-2").fullmatch(fleet["arn"]), fleet["arn"]
    default = make_client(server.url, region="us-west-2")
    assert [f["arn"] for f in default.list_fleets()["fleetDetails"]] == [fleet["arn"]]


def test_unsigned_request_uses_default_account_and_region(server):
    mine = make_client(server.url).create_fleet(name="default")["arn"]
    make_client(server.url, region="eu-west-1").create_fleet(name="elsewhere")
    make_client(server.url, access_key=A).create_fleet(name="other-account")
    resp = raw_http.call(server.url, "ListFleets", {})
    assert resp.status == 200
    assert [f["arn"] for f in resp.json()["fleetDetails"]] == [mine]


def test_region_comes_from_the_credential_scope(server):
    for region in ("us-east-1", "eu-central-1", "ap-southeast-2"):
        client = make_client(server.url, access_key=A, region=region)
        arn = make_robot(client, "r")["arn"]
        assert robot_arn_re("r", A, region).fullmatch(arn), arn
