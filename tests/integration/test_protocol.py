"""The rest-json wire protocol (SEMANTICS §2), with raw HTTP: request ids, error format, unknown
paths, malformed bodies, wrong JSON types, the 1 MiB body limit."""
import json
import re
import socket
import urllib.parse
import uuid

import pytest
from botocore.exceptions import ClientError

import raw_http
from conftest import make_client
from helpers import expect_error

UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MIB = 1024 * 1024


def assert_error(resp, status, error_type):
    assert resp.status == status, (resp.status, resp.body)
    assert resp.error_type == error_type, (resp.headers, resp.body)
    assert resp.headers.get("content-type", "").startswith("application/json"), resp.headers
    body = resp.json()
    assert set(body) == {"message"} and isinstance(body["message"], str) and body["message"], body
    return body["message"]


def test_every_response_has_a_fresh_uuid_request_id(server):
    url = server.url
    responses = [
        raw_http.call(url, "ListFleets", {}),
        raw_http.call(url, "CreateFleet", {"name": "f"}),
        raw_http.call(url, "DescribeFleet", {"fleet": "arn:aws:robomaker:us-east-1:123456789012:deployment-fleet/x/1700000000000"}),
        raw_http.call(url, "CreateFleet", {"name": "bad name"}),
        raw_http.send(url, "POST", "/createFleet", b"{"),
        raw_http.send(url, "POST", "/noSuchOperation", b"{}"),
        raw_http.send(url, "GET", "/listFleets"),
    ]
    ids = []
    for resp in responses:
        rid = resp.headers.get("x-amzn-requestid")
        assert rid and UUID_RE.fullmatch(rid), (resp.status, resp.headers)
        uuid.UUID(rid)
        assert resp.headers.get("content-type", "").startswith("application/json"), resp.headers
        ids.append(rid)
    assert len(set(ids)) == len(ids)
    assert [r.status for r in responses] == [200, 200, 400, 400, 400, 404, 404]


def test_sdk_sees_the_request_id_on_success_and_error(client):
    ok = client.list_robots()["ResponseMetadata"]["RequestId"]
    assert UUID_RE.fullmatch(ok)
    with pytest.raises(ClientError) as info:
        client.describe_robot(robot="arn:aws:robomaker:us-east-1:123456789012:robot/x/1700000000000")
    err = info.value.response["ResponseMetadata"]["RequestId"]
    assert UUID_RE.fullmatch(err) and err != ok


def test_errors_carry_type_header_and_message(server):
    client = make_client(server.url)
    resp = raw_http.call(server.url, "DeleteRobot", {"robot": "arn:aws:robomaker:us-east-1:123456789012:robot/x/1700000000000"})
    assert "robot/x/1700000000000" in assert_error(resp, 400, "ResourceNotFoundException")
    client.create_robot(name="r", architecture="ARM64", greengrassGroupId="g")
    resp = raw_http.call(server.url, "CreateRobot", {"name": "r", "architecture": "ARM64", "greengrassGroupId": "g"})
    assert "r" in assert_error(resp, 400, "ResourceAlreadyExistsException")
    expect_error("ResourceAlreadyExistsException", client.create_robot, name="r", architecture="ARM64", greengrassGroupId="g")


@pytest.mark.parametrize("method,path", [
    ("POST", "/noSuchOperation"),
    ("POST", "/createSimulationJob"),
    ("POST", "/"),
    ("POST", "/listFleets/extra"),
    ("POST", "/ListFleets"),
    ("GET", "/listFleets"),
    ("DELETE", "/createFleet"),
    ("PUT", "/createRobot"),
])
def test_unknown_operation(server, method, path):
    resp = raw_http.send(server.url, method, path, b"{}" if method in ("POST", "PUT") else b"")
    message = assert_error(resp, 404, "UnknownOperationException")
    assert method in message and path in message, message


@pytest.mark.parametrize("body", [b"{", b'{"name":', b"nope", b'{"name":"x",}', b"{'name':'x'}", b'{"name":"x"} {}',
                                  b'\xff\xfe{"name":"x"}'], ids=repr)
def test_malformed_json(server, body):
    assert_error(raw_http.send(server.url, "POST", "/createFleet", body), 400, "InvalidParameterException")
    assert raw_http.call(server.url, "ListFleets", {}).json() == {"fleetDetails": []}


@pytest.mark.parametrize("body", [b"[]", b'["name"]', b'"x"', b"1", b"null", b"true"], ids=repr)
def test_body_not_an_object(server, body):
    assert_error(raw_http.send(server.url, "POST", "/listFleets", body), 400, "InvalidParameterException")


@pytest.mark.parametrize("operation,body,member", [
    ("CreateFleet", {"name": 5}, "name"),
    ("CreateFleet", {"name": ["x"]}, "name"),
    ("CreateFleet", {"name": {"x": 1}}, "name"),
    ("CreateFleet", {"name": True}, "name"),
    ("CreateFleet", {"name": None}, "name"),
    ("CreateFleet", {"name": "x", "tags": ["a"]}, "tags"),
    ("CreateFleet", {"name": "x", "tags": {"a": 1}}, "tags"),
    ("CreateFleet", {"name": "x", "tags": {"a": None}}, "tags"),
    ("CreateRobot", {"name": "r", "architecture": ["X86_64"], "greengrassGroupId": "g"}, "architecture"),
    ("ListRobots", {"maxResults": "10"}, "maxResults"),
    ("ListRobots", {"maxResults": 1.5}, "maxResults"),
    ("ListRobots", {"maxResults": True}, "maxResults"),
    ("ListRobots", {"filters": {"name": "status", "values": ["Available"]}}, "filters"),
    ("ListRobots", {"filters": [{"name": "status", "values": "Available"}]}, "values"),
    ("ListFleets", {"filters": [["name", "x"]]}, "filters"),
    ("DescribeRobot", {"robot": 7}, "robot"),
], ids=lambda v: json.dumps(v) if isinstance(v, dict) else str(v))
def test_wrong_json_type(server, operation, body, member):
    message = assert_error(raw_http.call(server.url, operation, body), 400, "InvalidParameterException")
    assert member in message, message


def test_empty_body_means_empty_object(server):
    resp = raw_http.send(server.url, "POST", "/listRobots", b"", headers={"Content-Type": ""})
    assert resp.status == 200 and resp.json() == {"robots": []}
    message = assert_error(raw_http.send(server.url, "POST", "/createFleet", b""), 400, "InvalidParameterException")
    assert "name" in message


def test_unknown_members_are_ignored(server):
    resp = raw_http.call(server.url, "CreateFleet", {"name": "x", "bogus": 1, "nested": {"a": [None]}, "Name": "y"})
    assert resp.status == 200, resp.body
    assert resp.json()["name"] == "x"


def test_success_bodies_on_the_wire(server):
    created = raw_http.call(server.url, "CreateFleet", {"name": "x"})
    assert created.status == 200
    # Epoch seconds as a JSON number with at most a millisecond fraction, no nulls.
    assert re.search(rb'"createdAt":\d{10}(\.\d{1,3})?[,}]', created.body), created.body
    assert b"null" not in created.body
    deleted = raw_http.call(server.url, "DeleteFleet", {"fleet": created.json()["arn"]})
    assert deleted.status == 200 and deleted.json() == {}


def send_streaming(url, path, size):
    """POSTs `size` bytes (a JSON object padded with spaces) over a raw socket; the server may answer
    and close before reading everything, so send errors are tolerated and the answer is read anyway."""
    parts = urllib.parse.urlsplit(url)
    head = b'{"name":"big"}'
    body = head + b" " * (size - len(head))
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: {parts.hostname}\r\nContent-Type: application/json\r\n"
                     f"Content-Length: {size}\r\n\r\n".encode())
        try:
            sock.sendall(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            data += chunk
            head_end = data.find(b"\r\n\r\n")
            if head_end >= 0:
                length = int(re.search(rb"(?i)content-length:\s*(\d+)", data[:head_end]).group(1))
                if len(data) >= head_end + 4 + length:
                    break
    head_text, _, payload = data.partition(b"\r\n\r\n")
    lines = head_text.decode().split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return raw_http.Response(int(lines[0].split()[1]), headers, payload)


def test_body_over_one_mib_is_rejected(server):
    resp = send_streaming(server.url, "/createFleet", MIB + 1)
    assert resp.error_type, resp.headers
    assert_error(resp, 413, resp.error_type)
    assert UUID_RE.fullmatch(resp.headers.get("x-amzn-requestid", "")), resp.headers
    assert raw_http.call(server.url, "ListFleets", {}).json() == {"fleetDetails": []}


def test_body_of_exactly_one_mib_is_accepted(server):
    resp = send_streaming(server.url, "/createFleet", MIB)
    assert resp.status == 200, (resp.status, resp.body)
    assert json.loads(resp.body)["name"] == "big"
