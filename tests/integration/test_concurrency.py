"""Concurrent clients: uniqueness and quotas hold when requests race (SEMANTICS §4; DESIGN §3:
every write is one transaction). Outcomes are counted, never timed."""
from concurrent.futures import ThreadPoolExecutor

from botocore.exceptions import ClientError

from conftest import make_client
from helpers import make_robot

WORKERS = 16


def race(url, calls):
    """Runs calls (each fn(client) -> value) on WORKERS threads, a client per call; returns a list
    of ("ok", value) or ("error", code). Clients are made up front: creating boto3 clients from the
    default session is not thread-safe."""
    def run(fn, client):
        try:
            return ("ok", fn(client))
        except ClientError as e:
            return ("error", e.response["Error"]["Code"])

    clients = [make_client(url) for _ in calls]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(run, calls, clients))


def test_parallel_creates_all_land_with_distinct_arns(server):
    results = race(server.url, [lambda c, i=i: make_robot(c, f"r{i}")["arn"] for i in range(64)])
    assert all(kind == "ok" for kind, _ in results), results
    arns = [v for _, v in results]
    assert len(set(arns)) == 64
    listed = make_client(server.url).list_robots()["robots"]
    assert sorted(r["arn"] for r in listed) == sorted(arns)
    times = [r["createdAt"] for r in listed]
    assert times == sorted(times, reverse=True)   # newest first (SEMANTICS §4)


def test_same_robot_name_in_parallel_is_created_once(server):
    results = race(server.url, [lambda c: make_robot(c, "only")["arn"]] * 24)
    oks = [v for kind, v in results if kind == "ok"]
    assert len(oks) == 1, results
    assert sorted(v for kind, v in results if kind == "error") == ["ResourceAlreadyExistsException"] * 23
    assert [r["arn"] for r in make_client(server.url).list_robots()["robots"]] == oks


def test_fleet_quota_holds_under_a_race(start_server):
    srv = start_server(quotas={"fleets": 5})
    results = race(srv.url, [lambda c, i=i: c.create_fleet(name=f"f{i}")["arn"] for i in range(30)])
    assert sum(kind == "ok" for kind, _ in results) == 5, results
    assert sorted(v for kind, v in results if kind == "error") == ["LimitExceededException"] * 25
    assert len(make_client(srv.url).list_fleets()["fleetDetails"]) == 5


def test_robots_per_fleet_quota_holds_under_a_race(start_server):
    srv = start_server(quotas={"robotsPerFleet": 3})
    client = make_client(srv.url)
    fleet = client.create_fleet(name="f")["arn"]
    robots = [make_robot(client, f"r{i}")["arn"] for i in range(20)]
    results = race(srv.url, [lambda c, r=r: c.register_robot(fleet=fleet, robot=r)["robot"] for r in robots])
    assert sum(kind == "ok" for kind, _ in results) == 3, results
    members = sorted(r["arn"] for r in client.describe_fleet(fleet=fleet)["robots"])
    assert members == sorted(v for kind, v in results if kind == "ok")
    registered = client.list_robots(filters=[{"name": "status", "values": ["Registered"]}])["robots"]
    assert sorted(r["arn"] for r in registered) == members


def test_one_robot_raced_into_two_fleets_ends_in_one(server):
    client = make_client(server.url)
    fleets = [client.create_fleet(name=f"f{i}")["arn"] for i in range(2)]
    robot = make_robot(client, "r")["arn"]
    results = race(server.url, [lambda c, f=f: c.register_robot(fleet=f, robot=robot)["fleet"]
                                for f in fleets * 8])
    winners = {v for kind, v in results if kind == "ok"}
    assert len(winners) == 1, results
    assert {v for kind, v in results if kind == "error"} <= {"InvalidParameterException"}
    (fleet,) = winners
    assert client.describe_robot(robot=robot)["fleetArn"] == fleet
    other = fleets[1 - fleets.index(fleet)]
    assert client.describe_fleet(fleet=other)["robots"] == []


def test_same_fleet_name_in_parallel_gets_distinct_arns(start_server):
    srv = start_server(quotas={"fleets": 100})
    results = race(srv.url, [lambda c: c.create_fleet(name="same")["arn"]] * 48)
    assert all(kind == "ok" for kind, _ in results), results
    arns = [v for _, v in results]
    assert len(set(arns)) == 48, "two fleets share an ARN"
    listed = make_client(srv.url).list_fleets()["fleetDetails"]
    assert sorted(f["arn"] for f in listed) == sorted(arns)
