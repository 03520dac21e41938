"""Snapshots (README "Snapshots"): save the whole state, restore all of it or one account/region,
names, replacing, the bound, and what a snapshot holds besides resources (fault rules, the object
store)."""
import pytest

import raw_http
from conftest import make_client
from snapshot_helpers import A, B, listed, path, populate, restore, save, world


@pytest.fixture
def srv(start_server):
    return start_server()


def clients(url):
    return make_client(url, access_key=A), make_client(url, access_key=B, region="eu-west-1")


def test_save_answers_and_lists(srv):
    a, _ = clients(srv.url)
    populate(a, "w")
    answer = save(srv.url, "base-1.x_y")
    assert answer["name"] == "base-1.x_y"
    assert answer["sizeBytes"] > 0 and isinstance(answer["createdAt"], (int, float))
    entry = listed(srv.url)["base-1.x_y"]
    assert entry["sizeBytes"] == answer["sizeBytes"] and "error" not in entry


def test_whole_restore_brings_every_account_back(srv):
    a, b = clients(srv.url)
    fleets, _ = populate(a, "a")
    populate(b, "b")
    before = (world(a), world(b))
    save(srv.url, "base")
    a.delete_fleet(fleet=fleets[1])
    a.create_fleet(name="later")
    b.create_fleet(name="later-b")
    answer = restore(srv.url, "base")
    assert answer["name"] == "base"
    assert answer["deleted"] == {"fleets": 5, "robots": 6, "robotApplications": 2, "deploymentJobs": 0}
    assert answer["restored"] == {"fleets": 4, "robots": 6, "robotApplications": 2, "deploymentJobs": 0}
    assert (world(a), world(b)) == before


def test_scoped_restore_leaves_other_accounts_alone(srv):
    a, b = clients(srv.url)
    populate(a, "a")
    populate(b, "b")
    a_before = world(a)
    save(srv.url, "base")
    a.create_fleet(name="a-later")
    b.create_fleet(name="b-later")
    b_now = world(b)
    answer = restore(srv.url, "base", account=A)
    assert answer["deleted"]["fleets"] == 3 and answer["restored"]["fleets"] == 2
    assert world(a) == a_before
    assert world(b) == b_now
    # A region scope: only that region of every account.
    b.delete_fleet(fleet=[f for f in b.list_fleets()["fleetDetails"] if f["name"] == "b-later"][0]["arn"])
    a.create_fleet(name="a-again")
    restore(srv.url, "base", region="eu-west-1")
    assert [f["name"] for f in b.list_fleets()["fleetDetails"]] == ["b-f0", "b-f1"]
    assert "a-again" in [f["name"] for f in a.list_fleets()["fleetDetails"]]


def test_scoped_restore_when_ids_were_taken_meanwhile(srv):
    """Rows of the restored account whose row ids another account took since keep their order."""
    a, b = clients(srv.url)
    for i in range(3):
        a.create_fleet(name=f"a{i}")
    before = world(a)
    save(srv.url, "base")
    raw_http.send(srv.url, "POST", "/_emulator/reset", {"account": A})
    for i in range(4):
        b.create_fleet(name=f"b{i}")  # takes the ids A's fleets had
    restore(srv.url, "base", account=A)
    assert world(a) == before
    assert [f["name"] for f in b.list_fleets()["fleetDetails"]] == ["b0", "b1", "b2", "b3"]


def test_same_name_replaces(srv):
    a, _ = clients(srv.url)
    a.create_fleet(name="one")
    save(srv.url, "x")
    a.create_fleet(name="two")
    save(srv.url, "x")
    a.create_fleet(name="three")
    restore(srv.url, "x")
    assert [f["name"] for f in a.list_fleets()["fleetDetails"]] == ["one", "two"]
    assert list(listed(srv.url)) == ["x"]


@pytest.mark.parametrize("name", ["", "a" * 65, "sp ace", "a/b", "é", "semi;colon"])
def test_bad_names(srv, name):
    resp = raw_http.send(srv.url, "POST", "/_emulator/snapshots", {"name": name})
    assert resp.status == 400 and resp.error_type == "InvalidParameterException", resp.body
    assert "1 to 64 characters" in resp.json()["message"]
    if name:
        for method, p in (("POST", path(name, "/restore")), ("DELETE", path(name))):
            resp = raw_http.send(srv.url, method, p)
            assert resp.status == 400 and resp.error_type == "InvalidParameterException", (method, p, resp.body)


@pytest.mark.parametrize("body", [{}, {"name": 7}, [], "not json"])
def test_bad_save_bodies(srv, body):
    resp = raw_http.send(srv.url, "POST", "/_emulator/snapshots", body)
    assert resp.status == 400 and resp.error_type == "InvalidParameterException", resp.body


def test_absent_snapshot_is_404(srv):
    for method, p in (("DELETE", path("nope")), ("POST", path("nope", "/restore"))):
        resp = raw_http.send(srv.url, method, p)
        assert resp.status == 404 and resp.error_type == "ResourceNotFoundException", resp.body
        assert "nope" in resp.json()["message"]
    save(srv.url, "there")
    assert raw_http.send(srv.url, "DELETE", path("there")).json() == {"deleted": "there"}
    assert listed(srv.url) == {}
    assert raw_http.send(srv.url, "DELETE", path("there")).status == 404


def test_bad_restore_scope(srv):
    save(srv.url, "s")
    resp = raw_http.send(srv.url, "POST", path("s", "/restore"), {"account": 1})
    assert resp.status == 400 and resp.error_type == "InvalidParameterException"


def test_the_bound(srv):
    a, _ = clients(srv.url)
    a.create_fleet(name="f")
    body = raw_http.send(srv.url, "GET", "/_emulator/snapshots").json()
    bound = body["maxSnapshots"]
    assert bound == 64
    for i in range(bound):
        save(srv.url, f"s{i}")
    resp = raw_http.send(srv.url, "POST", "/_emulator/snapshots", {"name": "one-more"})
    assert resp.status == 400 and resp.error_type == "LimitExceededException", resp.body
    assert len(listed(srv.url)) == bound
    save(srv.url, "s7")  # replacing one at the bound is fine
    assert raw_http.send(srv.url, "DELETE", path("s0")).status == 200
    save(srv.url, "one-more")
    assert len(listed(srv.url)) == bound


def test_fault_rules_and_objects_come_back_with_a_whole_restore(srv):
    rule = {"operation": "ListFleets", "error": "ThrottlingException", "account": A}
    assert raw_http.send(srv.url, "POST", "/_emulator/faults", rule).status == 200
    obj = {"bucket": "my-bucket", "key": "nav/x86.tar.gz"}
    raw_http.send(srv.url, "POST", "/_emulator/objects", dict(obj, action="touch"))
    generation = raw_http.send(srv.url, "GET", "/_emulator/objects?bucket=my-bucket&key=nav/x86.tar.gz").json()
    rules = raw_http.send(srv.url, "GET", "/_emulator/faults").json()
    save(srv.url, "with-rules")
    raw_http.send(srv.url, "DELETE", "/_emulator/faults")
    raw_http.send(srv.url, "POST", "/_emulator/objects", dict(obj, action="touch"))
    restore(srv.url, "with-rules", account=A)  # scoped: rules and objects stay as they are now
    assert [r for r in raw_http.send(srv.url, "GET", "/_emulator/faults").json()["rules"] if r["source"] == "api"] == []
    restore(srv.url, "with-rules")
    assert raw_http.send(srv.url, "GET", "/_emulator/faults").json() == rules
    assert raw_http.send(srv.url, "GET", "/_emulator/objects?bucket=my-bucket&key=nav/x86.tar.gz").json() == generation
    added = raw_http.send(srv.url, "POST", "/_emulator/faults", rule).json()
    assert added["id"] > max(r["id"] for r in rules["rules"])  # ids are never reused


def test_config_file_rules_stay_those_of_this_start_up(start_server, tmp_path):
    config = tmp_path / "config.json"
    config.write_text('{"faults": [{"operation": "DescribeFleet", "latencyMs": 1}]}')
    srv = start_server(args=["--config", str(config)])
    save(srv.url, "before-api-rule")
    assert raw_http.send(srv.url, "POST", "/_emulator/faults", {"operation": "ListRobots", "latencyMs": 1}).status == 200
    raw_http.send(srv.url, "POST", "/_emulator/faults", {"operation": "ListFleets", "latencyMs": 1})
    make_client(srv.url).list_fleets()
    save(srv.url, "with-api-rules")
    raw_http.send(srv.url, "DELETE", "/_emulator/faults")
    config_rules = [r for r in raw_http.send(srv.url, "GET", "/_emulator/faults").json()["rules"]]
    assert [r["source"] for r in config_rules] == ["config"]
    restore(srv.url, "with-api-rules")
    rules = raw_http.send(srv.url, "GET", "/_emulator/faults").json()["rules"]
    assert [r for r in rules if r["source"] == "config"] == config_rules
    assert [(r["rule"]["operation"], r["matches"]) for r in rules if r["source"] == "api"] == [("ListRobots", 0),
                                                                                              ("ListFleets", 1)]
    restore(srv.url, "before-api-rule")
    assert raw_http.send(srv.url, "GET", "/_emulator/faults").json()["rules"] == config_rules
