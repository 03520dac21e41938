"""Hostile request bodies and URIs (SEMANTICS §10): deep nesting, invalid UTF-8, bytes after the
JSON value, percent escapes that are malformed or decode to NUL or invalid UTF-8. Each is refused
with InvalidParameterException, the server stays up, and nothing is stored or acted on."""
import urllib.parse

import pytest

import raw_http
from conftest import make_client

ACCOUNT_PATHS = ["/createFleet", "/listRobots", "/_emulator/clock", "/_emulator/reset",
                 "/_emulator/objects", "/_emulator/faults"]


def _alive(server):
    resp = raw_http.send(server.url, "GET", "/_emulator/health")
    assert resp.status == 200, resp.body


def _refused(resp, *words):
    assert resp.status == 400, (resp.status, resp.body)
    assert resp.error_type == "InvalidParameterException"
    message = resp.json()["message"]
    message.encode("ascii")  # never echoes raw bytes
    for w in words:
        assert w in message, message
    return message


@pytest.mark.parametrize("path", ACCOUNT_PATHS)
@pytest.mark.parametrize("opener", [b"[", b'{"a":'])
def test_deep_nesting_is_refused_not_a_crash(server, path, opener):
    body = opener * (110_000 // len(opener))
    _refused(raw_http.send(server.url, "POST", path, body), "nested deeper than 64 levels")
    _alive(server)


def test_sixty_four_levels_are_parsed(server):
    # 64 levels are allowed: the body parses and fails validation on the member, not the depth
    body = b'{"name":' + b"[" * 63 + b"]" * 63 + b"}"
    message = _refused(raw_http.send(server.url, "POST", "/createFleet", body))
    assert "nested" not in message


@pytest.mark.parametrize("raw", [b"\xff", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80"],
                         ids=["xff", "cesu8-surrogate", "overlong", "above-10ffff"])
def test_invalid_utf8_is_refused_and_not_stored(server, raw):
    body = b'{"name":"r1","architecture":"X86_64","greengrassGroupId":"g' + raw + b'"}'
    _refused(raw_http.send(server.url, "POST", "/createRobot", body), "invalid UTF-8")
    client = make_client(server.url)
    assert client.list_robots()["robots"] == []  # the account is not poisoned


@pytest.mark.parametrize("escape", ["\\udc00", "\\ud800", "\\ud800x"])
def test_escaped_lone_surrogates_are_refused(server, escape):
    body = '{"name":"a","sources":[{"s3Bucket":"b","s3Key":"k' + escape + '","architecture":"X86_64"}],' \
           '"robotSoftwareSuite":{"name":"ROS2","version":"Foxy"}}'
    _refused(raw_http.send(server.url, "POST", "/createRobotApplication", body.encode()))
    assert make_client(server.url).list_robot_applications()["robotApplicationSummaries"] == []


def test_environment_values_with_invalid_utf8_are_refused(server):
    body = (b'{"name":"a","sources":[{"s3Bucket":"b","s3Key":"k","architecture":"X86_64"}],'
            b'"robotSoftwareSuite":{"name":"ROS2","version":"Foxy"},"environment":{"uri":"x\xff"}}')
    _refused(raw_http.send(server.url, "POST", "/createRobotApplication", body), "invalid UTF-8")


def test_an_escaped_surrogate_pair_is_kept(server):
    body = '{"name":"a","sources":[{"s3Bucket":"bkt","s3Key":"k\\ud83d\\ude00","architecture":"X86_64"}],' \
           '"robotSoftwareSuite":{"name":"ROS2","version":"Foxy"}}'
    assert raw_http.send(server.url, "POST", "/createRobotApplication", body.encode()).status == 200
    app = make_client(server.url).describe_robot_application(application="a")
    assert app["sources"][0]["s3Key"] == "k\U0001F600"


@pytest.mark.parametrize("tail", [b"\x00garbage", b" x", b"{}"])
def test_bytes_after_the_value_are_refused(server, tail):
    _refused(raw_http.send(server.url, "POST", "/createFleet", b'{"name":"a"}' + tail),
             "unexpected data after the JSON value")
    assert make_client(server.url).list_fleets()["fleetDetails"] == []


def test_duplicate_members_last_one_wins(server):
    resp = raw_http.send(server.url, "POST", "/createFleet", b'{"name":"first","name":"second"}')
    assert resp.status == 200, resp.body
    assert resp.json()["name"] == "second"


def test_validation_messages_escape_control_bytes(server):
    resp = raw_http.send(server.url, "POST", "/createFleet", b'{"name":"a\\u0001b"}')
    message = _refused(resp, "name")
    assert "\x01" not in message and "\\x01" in message


def _tagged_fleet(server):
    client = make_client(server.url)
    fleet = client.create_fleet(name="f", tags={"k": "v", "x": "y"})["arn"]
    return client, fleet, "/tags/" + urllib.parse.quote(fleet, safe="")


@pytest.mark.parametrize("suffix", ["%00garbage", "%zz", "%ff", "%e2%82"])
def test_a_bad_escape_in_the_tag_path_is_refused(server, suffix):
    client, fleet, path = _tagged_fleet(server)
    _refused(raw_http.send(server.url, "GET", path + suffix), "resourceArn")
    _refused(raw_http.send(server.url, "POST", path + suffix, {"tags": {"new": "1"}}), "resourceArn")
    assert client.list_tags_for_resource(resourceArn=fleet)["tags"] == {"k": "v", "x": "y"}


@pytest.mark.parametrize("query", ["tagKeys=k%00x", "tagKeys=x%zz", "tagKeys=k&tagKeys=%ff"])
def test_a_bad_escape_in_tag_keys_deletes_nothing(server, query):
    client, fleet, path = _tagged_fleet(server)
    _refused(raw_http.send(server.url, "DELETE", path + "?" + query), "tagKeys")
    assert client.list_tags_for_resource(resourceArn=fleet)["tags"] == {"k": "v", "x": "y"}


def test_a_bad_escape_in_a_control_query_names_the_parameter(server):
    _refused(raw_http.send(server.url, "GET", "/_emulator/wait?job=%zz"), "'job'")
    _refused(raw_http.send(server.url, "GET", "/_emulator/requests?operation=%00"), "'operation'")


def test_a_bad_escape_in_a_control_job_path_is_refused(server):
    _refused(raw_http.send(server.url, "GET", "/_emulator/jobs/dep%zz/events"), "job in the path")
