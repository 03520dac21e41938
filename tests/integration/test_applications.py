"""Robot applications through boto3: CreateRobotApplication, DescribeRobotApplication,
UpdateRobotApplication ($LATEST side; listing and deleting are in test_application_list_delete.py; numbered
versions are in test_application_versions.py). Rules: SEMANTICS §2-§5, docs/behaviour.md
"Robot applications"."""
import time

import pytest

import raw_http
from app_helpers import ARM, ghost_arn, untagged, SOURCE, SUITE, UUID_RE, app_arn_re, make_app, sources_of
from conftest import make_client
from helpers import expect_error, make_robot, strip

ARMHF = {"s3Bucket": "other.bucket-1", "s3Key": "nav/armhf.tar.gz", "architecture": "ARMHF"}


def assert_recent(t, before, after):
    assert before - 1 <= t.timestamp() <= after + 1, (t, before, after)


# --- CreateRobotApplication ---------------------------------------------------------------------

def test_create_returns_latest_with_revision_and_sources_without_etag(client):
    before = time.time()
    resp = strip(make_app(client, "nav", sources=[SOURCE, ARM]))
    after = time.time()
    assert set(resp) == {"arn", "name", "version", "sources", "robotSoftwareSuite", "lastUpdatedAt", "revisionId",
                         "tags"}
    assert resp["tags"] == {}                         # as AWS's example shows (SEMANTICS §5)
    assert resp["lastUpdatedAt"].microsecond == 0     # whole seconds (SEMANTICS §2)
    assert resp["name"] == "nav"
    assert resp["version"] == "$LATEST"
    assert UUID_RE.fullmatch(resp["revisionId"]), resp["revisionId"]
    assert resp["sources"] == [SOURCE, ARM]          # in order, no etag on $LATEST
    assert resp["robotSoftwareSuite"] == SUITE
    assert_recent(resp["lastUpdatedAt"], before, after)
    assert app_arn_re("nav").fullmatch(resp["arn"]), resp["arn"]
    assert before - 1 <= int(resp["arn"].rsplit("/", 1)[1]) / 1000 <= after + 1


def test_create_echoes_tags_and_environment(client):
    resp = strip(make_app(client, "nav", sources=[SOURCE], tags={"team": "nav", "k/+=:.-_ ": ""},
                          environment={"uri": "registry.example.com/nav:1"}))
    assert resp["tags"] == {"team": "nav", "k/+=:.-_ ": ""}
    assert resp["environment"] == {"uri": "registry.example.com/nav:1"}
    assert resp["sources"] == [SOURCE]


def test_create_with_environment_only(client):
    resp = strip(make_app(client, "container", sources=None, environment={"uri": "repo/img:latest"},
                          suite={"name": "General"}))
    assert resp["environment"] == {"uri": "repo/img:latest"}
    assert sources_of(resp) == []
    assert resp["robotSoftwareSuite"] == {"name": "General"}
    desc = strip(client.describe_robot_application(application=resp["arn"]))
    assert desc["environment"] == {"uri": "repo/img:latest"}
    assert sources_of(desc) == []


@pytest.mark.parametrize("suite", [{"name": "ROS", "version": "Kinetic"}, {"name": "ROS", "version": "Melodic"},
                                   {"name": "ROS2", "version": "Dashing"}, {"name": "ROS2", "version": "Foxy"},
                                   {"name": "General"}])
def test_create_echoes_the_software_suite(client, suite):
    resp = make_app(client, "a", suite=suite)
    assert resp["robotSoftwareSuite"] == suite
    assert client.describe_robot_application(application="a")["robotSoftwareSuite"] == suite


def test_create_with_one_source_per_architecture(client):
    sources = [SOURCE, ARM, ARMHF]
    resp = make_app(client, "multi", sources=sources)
    assert resp["sources"] == sources
    assert client.describe_robot_application(application=resp["arn"])["sources"] == sources


@pytest.mark.parametrize("kwargs", [{}, {"sources": []}], ids=["nothing", "empty-sources"])
def test_create_needs_sources_or_environment(client, kwargs):
    message = expect_error("InvalidParameterException", client.create_robot_application,
                           name="empty", robotSoftwareSuite=SUITE, **kwargs)
    assert "sources" in message and "environment" in message, message
    assert client.list_robot_applications()["robotApplicationSummaries"] == []


@pytest.mark.parametrize("missing", ["s3Bucket", "s3Key"])
def test_source_needs_bucket_and_key(server, missing):
    client = make_client(server.url, validate=False)   # botocore does not require them
    source = {k: v for k, v in SOURCE.items() if k != missing}
    message = expect_error("InvalidParameterException", client.create_robot_application,
                           name="nav", sources=[SOURCE, source], robotSoftwareSuite=SUITE)
    assert f"sources.2.member.{missing}" in message, message
    assert client.list_robot_applications()["robotApplicationSummaries"] == []
    created = untagged(make_app(client, "nav"))
    message = expect_error("InvalidParameterException", client.update_robot_application,
                           application="nav", sources=[source], robotSoftwareSuite=SUITE)
    assert f"sources.1.member.{missing}" in message, message
    assert untagged(client.describe_robot_application(application="nav")) == created


def test_source_architecture_is_optional_and_echoed_as_given(client):
    """moto's own test: sources=[{"s3Bucket": "sth", "s3Key": "else"}] comes back unchanged
    (SEMANTICS §5); Create, Update, Describe and the numbered version keep it as given."""
    bare = {"s3Bucket": "sth", "s3Key": "else"}
    created = strip(client.create_robot_application(name="test_app", sources=[bare], robotSoftwareSuite=SUITE))
    assert created["sources"] == [bare]
    assert client.describe_robot_application(application="test_app")["sources"] == [bare]
    updated = client.update_robot_application(application="test_app", sources=[SOURCE, bare], robotSoftwareSuite=SUITE)
    assert updated["sources"] == [SOURCE, bare]
    version = client.create_robot_application_version(application="test_app")
    assert [set(s) for s in version["sources"]] == [{"s3Bucket", "s3Key", "etag", "architecture"},
                                                    {"s3Bucket", "s3Key", "etag"}]


def test_create_with_a_taken_name(client):
    first = make_app(client, "dup")
    message = expect_error("ResourceAlreadyExistsException", make_app, client, "dup", sources=[ARM])
    assert "dup" in message
    summaries = client.list_robot_applications()["robotApplicationSummaries"]
    assert [s["arn"] for s in summaries] == [first["arn"]]
    assert client.describe_robot_application(application="dup")["sources"] == [SOURCE]


def test_name_is_free_again_after_delete_and_the_new_app_is_new(client):
    first = make_app(client, "reuse", tags={"old": "1"})
    client.create_robot_application_version(application=first["arn"])
    client.delete_robot_application(application=first["arn"])
    second = make_app(client, "reuse", sources=[ARM])
    assert second["arn"] != first["arn"]
    assert second["revisionId"] != first["revisionId"]
    assert second["tags"] == {}   # CreateRobotApplication answers tags {} when none were given
    assert client.list_tags_for_resource(resourceArn=second["arn"])["tags"] == {}
    summaries = client.list_robot_applications(versionQualifier="ALL")["robotApplicationSummaries"]
    assert [(s["arn"], s["version"]) for s in summaries] == [(second["arn"], "$LATEST")]
    expect_error("ResourceNotFoundException", client.describe_robot_application, application=first["arn"])


def test_same_name_in_other_accounts_and_regions(server):
    a = make_client(server.url, access_key="111111111111")
    b = make_client(server.url, access_key="222222222222")
    c = make_client(server.url, access_key="111111111111", region="eu-west-1")
    arns = [make_app(x, "nav")["arn"] for x in (a, b, c)]
    assert app_arn_re("nav", account="111111111111").fullmatch(arns[0])
    assert app_arn_re("nav", account="222222222222").fullmatch(arns[1])
    assert app_arn_re("nav", account="111111111111", region="eu-west-1").fullmatch(arns[2])
    for x, arn in zip((a, b, c), arns):
        assert x.describe_robot_application(application="nav")["arn"] == arn
        assert [s["arn"] for s in x.list_robot_applications()["robotApplicationSummaries"]] == [arn]


def test_create_rejects_reserved_aws_tag_prefix(client):
    message = expect_error("InvalidParameterException", make_app, client, "nav", tags={"aws:team": "x"})
    assert "aws:" in message
    assert client.list_robot_applications()["robotApplicationSummaries"] == []


def test_robot_application_quota(start_server):
    srv = start_server(quotas={"robotApplications": 2})
    client = make_client(srv.url)
    first, second = make_app(client, "a0")["arn"], make_app(client, "a1")["arn"]
    expect_error("LimitExceededException", make_app, client, "a2")
    assert [s["arn"] for s in client.list_robot_applications()["robotApplicationSummaries"]] == [first, second]
    # versions are not applications
    client.create_robot_application_version(application="a0")
    expect_error("LimitExceededException", make_app, client, "a2")
    client.delete_robot_application(application=first)
    make_app(client, "a2")
    expect_error("LimitExceededException", make_app, client, "a3")
    # per account and region
    make_app(make_client(srv.url, access_key="111111111111"), "a0")


def test_tags_per_resource_quota_on_create(start_server):
    srv = start_server(quotas={"tagsPerResource": 2})
    client = make_client(srv.url)
    expect_error("LimitExceededException", make_app, client, "a", tags={"a": "1", "b": "2", "c": "3"})
    assert client.list_robot_applications()["robotApplicationSummaries"] == []
    assert make_app(client, "a", tags={"a": "1", "b": "2"})["tags"] == {"a": "1", "b": "2"}


# --- DescribeRobotApplication -------------------------------------------------------------------

def test_describe_by_arn_and_by_name_default_to_latest(client):
    created = strip(make_app(client, "nav", tags={"team": "nav"}))
    by_arn = strip(client.describe_robot_application(application=created["arn"]))
    by_name = strip(client.describe_robot_application(application="nav"))
    latest = strip(client.describe_robot_application(application="nav", applicationVersion="$LATEST"))
    assert by_arn == by_name == latest
    assert by_arn == created       # same members: arn, name, version, sources, suite, revision, time, tags


def test_describe_without_tags(client):
    created = make_app(client, "nav")
    desc = untagged(client.describe_robot_application(application=created["arn"]))
    assert "imageDigest" not in desc and "environment" not in desc


def test_describe_unknown_application(client):
    make_app(client, "nav")
    message = expect_error("ResourceNotFoundException", client.describe_robot_application, application=ghost_arn())
    assert ghost_arn() in message
    message = expect_error("ResourceNotFoundException", client.describe_robot_application, application="ghost")
    assert "ghost" in message
    # an ARN with the right name but another timestamp is another application
    arn = client.describe_robot_application(application="nav")["arn"]
    other = arn[:-13] + str(int(arn[-13:]) + 1)
    expect_error("ResourceNotFoundException", client.describe_robot_application, application=other)


def test_describe_with_the_arn_of_another_resource_kind(client):
    fleet = client.create_fleet(name="nav")["arn"]
    robot = make_robot(client, "nav")["arn"]
    make_app(client, "nav")
    for arn in (fleet, robot):
        expect_error("ResourceNotFoundException", client.describe_robot_application, application=arn)
        expect_error("ResourceNotFoundException", client.delete_robot_application, application=arn)
    assert len(client.list_robot_applications()["robotApplicationSummaries"]) == 1


def test_create_answers_tags_even_when_none_or_empty_were_given(client):
    """AWS's create-robot-application example answers "tags": {} (SEMANTICS §5)."""
    assert strip(make_app(client, "nav", tags={}))["tags"] == {}
    assert strip(make_app(client, "plain"))["tags"] == {}


def test_null_optional_members_are_absent_and_unknown_members_ignored(server, client):
    body = {"name": "nav", "sources": [SOURCE], "robotSoftwareSuite": SUITE, "environment": None,
            "tags": None, "bogus": {"x": [1]}}
    resp = raw_http.call(server.url, "CreateRobotApplication", body)
    assert resp.status == 200, resp.body
    data = resp.json()
    assert "environment" not in data and "bogus" not in data
    assert data["tags"] == {}
    assert data["sources"] == [SOURCE]
    resp = raw_http.call(server.url, "DescribeRobotApplication", {"application": "nav", "applicationVersion": None})
    assert resp.status == 200 and resp.json()["version"] == "$LATEST", resp.body


def test_responses_carry_a_request_id(server, client):
    make_app(client, "nav")
    for op, body in (("DescribeRobotApplication", {"application": "nav"}),
                     ("DescribeRobotApplication", {"application": "ghost"}),
                     ("ListRobotApplications", {})):
        resp = raw_http.call(server.url, op, body)
        assert UUID_RE.fullmatch(resp.headers.get("x-amzn-requestid", "")), resp.headers
        assert resp.headers["content-type"].startswith("application/json")


def test_describe_unknown_version(client):
    make_app(client, "nav")
    client.create_robot_application_version(application="nav")
    message = expect_error("ResourceNotFoundException", client.describe_robot_application,
                           application="nav", applicationVersion="2")
    assert "2" in message and "nav" in message


def test_other_account_or_region_does_not_see_it(server, client):
    arn = make_app(client, "nav")["arn"]
    for other in (make_client(server.url, access_key="111111111111"), make_client(server.url, region="eu-west-1")):
        expect_error("ResourceNotFoundException", other.describe_robot_application, application=arn)
        expect_error("ResourceNotFoundException", other.describe_robot_application, application="nav")
        expect_error("ResourceNotFoundException", other.update_robot_application, application=arn,
                     sources=[ARM], robotSoftwareSuite=SUITE)
        expect_error("ResourceNotFoundException", other.create_robot_application_version, application="nav")
        expect_error("ResourceNotFoundException", other.delete_robot_application, application=arn)
        assert other.list_robot_applications()["robotApplicationSummaries"] == []
    assert client.describe_robot_application(application=arn)["arn"] == arn


# --- UpdateRobotApplication ---------------------------------------------------------------------

def test_update_replaces_latest_and_renews_the_revision(client):
    created = strip(make_app(client, "nav", tags={"team": "nav"}))
    time.sleep(0.01)
    before = time.time()
    updated = strip(client.update_robot_application(
        application=created["arn"], sources=[ARM, ARMHF], robotSoftwareSuite={"name": "ROS", "version": "Melodic"},
        currentRevisionId=created["revisionId"]))
    after = time.time()
    assert set(updated) == {"arn", "name", "version", "sources", "robotSoftwareSuite", "lastUpdatedAt", "revisionId"}
    assert updated["arn"] == created["arn"]
    assert updated["name"] == "nav"
    assert updated["version"] == "$LATEST"
    assert updated["sources"] == [ARM, ARMHF]
    assert updated["robotSoftwareSuite"] == {"name": "ROS", "version": "Melodic"}
    assert UUID_RE.fullmatch(updated["revisionId"])
    assert updated["revisionId"] != created["revisionId"]
    assert_recent(updated["lastUpdatedAt"], before, after)
    assert updated["lastUpdatedAt"] >= created["lastUpdatedAt"]   # whole seconds: may be the same second
    assert updated["lastUpdatedAt"].microsecond == 0

    desc = strip(client.describe_robot_application(application="nav"))
    assert desc == dict(updated, tags={"team": "nav"})   # tags are not touched by an update


def test_update_by_name_without_current_revision(client):
    created = make_app(client, "nav")
    first = client.update_robot_application(application="nav", sources=[ARM], robotSoftwareSuite=SUITE)
    second = client.update_robot_application(application="nav", sources=[ARM], robotSoftwareSuite=SUITE)
    revisions = {created["revisionId"], first["revisionId"], second["revisionId"]}
    assert len(revisions) == 3, "every update issues a new revisionId, even with the same content"
    assert client.describe_robot_application(application=created["arn"])["revisionId"] == second["revisionId"]


def test_update_drops_members_left_out(client):
    created = make_app(client, "nav", environment={"uri": "repo/img:1"})
    updated = strip(client.update_robot_application(application=created["arn"], sources=[ARM],
                                                    robotSoftwareSuite=SUITE))
    assert "environment" not in updated
    desc = strip(client.describe_robot_application(application="nav"))
    assert "environment" not in desc
    assert desc["sources"] == [ARM]
    # from sources to an environment only
    updated = strip(client.update_robot_application(application="nav", environment={"uri": "repo/img:2"},
                                                    robotSoftwareSuite={"name": "General"}))
    assert updated["environment"] == {"uri": "repo/img:2"}
    assert sources_of(updated) == []
    desc = strip(client.describe_robot_application(application="nav"))
    assert sources_of(desc) == [] and desc["environment"] == {"uri": "repo/img:2"}
    assert desc["robotSoftwareSuite"] == {"name": "General"}


def test_update_with_a_stale_revision(client):
    created = make_app(client, "nav")
    updated = client.update_robot_application(application="nav", sources=[ARM], robotSoftwareSuite=SUITE,
                                               currentRevisionId=created["revisionId"])
    message = expect_error("InvalidParameterException", client.update_robot_application, application="nav",
                           sources=[ARMHF], robotSoftwareSuite=SUITE, currentRevisionId=created["revisionId"])
    assert created["revisionId"] in message, message
    expect_error("InvalidParameterException", client.update_robot_application, application="nav",
                 sources=[ARMHF], robotSoftwareSuite=SUITE, currentRevisionId="not-a-revision")
    desc = client.describe_robot_application(application="nav")
    assert desc["revisionId"] == updated["revisionId"]
    assert desc["sources"] == [ARM]


def test_update_needs_sources_or_environment(client):
    created = untagged(make_app(client, "nav"))
    for kwargs in ({}, {"sources": []}):
        message = expect_error("InvalidParameterException", client.update_robot_application,
                               application="nav", robotSoftwareSuite=SUITE, **kwargs)
        assert "sources" in message and "environment" in message, message
    assert untagged(client.describe_robot_application(application="nav")) == created


def test_update_unknown_application(client):
    expect_error("ResourceNotFoundException", client.update_robot_application, application=ghost_arn(),
                 sources=[ARM], robotSoftwareSuite=SUITE)
    expect_error("ResourceNotFoundException", client.update_robot_application, application="ghost",
                 sources=[ARM], robotSoftwareSuite=SUITE)


def test_update_does_not_touch_versions(client):
    created = make_app(client, "nav")
    v1 = strip(client.create_robot_application_version(application="nav"))
    client.update_robot_application(application="nav", sources=[ARM], robotSoftwareSuite=SUITE)
    assert untagged(client.describe_robot_application(application=created["arn"], applicationVersion="1")) == v1
