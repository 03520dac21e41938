"""Quotas from a --config file (SEMANTICS §4): exceeding one → LimitExceededException; quotas count
per account and region, and space freed by a delete can be used again."""
import pytest

from conftest import make_client
from helpers import expect_error, make_robot


@pytest.fixture
def small(start_server):
    srv = start_server(quotas={"fleets": 2, "robots": 3, "robotsPerFleet": 2, "tagsPerResource": 2})
    return srv, make_client(srv.url)


def test_fleet_quota(small):
    _, client = small
    fleets = [client.create_fleet(name=f"f{i}")["arn"] for i in range(2)]
    expect_error("LimitExceededException", client.create_fleet, name="f2")
    assert [f["arn"] for f in client.list_fleets()["fleetDetails"]] == fleets
    client.delete_fleet(fleet=fleets[0])
    client.create_fleet(name="f3")
    expect_error("LimitExceededException", client.create_fleet, name="f4")


def test_robot_quota(small):
    _, client = small
    robots = [make_robot(client, f"r{i}")["arn"] for i in range(3)]
    expect_error("LimitExceededException", make_robot, client, "r3")
    assert [r["arn"] for r in client.list_robots()["robots"]] == robots[::-1]   # newest first
    client.delete_robot(robot=robots[1])
    make_robot(client, "r4")
    expect_error("LimitExceededException", make_robot, client, "r5")


def test_robots_per_fleet_quota(small):
    _, client = small
    fleet = client.create_fleet(name="f")["arn"]
    r0, r1, r2 = (make_robot(client, f"r{i}")["arn"] for i in range(3))
    client.register_robot(fleet=fleet, robot=r0)
    client.register_robot(fleet=fleet, robot=r1)
    expect_error("LimitExceededException", client.register_robot, fleet=fleet, robot=r2)
    assert client.describe_robot(robot=r2)["status"] == "Available"
    # Registering a member again is "no change", so it does not hit the quota.
    client.register_robot(fleet=fleet, robot=r1)
    client.deregister_robot(fleet=fleet, robot=r0)
    client.register_robot(fleet=fleet, robot=r2)
    assert [r["arn"] for r in client.describe_fleet(fleet=fleet)["robots"]] == [r2, r1]   # newest first


def test_tags_per_resource_quota_on_create(small):
    _, client = small
    expect_error("LimitExceededException", client.create_fleet, name="f", tags={"a": "1", "b": "2", "c": "3"})
    expect_error("LimitExceededException", make_robot, client, "r", tags={"a": "1", "b": "2", "c": "3"})
    assert client.list_fleets()["fleetDetails"] == []
    assert client.list_robots()["robots"] == []
    assert client.create_fleet(name="f", tags={"a": "1", "b": "2"})["tags"] == {"a": "1", "b": "2"}
    assert make_robot(client, "r", tags={"a": "1", "b": "2"})["tags"] == {"a": "1", "b": "2"}


def test_quotas_count_per_account_and_region(small):
    srv, _ = small
    clients = [make_client(srv.url, access_key="111111111111"),
               make_client(srv.url, access_key="222222222222"),
               make_client(srv.url, access_key="111111111111", region="eu-west-1")]
    for c in clients:
        c.create_fleet(name="a")
        c.create_fleet(name="b")
        for i in range(3):
            make_robot(c, f"r{i}")
    for c in clients:
        expect_error("LimitExceededException", c.create_fleet, name="c")
        expect_error("LimitExceededException", make_robot, c, "r3")


def test_default_quotas_allow_twenty_fleets(client):
    for i in range(20):
        client.create_fleet(name=f"f{i}")
    expect_error("LimitExceededException", client.create_fleet, name="f20")
