"""Fleets through boto3: CreateFleet, DescribeFleet, ListFleets, DeleteFleet (SEMANTICS §2-§4).

Robots inside fleets (register, deregister, DeleteFleet's effect on robots) are in
test_registration.py; quotas in test_quotas.py; paging and filters in their own files."""
import time
from datetime import datetime, timezone

from helpers import assert_arn_matches_created, expect_error, fleet_arn_re, strip


def test_create_fleet_returns_arn_name_created_at_only(client):
    before = time.time()
    resp = strip(client.create_fleet(name="demo"))
    after = time.time()
    assert set(resp) == {"arn", "name", "createdAt"}, "tags are echoed only when given"
    assert resp["name"] == "demo"
    assert_arn_matches_created(resp["arn"], fleet_arn_re("demo"), resp["createdAt"])
    # createdAt is the creation instant (the clock runs in real mode, scale 1, by default).
    assert before - 1 <= resp["createdAt"].timestamp() <= after + 1
    assert resp["createdAt"].tzinfo is not None


def test_create_fleet_with_tags_echoes_them_and_describe_returns_them(client):
    tags = {"team": "nav", "empty": "", "odd key/+=:.-_": "v a/l+=:.-_"}
    created = client.create_fleet(name="tagged", tags=tags)
    assert created["tags"] == tags
    assert client.describe_fleet(fleet=created["arn"])["tags"] == tags


def test_create_fleet_accepts_fifty_tags(client):
    tags = {f"key{i}": f"value{i}" for i in range(50)}
    created = client.create_fleet(name="fifty", tags=tags)
    assert created["tags"] == tags
    assert client.describe_fleet(fleet=created["arn"])["tags"] == tags


def test_create_fleet_name_length_bounds_are_accepted(client):
    for name in ("a", "N" * 255, "a-b_C-9"):
        resp = client.create_fleet(name=name)
        assert resp["name"] == name
        assert_arn_matches_created(resp["arn"], fleet_arn_re(name), resp["createdAt"])


def test_fleet_names_may_repeat_with_distinct_arns(client):
    arns = [client.create_fleet(name="same")["arn"] for _ in range(5)]
    assert len(set(arns)) == 5, arns
    listed = client.list_fleets()["fleetDetails"]
    assert [f["arn"] for f in listed] == arns
    assert {f["name"] for f in listed} == {"same"}


def test_create_fleet_rejects_reserved_aws_tag_prefix(client):
    message = expect_error("InvalidParameterException", client.create_fleet, name="f", tags={"aws:owner": "x"})
    assert "aws:" in message
    assert client.list_fleets()["fleetDetails"] == []


def test_describe_fleet_of_new_fleet(client):
    created = client.create_fleet(name="demo")
    resp = strip(client.describe_fleet(fleet=created["arn"]))
    # No deployment yet: lastDeployment* members are left out, tags are always present.
    assert resp == {
        "name": "demo",
        "arn": created["arn"],
        "robots": [],
        "createdAt": created["createdAt"],
        "tags": {},
    }


def test_describe_fleet_that_does_not_exist(client):
    missing = "arn:aws:robomaker:us-east-1:123456789012:deployment-fleet/ghost/1700000000000"
    message = expect_error("ResourceNotFoundException", client.describe_fleet, fleet=missing)
    assert missing in message


def test_list_fleets_empty(client):
    resp = strip(client.list_fleets())
    assert resp == {"fleetDetails": []}


def test_list_fleets_summaries_oldest_first(client):
    created = [client.create_fleet(name=f"fleet-{i}", tags={"i": str(i)}) for i in range(4)]
    resp = strip(client.list_fleets())
    assert "nextToken" not in resp
    assert resp["fleetDetails"] == [
        {"name": c["name"], "arn": c["arn"], "createdAt": c["createdAt"]} for c in created
    ]
    times = [f["createdAt"] for f in resp["fleetDetails"]]
    assert times == sorted(times)


def test_delete_fleet(client):
    keep = client.create_fleet(name="keep")
    gone = client.create_fleet(name="gone")
    assert strip(client.delete_fleet(fleet=gone["arn"])) == {}
    assert [f["arn"] for f in client.list_fleets()["fleetDetails"]] == [keep["arn"]]
    expect_error("ResourceNotFoundException", client.describe_fleet, fleet=gone["arn"])
    assert client.describe_fleet(fleet=keep["arn"])["name"] == "keep"


def test_delete_fleet_twice_is_not_found(client):
    fleet = client.create_fleet(name="once")
    client.delete_fleet(fleet=fleet["arn"])
    message = expect_error("ResourceNotFoundException", client.delete_fleet, fleet=fleet["arn"])
    assert fleet["arn"] in message


def test_delete_fleet_that_never_existed(client):
    missing = "arn:aws:robomaker:us-east-1:123456789012:deployment-fleet/never/1700000000000"
    expect_error("ResourceNotFoundException", client.delete_fleet, fleet=missing)


def test_delete_fleet_frees_its_name_and_arn_is_not_reused(client):
    first = client.create_fleet(name="again", tags={"old": "1"})
    client.delete_fleet(fleet=first["arn"])
    second = client.create_fleet(name="again")
    assert second["arn"] != first["arn"]
    assert client.describe_fleet(fleet=second["arn"])["tags"] == {}
    expect_error("ResourceNotFoundException", client.describe_fleet, fleet=first["arn"])


def test_created_at_is_the_arn_milliseconds_rounded_down_to_whole_seconds(client):
    """SEMANTICS §2: fleet …/1550771394395 → createdAt 1550771394.0."""
    for i in range(5):
        resp = client.create_fleet(name=f"t{i}")
        ms = int(fleet_arn_re(f"t{i}").fullmatch(resp["arn"]).group(1))
        assert datetime.fromtimestamp(ms // 1000, timezone.utc) == resp["createdAt"]
        assert resp["createdAt"].microsecond == 0
        assert client.describe_fleet(fleet=resp["arn"])["createdAt"] == resp["createdAt"]
