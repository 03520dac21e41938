"""Numbered robot application versions through boto3: CreateRobotApplicationVersion, Describe and
Delete of a version, ListRobotApplications with versionQualifier=ALL, and the issue's scenario end
to end. Rules: SEMANTICS §5 and §7 (object etags), docs/behaviour.md "Robot applications"."""
import time

import pytest

from app_helpers import SOURCE, SUITE, UUID_RE, change_object, etag, make_app, with_etags
from conftest import make_client
from helpers import expect_error, strip

ARM = {"s3Bucket": "my-bucket", "s3Key": "nav/arm64.tar.gz", "architecture": "ARM64"}
ARMHF = {"s3Bucket": "other.bucket-1", "s3Key": "nav/armhf.tar.gz", "architecture": "ARMHF"}


def untagged(resp):
    return {k: v for k, v in strip(resp).items() if k != "tags"}


def versions(client, name):
    got = client.list_robot_applications(versionQualifier="ALL",
                                         filters=[{"name": "name", "values": [name]}])["robotApplicationSummaries"]
    return [s["version"] for s in got]


def test_first_version_snapshots_latest_with_etags(client):
    latest = strip(make_app(client, "nav", sources=[SOURCE, ARM], tags={"team": "nav"}))
    time.sleep(0.01)
    before = time.time()
    v1 = strip(client.create_robot_application_version(application=latest["arn"]))
    after = time.time()
    assert set(v1) == {"arn", "name", "version", "sources", "robotSoftwareSuite", "lastUpdatedAt", "revisionId"}
    assert v1["arn"] == latest["arn"]
    assert v1["name"] == "nav"
    assert v1["version"] == "1"
    assert v1["sources"] == with_etags([SOURCE, ARM])
    assert v1["sources"][0]["etag"] == etag("my-bucket", "nav/x86.tar.gz", 0)
    assert v1["robotSoftwareSuite"] == SUITE
    assert UUID_RE.fullmatch(v1["revisionId"])
    assert v1["revisionId"] != latest["revisionId"]          # each version has its own revision
    assert before - 1 <= v1["lastUpdatedAt"].timestamp() <= after + 1   # the instant it was made

    desc = strip(client.describe_robot_application(application="nav", applicationVersion="1"))
    assert untagged(desc) == v1
    # $LATEST is unchanged by a version: same revision, no etags
    assert untagged(client.describe_robot_application(application="nav")) == untagged(latest)


def test_versions_are_numbered_and_never_reused(client):
    make_app(client, "nav")
    assert [client.create_robot_application_version(application="nav")["version"] for _ in range(3)] == ["1", "2", "3"]
    client.delete_robot_application(application="nav", applicationVersion="3")
    assert client.create_robot_application_version(application="nav")["version"] == "4"
    client.delete_robot_application(application="nav", applicationVersion="1")
    client.delete_robot_application(application="nav", applicationVersion="4")
    assert client.create_robot_application_version(application="nav")["version"] == "5"
    assert versions(client, "nav") == ["$LATEST", "2", "5"]


def test_version_is_a_snapshot(client):
    make_app(client, "nav", environment={"uri": "repo/img:1"})
    v1 = strip(client.create_robot_application_version(application="nav"))
    assert v1["environment"] == {"uri": "repo/img:1"}
    client.update_robot_application(application="nav", sources=[ARMHF],
                                    robotSoftwareSuite={"name": "ROS", "version": "Kinetic"})
    v2 = strip(client.create_robot_application_version(application="nav"))
    assert v2["sources"] == with_etags([ARMHF])
    assert v2["robotSoftwareSuite"] == {"name": "ROS", "version": "Kinetic"}
    assert "environment" not in v2
    assert untagged(client.describe_robot_application(application="nav", applicationVersion="1")) == v1
    assert untagged(client.describe_robot_application(application="nav", applicationVersion="2")) == v2


def test_version_of_an_environment_only_application(client):
    make_app(client, "box", sources=None, environment={"uri": "repo/img@sha"}, suite={"name": "General"})
    v1 = strip(client.create_robot_application_version(application="box"))
    assert v1["environment"] == {"uri": "repo/img@sha"}
    assert v1.get("sources", []) == []


def test_image_digest_is_stored_on_the_version(client):
    make_app(client, "box", sources=None, environment={"uri": "repo/img"}, suite={"name": "General"})
    digest = "sha256:" + "ab" * 32
    client.create_robot_application_version(application="box", imageDigest=digest)
    client.create_robot_application_version(application="box")
    assert client.describe_robot_application(application="box", applicationVersion="1")["imageDigest"] == digest
    assert "imageDigest" not in client.describe_robot_application(application="box", applicationVersion="2")
    assert "imageDigest" not in client.describe_robot_application(application="box")


def test_current_revision_must_be_the_latest(client):
    created = make_app(client, "nav")
    v1 = client.create_robot_application_version(application="nav", currentRevisionId=created["revisionId"])
    assert v1["version"] == "1"
    updated = client.update_robot_application(application="nav", sources=[ARM], robotSoftwareSuite=SUITE)
    message = expect_error("InvalidParameterException", client.create_robot_application_version,
                           application="nav", currentRevisionId=created["revisionId"])
    assert "currentRevisionId" in message or created["revisionId"] in message, message
    # a version's own revision is not $LATEST's either
    expect_error("InvalidParameterException", client.create_robot_application_version,
                 application="nav", currentRevisionId=v1["revisionId"])
    assert versions(client, "nav") == ["$LATEST", "1"]
    v2 = client.create_robot_application_version(application="nav", currentRevisionId=updated["revisionId"])
    assert v2["version"] == "2"


def test_s3_etags_must_equal_the_current_etags_in_order(client):
    make_app(client, "nav", sources=[SOURCE, ARM])
    current = [etag(SOURCE["s3Bucket"], SOURCE["s3Key"]), etag(ARM["s3Bucket"], ARM["s3Key"])]
    for wrong in (current[::-1], current[:1], current + [current[0]], ["0" * 32, current[1]]):
        expect_error("InvalidParameterException", client.create_robot_application_version,
                     application="nav", s3Etags=wrong)
    assert versions(client, "nav") == ["$LATEST"]
    v1 = client.create_robot_application_version(application="nav", s3Etags=current)
    assert [s["etag"] for s in v1["sources"]] == current


def test_s3_etags_and_revision_together(client):
    created = make_app(client, "nav")
    current = [etag(SOURCE["s3Bucket"], SOURCE["s3Key"])]
    expect_error("InvalidParameterException", client.create_robot_application_version, application="nav",
                 s3Etags=current, currentRevisionId="stale")
    expect_error("InvalidParameterException", client.create_robot_application_version, application="nav",
                 s3Etags=["0" * 32], currentRevisionId=created["revisionId"])
    assert client.create_robot_application_version(application="nav", s3Etags=current,
                                                   currentRevisionId=created["revisionId"])["version"] == "1"


def test_version_takes_the_current_object_generation(server, client):
    make_app(client, "nav", sources=[SOURCE, ARM])
    v1 = client.create_robot_application_version(application="nav")
    assert change_object(server.url, SOURCE["s3Bucket"], SOURCE["s3Key"], "touch")["generation"] == 1
    stale = [s["etag"] for s in v1["sources"]]
    expect_error("InvalidParameterException", client.create_robot_application_version, application="nav",
                 s3Etags=stale)
    v2 = client.create_robot_application_version(application="nav")
    assert v2["sources"] == [dict(SOURCE, etag=etag(SOURCE["s3Bucket"], SOURCE["s3Key"], 1)),
                             dict(ARM, etag=etag(ARM["s3Bucket"], ARM["s3Key"], 0))]
    # version 1 keeps the etag it recorded
    assert client.describe_robot_application(application="nav", applicationVersion="1")["sources"] == v1["sources"]


def test_deleted_object_blocks_a_version_until_restored(server, client):
    make_app(client, "nav", sources=[SOURCE, ARM])
    change_object(server.url, ARM["s3Bucket"], ARM["s3Key"], "delete")
    message = expect_error("InvalidParameterException", client.create_robot_application_version, application="nav")
    assert ARM["s3Key"] in message, message
    assert versions(client, "nav") == ["$LATEST"]
    change_object(server.url, ARM["s3Bucket"], ARM["s3Key"], "restore")
    v1 = client.create_robot_application_version(application="nav")
    assert v1["version"] == "1"
    assert v1["sources"] == with_etags([SOURCE, ARM])


def test_create_version_by_name_and_arn_and_unknown(client):
    arn = make_app(client, "nav")["arn"]
    assert client.create_robot_application_version(application="nav")["version"] == "1"
    assert client.create_robot_application_version(application=arn)["version"] == "2"
    expect_error("ResourceNotFoundException", client.create_robot_application_version, application="ghost")
    expect_error("ResourceNotFoundException", client.create_robot_application_version,
                 application=arn[:-13] + "1700000000000")


def test_versions_per_application_quota(start_server):
    srv = start_server(quotas={"versionsPerApplication": 3})
    client = make_client(srv.url)
    make_app(client, "nav")
    make_app(client, "other")
    for _ in range(3):
        client.create_robot_application_version(application="nav")
    message = expect_error("LimitExceededException", client.create_robot_application_version, application="nav")
    assert "nav" in message or "version" in message, message
    assert versions(client, "nav") == ["$LATEST", "1", "2", "3"]
    # per application
    assert client.create_robot_application_version(application="other")["version"] == "1"
    # the quota counts existing versions; the number is still not reused
    client.delete_robot_application(application="nav", applicationVersion="2")
    assert client.create_robot_application_version(application="nav")["version"] == "4"
    expect_error("LimitExceededException", client.create_robot_application_version, application="nav")


def test_default_quota_is_forty_versions(client):
    make_app(client, "nav")
    for i in range(40):
        assert client.create_robot_application_version(application="nav")["version"] == str(i + 1)
    expect_error("LimitExceededException", client.create_robot_application_version, application="nav")
    assert len(versions(client, "nav")) == 41


def test_describe_and_delete_a_version(client):
    make_app(client, "nav")
    client.create_robot_application_version(application="nav")
    v2 = strip(client.create_robot_application_version(application="nav"))
    client.delete_robot_application(application="nav", applicationVersion="1")
    expect_error("ResourceNotFoundException", client.describe_robot_application, application="nav",
                 applicationVersion="1")
    expect_error("ResourceNotFoundException", client.delete_robot_application, application="nav",
                 applicationVersion="1")
    expect_error("ResourceNotFoundException", client.delete_robot_application, application="nav",
                 applicationVersion="7")
    assert untagged(client.describe_robot_application(application=v2["arn"], applicationVersion="2")) == v2
    assert versions(client, "nav") == ["$LATEST", "2"]


def test_delete_version_of_unknown_application(client):
    expect_error("ResourceNotFoundException", client.delete_robot_application, application="ghost",
                 applicationVersion="1")


def test_describe_version_of_another_application(client):
    make_app(client, "a")
    make_app(client, "b")
    client.create_robot_application_version(application="a")
    expect_error("ResourceNotFoundException", client.describe_robot_application, application="b",
                 applicationVersion="1")


@pytest.mark.parametrize("version", ["0", "01", "99999999999999999999999"])
def test_describe_odd_version_numbers(client, version):
    make_app(client, "nav")
    client.create_robot_application_version(application="nav")
    expect_error("ResourceNotFoundException", client.describe_robot_application, application="nav",
                 applicationVersion=version)


def test_issue_scenario_end_to_end(server, client):
    """Create an app, update it, make versions 1 and 2, delete version 1, make version 3, list with
    versionQualifier=ALL, tag and untag it (SEMANTICS §3, §5, §7; tags §4)."""
    # create: $LATEST, a revision, sources without etag
    created = strip(make_app(client, "nav", sources=[SOURCE]))
    arn, rev0 = created["arn"], created["revisionId"]
    assert created["version"] == "$LATEST" and UUID_RE.fullmatch(rev0)
    assert created["sources"] == [SOURCE]

    # update (by ARN, with the current revision): new sources and suite, a new revision
    updated = strip(client.update_robot_application(application=arn, sources=[SOURCE, ARM],
                                                    robotSoftwareSuite={"name": "ROS", "version": "Melodic"},
                                                    currentRevisionId=rev0))
    rev1 = updated["revisionId"]
    assert UUID_RE.fullmatch(rev1) and rev1 != rev0
    assert updated["arn"] == arn and updated["version"] == "$LATEST"
    assert updated["sources"] == [SOURCE, ARM]

    # version 1 (by name, with the current revision and etags): a snapshot with etags
    etags = [etag(SOURCE["s3Bucket"], SOURCE["s3Key"]), etag(ARM["s3Bucket"], ARM["s3Key"])]
    v1 = strip(client.create_robot_application_version(application="nav", currentRevisionId=rev1, s3Etags=etags))
    assert (v1["arn"], v1["version"]) == (arn, "1")
    assert v1["sources"] == with_etags([SOURCE, ARM])
    assert v1["robotSoftwareSuite"] == {"name": "ROS", "version": "Melodic"}

    # a stale revision no longer works
    expect_error("InvalidParameterException", client.create_robot_application_version, application=arn,
                 currentRevisionId=rev0)

    # version 2 after the object of the first source changed: its new etag
    change_object(server.url, SOURCE["s3Bucket"], SOURCE["s3Key"], "touch")
    v2 = strip(client.create_robot_application_version(application=arn))
    assert v2["version"] == "2"
    assert v2["sources"] == [dict(SOURCE, etag=etag(SOURCE["s3Bucket"], SOURCE["s3Key"], 1)),
                             dict(ARM, etag=etags[1])]

    # delete version 1 only
    client.delete_robot_application(application=arn, applicationVersion="1")
    expect_error("ResourceNotFoundException", client.describe_robot_application, application=arn,
                 applicationVersion="1")
    assert untagged(client.describe_robot_application(application=arn, applicationVersion="2")) == v2
    assert client.describe_robot_application(application=arn)["revisionId"] == rev1

    # version 3: number 1 is not reused
    v3 = strip(client.create_robot_application_version(application=arn))
    assert v3["version"] == "3"
    assert v3["sources"] == v2["sources"]

    # list ALL: $LATEST, 2, 3
    listed = client.list_robot_applications(versionQualifier="ALL")["robotApplicationSummaries"]
    assert listed == [
        {k: r[k] for k in ("name", "arn", "version", "lastUpdatedAt", "robotSoftwareSuite")}
        for r in (updated, v2, v3)]
    # default list: $LATEST only
    assert [s["version"] for s in client.list_robot_applications()["robotApplicationSummaries"]] == ["$LATEST"]

    # tag, overwrite, untag
    client.tag_resource(resourceArn=arn, tags={"team": "nav", "stage": "dev"})
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "nav", "stage": "dev"}
    client.tag_resource(resourceArn=arn, tags={"stage": "prod"})
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "nav", "stage": "prod"}
    assert client.describe_robot_application(application="nav")["tags"] == {"team": "nav", "stage": "prod"}
    client.untag_resource(resourceArn=arn, tagKeys=["stage"])
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "nav"}
    assert client.describe_robot_application(application=arn, applicationVersion="3")["tags"] == {"team": "nav"}

    # delete the application: versions and tags go with it
    client.delete_robot_application(application="nav")
    assert client.list_robot_applications(versionQualifier="ALL")["robotApplicationSummaries"] == []
    expect_error("ResourceNotFoundException", client.list_tags_for_resource, resourceArn=arn)
    expect_error("ResourceNotFoundException", client.describe_robot_application, application=arn,
                 applicationVersion="3")


def test_update_with_a_version_revision_is_stale(client):
    make_app(client, "nav")
    v1 = client.create_robot_application_version(application="nav")
    expect_error("InvalidParameterException", client.update_robot_application, application="nav",
                 sources=[ARM], robotSoftwareSuite=SUITE, currentRevisionId=v1["revisionId"])


def test_deleting_a_version_keeps_the_application_and_its_tags(client):
    created = strip(make_app(client, "nav", tags={"team": "nav"}))
    client.create_robot_application_version(application="nav")
    client.delete_robot_application(application="nav", applicationVersion="1")
    assert strip(client.describe_robot_application(application="nav")) == created
    assert client.list_tags_for_resource(resourceArn=created["arn"])["tags"] == {"team": "nav"}


def test_parallel_versions_get_distinct_numbers(server):
    from concurrent.futures import ThreadPoolExecutor
    make_app(make_client(server.url), "nav")
    clients = [make_client(server.url) for _ in range(20)]
    with ThreadPoolExecutor(max_workers=10) as pool:
        got = list(pool.map(lambda c: c.create_robot_application_version(application="nav")["version"], clients))
    assert sorted(got, key=int) == [str(i) for i in range(1, 21)]


def test_versions_and_counter_survive_a_restart(start_server, tmp_path):
    db = tmp_path / "apps.db"
    srv = start_server(db=db)
    client = make_client(srv.url)
    make_app(client, "nav", tags={"team": "nav"})
    for _ in range(2):
        client.create_robot_application_version(application="nav")
    client.delete_robot_application(application="nav", applicationVersion="2")   # the highest
    before = (strip(client.describe_robot_application(application="nav")),
              strip(client.describe_robot_application(application="nav", applicationVersion="1")),
              client.list_robot_applications(versionQualifier="ALL")["robotApplicationSummaries"])
    assert srv.stop() == 0
    srv = start_server(db=db)
    client = make_client(srv.url)
    after = (strip(client.describe_robot_application(application="nav")),
             strip(client.describe_robot_application(application="nav", applicationVersion="1")),
             client.list_robot_applications(versionQualifier="ALL")["robotApplicationSummaries"])
    assert after == before
    assert client.create_robot_application_version(application="nav")["version"] == "3"


def test_paging_is_stable_while_versions_are_made(client):
    make_app(client, "nav")
    for _ in range(3):
        client.create_robot_application_version(application="nav")
    first = client.list_robot_applications(versionQualifier="ALL", maxResults=2)
    assert [s["version"] for s in first["robotApplicationSummaries"]] == ["$LATEST", "1"]
    client.create_robot_application_version(application="nav")
    client.delete_robot_application(application="nav", applicationVersion="1")    # already seen
    rest = []
    token = first["nextToken"]
    while token:
        page = client.list_robot_applications(versionQualifier="ALL", maxResults=2, nextToken=token)
        rest += [s["version"] for s in page["robotApplicationSummaries"]]
        token = page.get("nextToken")
    assert rest == ["2", "3", "4"]
