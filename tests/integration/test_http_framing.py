"""HTTP/1.1 framing (SEMANTICS §10, docs/behaviour.md "HTTP framing"): malformed requests are
answered with the JSON error format and Connection: close instead of a bare close; 64 KiB of
headers; Expect: 100-continue; HEAD; absolute-form targets; transfer codings."""
import time
import urllib.parse

import pytest

import model_check
import wire
from conftest import make_client


def assert_closing_error(resp, reader, status, error_type, text):
    assert resp.status == status, (resp.status, resp.headers, resp.body)
    assert resp.headers.get("x-amzn-errortype") == error_type, resp.headers
    assert resp.headers.get("content-type") == "application/json"
    assert resp.headers.get("connection", "").lower() == "close", resp.headers
    assert resp.headers.get("x-amzn-requestid")
    message = resp.json()["message"]
    assert text in message, message
    assert model_check.IMF_FIXDATE.fullmatch(resp.headers.get("date", "")), resp.headers
    assert resp.headers.get("x-amzn-errormessage") == message, resp.headers
    assert reader.closed(), "the connection stays open after the answer"


MALFORMED = {
    "garbage request line": (b"GARBAGE\r\n\r\n", "request line"),
    "bad Content-Length": (b"POST /listFleets HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}", "Content-Length"),
    "negative Content-Length": (b"POST /listFleets HTTP/1.1\r\nHost: x\r\nContent-Length: -2\r\n\r\n{}", "Content-Length"),
    "conflicting Content-Length": (
        b"POST /listFleets HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{} ", "Content-Length"),
    "bad chunk size": (
        b"POST /listFleets HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", "chunk"),
    "NUL in a header": (b"GET /_emulator/health HTTP/1.1\r\nHost: x\r\nX-Test: a\x00b\r\n\r\n", "NUL"),
    "bare LF line ends": (b"GET /_emulator/health HTTP/1.1\nHost: x\n\n", "request line"),
    "space in a header name": (b"GET /_emulator/health HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n", "field name"),
    "Content-Length with Transfer-Encoding": (
        b"POST /listFleets HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}",
        "Transfer-Encoding"),
    "a coding that does not end in chunked": (
        b"POST /listFleets HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n{}", "Transfer-Encoding 'gzip'"),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_request_is_answered_400(server, name):
    data, text = MALFORMED[name]
    resp, reader = wire.exchange(server.url, data)
    assert_closing_error(resp, reader, 400, "InvalidParameterException", text)


def test_unsupported_version_is_answered_505(server):
    for version in (b"HTTP/9.9", b"HTTP/2.0", b"HTTP/0.9"):
        resp, reader = wire.exchange(server.url, b"GET /_emulator/health " + version + b"\r\nHost: x\r\n\r\n")
        assert_closing_error(resp, reader, 505, "HttpVersionNotSupportedException", version[5:].decode())


def test_headers_over_64_kib_are_answered_431(server):
    fields = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"a" * 1000) for i in range(70))
    resp, reader = wire.exchange(server.url, b"GET /_emulator/health HTTP/1.1\r\nHost: x\r\n" + fields + b"\r\n")
    assert_closing_error(resp, reader, 431, "RequestHeaderFieldsTooLargeException", "65536")


def test_headers_under_64_kib_are_accepted(server):
    fields = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"a" * 1000) for i in range(60))
    resp, _ = wire.exchange(server.url, b"GET /_emulator/health HTTP/1.1\r\nHost: x\r\n" + fields + b"\r\n")
    assert resp.status == 200, resp.body


def test_target_over_64_kib_is_answered_414(server):
    resp, reader = wire.exchange(server.url, b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert_closing_error(resp, reader, 414, "RequestURITooLongException", "request line")


def test_gzip_chunked_is_answered_501(server):
    data = b"POST /listFleets HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
    resp, reader = wire.exchange(server.url, data)
    assert_closing_error(resp, reader, 501, "NotImplementedException", "gzip, chunked")


def test_plain_chunked_body_is_accepted(server):
    body = b'{"name":"chunky"}'
    data = (b"POST /createFleet HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
    resp, _ = wire.exchange(server.url, data)
    assert resp.status == 200 and resp.json()["name"] == "chunky"


def test_untag_with_50_percent_encoded_128_character_keys(client):
    """The query string of this valid UntagResource is ~19 KiB: over Beast's default 8 KiB header limit."""
    arn = client.create_fleet(name="many-tags")["arn"]
    keys = [(f"k{i:02d} " + "/ :+=" * 25)[:128] for i in range(50)]
    assert all(len(k) == 128 for k in keys)
    client.tag_resource(resourceArn=arn, tags={k: "v" for k in keys})
    assert len(client.list_tags_for_resource(resourceArn=arn)["tags"]) == 50
    client.untag_resource(resourceArn=arn, tagKeys=keys)
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {}


def test_expect_100_continue_gets_its_100_before_the_body(server):
    s = wire.connect(server.url)
    body = b'{"name":"patient"}'
    s.sendall(b"POST /createFleet HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: %d\r\n\r\n" % len(body))
    reader = wire.Reader(s)
    interim = reader.read_response()  # within the socket's 5 s timeout, without the body sent
    assert interim.status == 100
    s.sendall(body)
    final = reader.read_response()
    assert final.status == 200 and final.json()["name"] == "patient"
    s.close()


def test_expect_100_continue_with_a_body_over_the_limit_gets_413_instead(server):
    s = wire.connect(server.url)
    s.sendall(b"POST /createFleet HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2000000\r\n\r\n")
    reader = wire.Reader(s)
    resp = reader.read_response()
    assert_closing_error(resp, reader, 413, "RequestEntityTooLargeException", "limit")


# Paths whose GET body is the same twice running (the clock's answer carries the time, whose length
# varies between two calls, so it cannot stand for a control GET here).
@pytest.mark.parametrize("path", ["/_emulator/health", "/_emulator/service-phase", "/nope", "/tags/arn%3Ax"])
def test_head_answers_like_get_without_a_body(server, path):
    s = wire.connect(server.url)
    reader = wire.Reader(s)
    s.sendall(wire.request("GET", path))
    got = reader.read_response()
    s.sendall(wire.request("HEAD", path))
    head = reader.read_response(head=True)
    # The next bytes on the connection belong to the next response: HEAD sent no body.
    s.sendall(wire.request("GET", "/_emulator/health"))
    after = reader.read_response()
    assert head.status == got.status
    assert head.body == b""
    assert head.headers["content-length"] == str(len(got.body))
    assert head.headers.get("content-type") == got.headers.get("content-type")
    assert head.headers.get("x-amzn-errortype") == got.headers.get("x-amzn-errortype")
    assert after.status == 200 and after.json()["status"] == "ok"
    s.close()


def test_absolute_form_targets_are_accepted(server, client):
    host, port = wire.address(server.url)
    resp, _ = wire.exchange(server.url, wire.request("GET", f"http://{host}:{port}/_emulator/health"))
    assert resp.status == 200 and resp.json()["status"] == "ok"
    arn = client.create_fleet(name="absolute")["arn"]
    quoted = urllib.parse.quote(arn, safe="")
    resp, _ = wire.exchange(server.url, wire.request("GET", f"HTTP://{host}:{port}/tags/{quoted}"))
    assert resp.status == 200 and resp.json() == {"tags": {}}
    resp, _ = wire.exchange(server.url, wire.request("POST", f"http://{host}/listFleets", body=b"{}"))
    assert resp.status == 200 and "fleetDetails" in resp.json()


def test_the_server_keeps_serving_after_malformed_requests(server):
    for data, _ in MALFORMED.values():
        wire.exchange(server.url, data)
    resp, _ = wire.exchange(server.url, wire.request("GET", "/_emulator/health"))
    assert resp.status == 200
