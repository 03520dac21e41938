"""ListRobotApplications and DeleteRobotApplication through boto3 (SEMANTICS §4-§5, docs/behaviour.md)."""
import pytest

import raw_http
from app_helpers import ARM, SUITE, ghost_arn, make_app, untagged
from conftest import make_client
from helpers import expect_error, list_all, make_robot, strip

# --- ListRobotApplications ----------------------------------------------------------------------

def summary(app):
    return {k: app[k] for k in ("name", "arn", "version", "lastUpdatedAt", "robotSoftwareSuite")}


def test_list_latest_summaries_oldest_first(client):
    apps = [strip(make_app(client, f"app{i}", suite={"name": "ROS", "version": "Kinetic"} if i == 1 else SUITE))
            for i in range(3)]
    client.create_robot_application_version(application="app0")
    resp = client.list_robot_applications()
    assert "nextToken" not in resp
    assert resp["robotApplicationSummaries"] == [summary(a) for a in apps]


def test_list_shows_the_updated_latest(client):
    make_app(client, "nav")
    updated = client.update_robot_application(application="nav", sources=[ARM],
                                              robotSoftwareSuite={"name": "ROS", "version": "Melodic"})
    assert client.list_robot_applications()["robotApplicationSummaries"] == [summary(updated)]


def test_list_all_versions(client):
    a = make_app(client, "a")
    b = make_app(client, "b")
    a1 = client.create_robot_application_version(application="a")
    b1 = client.create_robot_application_version(application="b")
    a2 = client.create_robot_application_version(application="a")
    got = client.list_robot_applications(versionQualifier="ALL")["robotApplicationSummaries"]
    # one summary per version plus $LATEST, oldest first (SEMANTICS §4)
    assert got == [summary(r) for r in (a, b, a1, b1, a2)]


def test_list_filter_by_name(client):
    make_app(client, "nav")
    other = make_app(client, "arm")
    client.create_robot_application_version(application="arm")
    resp = client.list_robot_applications(filters=[{"name": "name", "values": ["arm"]}])
    assert resp["robotApplicationSummaries"] == [summary(other)]
    resp = client.list_robot_applications(filters=[{"name": "name", "values": ["arm"]}], versionQualifier="ALL")
    assert [(s["name"], s["version"]) for s in resp["robotApplicationSummaries"]] == [("arm", "$LATEST"), ("arm", "1")]
    # exact match only
    assert client.list_robot_applications(filters=[{"name": "name", "values": ["ar"]}])["robotApplicationSummaries"] == []


def test_list_unknown_filter_name(client):
    make_app(client, "nav")
    message = expect_error("InvalidParameterException", client.list_robot_applications,
                           filters=[{"name": "color", "values": ["red"]}])
    assert "color" in message


@pytest.mark.parametrize("value", [0, 101, -1])
def test_list_max_results_out_of_range(server, value):
    client = make_client(server.url, validate=False)
    message = expect_error("InvalidParameterException", client.list_robot_applications, maxResults=value)
    assert "maxResults" in message


def test_list_pages_all_versions(client):
    for i in range(3):
        make_app(client, f"app{i}")
        for _ in range(4):
            client.create_robot_application_version(application=f"app{i}")
    everything = client.list_robot_applications(versionQualifier="ALL", maxResults=100)
    assert len(everything["robotApplicationSummaries"]) == 15 and "nextToken" not in everything
    paged = list_all(client, "list_robot_applications", "robotApplicationSummaries",
                     versionQualifier="ALL", maxResults=4)
    assert paged == everything["robotApplicationSummaries"]
    first = client.list_robot_applications(versionQualifier="ALL", maxResults=1)
    assert len(first["robotApplicationSummaries"]) == 1 and first["nextToken"]


def test_list_max_results_100_and_paginator(start_server):
    client = make_client(start_server(quotas={"robotApplications": 101}).url)
    for i in range(101):
        client.create_robot_application(name=f"app{i:03d}", environment={"uri": "img"}, robotSoftwareSuite=SUITE)
    page = client.list_robot_applications(maxResults=100)
    assert [s["name"] for s in page["robotApplicationSummaries"]] == [f"app{i:03d}" for i in range(100)]
    assert page["nextToken"]
    rest = client.list_robot_applications(nextToken=page["nextToken"])
    assert [s["name"] for s in rest["robotApplicationSummaries"]] == ["app100"]
    assert "nextToken" not in rest
    # without maxResults: the maximum, 100
    default = client.list_robot_applications()
    assert len(default["robotApplicationSummaries"]) == 100 and default["nextToken"]
    names = [s["name"] for p in client.get_paginator("list_robot_applications").paginate(
        PaginationConfig={"PageSize": 30}) for s in p["robotApplicationSummaries"]]
    assert names == [f"app{i:03d}" for i in range(101)]


def test_list_token_from_another_operation_or_forged(client):
    for i in range(3):
        make_robot(client, f"r{i}")
        make_app(client, f"a{i}")
    robots_token = client.list_robots(maxResults=1)["nextToken"]
    expect_error("InvalidParameterException", client.list_robot_applications, nextToken=robots_token)
    token = client.list_robot_applications(maxResults=1)["nextToken"]
    expect_error("InvalidParameterException", client.list_robots, nextToken=token)
    forged = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    expect_error("InvalidParameterException", client.list_robot_applications, nextToken=forged)
    expect_error("InvalidParameterException", client.list_robot_applications, nextToken="forged-token")


# --- DeleteRobotApplication ---------------------------------------------------------------------

@pytest.mark.parametrize("by", ["arn", "name"])
def test_delete_application_with_versions_and_tags(client, by):
    created = make_app(client, "nav", tags={"team": "nav"})
    keep = make_app(client, "keep", tags={"k": "v"})
    client.create_robot_application_version(application="nav")
    client.create_robot_application_version(application="nav")
    client.create_robot_application_version(application="keep")
    client.delete_robot_application(application=created["arn"] if by == "arn" else "nav")
    for version in ("$LATEST", "1", "2"):
        expect_error("ResourceNotFoundException", client.describe_robot_application,
                     application=created["arn"], applicationVersion=version)
    expect_error("ResourceNotFoundException", client.describe_robot_application, application="nav")
    expect_error("ResourceNotFoundException", client.list_tags_for_resource, resourceArn=created["arn"])
    got = client.list_robot_applications(versionQualifier="ALL")["robotApplicationSummaries"]
    assert [(s["name"], s["version"]) for s in got] == [("keep", "$LATEST"), ("keep", "1")]
    assert client.list_tags_for_resource(resourceArn=keep["arn"])["tags"] == {"k": "v"}


def test_delete_returns_an_empty_object(server, client):
    arn = make_app(client, "nav")["arn"]
    resp = raw_http.call(server.url, "DeleteRobotApplication", {"application": arn})
    assert resp.status == 200 and resp.json() == {}


def test_delete_unknown_application(client):
    expect_error("ResourceNotFoundException", client.delete_robot_application, application=ghost_arn())
    expect_error("ResourceNotFoundException", client.delete_robot_application, application="ghost")
    arn = make_app(client, "nav")["arn"]
    client.delete_robot_application(application=arn)
    expect_error("ResourceNotFoundException", client.delete_robot_application, application=arn)
    expect_error("ResourceNotFoundException", client.delete_robot_application, application="nav")


def test_delete_latest_alone_is_refused(client):
    created = untagged(make_app(client, "nav"))
    message = expect_error("InvalidParameterException", client.delete_robot_application,
                           application="nav", applicationVersion="$LATEST")
    assert "$LATEST" in message
    assert untagged(client.describe_robot_application(application="nav")) == created

