"""Robots in fleets: RegisterRobot, DeregisterRobot, and what DeleteFleet / DeleteRobot do to the
membership (SEMANTICS §4: a robot belongs to at most one fleet; statuses Available / Registered)."""
import pytest

from helpers import expect_error, make_robot, strip

MISSING_FLEET = "arn:aws:robomaker:us-east-1:123456789012:deployment-fleet/ghost/1700000000000"
MISSING_ROBOT = "arn:aws:robomaker:us-east-1:123456789012:robot/ghost/1700000000000"


@pytest.fixture
def setup(client):
    """Two fleets and two robots, nothing registered."""
    fleets = [client.create_fleet(name=f"fleet-{i}")["arn"] for i in range(2)]
    robots = [make_robot(client, f"robot-{i}", group=f"gg-{i}") for i in range(2)]
    return client, fleets, robots


def test_register_robot(setup):
    client, (fleet, _), (robot, _) = setup
    resp = strip(client.register_robot(fleet=fleet, robot=robot["arn"]))
    assert resp == {"fleet": fleet, "robot": robot["arn"]}
    described = client.describe_robot(robot=robot["arn"])
    assert described["status"] == "Registered"
    assert described["fleetArn"] == fleet
    members = client.describe_fleet(fleet=fleet)["robots"]
    # DescribeFleet's robots carry only arn and createdAt (SEMANTICS §4).
    assert members == [{"arn": robot["arn"], "createdAt": robot["createdAt"]}]
    listed = client.list_robots()["robots"]   # newest first: robot-1, then robot-0
    assert listed[1]["arn"] == robot["arn"]
    assert listed[1]["status"] == "Registered" and listed[1]["fleetArn"] == fleet
    assert listed[0]["status"] == "Available" and "fleetArn" not in listed[0]


def test_describe_fleet_lists_all_its_robots(setup):
    client, (fleet, other_fleet), (r0, r1) = setup
    client.register_robot(fleet=fleet, robot=r1["arn"])
    client.register_robot(fleet=fleet, robot=r0["arn"])
    robots = client.describe_fleet(fleet=fleet)["robots"]
    # Newest first by creation, whatever the registration order.
    assert robots == [{"arn": r["arn"], "createdAt": r["createdAt"]} for r in (r1, r0)]
    assert all(client.describe_robot(robot=r["arn"])["fleetArn"] == fleet for r in robots)
    assert client.describe_fleet(fleet=other_fleet)["robots"] == []


def test_register_again_to_the_same_fleet_changes_nothing(setup):
    client, (fleet, _), (robot, _) = setup
    client.register_robot(fleet=fleet, robot=robot["arn"])
    before_robot = strip(client.describe_robot(robot=robot["arn"]))
    before_fleet = strip(client.describe_fleet(fleet=fleet))
    resp = strip(client.register_robot(fleet=fleet, robot=robot["arn"]))
    assert resp == {"fleet": fleet, "robot": robot["arn"]}
    assert strip(client.describe_robot(robot=robot["arn"])) == before_robot
    assert strip(client.describe_fleet(fleet=fleet)) == before_fleet


def test_register_to_another_fleet_is_rejected(setup):
    client, (fleet_a, fleet_b), (robot, _) = setup
    client.register_robot(fleet=fleet_a, robot=robot["arn"])
    expect_error("InvalidParameterException", client.register_robot, fleet=fleet_b, robot=robot["arn"])
    assert client.describe_robot(robot=robot["arn"])["fleetArn"] == fleet_a
    assert client.describe_fleet(fleet=fleet_b)["robots"] == []


def test_register_unknown_fleet_or_robot(setup):
    client, (fleet, _), (robot, _) = setup
    message = expect_error("ResourceNotFoundException", client.register_robot, fleet=MISSING_FLEET, robot=robot["arn"])
    assert MISSING_FLEET in message
    message = expect_error("ResourceNotFoundException", client.register_robot, fleet=fleet, robot=MISSING_ROBOT)
    assert MISSING_ROBOT in message
    assert client.describe_robot(robot=robot["arn"])["status"] == "Available"


def test_deregister_robot(setup):
    client, (fleet, _), (robot, other) = setup
    client.register_robot(fleet=fleet, robot=robot["arn"])
    client.register_robot(fleet=fleet, robot=other["arn"])
    resp = strip(client.deregister_robot(fleet=fleet, robot=robot["arn"]))
    assert resp == {"fleet": fleet, "robot": robot["arn"]}
    described = client.describe_robot(robot=robot["arn"])
    assert described["status"] == "Available"
    assert "fleetArn" not in described
    assert [r["arn"] for r in client.describe_fleet(fleet=fleet)["robots"]] == [other["arn"]]


def test_deregistered_robot_can_join_another_fleet(setup):
    client, (fleet_a, fleet_b), (robot, _) = setup
    client.register_robot(fleet=fleet_a, robot=robot["arn"])
    client.deregister_robot(fleet=fleet_a, robot=robot["arn"])
    client.register_robot(fleet=fleet_b, robot=robot["arn"])
    assert client.describe_robot(robot=robot["arn"])["fleetArn"] == fleet_b


def test_deregister_a_robot_that_is_in_no_fleet(setup):
    client, (fleet, _), (robot, _) = setup
    expect_error("InvalidParameterException", client.deregister_robot, fleet=fleet, robot=robot["arn"])


def test_deregister_from_a_fleet_the_robot_is_not_in(setup):
    client, (fleet_a, fleet_b), (robot, _) = setup
    client.register_robot(fleet=fleet_a, robot=robot["arn"])
    expect_error("InvalidParameterException", client.deregister_robot, fleet=fleet_b, robot=robot["arn"])
    assert client.describe_robot(robot=robot["arn"])["fleetArn"] == fleet_a


def test_deregister_twice(setup):
    client, (fleet, _), (robot, _) = setup
    client.register_robot(fleet=fleet, robot=robot["arn"])
    client.deregister_robot(fleet=fleet, robot=robot["arn"])
    expect_error("InvalidParameterException", client.deregister_robot, fleet=fleet, robot=robot["arn"])


def test_deregister_unknown_fleet_or_robot(setup):
    client, (fleet, _), (robot, _) = setup
    client.register_robot(fleet=fleet, robot=robot["arn"])
    message = expect_error("ResourceNotFoundException", client.deregister_robot, fleet=MISSING_FLEET, robot=robot["arn"])
    assert MISSING_FLEET in message
    message = expect_error("ResourceNotFoundException", client.deregister_robot, fleet=fleet, robot=MISSING_ROBOT)
    assert MISSING_ROBOT in message
    assert client.describe_robot(robot=robot["arn"])["fleetArn"] == fleet


def test_delete_fleet_deregisters_its_robots(setup):
    client, (fleet_a, fleet_b), (r0, r1) = setup
    client.register_robot(fleet=fleet_a, robot=r0["arn"])
    client.register_robot(fleet=fleet_a, robot=r1["arn"])
    client.delete_fleet(fleet=fleet_a)
    for robot in (r0, r1):
        described = client.describe_robot(robot=robot["arn"])
        assert described["status"] == "Available"
        assert "fleetArn" not in described
    assert all("fleetArn" not in r for r in client.list_robots()["robots"])
    client.register_robot(fleet=fleet_b, robot=r0["arn"])
    assert client.describe_robot(robot=r0["arn"])["status"] == "Registered"


def test_delete_registered_robot_leaves_the_fleet(setup):
    client, (fleet, _), (r0, r1) = setup
    client.register_robot(fleet=fleet, robot=r0["arn"])
    client.register_robot(fleet=fleet, robot=r1["arn"])
    client.delete_robot(robot=r0["arn"])
    assert [r["arn"] for r in client.describe_fleet(fleet=fleet)["robots"]] == [r1["arn"]]
    assert [r["arn"] for r in client.list_robots()["robots"]] == [r1["arn"]]
