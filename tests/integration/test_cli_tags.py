"""AWS CLI v2 (/usr/bin/aws) against robomaker-local: tag round trips (the CLI percent-encodes the
ARN into the /tags/{resourceArn} segment and repeats tagKeys in the query) and the robot
application flow of README "Robot applications in one minute". Rules: SEMANTICS §2-§5, §7.
The CLI helpers come from test_cli.py; bulk setup goes through boto3 (`client`)."""
import hashlib
import re
import time

from test_cli import ACCOUNT, REGION, fails, ok, parse_time
from test_cli import pytestmark  # noqa: F401  (the same skip when the CLI is missing)

UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def etag(bucket, key, generation=0):
    return hashlib.md5(f"{bucket}/{key}#{generation}".encode()).hexdigest()


def test_tag_round_trip_on_an_application(server, client):
    arn = client.create_robot_application(
        name="nav", sources=[{"s3Bucket": "bkt-1", "s3Key": "k", "architecture": "X86_64"}],
        robotSoftwareSuite={"name": "ROS2", "version": "Foxy"})["arn"]
    assert ok(server, "list-tags-for-resource", "--resource-arn", arn) == {"tags": {}}
    assert ok(server, "tag-resource", "--resource-arn", arn, "--tags", "a=1,b=2,c=3") is None
    assert ok(server, "list-tags-for-resource", "--resource-arn", arn) == {"tags": {"a": "1", "b": "2", "c": "3"}}
    assert ok(server, "untag-resource", "--resource-arn", arn, "--tag-keys", "a", "b") is None
    assert ok(server, "list-tags-for-resource", "--resource-arn", arn) == {"tags": {"c": "3"}}
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"c": "3"}


def test_tag_round_trip_on_a_fleet_and_a_robot(server, client):
    fleet = client.create_fleet(name="demo")["arn"]
    robot = client.create_robot(name="r1", architecture="ARM64", greengrassGroupId="g", tags={"keep": "me"})["arn"]
    assert ok(server, "tag-resource", "--resource-arn", fleet, "--tags", "a=1,b=2") is None
    assert ok(server, "tag-resource", "--resource-arn", robot, "--tags", "a=1,b=2") is None
    assert ok(server, "untag-resource", "--resource-arn", fleet, "--tag-keys", "a", "b") is None
    assert ok(server, "untag-resource", "--resource-arn", robot, "--tag-keys", "a") is None
    assert ok(server, "list-tags-for-resource", "--resource-arn", fleet) == {"tags": {}}
    assert ok(server, "list-tags-for-resource", "--resource-arn", robot) == {"tags": {"keep": "me", "b": "2"}}
    assert client.describe_robot(robot=robot)["tags"] == {"keep": "me", "b": "2"}


def test_tag_errors(server, client):
    ghost = f"arn:aws:robomaker:{REGION}:{ACCOUNT}:robot-application/ghost/1700000000000"
    err = fails(server, "ResourceNotFoundException", "list-tags-for-resource", "--resource-arn", ghost)
    assert "ListTagsForResource" in err and ghost in err
    fails(server, "ResourceNotFoundException", "tag-resource", "--resource-arn", ghost, "--tags", "a=1")
    fleet = client.create_fleet(name="demo")["arn"]
    err = fails(server, "InvalidParameterException", "tag-resource", "--resource-arn", fleet, "--tags", "aws:x=1")
    assert "aws:" in err
    assert client.list_tags_for_resource(resourceArn=fleet)["tags"] == {}


def test_robot_application_flow(server, client):
    e = ["--robot-software-suite", "name=ROS2,version=Foxy"]
    src = "s3Bucket=my-bucket,s3Key=nav.tar.gz,architecture=X86_64"
    created = ok(server, "create-robot-application", "--name", "nav", "--sources", src, *e, "--tags", "team=nav")
    arn = created["arn"]
    assert re.fullmatch(rf"arn:aws:robomaker:{REGION}:{ACCOUNT}:robot-application/nav/\d{{13}}", arn), arn
    assert created["version"] == "$LATEST"
    assert UUID_RE.fullmatch(created["revisionId"])
    assert created["sources"] == [{"s3Bucket": "my-bucket", "s3Key": "nav.tar.gz", "architecture": "X86_64"}]
    assert created["robotSoftwareSuite"] == {"name": "ROS2", "version": "Foxy"}
    assert created["tags"] == {"team": "nav"}
    assert abs(parse_time(created["lastUpdatedAt"]).timestamp() - time.time()) < 60

    # update by name with the current revision: two sources, a new revision
    updated = ok(server, "update-robot-application", "--application", "nav", "--current-revision-id",
                 created["revisionId"], "--sources", src, "s3Bucket=my-bucket,s3Key=arm.tar.gz,architecture=ARM64", *e)
    assert updated["revisionId"] != created["revisionId"]
    assert [s["s3Key"] for s in updated["sources"]] == ["nav.tar.gz", "arm.tar.gz"]
    fails(server, "InvalidParameterException", "update-robot-application", "--application", "nav",
          "--current-revision-id", created["revisionId"], "--sources", src, *e)

    # versions 1 and 2 by name; the sources carry their object's etag
    v1 = ok(server, "create-robot-application-version", "--application", "nav")
    assert (v1["arn"], v1["version"]) == (arn, "1")
    assert [s["etag"] for s in v1["sources"]] == [etag("my-bucket", "nav.tar.gz"), etag("my-bucket", "arm.tar.gz")]
    v2 = ok(server, "create-robot-application-version", "--application", arn,
            "--s3-etags", etag("my-bucket", "nav.tar.gz"), etag("my-bucket", "arm.tar.gz"))
    assert v2["version"] == "2"

    desc = ok(server, "describe-robot-application", "--application", "nav", "--application-version", "1")
    assert desc["version"] == "1" and desc["sources"] == v1["sources"] and desc["revisionId"] == v1["revisionId"]

    # delete version 1; the next one is 3
    assert ok(server, "delete-robot-application", "--application", "nav", "--application-version", "1") is None
    fails(server, "ResourceNotFoundException", "describe-robot-application", "--application", "nav",
          "--application-version", "1")
    assert ok(server, "create-robot-application-version", "--application", "nav")["version"] == "3"

    listed = ok(server, "list-robot-applications", "--version-qualifier", "ALL")
    assert [(s["name"], s["version"]) for s in listed["robotApplicationSummaries"]] == [
        ("nav", "$LATEST"), ("nav", "2"), ("nav", "3")]
    assert "nextToken" not in listed

    err = fails(server, "InvalidParameterException", "delete-robot-application", "--application", "nav",
                "--application-version", "$LATEST")
    assert "$LATEST" in err

    # the whole application, by ARN; its tags go with it
    assert ok(server, "delete-robot-application", "--application", arn) is None
    assert ok(server, "list-robot-applications", "--version-qualifier", "ALL")["robotApplicationSummaries"] == []
    fails(server, "ResourceNotFoundException", "list-tags-for-resource", "--resource-arn", arn)
    fails(server, "ResourceNotFoundException", "describe-robot-application", "--application", "nav")
