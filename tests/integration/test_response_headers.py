"""Headers beside the body (SEMANTICS §2): `Date` (RFC 7231 IMF-fixdate, the wall clock) on every
response, service, control and error alike, and `x-amzn-ErrorMessage` on every error with the
body's message, made ASCII-safe (printable ASCII as it is, every other byte as \\xHH), so clients
that read the message from the header (aws-sdk-go v1 for unmodeled errors) show it."""
import email.utils
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
