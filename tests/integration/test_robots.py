"""Robots through boto3: CreateRobot, DescribeRobot, ListRobots, DeleteRobot (SEMANTICS §2-§4).

CreateRobot and DescribeRobot carry `greengrassGroupId`; ListRobots items carry no group id (AWS's
example shows none; the model spells it `greenGrassGroupId` there), and list newest first."""
import time

import pytest

from helpers import assert_arn_matches_created, expect_error, make_robot, robot_arn_re, strip

ARCHITECTURES = ["X86_64", "ARM64", "ARMHF"]


def test_create_robot_returns_its_fields_without_tags(client):
    before = time.time()
    resp = strip(make_robot(client, "bot-1", architecture="ARM64", group="gg-123"))
    after = time.time()
    assert set(resp) == {"arn", "name", "createdAt", "greengrassGroupId", "architecture"}
    assert resp["name"] == "bot-1"
    assert resp["architecture"] == "ARM64"
    assert resp["greengrassGroupId"] == "gg-123"
    assert_arn_matches_created(resp["arn"], robot_arn_re("bot-1"), resp["createdAt"])
    assert before - 1 <= resp["createdAt"].timestamp() <= after + 1


@pytest.mark.parametrize("architecture", ARCHITECTURES)
def test_create_robot_each_architecture(client, architecture):
    resp = make_robot(client, f"bot-{architecture}", architecture=architecture)
    assert resp["architecture"] == architecture
    assert client.describe_robot(robot=resp["arn"])["architecture"] == architecture


def test_create_robot_with_tags_round_trips(client):
    tags = {"site": "lab 2", "empty": "", "k/+=:.-_": "v/+=:.-_"}
    created = make_robot(client, "tagged", tags=tags)
    assert created["tags"] == tags
    assert client.describe_robot(robot=created["arn"])["tags"] == tags


def test_create_robot_rejects_reserved_aws_tag_prefix(client):
    message = expect_error("InvalidParameterException", make_robot, client, "r", tags={"aws:x": "1"})
    assert "aws:" in message
    assert client.list_robots()["robots"] == []


def test_create_robot_with_a_taken_name(client):
    first = make_robot(client, "dup")
    message = expect_error("ResourceAlreadyExistsException", make_robot, client, "dup", architecture="ARMHF")
    assert "dup" in message
    robots = client.list_robots()["robots"]
    assert [r["arn"] for r in robots] == [first["arn"]]
    assert robots[0]["architecture"] == "X86_64"


def test_robot_name_is_free_again_after_delete(client):
    first = make_robot(client, "reuse")
    client.delete_robot(robot=first["arn"])
    second = make_robot(client, "reuse")
    assert second["arn"] != first["arn"]
    expect_error("ResourceNotFoundException", client.describe_robot, robot=first["arn"])


def test_deleted_robot_takes_its_tags_along(client):
    first = make_robot(client, "tagged", tags={"a": "1"})
    client.delete_robot(robot=first["arn"])
    second = make_robot(client, "tagged")
    assert "tags" not in second
    assert client.describe_robot(robot=second["arn"])["tags"] == {}


def test_describe_new_robot(client):
    created = make_robot(client, "bot", architecture="ARMHF", group="group-7")
    resp = strip(client.describe_robot(robot=created["arn"]))
    # No fleet and no deployment: fleetArn and lastDeployment* are left out; tags always present.
    assert resp == {
        "arn": created["arn"],
        "name": "bot",
        "status": "Available",
        "greengrassGroupId": "group-7",
        "createdAt": created["createdAt"],
        "architecture": "ARMHF",
        "tags": {},
    }


def test_describe_robot_that_does_not_exist(client):
    missing = "arn:aws:robomaker:us-east-1:123456789012:robot/ghost/1700000000000"
    message = expect_error("ResourceNotFoundException", client.describe_robot, robot=missing)
    assert missing in message


def test_list_robots_empty(client):
    assert strip(client.list_robots()) == {"robots": []}


def test_list_robots_summaries_newest_first_without_a_group_id(client):
    created = [make_robot(client, f"r{i}", architecture=ARCHITECTURES[i % 3], group=f"g{i}", tags={"i": str(i)})
               for i in range(5)]
    resp = strip(client.list_robots())
    assert "nextToken" not in resp
    assert resp["robots"] == [
        {
            "arn": c["arn"],
            "name": c["name"],
            "status": "Available",
            "createdAt": c["createdAt"],
            "architecture": c["architecture"],
        }
        for c in reversed(created)
    ]


def test_delete_robot(client):
    keep = make_robot(client, "keep")
    gone = make_robot(client, "gone")
    assert strip(client.delete_robot(robot=gone["arn"])) == {}
    assert [r["arn"] for r in client.list_robots()["robots"]] == [keep["arn"]]
    expect_error("ResourceNotFoundException", client.describe_robot, robot=gone["arn"])


def test_delete_robot_twice_is_not_found(client):
    robot = make_robot(client, "once")
    client.delete_robot(robot=robot["arn"])
    message = expect_error("ResourceNotFoundException", client.delete_robot, robot=robot["arn"])
    assert robot["arn"] in message


def test_delete_robot_that_never_existed(client):
    missing = "arn:aws:robomaker:us-east-1:123456789012:robot/never/1700000000000"
    expect_error("ResourceNotFoundException", client.delete_robot, robot=missing)


def test_robot_arns_are_distinct_when_created_quickly(client):
    arns = [make_robot(client, f"fast-{i}")["arn"] for i in range(20)]
    assert len(set(arns)) == 20
    for i, arn in enumerate(arns):
        assert robot_arn_re(f"fast-{i}").fullmatch(arn), arn
