"""The emulated object store and its control API (SEMANTICS §7, README "Control API",
docs/behaviour.md "Emulated object store"): every bucket/key exists by default with etag
md5("bucket/key#generation"), generation 0; POST /_emulator/objects deletes, restores or touches
an object and answers its new state; GET /_emulator/objects?bucket=&key= reads it."""
import json

import pytest

import raw_http
from app_helpers import SOURCE, change_object, etag, make_app, object_state
from conftest import make_client
from helpers import expect_error


def state(url, bucket, key):
    resp = object_state(url, bucket, key)
    assert resp.status == 200, (resp.status, resp.body)
    assert resp.headers.get("content-type", "").startswith("application/json"), resp.headers
    return json.loads(resp.body)


def present(bucket, key, generation):
    return {"bucket": bucket, "key": key, "exists": True, "generation": generation,
            "etag": etag(bucket, key, generation)}


def absent(bucket, key, generation):
    return {"bucket": bucket, "key": key, "exists": False, "generation": generation}


@pytest.mark.parametrize("bucket,key", [("my-bucket", "nav.tar.gz"), ("b.1", "dir/sub dir/a+b=c?d&e#f.tar"),
                                        ("bucket", "é/ü.zip")])
def test_every_object_exists_by_default(server, bucket, key):
    assert state(server.url, bucket, key) == present(bucket, key, 0)


def test_etag_is_md5_of_bucket_key_generation(server):
    # literal values, independent of the helper: md5("my-bucket/nav.tar.gz#0") and "...#1"
    assert state(server.url, "my-bucket", "nav.tar.gz")["etag"] == "68620c32ad84c91ddae2820cd234f0a2"
    assert change_object(server.url, "my-bucket", "nav.tar.gz", "touch")["etag"] == "699ddef6370b920086bc19c89da224fc"


def test_touch_bumps_the_generation(server):
    url = server.url
    assert change_object(url, "b1", "k", "touch") == present("b1", "k", 1)
    assert change_object(url, "b1", "k", "touch") == present("b1", "k", 2)
    assert state(url, "b1", "k") == present("b1", "k", 2)
    # other objects, even of the same bucket or key, are unaffected
    assert state(url, "b1", "k2") == present("b1", "k2", 0)
    assert state(url, "b2", "k") == present("b2", "k", 0)


def test_delete_and_restore(server):
    url = server.url
    change_object(url, "b1", "k", "touch")
    assert change_object(url, "b1", "k", "delete") == absent("b1", "k", 1)
    assert state(url, "b1", "k") == absent("b1", "k", 1)
    # restore: back with the generation it had
    assert change_object(url, "b1", "k", "restore") == present("b1", "k", 1)
    assert state(url, "b1", "k") == present("b1", "k", 1)


def test_touch_brings_a_deleted_object_back_with_a_new_generation(server):
    url = server.url
    change_object(url, "b1", "k", "delete")
    assert change_object(url, "b1", "k", "touch") == present("b1", "k", 1)


@pytest.mark.parametrize("body,field", [
    ({"bucket": "b", "key": "k", "action": "explode"}, "action"),
    ({"bucket": "b", "key": "k"}, "action"),
    ({"key": "k", "action": "touch"}, "bucket"),
    ({"bucket": "b", "action": "touch"}, "key"),
    ({"bucket": "", "key": "k", "action": "touch"}, "bucket"),
    ({"bucket": "b", "key": "", "action": "touch"}, "key"),
    ({"bucket": 5, "key": "k", "action": "touch"}, "bucket"),
])
def test_bad_object_requests(server, body, field):
    resp = raw_http.send(server.url, "POST", "/_emulator/objects", body)
    assert (resp.status, resp.error_type) == (400, "InvalidParameterException"), (resp.status, resp.body)
    message = resp.json()["message"]
    assert field in message, message
    assert state(server.url, "b", "k") == present("b", "k", 0)


@pytest.mark.parametrize("body", [b"not json", b"[]", b'"x"'])
def test_object_request_body_must_be_a_json_object(server, body):
    resp = raw_http.send(server.url, "POST", "/_emulator/objects", body)
    assert (resp.status, resp.error_type) == (400, "InvalidParameterException"), (resp.status, resp.body)
    assert isinstance(resp.json()["message"], str)


@pytest.mark.parametrize("query", ["", "?bucket=b", "?key=k"])
def test_get_needs_bucket_and_key(server, query):
    resp = raw_http.send(server.url, "GET", "/_emulator/objects" + query)
    assert (resp.status, resp.error_type) == (400, "InvalidParameterException"), (resp.status, resp.body)


def test_objects_are_global_across_accounts(server):
    """docs/behaviour.md: objects are not per account, like S3 bucket names."""
    a = make_client(server.url, access_key="111111111111")
    b = make_client(server.url, access_key="222222222222", region="eu-west-1")
    change_object(server.url, SOURCE["s3Bucket"], SOURCE["s3Key"], "touch")
    for client in (a, b):
        make_app(client, "nav")
        v1 = client.create_robot_application_version(application="nav")
        assert v1["sources"][0]["etag"] == etag(SOURCE["s3Bucket"], SOURCE["s3Key"], 1)
    change_object(server.url, SOURCE["s3Bucket"], SOURCE["s3Key"], "delete")
    for client in (a, b):
        expect_error("InvalidParameterException", client.create_robot_application_version, application="nav")


def test_object_state_survives_a_restart(start_server, tmp_path):
    db = tmp_path / "objects.db"
    srv = start_server(db=db)
    change_object(srv.url, "b", "touched", "touch")
    change_object(srv.url, "b", "gone", "delete")
    assert srv.stop() == 0
    srv = start_server(db=db)
    assert state(srv.url, "b", "touched") == present("b", "touched", 1)
    assert state(srv.url, "b", "gone") == absent("b", "gone", 0)


def test_object_changes_reach_versions_not_latest(server, client):
    """$LATEST names objects without etags; a numbered version records the etag at its making."""
    made = make_app(client, "nav")
    change_object(server.url, SOURCE["s3Bucket"], SOURCE["s3Key"], "touch")
    assert client.describe_robot_application(application="nav")["sources"] == made["sources"]
    v1 = client.create_robot_application_version(application="nav")
    assert v1["sources"] == [dict(SOURCE, etag=etag(SOURCE["s3Bucket"], SOURCE["s3Key"], 1))]
    change_object(server.url, SOURCE["s3Bucket"], SOURCE["s3Key"], "delete")
    assert client.describe_robot_application(application="nav", applicationVersion="1")["sources"] == v1["sources"]
    change_object(server.url, SOURCE["s3Bucket"], SOURCE["s3Key"], "restore")
    v2 = client.create_robot_application_version(application="nav")
    assert v2["sources"] == v1["sources"]


def test_unknown_control_methods(server):
    for method in ("PUT", "DELETE"):
        resp = raw_http.send(server.url, method, "/_emulator/objects", b"{}")
        assert (resp.status, resp.error_type) == (404, "UnknownOperationException"), (resp.status, resp.body)
        assert method in resp.json()["message"]
