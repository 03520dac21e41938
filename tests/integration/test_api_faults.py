"""API fault rules (SEMANTICS §7 item 3, docs/faults.md) through boto3 with retries off: an
injected error replaces the operation's answer with its HTTP status, injected latency delays the
response without stalling other connections, skip/times count matches exactly, rules come from the
control API and from the config file, and the control API itself is never faulted.

Clients here make exactly one attempt per call: botocore's retries={"max_attempts": 1} (what
conftest.make_client sets) means one *retry*, which would hide an injected ThrottlingException,
so this file sets total_max_attempts=1."""
import json
import subprocess
import threading
import time

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

import raw_http
from conftest import _check_model
from helpers import expect_error
from server_process import BINARY

OTHER = "111122223333"


def make_client(url, access_key="AKIDEXAMPLE"):
    """conftest.make_client without retries; responses are still checked against the model."""
    client = boto3.client("robomaker", endpoint_url=url, region_name="us-east-1", aws_access_key_id=access_key,
                          aws_secret_access_key="secret", config=Config(retries={"total_max_attempts": 1}))
    client.meta.events.register("after-call.robomaker", _check_model)
    return client


@pytest.fixture
def client(server):
    return make_client(server.url)


def add_rule(url, rule):
    resp = raw_http.send(url, "POST", "/_emulator/faults", rule)
    assert resp.status == 200, (resp.status, resp.body)
    return resp.json()


def rules(url):
    resp = raw_http.send(url, "GET", "/_emulator/faults")
    assert resp.status == 200, (resp.status, resp.body)
    return resp.json()["rules"]


def outcome(fn, **kwargs):
    """'ok' or the error code of one call."""
    try:
        fn(**kwargs)
        return "ok"
    except ClientError as e:
        return e.response["Error"]["Code"]


def test_third_describe_fleet_is_throttled_then_all_succeed(server, client):
    fleet = client.create_fleet(name="f")["arn"]
    rule = add_rule(server.url, {"operation": "DescribeFleet", "error": "ThrottlingException",
                                 "skip": 2, "times": 1})
    assert rule["source"] == "api" and rule["matches"] == 0 and rule["fired"] == 0
    results = []
    for _ in range(6):
        try:
            client.describe_fleet(fleet=fleet)
            results.append("ok")
        except ClientError as e:
            assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
            assert f"fault rule {rule['id']}" in e.response["Error"]["Message"]
            results.append(e.response["Error"]["Code"])
    assert results == ["ok", "ok", "ThrottlingException", "ok", "ok", "ok"]
    # Other operations do not match the rule and do not count.
    client.list_fleets()
    [listed] = rules(server.url)
    assert (listed["id"], listed["matches"], listed["fired"]) == (rule["id"], 6, 1)
    assert listed["rule"] == {"operation": "DescribeFleet", "error": "ThrottlingException", "skip": 2, "times": 1}


def test_server_errors_arrive_with_500_and_503(server, client):
    add_rule(server.url, {"operation": "ListFleets", "error": "InternalServerException"})
    add_rule(server.url, {"operation": "List*", "error": "ServiceUnavailableException"})
    expect_error("InternalServerException", client.list_fleets, status=500)
    expect_error("ServiceUnavailableException", client.list_robots, status=503)
    message = expect_error("ServiceUnavailableException", client.list_deployment_jobs, status=503)
    assert "fault rule" in message


def test_the_injected_error_replaces_the_operation(server, client):
    add_rule(server.url, {"operation": "CreateFleet", "error": "InternalServerException", "times": 1})
    expect_error("InternalServerException", client.create_fleet, name="never-made", status=500)
    assert client.list_fleets()["fleetDetails"] == []
    client.create_fleet(name="made")
    assert [f["name"] for f in client.list_fleets()["fleetDetails"]] == ["made"]


def test_latency_delays_the_response_without_blocking_others(server, client):
    add_rule(server.url, {"operation": "ListFleets", "latencyMs": 1500})
    done = {}

    def slow():
        t0 = time.monotonic()
        make_client(server.url).list_fleets()
        done["elapsed"] = time.monotonic() - t0

    worker = threading.Thread(target=slow)
    worker.start()
    time.sleep(0.2)
    client.list_robots()  # served while the slow call waits
    assert worker.is_alive(), "the other request waited for the injected latency"
    worker.join(timeout=10)
    assert done["elapsed"] >= 1.5

    add_rule(server.url, {"operation": "DescribeRobot", "latencyMs": 300,
                          "error": "ThrottlingException", "times": 1})
    t0 = time.monotonic()
    assert outcome(client.describe_robot, robot="arn:aws:robomaker:us-east-1:123456789012:robot/r/1") \
        == "ThrottlingException"
    assert time.monotonic() - t0 >= 0.3


def test_account_limits_a_rule(server, client):
    add_rule(server.url, {"operation": "ListFleets", "error": "ThrottlingException", "account": OTHER})
    other = make_client(server.url, access_key=OTHER)
    expect_error("ThrottlingException", other.list_fleets)
    assert outcome(client.list_fleets) == "ok"


def test_delete_removes_one_rule_or_every_api_rule(server, client):
    first = add_rule(server.url, {"operation": "ListFleets", "error": "ThrottlingException"})
    second = add_rule(server.url, {"operation": "ListRobots", "error": "ThrottlingException"})
    assert second["id"] > first["id"]
    resp = raw_http.send(server.url, "DELETE", f"/_emulator/faults?id={first['id']}")
    assert (resp.status, resp.json()) == (200, {"deleted": 1})
    assert outcome(client.list_fleets) == "ok"
    assert outcome(client.list_robots) == "ThrottlingException"

    resp = raw_http.send(server.url, "DELETE", f"/_emulator/faults?id={first['id']}")
    assert (resp.status, resp.error_type) == (400, "ResourceNotFoundException")
    resp = raw_http.send(server.url, "DELETE", "/_emulator/faults?id=abc")
    assert (resp.status, resp.error_type) == (400, "InvalidParameterException")

    resp = raw_http.send(server.url, "DELETE", "/_emulator/faults")
    assert (resp.status, resp.json()) == (200, {"deleted": 1})
    assert rules(server.url) == []
    assert outcome(client.list_robots) == "ok"


def test_bad_rules_are_rejected_naming_the_member(server):
    for rule, member in [({"operation": "ListFleets", "eror": "ThrottlingException"}, "'eror'"),
                         ({"operation": "ListFleets", "error": "Oops"}, "'error'"),
                         ({"operation": "ListFleets", "latencyMs": 70000}, "'latencyMs'"),
                         ({"operation": "NoSuchOperation", "latencyMs": 1}, "'operation'"),
                         ({"code": "Bogus"}, "'code'"),
                         ({"code": "LambdaDeleted", "operation": "ListFleets"}, "not both")]:
        resp = raw_http.send(server.url, "POST", "/_emulator/faults", rule)
        assert (resp.status, resp.error_type) == (400, "InvalidParameterException"), rule
        assert member in resp.json()["message"], (rule, resp.json())
    assert rules(server.url) == []


def test_control_api_is_never_faulted(server, client):
    add_rule(server.url, {"operation": "*", "error": "InternalServerException", "latencyMs": 2000})
    t0 = time.monotonic()
    for method, path in [("GET", "/_emulator/health"), ("GET", "/_emulator/faults"), ("GET", "/_emulator/clock")]:
        assert raw_http.send(server.url, method, path).status == 200, path
    assert time.monotonic() - t0 < 2.0
    expect_error("InternalServerException", client.list_fleets, status=500)


def test_config_file_rule_loads_at_start_up(start_server, tmp_path):
    path = tmp_path / "faults.json"
    path.write_text(json.dumps({"faults": [
        {"operation": "ListRobots", "error": "ServiceUnavailableException", "times": 1,
         "description": "first ListRobots is unavailable"},
        {"code": "PreLaunchFileFailure", "match": {"robot": "arm-*"}}]}))
    srv = start_server(args=["--config", str(path)])
    client = make_client(srv.url)
    expect_error("ServiceUnavailableException", client.list_robots, status=503)
    assert outcome(client.list_robots) == "ok"
    listed = rules(srv.url)
    assert [r["source"] for r in listed] == ["config", "config"]
    assert listed[0]["rule"]["description"] == "first ListRobots is unavailable"
    assert (listed[0]["matches"], listed[0]["fired"]) == (2, 1)
    # DELETE without an id removes API rules only.
    assert raw_http.send(srv.url, "DELETE", "/_emulator/faults").json() == {"deleted": 0}
    assert len(rules(srv.url)) == 2


def test_counters_survive_a_restart(start_server, tmp_path):
    db = tmp_path / "faults.db"
    srv = start_server(db=db)
    fleet = make_client(srv.url).create_fleet(name="f")["arn"]
    add_rule(srv.url, {"operation": "DescribeFleet", "error": "ThrottlingException", "skip": 2, "times": 1})
    client = make_client(srv.url)
    assert [outcome(client.describe_fleet, fleet=fleet) for _ in range(2)] == ["ok", "ok"]
    srv.stop()
    srv = start_server(db=db)
    client = make_client(srv.url)
    assert [outcome(client.describe_fleet, fleet=fleet) for _ in range(3)] == ["ThrottlingException", "ok", "ok"]


def test_a_bad_config_rule_stops_start_up(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"faults": [{"operation": "ListFleets", "latencyMs": 5, "probabilty": 0.5}]}))
    proc = subprocess.run([BINARY, "--port", "0", "--db", ":memory:", "--config", str(path)],
                          capture_output=True, text=True, timeout=10)
    assert proc.returncode == 2
    assert "faults[0]" in proc.stderr and "'probabilty'" in proc.stderr and str(path) in proc.stderr
