"""Helpers for the robot application, tag and object-store suites (SEMANTICS §3, §5, §7)."""
import hashlib
import json
import re
import urllib.parse

import raw_http
from helpers import DEFAULT_ACCOUNT, DEFAULT_REGION, strip

UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SUITE = {"name": "ROS2", "version": "Foxy"}
ARM = {"s3Bucket": "my-bucket", "s3Key": "nav/arm64.tar.gz", "architecture": "ARM64"}
SOURCE = {"s3Bucket": "my-bucket", "s3Key": "nav/x86.tar.gz", "architecture": "X86_64"}


def app_arn_re(name, account=DEFAULT_ACCOUNT, region=DEFAULT_REGION):
    """SEMANTICS §3: arn:aws:robomaker:REGION:ACCOUNT:robot-application/NAME/EPOCHMS (13 digits)."""
    return re.compile(rf"arn:aws:robomaker:{re.escape(region)}:{account}:robot-application/{re.escape(name)}/(\d{{13}})")


def etag(bucket, key, generation=0):
    """SEMANTICS §7: the etag of an object of the emulated store is md5 hex of bucket/key#generation."""
    return hashlib.md5(f"{bucket}/{key}#{generation}".encode()).hexdigest()


def with_etags(sources, generation=0):
    """`sources` as a numbered version shows them: each with the etag of its object."""
    return [dict(s, etag=etag(s["s3Bucket"], s["s3Key"], generation)) for s in sources]


def make_app(client, name, sources=(SOURCE,), suite=SUITE, **kwargs):
    """CreateRobotApplication with sources (pass sources=None to leave them out)."""
    if sources is not None:
        kwargs["sources"] = [dict(s) for s in sources]
    return client.create_robot_application(name=name, robotSoftwareSuite=dict(suite), **kwargs)


def sources_of(resp):
    """A response's sources; an application without any may show none or an empty list."""
    return resp.get("sources", [])


def object_action(url, bucket, key, action):
    """POST /_emulator/objects; returns the Response."""
    return raw_http.send(url, "POST", "/_emulator/objects", {"bucket": bucket, "key": key, "action": action})


def object_state(url, bucket, key):
    """GET /_emulator/objects?bucket=&key= (percent-encoded); returns the Response."""
    query = urllib.parse.urlencode({"bucket": bucket, "key": key}, quote_via=urllib.parse.quote, safe="")
    return raw_http.send(url, "GET", "/_emulator/objects?" + query)


def change_object(url, bucket, key, action):
    """An object action that must succeed; returns the new state (a dict)."""
    resp = object_action(url, bucket, key, action)
    assert resp.status == 200, (resp.status, resp.body)
    assert resp.headers.get("content-type", "").startswith("application/json"), resp.headers
    return json.loads(resp.body)


def untagged(resp):
    """A Describe response without its tags member, which may show `{}` when there are none."""
    assert resp.get("tags", {}) == {}, resp
    return {k: v for k, v in strip(resp).items() if k != "tags"}


def ghost_arn(name="ghost", account="123456789012", region="us-east-1"):
    """A well-formed robot application ARN that names nothing."""
    return f"arn:aws:robomaker:{region}:{account}:robot-application/{name}/1700000000000"
