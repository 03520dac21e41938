"""Paging of ListRobots and ListFleets (SEMANTICS §4): maxResults 1-200, default the maximum;
nextToken opaque, stable under inserts, absent on the last page; robots newest first, fleets
oldest first (creation order); a forged, altered or other operation's token →
InvalidParameterException."""
import pytest

from conftest import make_client
from helpers import expect_error, list_all, make_robot

BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


@pytest.fixture
def robots250(client):
    """250 robots; their ARNs newest first, the order of ListRobots."""
    arns = [make_robot(client, f"robot-{i:03d}")["arn"] for i in range(250)]
    return client, arns[::-1]


def pages(client, operation, key, max_results, **kwargs):
    """Every page of a listing as (items, nextToken) pairs."""
    out, token = [], None
    call = getattr(client, operation)
    while True:
        resp = call(maxResults=max_results, **kwargs, **({"nextToken": token} if token else {}))
        token = resp.get("nextToken")
        out.append((resp[key], token))
        if not token:
            return out
        assert len(out) < 1000, "paging does not end"


def test_robots_in_pages_of_thirty(robots250):
    client, arns = robots250
    got = pages(client, "list_robots", "robots", 30)
    assert [len(items) for items, _ in got] == [30] * 8 + [10]
    assert all(token for _, token in got[:-1])
    seen = [r["arn"] for items, _ in got for r in items]
    assert seen == arns
    times = [r["createdAt"] for items, _ in got for r in items]
    assert times == sorted(times, reverse=True)


def test_robots_default_page_is_two_hundred(robots250):
    client, arns = robots250
    first = client.list_robots()
    assert len(first["robots"]) == 200
    rest = client.list_robots(nextToken=first["nextToken"])
    assert "nextToken" not in rest
    assert [r["arn"] for r in first["robots"] + rest["robots"]] == arns


@pytest.mark.parametrize("max_results", [1, 200])
def test_max_results_bounds_are_accepted(client, max_results):
    arns = [make_robot(client, f"r{i}")["arn"] for i in range(3)][::-1]
    got = pages(client, "list_robots", "robots", max_results)
    assert [r["arn"] for items, _ in got for r in items] == arns
    assert all(len(items) <= max_results for items, _ in got)


def test_no_token_when_the_last_page_is_exactly_full(client):
    arns = [make_robot(client, f"r{i}")["arn"] for i in range(60)][::-1]
    first = client.list_robots(maxResults=30)
    second = client.list_robots(maxResults=30, nextToken=first["nextToken"])
    assert "nextToken" not in second
    assert [r["arn"] for r in first["robots"] + second["robots"]] == arns


def test_token_is_stable_under_inserts(client):
    """Newest first: robots made while a client pages through do not shift the pages still to
    come (no repeats, nothing skipped); they are at the top of the next walk."""
    old = [make_robot(client, f"old-{i}")["arn"] for i in range(25)][::-1]
    first = client.list_robots(maxResults=10)
    new = [make_robot(client, f"new-{i}")["arn"] for i in range(7)][::-1]
    rest = list_all(client, "list_robots", "robots", maxResults=10, nextToken=first["nextToken"])
    assert [r["arn"] for r in first["robots"] + rest] == old
    assert [r["arn"] for r in list_all(client, "list_robots", "robots", maxResults=10)] == new + old


def test_fleet_token_is_stable_under_inserts(client):
    """Oldest first: fleets made while a client pages through come on a later page."""
    arns = [client.create_fleet(name=f"old-{i}")["arn"] for i in range(12)]
    first = client.list_fleets(maxResults=5)
    arns += [client.create_fleet(name=f"new-{i}")["arn"] for i in range(3)]
    rest = list_all(client, "list_fleets", "fleetDetails", maxResults=5, nextToken=first["nextToken"])
    assert [f["arn"] for f in first["fleetDetails"] + rest] == arns


def test_fleets_in_pages(start_server):
    srv = start_server(quotas={"fleets": 300})
    client = make_client(srv.url)
    arns = [client.create_fleet(name=f"fleet-{i}")["arn"] for i in range(205)]
    got = pages(client, "list_fleets", "fleetDetails", 30)
    assert [len(items) for items, _ in got] == [30] * 6 + [25]
    assert [f["arn"] for items, _ in got for f in items] == arns
    first = client.list_fleets()
    assert len(first["fleetDetails"]) == 200, "the default page is the maximum"
    rest = client.list_fleets(nextToken=first["nextToken"])
    assert "nextToken" not in rest
    assert [f["arn"] for f in first["fleetDetails"] + rest["fleetDetails"]] == arns


@pytest.mark.parametrize("operation", ["list_robots", "list_fleets"])
@pytest.mark.parametrize("max_results", [0, 201, -1])
def test_max_results_out_of_range(client, operation, max_results):
    message = expect_error("InvalidParameterException", getattr(client, operation), maxResults=max_results)
    assert "maxResults" in message


@pytest.mark.parametrize("operation", ["list_robots", "list_fleets"])
def test_forged_token(client, operation):
    for token in ("abc", "AAAA", "0", "TGlzdA=="):
        message = expect_error("InvalidParameterException", getattr(client, operation), nextToken=token)
        assert "nextToken" in message


def test_token_of_the_other_operation(client):
    for i in range(3):
        make_robot(client, f"r{i}")
        client.create_fleet(name=f"f{i}")
    robot_token = client.list_robots(maxResults=1)["nextToken"]
    fleet_token = client.list_fleets(maxResults=1)["nextToken"]
    expect_error("InvalidParameterException", client.list_fleets, nextToken=robot_token)
    expect_error("InvalidParameterException", client.list_robots, nextToken=fleet_token)


def altered(token, i):
    """The token with character i replaced: base64 digits get their sextet's top bit flipped (a
    change of the decoded bytes even in a final partial group), anything else becomes 'A'."""
    c = token[i]
    pos = BASE64_ALPHABET.find(c)
    repl = BASE64_ALPHABET[pos ^ 32] if pos >= 0 else "A"
    return token[:i] + repl + token[i + 1:]


@pytest.mark.parametrize("operation,key,create", [
    ("list_robots", "robots", lambda c, i: make_robot(c, f"r{i}")),
    ("list_fleets", "fleetDetails", lambda c, i: c.create_fleet(name=f"f{i}")),
])
def test_altered_token_at_every_position(client, operation, key, create):
    for i in range(6):
        create(client, i)
    call = getattr(client, operation)
    token = call(maxResults=2)["nextToken"]
    assert call(maxResults=2, nextToken=token)[key], "the untouched token works"
    for i in range(len(token)):
        bad = altered(token, i)
        assert bad != token
        expect_error("InvalidParameterException", call, maxResults=2, nextToken=bad)
