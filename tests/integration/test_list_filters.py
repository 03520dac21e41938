"""List filters (SEMANTICS §4): exact matches; ListFleets `name`, ListRobots `status` and
`fleetName`; an unknown filter name → InvalidParameterException. The model allows exactly one
filter with exactly one value (its constraints are checked in test_model_constraints.py)."""
import pytest

from helpers import expect_error, list_all, make_robot


def one(name, value):
    return [{"name": name, "values": [value]}]


@pytest.fixture
def world(client):
    """Fleets 'alpha' (2 robots), 'alpha2' (1 robot), 'alp' (none); robots 'free-0', 'free-1' in no fleet."""
    fleets = {n: client.create_fleet(name=n)["arn"] for n in ("alpha", "alpha2", "alp")}
    robots = {}
    for name, fleet in (("a-0", "alpha"), ("b-0", "alpha2"), ("free-0", None), ("a-1", "alpha"), ("free-1", None)):
        robots[name] = make_robot(client, name)["arn"]
        if fleet:
            client.register_robot(fleet=fleets[fleet], robot=robots[name])
    return client, fleets, robots


def test_list_fleets_by_exact_name(world):
    client, fleets, _ = world
    for name in ("alpha", "alpha2", "alp"):
        got = client.list_fleets(filters=one("name", name))["fleetDetails"]
        assert [f["arn"] for f in got] == [fleets[name]]
    assert client.list_fleets(filters=one("name", "al"))["fleetDetails"] == []
    assert client.list_fleets(filters=one("name", "ALPHA"))["fleetDetails"] == []


def test_list_fleets_by_name_matches_every_fleet_of_that_name(client):
    same = [client.create_fleet(name="twin")["arn"] for _ in range(3)]
    client.create_fleet(name="other")
    assert [f["arn"] for f in client.list_fleets(filters=one("name", "twin"))["fleetDetails"]] == same


def test_list_robots_by_status(world):
    client, _, robots = world
    registered = client.list_robots(filters=one("status", "Registered"))["robots"]
    assert [r["arn"] for r in registered] == [robots["a-1"], robots["b-0"], robots["a-0"]]   # newest first
    assert all(r["status"] == "Registered" for r in registered)
    available = client.list_robots(filters=one("status", "Available"))["robots"]
    assert [r["arn"] for r in available] == [robots["free-1"], robots["free-0"]]
    assert client.list_robots(filters=one("status", "InSync"))["robots"] == []


def test_list_robots_by_fleet_name(world):
    client, fleets, robots = world
    alpha = client.list_robots(filters=one("fleetName", "alpha"))["robots"]
    assert [r["arn"] for r in alpha] == [robots["a-1"], robots["a-0"]]
    assert all(r["fleetArn"] == fleets["alpha"] for r in alpha)
    assert [r["arn"] for r in client.list_robots(filters=one("fleetName", "alpha2"))["robots"]] == [robots["b-0"]]
    assert client.list_robots(filters=one("fleetName", "alp"))["robots"] == []
    assert client.list_robots(filters=one("fleetName", "nope"))["robots"] == []


def test_filter_follows_registration_changes(world):
    client, fleets, robots = world
    client.deregister_robot(fleet=fleets["alpha"], robot=robots["a-0"])
    client.register_robot(fleet=fleets["alp"], robot=robots["free-1"])
    assert [r["arn"] for r in client.list_robots(filters=one("fleetName", "alpha"))["robots"]] == [robots["a-1"]]
    assert [r["arn"] for r in client.list_robots(filters=one("fleetName", "alp"))["robots"]] == [robots["free-1"]]
    available = client.list_robots(filters=one("status", "Available"))["robots"]
    assert [r["arn"] for r in available] == [robots["free-0"], robots["a-0"]]


def test_filter_with_paging(client):
    fleet = client.create_fleet(name="big")["arn"]
    members = []
    for i in range(23):
        arn = make_robot(client, f"r{i}")["arn"]
        if i % 2 == 0:
            client.register_robot(fleet=fleet, robot=arn)
            members.append(arn)
    got = list_all(client, "list_robots", "robots", maxResults=4, filters=one("fleetName", "big"))
    assert [r["arn"] for r in got] == members[::-1]   # newest first
    got = list_all(client, "list_robots", "robots", maxResults=5, filters=one("status", "Available"))
    assert len(got) == 11 and all(r["status"] == "Available" for r in got)


@pytest.mark.parametrize("operation,name", [
    ("list_fleets", "status"),
    ("list_fleets", "fleetName"),
    ("list_fleets", "bogus"),
    ("list_robots", "name"),
    ("list_robots", "architecture"),
    ("list_robots", "bogus"),
])
def test_unknown_filter_name(client, operation, name):
    message = expect_error("InvalidParameterException", getattr(client, operation), filters=one(name, "x"))
    assert name in message
