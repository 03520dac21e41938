"""TagResource, UntagResource, ListTagsForResource through boto3 (and raw HTTP for the wire form):
on fleets, robots and robot applications. Rules: SEMANTICS §2 (POST/DELETE/GET /tags/{arn}, the
ARN percent-encoded in one segment), §4 (50 tags per resource), docs/behaviour.md "Tags"."""
import urllib.parse

import pytest

import raw_http
from app_helpers import make_app
from conftest import make_client
from helpers import expect_error, make_robot

KINDS = ["fleet", "robot", "application"]


def create(client, kind, name="res", **kwargs):
    """Creates a resource of `kind`; returns its ARN."""
    if kind == "fleet":
        return client.create_fleet(name=name, **kwargs)["arn"]
    if kind == "robot":
        return make_robot(client, name, **kwargs)["arn"]
    return make_app(client, name, **kwargs)["arn"]


def describe_tags(client, kind, arn):
    if kind == "fleet":
        return client.describe_fleet(fleet=arn)["tags"]
    if kind == "robot":
        return client.describe_robot(robot=arn)["tags"]
    return client.describe_robot_application(application=arn).get("tags", {})


def delete(client, kind, arn):
    {"fleet": lambda: client.delete_fleet(fleet=arn), "robot": lambda: client.delete_robot(robot=arn),
     "application": lambda: client.delete_robot_application(application=arn)}[kind]()


def tags_of(client, arn):
    return client.list_tags_for_resource(resourceArn=arn)["tags"]


@pytest.mark.parametrize("kind", KINDS)
def test_tag_untag_list_round_trip(client, kind):
    arn = create(client, kind)
    other = create(client, kind, name="other", tags={"o": "1"})
    assert tags_of(client, arn) == {}
    resp = client.tag_resource(resourceArn=arn, tags={"a": "1", "b": "2", "k/+=:.-_ ": "v/+=:.-_ ", "empty": ""})
    assert {k: v for k, v in resp.items() if k != "ResponseMetadata"} == {}
    expected = {"a": "1", "b": "2", "k/+=:.-_ ": "v/+=:.-_ ", "empty": ""}
    assert tags_of(client, arn) == expected
    assert describe_tags(client, kind, arn) == expected
    # overwrite one, add one
    client.tag_resource(resourceArn=arn, tags={"a": "10", "c": "3"})
    expected.update(a="10", c="3")
    assert tags_of(client, arn) == expected
    # untag two, one of them not present (ignored)
    resp = client.untag_resource(resourceArn=arn, tagKeys=["b", "missing", "k/+=:.-_ "])
    assert {k: v for k, v in resp.items() if k != "ResponseMetadata"} == {}
    assert tags_of(client, arn) == {"a": "10", "c": "3", "empty": ""}
    assert describe_tags(client, kind, arn) == {"a": "10", "c": "3", "empty": ""}
    # another resource is untouched
    assert tags_of(client, other) == {"o": "1"}
    # tag with an empty map is a no-op
    client.tag_resource(resourceArn=arn, tags={})
    assert tags_of(client, arn) == {"a": "10", "c": "3", "empty": ""}


@pytest.mark.parametrize("kind", KINDS)
def test_tags_given_on_create_are_listed(client, kind):
    arn = create(client, kind, tags={"team": "nav"})
    assert tags_of(client, arn) == {"team": "nav"}
    client.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert tags_of(client, arn) == {}


@pytest.mark.parametrize("kind", KINDS)
def test_tags_are_deleted_with_the_resource(client, kind):
    arn = create(client, kind, tags={"team": "nav"})
    delete(client, kind, arn)
    expect_error("ResourceNotFoundException", client.list_tags_for_resource, resourceArn=arn)
    expect_error("ResourceNotFoundException", client.tag_resource, resourceArn=arn, tags={"a": "1"})
    expect_error("ResourceNotFoundException", client.untag_resource, resourceArn=arn, tagKeys=["team"])
    again = create(client, kind)        # same name, a new resource without the old tags
    assert again != arn
    assert tags_of(client, again) == {}


def test_wire_form(server, client):
    """POST /tags/{arn} {"tags"}, DELETE /tags/{arn}?tagKeys=a&tagKeys=b, GET /tags/{arn}: the ARN
    percent-encoded in one segment (SEMANTICS §2); responses `{}` for Tag and Untag."""
    arn = create(client, "robot")
    path = "/tags/" + urllib.parse.quote(arn, safe="")
    assert "/" not in path[len("/tags/"):] and ":" not in path
    resp = raw_http.send(server.url, "POST", path, {"tags": {"a b": "1", "c": "2", "d": "3"}}, operation="TagResource")
    assert (resp.status, resp.json()) == (200, {})
    assert resp.headers["content-type"].startswith("application/json")
    resp = raw_http.send(server.url, "DELETE", path + "?tagKeys=a%20b&tagKeys=c", operation="UntagResource")
    assert (resp.status, resp.json()) == (200, {})
    resp = raw_http.send(server.url, "GET", path, operation="ListTagsForResource")
    assert (resp.status, resp.json()) == (200, {"tags": {"d": "3"}})
    assert tags_of(client, arn) == {"d": "3"}


def test_unknown_resources(server, client):
    fleet = create(client, "fleet")
    robot = create(client, "robot")
    app = create(client, "application")
    ghosts = [
        fleet[:-13] + "1700000000000",                    # right name, other creation time
        robot.replace("/res/", "/ghost/"),
        app.replace("/res/", "/ghost/"),
        "arn:aws:robomaker:us-east-1:123456789012:deployment-job/deployment-abcdefghijkl",
        "arn:aws:robomaker:us-east-1:123456789012:simulation-application/res/1700000000000",
        "arn:aws:s3:::my-bucket",
        "arn:nothing",
    ]
    for ghost in ghosts:
        message = expect_error("ResourceNotFoundException", client.list_tags_for_resource, resourceArn=ghost)
        assert ghost in message, message
        expect_error("ResourceNotFoundException", client.tag_resource, resourceArn=ghost, tags={"a": "1"})
        expect_error("ResourceNotFoundException", client.untag_resource, resourceArn=ghost, tagKeys=["a"])
    for arn in (fleet, robot, app):
        assert tags_of(client, arn) == {}


def test_other_account_or_region_cannot_see_the_tags(server, client):
    arns = [create(client, kind, tags={"team": "nav"}) for kind in KINDS]
    for other in (make_client(server.url, access_key="111111111111"), make_client(server.url, region="eu-west-1")):
        for arn in arns:
            expect_error("ResourceNotFoundException", other.list_tags_for_resource, resourceArn=arn)
            expect_error("ResourceNotFoundException", other.tag_resource, resourceArn=arn, tags={"x": "1"})
            expect_error("ResourceNotFoundException", other.untag_resource, resourceArn=arn, tagKeys=["team"])
    for arn in arns:
        assert tags_of(client, arn) == {"team": "nav"}


@pytest.mark.parametrize("kind", KINDS)
def test_reserved_aws_prefix(client, kind):
    arn = create(client, kind, tags={"team": "nav"})
    for key in ("aws:team", "aws:"):
        message = expect_error("InvalidParameterException", client.tag_resource, resourceArn=arn,
                               tags={"ok": "1", key: "x"})
        assert "aws:" in message, message
    assert tags_of(client, arn) == {"team": "nav"}
    # only the "aws:" prefix is reserved, not keys that merely start with "aws"
    client.tag_resource(resourceArn=arn, tags={"AWS-x": "1", "awsy": "2"})
    assert tags_of(client, arn) == {"team": "nav", "AWS-x": "1", "awsy": "2"}


@pytest.mark.parametrize("kind", KINDS)
def test_fifty_tags_per_resource(client, kind):
    arn = create(client, kind, tags={f"k{i}": "v" for i in range(30)})
    client.tag_resource(resourceArn=arn, tags={f"k{i}": "w" for i in range(25, 50)})   # 20 new → 50
    assert len(tags_of(client, arn)) == 50
    message = expect_error("LimitExceededException", client.tag_resource, resourceArn=arn, tags={"k50": "v"})
    assert "50" in message, message
    # a request that also overwrites keys still counts the tags the resource would have
    expect_error("LimitExceededException", client.tag_resource, resourceArn=arn,
                 tags={"k0": "new", "k51": "v"})
    tags = tags_of(client, arn)
    assert len(tags) == 50 and tags["k0"] == "v" and "k51" not in tags
    client.tag_resource(resourceArn=arn, tags={f"k{i}": "x" for i in range(50)})     # overwrites only
    assert set(tags_of(client, arn).values()) == {"x"}
    client.untag_resource(resourceArn=arn, tagKeys=["k0"])
    client.tag_resource(resourceArn=arn, tags={"k50": "v"})
    assert len(tags_of(client, arn)) == 50


def test_tags_per_resource_quota_from_config(start_server):
    srv = start_server(quotas={"tagsPerResource": 2})
    client = make_client(srv.url)
    for kind in KINDS:
        arn = create(client, kind, tags={"a": "1"})
        client.tag_resource(resourceArn=arn, tags={"b": "2"})
        expect_error("LimitExceededException", client.tag_resource, resourceArn=arn, tags={"c": "3"})
        client.tag_resource(resourceArn=arn, tags={"a": "x", "b": "y"})
        assert tags_of(client, arn) == {"a": "x", "b": "y"}


def test_untag_requires_tag_keys(server, client):
    arn = create(client, "fleet", tags={"a": "1"})
    resp = raw_http.send(server.url, "DELETE", "/tags/" + urllib.parse.quote(arn, safe=""), operation="UntagResource")
    assert (resp.status, resp.error_type) == (400, "InvalidParameterException"), resp.body
    assert "tagKeys" in resp.json()["message"]
    assert tags_of(client, arn) == {"a": "1"}


def test_tag_resource_requires_tags(server, client):
    arn = create(client, "fleet", tags={"a": "1"})
    resp = raw_http.send(server.url, "POST", "/tags/" + urllib.parse.quote(arn, safe=""), {}, operation="TagResource")
    assert (resp.status, resp.error_type) == (400, "InvalidParameterException"), resp.body
    assert "tags" in resp.json()["message"]


def test_tagging_a_fleet_does_not_touch_its_robots(client):
    fleet = create(client, "fleet")
    robot = create(client, "robot", tags={"r": "1"})
    client.register_robot(fleet=fleet, robot=robot)
    client.tag_resource(resourceArn=fleet, tags={"f": "1"})
    assert tags_of(client, robot) == {"r": "1"}
    client.delete_fleet(fleet=fleet)
    assert tags_of(client, robot) == {"r": "1"}
