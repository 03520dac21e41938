"""The model checker itself (model_check.py) and its hook in make_client: it must catch what it
claims to, or the model-conformance check of every other suite would pass vacuously."""
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

import model_check
from conftest import make_client

FLEET = {"name": "f", "arn": "arn:aws:robomaker:us-east-1:123456789012:deployment-fleet/f/1700000000000",
         "createdAt": 1700000000.0}
ROBOT = {"arn": "arn:aws:robomaker:us-east-1:123456789012:robot/r/1700000000000", "name": "r",
         "status": "Available", "greenGrassGroupId": "g", "createdAt": 1700000000, "architecture": "ARM64"}


def check(operation, data):
    return model_check.check_output(operation, json.dumps(data).encode())


def test_conforming_bodies_pass():
    assert check("ListFleets", {"fleetDetails": [FLEET], "nextToken": "abc="}) == []
    assert check("ListRobots", {"robots": [ROBOT]}) == []
    assert check("DeleteFleet", {}) == []
    assert check("CreateFleet", dict(FLEET, tags={"a": "", "b c": "d"})) == []


@pytest.mark.parametrize("operation,data,fragment", [
    ("ListFleets", {"fleetDetails": [dict(FLEET, owner="x")]}, "owner"),
    ("ListRobots", {"robots": [dict(ROBOT, greengrassGroupId="g")]}, "greengrassGroupId"),
    ("DescribeRobot", dict(ROBOT, greenGrassGroupId="g"), "greenGrassGroupId"),
    ("DeleteRobot", {"robot": "arn:x"}, "robot"),
    ("ListFleets", {"fleetDetails": None}, "null"),
    ("ListFleets", {"fleetDetails": [dict(FLEET, lastDeploymentJob=None)]}, "null"),
    ("ListFleets", {"fleetDetails": [dict(FLEET, createdAt="2024-01-01T00:00:00Z")]}, "timestamp"),
    ("ListFleets", {"fleetDetails": [dict(FLEET, createdAt=1700000000123)]}, "epoch seconds"),
    ("ListFleets", {"fleetDetails": [dict(FLEET, createdAt=1700000000.123)]}, "whole seconds"),
    ("ListFleets", {"fleetDetails": [dict(FLEET, createdAt=True)]}, "timestamp"),
    ("ListFleets", {"fleetDetails": [dict(FLEET, lastDeploymentStatus="Done")]}, "enum"),
    ("ListRobots", {"robots": [dict(ROBOT, status="available")]}, "enum"),
    ("ListFleets", {"fleetDetails": [dict(FLEET, name="a b")]}, "pattern"),
    ("ListFleets", {"fleetDetails": [dict(FLEET, name="")]}, "min"),
    ("ListFleets", {"fleetDetails": [dict(FLEET, name="a" * 256)]}, "max"),
    ("ListFleets", {"fleetDetails": [dict(FLEET, arn="deployment-fleet/f")]}, "pattern"),
    ("DescribeRobot", dict(ROBOT, greengrassGroupId="a\nb", greenGrassGroupId=None), "pattern"),
    ("ListFleets", {"fleetDetails": [FLEET] * 201}, "max 200"),
    ("ListFleets", {"fleetDetails": FLEET}, "array"),
    ("ListFleets", {"fleetDetails": [FLEET], "nextToken": 5}, "string"),
    ("ListFleets", {"fleetDetails": [FLEET], "nextToken": ""}, "min"),
    ("CreateFleet", dict(FLEET, tags={f"k{i}": "v" for i in range(51)}), "max 50"),
    ("CreateFleet", dict(FLEET, tags={"k": 1}), "string"),
    ("CreateFleet", dict(FLEET, tags={"k!": "v"}), "pattern"),
    ("CreateFleet", dict(FLEET, tags=[]), "object"),
])
def test_violations_are_caught(operation, data, fragment):
    problems = check(operation, data)
    assert problems and any(fragment in p for p in problems), problems


@pytest.mark.parametrize("body", [b"", b"nope", b"[]", b'"x"'])
def test_non_object_bodies_are_caught(body):
    assert model_check.check_output("ListFleets", body)


def test_error_responses():
    ok = model_check.check_error("X", 400, {"x-amzn-ErrorType": "E", "x-amzn-ErrorMessage": "m"}, b'{"message":"m"}')
    assert ok == []
    assert model_check.check_error("X", 400, {"x-amzn-ErrorType": "E"}, b'{"message":"m"}')
    assert model_check.check_error("X", 400, {"x-amzn-ErrorType": "E", "x-amzn-ErrorMessage": "caf\u00e9"},
                                   b'{"message":"m"}')
    assert model_check.check_error("X", 400, {}, b'{"message":"m"}')
    assert model_check.check_error("X", 400, {"X-Amzn-ErrorType": "E"}, b"oops")
    assert model_check.check_error("X", 400, {"x-amzn-errortype": "E"}, b'{"msg":"m"}')


class FakeServer(BaseHTTPRequestHandler):
    """Answers every POST with a ListFleets body that breaks the model in three ways."""
    body = json.dumps({"fleetDetails": [dict(FLEET, createdAt="2024-01-01T00:00:00Z", extra="x",
                                             lastDeploymentStatus="Done")]}).encode()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


def test_make_client_hook_records_violations(model_conformance):
    fake = HTTPServer(("127.0.0.1", 0), FakeServer)
    thread = threading.Thread(target=fake.serve_forever, daemon=True)
    thread.start()
    try:
        make_client(f"http://127.0.0.1:{fake.server_port}").list_fleets()
    finally:
        fake.shutdown()
        fake.server_close()
    found = list(model_conformance)
    model_conformance.clear()   # expected here; any other test with violations fails
    assert any("extra" in v for v in found), found
    assert any("timestamp" in v for v in found), found
    assert any("enum" in v for v in found), found


def test_date_header():
    assert model_check.check_headers("X", 200, {"Date": "Sun, 06 Nov 1994 08:49:37 GMT"}) == []
    assert model_check.check_headers("X", 200, {})
    assert model_check.check_headers("X", 200, {"date": "Sunday, 06-Nov-94 08:49:37 GMT"})   # RFC 850 form
    assert model_check.check_headers("X", 200, {"date": "1994-11-06T08:49:37Z"})
