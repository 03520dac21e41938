"""The request journal (GET /_emulator/requests), Prometheus metrics (GET /_emulator/metrics) and
JSON log lines (--log-format json): docs/observability.md.

Journal tests use accounts of their own (12-digit access keys), so they also hold against a shared
server (RML_URL); tests that count metrics or read the log start a server of their own."""
import http.client
import json
import math
import re
import time
import urllib.parse

import pytest

import raw_http
from conftest import make_client
from deploy_helpers import advance, create_job, make_fleet, make_version
from helpers import expect_error, make_robot

ACCOUNT_A = "314159265358"
ACCOUNT_B = "271828182845"


def journal(url, **query):
    path = "/_emulator/requests"
    if query:
        path += "?" + urllib.parse.urlencode(query)
    resp = raw_http.send(url, "GET", path)
    assert resp.status == 200, resp.body
    assert resp.headers["content-type"] == "application/json"
    return resp.json()["requests"]


def sent_bodies(client):
    """Records the JSON body of every request `client` sends, as it went on the wire."""
    bodies = []

    def capture(request, **_):
        bodies.append(json.loads(request.body) if request.body else None)

    client.meta.events.register("before-send.robomaker", capture)
    return bodies


# --- the journal ----------------------------------------------------------------------------------

def test_journal_shows_what_boto3_sent(server):
    client = make_client(server.url, access_key=ACCOUNT_A)
    raw_http.send(server.url, "POST", "/_emulator/reset", {"account": ACCOUNT_A})
    fleet, _ = make_fleet(client, "jf", robots=1)
    app, version = make_version(client, "japp")
    bodies = sent_bodies(client)
    # No clientRequestToken given: boto3 makes one up (an idempotency token); the journal has it.
    job = client.create_deployment_job(
        fleet=fleet, deploymentApplicationConfigs=[{"application": app, "applicationVersion": version,
                                                    "launchConfig": {"packageName": "nav", "launchFile": "n.launch"}}])
    [sent] = bodies
    token = sent["clientRequestToken"]
    assert token

    [entry] = journal(server.url, operation="CreateDeploymentJob", account=ACCOUNT_A)
    assert entry["parameters"] == sent
    assert entry["parameters"]["clientRequestToken"] == token
    assert entry["operation"] == "CreateDeploymentJob"
    assert entry["account"] == ACCOUNT_A and entry["region"] == "us-east-1"
    assert entry["httpStatus"] == 200 and "errorCode" not in entry
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", entry["requestId"])
    assert entry["requestId"] == job["ResponseMetadata"]["RequestId"]
    assert abs(entry["time"] - time.time()) < 60
    assert isinstance(entry["simulatedTime"], float) and entry["latencyMs"] >= 0


def test_journal_filters_newest_first(server):
    a = make_client(server.url, access_key=ACCOUNT_A)
    b = make_client(server.url, access_key=ACCOUNT_B, region="eu-west-1")
    loose = make_client(server.url, access_key=ACCOUNT_A, validate=False)
    for acct in (ACCOUNT_A, ACCOUNT_B):
        raw_http.send(server.url, "POST", "/_emulator/reset", {"account": acct})
    a.create_fleet(name="one")
    a.list_fleets()
    b.create_fleet(name="two")
    expect_error("InvalidParameterException", loose.create_fleet, name="bad name!")
    a.create_fleet(name="three")

    mine = journal(server.url, account=ACCOUNT_A)
    assert [(e["operation"], e["parameters"].get("name")) for e in mine] == [
        ("CreateFleet", "three"), ("CreateFleet", "bad name!"), ("ListFleets", None), ("CreateFleet", "one")]
    assert [e["parameters"]["name"] for e in journal(server.url, account=ACCOUNT_A, operation="CreateFleet")] == [
        "three", "bad name!", "one"]
    [bad] = journal(server.url, account=ACCOUNT_A, status=400)
    assert bad["httpStatus"] == 400 and bad["errorCode"] == "InvalidParameterException"
    assert [e["parameters"]["name"] for e in journal(server.url, account=ACCOUNT_A, limit=2)] == ["three", "bad name!"]
    [two] = journal(server.url, account=ACCOUNT_B)
    assert two["region"] == "eu-west-1" and two["parameters"] == {"name": "two"}
    assert journal(server.url, account=ACCOUNT_B, operation="ListFleets") == []


def test_journal_tag_operations_carry_path_and_query(server):
    client = make_client(server.url, access_key=ACCOUNT_A)
    raw_http.send(server.url, "POST", "/_emulator/reset", {"account": ACCOUNT_A})
    arn = client.create_fleet(name="tagged")["arn"]
    client.tag_resource(resourceArn=arn, tags={"k1": "v1", "k2": "v2"})
    client.untag_resource(resourceArn=arn, tagKeys=["k1", "k2"])
    client.list_tags_for_resource(resourceArn=arn)
    listed, untag, tag = journal(server.url, account=ACCOUNT_A, limit=3)
    assert listed["operation"] == "ListTagsForResource" and listed["parameters"] == {"resourceArn": arn}
    assert untag["parameters"] == {"resourceArn": arn, "tagKeys": ["k1", "k2"]}
    assert tag["parameters"] == {"tags": {"k1": "v1", "k2": "v2"}, "resourceArn": arn}


def test_journal_keeps_bodies_that_are_not_json(server):
    raw_http.send(server.url, "POST", "/_emulator/reset", {"account": "123456789012"})
    resp = raw_http.send(server.url, "POST", "/createFleet", b'{"name": "x",')
    assert resp.status == 400
    [entry] = journal(server.url, account="123456789012", operation="CreateFleet", limit=1)
    assert entry["parameters"] is None
    assert entry["rawBody"] == '{"name": "x",'
    assert entry["httpStatus"] == 400 and entry["errorCode"] == "InvalidParameterException"


def test_control_calls_are_not_journaled(server):
    before = journal(server.url, limit=10000)
    for method, path, body in (("GET", "/_emulator/health", b""), ("GET", "/_emulator/clock", b""),
                               ("GET", "/_emulator/metrics", b""), ("GET", "/_emulator/requests", b""),
                               ("GET", "/_emulator/faults", b"")):
        assert raw_http.send(server.url, method, path, body).status == 200
    after = journal(server.url, limit=10000)
    assert after == before
    assert all(not e["operation"].startswith("_") and "/" not in e["operation"] for e in after)


@pytest.mark.parametrize("query", ["limit=0", "limit=-3", "limit=ten", "limit=1.5", "status=abc", "status=99999",
                                   "colour=blue"])
def test_journal_bad_query_is_invalid_parameter(server, query):
    resp = raw_http.send(server.url, "GET", "/_emulator/requests?" + query)
    assert resp.status == 400
    assert resp.error_type == "InvalidParameterException"
    assert resp.json()["message"]


def test_scoped_reset_clears_only_that_account(server):
    a = make_client(server.url, access_key=ACCOUNT_A)
    b = make_client(server.url, access_key=ACCOUNT_B)
    a.list_fleets()
    b.list_fleets()
    b.list_robots()
    assert journal(server.url, account=ACCOUNT_A)
    resp = raw_http.send(server.url, "POST", "/_emulator/reset", {"account": ACCOUNT_A})
    assert resp.status == 200
    assert journal(server.url, account=ACCOUNT_A) == []
    assert [e["operation"] for e in journal(server.url, account=ACCOUNT_B, limit=2)] == ["ListRobots", "ListFleets"]


def test_unscoped_reset_clears_the_journal(start_server):
    srv = start_server()
    client = make_client(srv.url)
    client.list_fleets()
    assert len(journal(srv.url)) == 1
    assert raw_http.send(srv.url, "POST", "/_emulator/reset", {}).status == 200
    assert journal(srv.url) == []


def test_journal_size_bounds_the_ring(start_server):
    srv = start_server(args=["--journal-size", "3"])
    client = make_client(srv.url)
    for i in range(5):
        client.create_fleet(name=f"f{i}")
    entries = journal(srv.url, limit=100)
    assert [e["parameters"]["name"] for e in entries] == ["f4", "f3", "f2"]


def test_journal_body_budget_and_answer_bound(start_server):
    """1,100 bodies of 64 KiB (the largest kept whole) pass the 64 MiB budget: the oldest go, the
    bodies held stay within it, and a read of them all answers at most 4 MiB, newest first."""
    srv = start_server()
    body = b'{"name": "' + b"n" * (65536 - 12) + b'"}'
    assert len(body) == 65536
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    for _ in range(1100):
        conn.request("POST", "/createFleet", body=body, headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        resp.read()
        assert resp.status == 400  # the name is too long; the call is journaled all the same
    conn.close()
    families = scrape(srv.url)
    held = value(families, "robomaker_local_journal_body_bytes")
    entries = value(families, "robomaker_local_journal_entries")
    assert held <= 64 * 1024 * 1024
    assert held == entries * 65536 and 1000 <= entries < 1100
    resp = raw_http.send(srv.url, "GET", "/_emulator/requests?limit=10000", timeout=30)
    assert resp.status == 200
    assert len(resp.body) <= 4 * 1024 * 1024
    answer = resp.json()
    assert answer["truncated"] is True
    assert 30 <= len(answer["requests"]) < entries
    assert all(len(e["parameters"]["name"]) == 65536 - 12 for e in answer["requests"])
    assert "truncated" not in journal(srv.url, limit=5)


def test_journal_size_zero_turns_it_off(start_server):
    srv = start_server(args=["--journal-size", "0"])
    make_client(srv.url).list_fleets()
    assert journal(srv.url) == []


# --- metrics ----------------------------------------------------------------------------------

LINE = re.compile(r'([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"')


def parse_labels(text):
    labels, pos = {}, 0
    while pos < len(text):
        m = LABEL.match(text, pos)
        assert m, f"bad labels at {text[pos:]!r}"
        name, value = m.group(1), m.group(2)
        assert name not in labels, f"label {name} twice in {text!r}"
        labels[name] = re.sub(r'\\(.)', lambda e: {"n": "\n"}.get(e.group(1), e.group(1)), value)
        pos = m.end()
        if pos < len(text):
            assert text[pos] == ",", f"expected ',' at {text[pos:]!r}"
            pos += 1
    return labels


def parse_prometheus(text):
    """A strict reader of the text exposition format 0.0.4 (what this server writes): returns
    {family: {"type", "help", "samples": [(name, labels, value)]}}. Every sample belongs to a family
    whose HELP and TYPE came before it; samples of a family are contiguous; histograms are checked
    (buckets cumulative, ending at +Inf == _count; a _sum per series)."""
    assert text.endswith("\n")
    families, current = {}, None
    for line in text.splitlines():
        assert line, "empty line"
        if line.startswith("#"):
            kind, name, rest = re.fullmatch(r"# (HELP|TYPE) (\S+) (.+)", line).groups()
            fam = families.setdefault(name, {"samples": []})
            assert not fam["samples"], f"{kind} of {name} after its samples"
            if kind == "TYPE":
                assert rest in ("counter", "gauge", "histogram", "summary", "untyped"), line
                assert "help" in fam, f"TYPE before HELP for {name}"
                fam["type"] = rest
            else:
                assert "help" not in fam, f"two HELP lines for {name}"
                fam["help"] = rest
            current = name
            continue
        m = LINE.fullmatch(line)
        assert m, f"not a sample line: {line!r}"
        name, labels, value = m.group(1), parse_labels(m.group(3) or ""), m.group(4)
        family = current
        assert family is not None and "type" in families[family], f"sample before HELP/TYPE: {line!r}"
        suffixes = ("_bucket", "_sum", "_count") if families[family]["type"] == "histogram" else ("",)
        assert any(name == family + s for s in suffixes), f"{name} outside its family {family}"
        number = float(value)  # accepts +Inf, NaN
        families[family]["samples"].append((name, labels, number))
    for family, fam in families.items():
        assert "type" in fam and "help" in fam, family
        if fam["type"] == "counter":
            assert family.endswith("_total"), family
            assert all(v >= 0 and v == int(v) for _, _, v in fam["samples"]), family
        if fam["type"] == "histogram":
            check_histogram(family, fam["samples"])
    return families


def check_histogram(family, samples):
    series = {}
    for name, labels, value in samples:
        key = tuple(sorted((k, v) for k, v in labels.items() if k != "le"))
        s = series.setdefault(key, {"buckets": [], "sum": None, "count": None})
        if name.endswith("_bucket"):
            s["buckets"].append((float(labels["le"]), value))
        elif name.endswith("_sum"):
            s["sum"] = value
        else:
            s["count"] = value
    for key, s in series.items():
        bounds = [b for b, _ in s["buckets"]]
        assert bounds == sorted(bounds) and bounds[-1] == math.inf, (family, key, bounds)
        counts = [c for _, c in s["buckets"]]
        assert all(x <= y for x, y in zip(counts, counts[1:])), (family, key, counts)
        assert counts[-1] == s["count"], (family, key)
        assert s["sum"] is not None and s["sum"] >= 0, (family, key)


def scrape(url):
    resp = raw_http.send(url, "GET", "/_emulator/metrics")
    assert resp.status == 200
    assert resp.headers["content-type"].startswith("text/plain; version=0.0.4")
    return parse_prometheus(resp.body.decode("utf-8"))


def value(families, family, name=None, **labels):
    """The value of one sample (0 when the series is absent)."""
    for n, l, v in families.get(family, {"samples": []})["samples"]:
        if n == (name or family) and all(l.get(k) == str(want) for k, want in labels.items()):
            return v
    return 0


def test_metrics_parse_and_every_family_is_there(start_server):
    srv = start_server()
    make_client(srv.url).list_fleets()
    families = scrape(srv.url)
    for name, kind in (("robomaker_local_requests_total", "counter"),
                       ("robomaker_local_request_duration_seconds", "histogram"),
                       ("robomaker_local_control_requests_total", "counter"),
                       ("robomaker_local_deployment_jobs", "gauge"), ("robomaker_local_robots", "gauge"),
                       ("robomaker_local_engine_transitions_total", "counter"),
                       ("robomaker_local_store_errors_total", "counter"),
                       ("robomaker_local_wait_requests_in_flight", "gauge"),
                       ("robomaker_local_journal_entries", "gauge"),
                       ("robomaker_local_journal_body_bytes", "gauge"),
                       ("robomaker_local_log_lines_dropped_total", "counter")):
        assert families[name]["type"] == kind, name
    assert value(families, "robomaker_local_log_lines_dropped_total") == 0  # the harness drains stdout
    assert value(families, "robomaker_local_store_errors_total") == 0
    assert value(families, "robomaker_local_journal_entries") == 1


def test_request_counters_move_with_requests(start_server):
    srv = start_server()
    client = make_client(srv.url)
    loose = make_client(srv.url, validate=False)
    before = scrape(srv.url)
    n = 7
    for _ in range(n):
        client.list_fleets()
    expect_error("InvalidParameterException", loose.list_fleets, maxResults=0)
    expect_error("ResourceNotFoundException", client.describe_fleet,
                 fleet="arn:aws:robomaker:us-east-1:123456789012:deployment-fleet/none/1600000000000")
    raw_http.send(srv.url, "GET", "/_emulator/health")
    after = scrape(srv.url)

    def delta(*args, **labels):
        return value(after, *args, **labels) - value(before, *args, **labels)

    total = "robomaker_local_requests_total"
    assert delta(total, operation="ListFleets", code=200) == n
    assert delta(total, operation="ListFleets", code=400) == 1
    assert delta(total, operation="DescribeFleet", code=400) == 1
    hist = "robomaker_local_request_duration_seconds"
    assert delta(hist, hist + "_count", operation="ListFleets") == n + 1
    assert delta(hist, hist + "_bucket", operation="ListFleets", le="+Inf") == n + 1
    assert delta("robomaker_local_control_requests_total", path="/_emulator/health", code=200) == 1
    # the control API stays out of requests_total
    assert all(not l["operation"].startswith("/") and l["operation"] != "Control"
               for _, l, _ in after[total]["samples"])
    # the scrape before this one is counted as a control request
    assert value(after, "robomaker_local_control_requests_total", path="/_emulator/metrics", code=200) >= 1


def test_gauges_and_engine_transitions(start_server):
    srv = start_server(args=["--clock", "manual"])
    client = make_client(srv.url)
    make_robot(client, "loose-1")
    make_robot(client, "loose-2")
    fleet, robots = make_fleet(client, "gf", robots=3)
    app, version = make_version(client, "gapp")
    families = scrape(srv.url)
    assert value(families, "robomaker_local_robots", status="Available") == 2
    assert value(families, "robomaker_local_robots", status="Registered") == 3
    assert sum(v for _, _, v in families["robomaker_local_robots"]["samples"]) == 5
    assert sum(v for _, _, v in families["robomaker_local_deployment_jobs"]["samples"]) == 0

    job = create_job(client, fleet, app, version, "g1")
    families = scrape(srv.url)
    assert value(families, "robomaker_local_deployment_jobs", status="Pending") == 1
    transitions = "robomaker_local_engine_transitions_total"
    jobs_before = value(families, transitions, resource="job")
    robots_before = value(families, transitions, resource="robot")

    advance(srv.url, 120)
    assert client.describe_deployment_job(job=job["arn"])["status"] == "Succeeded"
    families = scrape(srv.url)
    assert value(families, "robomaker_local_deployment_jobs", status="Succeeded") == 1
    assert value(families, "robomaker_local_deployment_jobs", status="Pending") == 0
    assert value(families, "robomaker_local_robots", status="InSync") == 3
    # Pending -> Preparing -> InProgress -> Succeeded; each robot walks several steps
    assert value(families, transitions, resource="job") - jobs_before >= 3
    assert value(families, transitions, resource="robot") - robots_before >= 3 * 3


# --- JSON logs --------------------------------------------------------------------------------

def json_lines(srv, predicate, count, timeout=5.0):
    """Waits until the server's log holds `count` JSON lines matching `predicate`; returns them all
    (every line but the first must be JSON)."""
    deadline = time.time() + timeout
    while True:
        lines = [json.loads(line) for line in list(srv.log)]
        found = [entry for entry in lines if predicate(entry)]
        if len(found) >= count or time.time() > deadline:
            return found
        time.sleep(0.05)


def test_json_log_lines(start_server):
    srv = start_server(args=["--log-format", "json", "--clock", "manual"])
    client = make_client(srv.url, access_key=ACCOUNT_A, region="eu-west-1")
    loose = make_client(srv.url, validate=False)
    client.create_fleet(name="logged")
    expect_error("InvalidParameterException", loose.create_fleet, name="bad name!")
    raw_http.send(srv.url, "GET", "/_emulator/health")
    found = json_lines(srv, lambda e: "requestId" in e, 3)
    assert len(found) == 3, list(srv.log)
    fields = {"time", "level", "requestId", "operation", "status", "latencyMs", "account", "region", "method", "path",
              "errorType"}
    for entry in found:
        assert set(entry) == fields, entry
        assert entry["level"] == "info"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", entry["time"])
        assert isinstance(entry["latencyMs"], (int, float)) and entry["latencyMs"] >= 0
    ok, bad, control = found
    assert (ok["operation"], ok["status"], ok["account"], ok["region"], ok["method"], ok["path"], ok["errorType"]) == (
        "CreateFleet", 200, ACCOUNT_A, "eu-west-1", "POST", "/createFleet", None)
    assert (bad["status"], bad["errorType"], bad["account"]) == (400, "InvalidParameterException", "123456789012")
    assert (control["path"], control["account"], control["region"]) == ("/_emulator/health", None, None)
    # transitions are debug lines: none at info
    assert json_lines(srv, lambda e: e.get("event") == "transition", 1, timeout=0) == []


def test_engine_transitions_at_debug(start_server):
    srv = start_server(args=["--log-format", "json", "--log-level", "debug", "--clock", "manual"])
    client = make_client(srv.url)
    fleet, [robot] = make_fleet(client, "df", robots=1)
    app, version = make_version(client, "dapp")
    job = create_job(client, fleet, app, version, "d1")
    advance(srv.url, 120)
    assert client.describe_deployment_job(job=job["arn"])["status"] == "Succeeded"
    found = json_lines(srv, lambda e: e.get("event") == "transition" and e.get("newStatus") == "Succeeded", 1)
    assert found, list(srv.log)
    lines = json_lines(srv, lambda e: e.get("event") == "transition", 1)
    for e in lines:
        assert set(e) == {"time", "level", "event", "job", "robot", "oldStatus", "newStatus", "step", "failureCode",
                          "simulatedTime"}, e
        assert e["level"] == "debug" and e["job"] == job["arn"]
    job_moves = [(e["oldStatus"], e["newStatus"]) for e in lines if e["robot"] is None]
    assert job_moves == [(None, "Pending"), ("Pending", "Preparing"), ("Preparing", "InProgress"),
                         ("InProgress", "Succeeded")]
    robot_lines = [e for e in lines if e["robot"] == robot]
    assert robot_lines and robot_lines[-1]["newStatus"] == "InSync"
    assert any(e["step"] == "Launching" for e in robot_lines)
    assert all(e["failureCode"] is None for e in lines)
