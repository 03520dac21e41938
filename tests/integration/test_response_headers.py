"""Headers beside the body (SEMANTICS §2): `Date` (RFC 7231 IMF-fixdate, the wall clock) on every
response, service, control and error alike, and `x-amzn-ErrorMessage` on every error with the
body's message, made ASCII-safe (printable ASCII as it is, every other byte as \\xHH), so clients
that read the message from the header (aws-sdk-go v1 for unmodeled errors) show it."""
import email.utils
import os
import shutil
import subprocess
import time

import pytest

import raw_http


def date_of(resp):
    value = resp.headers["date"]
    assert value.endswith(" GMT") and len(value) == 29, value
    return email.utils.parsedate_to_datetime(value).timestamp()


@pytest.mark.parametrize("method,path,body", [
    ("POST", "/listFleets", b"{}"),
    ("GET", "/_emulator/health", b""),
    ("GET", "/_emulator/", b""),
    ("POST", "/_emulator/service-phase", b'{"phase": "none"}'),
    ("GET", "/no/such/operation", b""),
])
def test_every_response_has_a_date_of_the_wall_clock(server, method, path, body):
    before = time.time()
    resp = raw_http.send(server.url, method, path, body)
    after = time.time()
    assert int(before) - 1 <= date_of(resp) <= after + 1, resp.headers["date"]


def test_the_date_follows_the_wall_clock_not_the_simulated_one(manual):
    srv, client = manual
    raw_http.send(srv.url, "POST", "/_emulator/clock", {"advanceSeconds": 86400 * 365})
    resp = raw_http.send(srv.url, "POST", "/listFleets", b"{}")
    assert abs(date_of(resp) - time.time()) < 60, resp.headers["date"]


def test_unknown_operation_carries_its_message_in_the_header(server):
    resp = raw_http.send(server.url, "POST", "/listSimulationJobs", b"{}")
    assert resp.status == 404 and resp.error_type == "UnknownOperationException"
    message = resp.json()["message"]
    assert message == "No operation matches POST /listSimulationJobs"
    assert resp.headers["x-amzn-errormessage"] == message


def test_non_ascii_and_control_bytes_are_escaped_in_the_header(server):
    arn = "arn:aws:robomaker:us-east-1:123456789012:deployment-fleet/caf\u00e9/1700000000000"
    resp = raw_http.call(server.url, "DescribeFleet", {"fleet": arn})
    assert resp.status == 400 and resp.error_type == "ResourceNotFoundException"
    assert resp.json()["message"] == f"Fleet '{arn}' does not exist."
    escaped = arn.replace("\u00e9", "\\xc3\\xa9")
    assert resp.headers["x-amzn-errormessage"] == f"Fleet '{escaped}' does not exist."
    resp = raw_http.call(server.url, "DescribeFleet", {"fleet": "arn:a\nb"})
    assert resp.status == 400 and resp.error_type == "InvalidParameterException"
    header = resp.headers["x-amzn-errormessage"]
    assert "\n" not in header and "arn:a\\x0ab" in header, header
    assert all(0x20 <= ord(c) < 0x7f for c in header), header


def test_aws_sdk_go_v1_shows_the_messages(server, tmp_path):
    """aws-sdk-go v1 (Debian's golang-github-aws-aws-sdk-go-dev, GOPATH mode), for an unmodeled
    error (UnknownOperationException) and the `ended` phase's ThrottlingException."""
    if not shutil.which("go") or not os.path.isdir("/usr/share/gocode/src/github.com/aws/aws-sdk-go"):
        pytest.skip("go or Debian's golang-github-aws-aws-sdk-go-dev not installed")
    source = os.path.join(os.path.dirname(__file__), "..", "go", "error_message_check.go")
    binary = tmp_path / "error_message_check"
    env = {**os.environ, "GOPATH": "/usr/share/gocode", "GO111MODULE": "off"}
    built = subprocess.run(["go", "build", "-o", str(binary), source], capture_output=True, text=True,
                           env=env, cwd=tmp_path, timeout=600)
    assert built.returncode == 0, built.stderr
    assert raw_http.send(server.url, "POST", "/_emulator/service-phase", {"phase": "ended"}).status == 200
    run = subprocess.run([str(binary), server.url], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    assert 'ok   its message: "No operation matches POST /listSimulationJobs"' in run.stdout
