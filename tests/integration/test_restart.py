"""Durability (DESIGN §3: every API write is one transaction, committed before the response is
sent): a server restarted on the same --db file shows everything, after SIGTERM (exit code 0)
and after SIGKILL right after a 200 response."""
import signal

from conftest import make_client
from helpers import expect_error, make_robot, strip

A = "111111111111"


def snapshot(client):
    """Everything a client can read about its (account, region), without request metadata."""
    fleets = client.list_fleets()["fleetDetails"]
    robots = client.list_robots()["robots"]
    return {
        "fleets": fleets,
        "robots": robots,
        "fleet_details": [strip(client.describe_fleet(fleet=f["arn"])) for f in fleets],
        "robot_details": [strip(client.describe_robot(robot=r["arn"])) for r in robots],
    }


def populate(client):
    fleets = [client.create_fleet(name=f"fleet-{i}", tags={"i": str(i)})["arn"] for i in range(3)]
    robots = []
    for i in range(8):
        tags = {"tags": {"n": str(i)}} if i % 2 else {}
        robots.append(make_robot(client, f"robot-{i}", architecture=("X86_64", "ARM64", "ARMHF")[i % 3],
                                 group=f"gg-{i}", **tags)["arn"])
    for i, robot in enumerate(robots[:6]):
        client.register_robot(fleet=fleets[i % 2], robot=robot)
    client.deregister_robot(fleet=fleets[0], robot=robots[0])
    client.delete_robot(robot=robots[7])
    client.delete_fleet(fleet=fleets[2])


def test_restart_after_sigterm_keeps_everything(start_server, tmp_path):
    db = tmp_path / "state.db"
    srv = start_server(db=db)
    clients = [make_client(srv.url), make_client(srv.url, access_key=A, region="eu-west-1")]
    for c in clients:
        populate(c)
    before = [snapshot(c) for c in clients]
    assert srv.stop(signal.SIGTERM) == 0

    srv = start_server(db=db)
    clients = [make_client(srv.url), make_client(srv.url, access_key=A, region="eu-west-1")]
    assert [snapshot(c) for c in clients] == before
    assert len(before[0]["fleets"]) == 2 and len(before[0]["robots"]) == 7

    # The restarted server keeps working on the same data: names stay taken, order stays.
    expect_error("ResourceAlreadyExistsException", make_robot, clients[0], "robot-1")
    new = make_robot(clients[0], "robot-new")["arn"]
    assert [r["arn"] for r in clients[0].list_robots()["robots"]][0] == new   # newest first
    assert srv.stop(signal.SIGTERM) == 0


def test_sigkill_right_after_a_response_loses_nothing(start_server, tmp_path):
    db = tmp_path / "killed.db"
    srv = start_server(db=db)
    client = make_client(srv.url)
    populate(client)
    before = snapshot(client)
    last = make_robot(client, "last-write", tags={"k": "v"})
    assert srv.kill9() == -signal.SIGKILL      # nothing between the 200 and the kill

    srv = start_server(db=db)
    client = make_client(srv.url)
    after = snapshot(client)
    assert after["robots"][1:] == before["robots"]   # newest first: the last write leads
    assert after["robots"][0]["arn"] == last["arn"]
    assert after["fleet_details"] == before["fleet_details"]
    assert after["robot_details"][1:] == before["robot_details"]
    assert after["robot_details"][0] == {
        "arn": last["arn"], "name": "last-write", "status": "Available", "greengrassGroupId": "gg-group-1",
        "createdAt": last["createdAt"], "architecture": "X86_64", "tags": {"k": "v"}}


def test_sigkill_after_each_kind_of_write(start_server, tmp_path):
    """Each write is the very last thing before the kill; the next start must show its effect."""
    db = tmp_path / "each.db"
    s = {}

    def robot(c):
        return c.describe_robot(robot=s["robot"])

    steps = [  # (write, check after restart)
        (lambda c: s.update(fleet=c.create_fleet(name="f", tags={"t": "1"})["arn"]),
         lambda c: c.describe_fleet(fleet=s["fleet"])["tags"] == {"t": "1"}),
        (lambda c: s.update(robot=make_robot(c, "r")["arn"]),
         lambda c: robot(c)["status"] == "Available"),
        (lambda c: c.register_robot(fleet=s["fleet"], robot=s["robot"]),
         lambda c: robot(c)["status"] == "Registered" and robot(c)["fleetArn"] == s["fleet"]),
        (lambda c: c.deregister_robot(fleet=s["fleet"], robot=s["robot"]),
         lambda c: robot(c)["status"] == "Available" and c.describe_fleet(fleet=s["fleet"])["robots"] == []),
        (lambda c: c.register_robot(fleet=s["fleet"], robot=s["robot"]),
         lambda c: [r["arn"] for r in c.describe_fleet(fleet=s["fleet"])["robots"]] == [s["robot"]]),
        (lambda c: c.delete_fleet(fleet=s["fleet"]),
         lambda c: c.list_fleets()["fleetDetails"] == [] and "fleetArn" not in robot(c)),
        (lambda c: c.delete_robot(robot=s["robot"]),
         lambda c: c.list_robots()["robots"] == []),
    ]
    for i, (write, check) in enumerate(steps):
        srv = start_server(db=db)
        write(make_client(srv.url))
        assert srv.kill9() == -signal.SIGKILL
        srv = start_server(db=db)
        assert check(make_client(srv.url)), f"step {i} lost by SIGKILL"
        assert srv.stop() == 0
