"""--auth sigv4: every service request's Signature Version 4 is verified (README "Signature
verification"). Real clients sign correctly and pass; each refusal is AWS's common error, HTTP 403."""
import datetime
import json
import os
import subprocess
import urllib.parse
from unittest import mock

import botocore.auth
import botocore.awsrequest
import botocore.credentials
import pytest

import raw_http
from conftest import make_client
from helpers import expect_error, list_all

CREDS = "AKIDTEST:secret-one:111111111111,second:secret-two"


@pytest.fixture
def sigv4(start_server):
    return start_server(args=["--auth", "sigv4", "--credentials", CREDS])


def client_for(srv, access_key="AKIDTEST", secret="secret-one", region="us-east-1"):
    c = make_client(srv.url, access_key=access_key, region=region)
    c._request_signer._credentials = botocore.credentials.Credentials(access_key, secret)
    return c


def test_boto3_signs_correctly_tags_pagination_and_accounts(sigv4):
    rm = client_for(sigv4)
    fleet = rm.create_fleet(name="f", tags={"team": "nav"})["arn"]
    assert ":111111111111:" in fleet  # the credential's account
    rm.tag_resource(resourceArn=fleet, tags={"stage": "dev/2 a+b=c:d"})
    rm.untag_resource(resourceArn=fleet, tagKeys=["team"])
    assert rm.list_tags_for_resource(resourceArn=fleet)["tags"] == {"stage": "dev/2 a+b=c:d"}
    for i in range(5):
        rm.create_fleet(name=f"p{i}")
    assert len(list_all(rm, "list_fleets", "fleetDetails", maxResults=2)) == 6
    app = rm.create_robot_application(
        name="uni", sources=[{"s3Bucket": "bkt", "s3Key": "k\u00e9\U0001F600.tar", "architecture": "X86_64"}],
        robotSoftwareSuite={"name": "ROS2", "version": "Foxy"})
    assert app["sources"][0]["s3Key"] == "k\u00e9\U0001F600.tar"
    other = client_for(sigv4, "second", "secret-two")  # no account given: the default account
    assert other.list_fleets()["fleetDetails"] == []
    assert ":123456789012:" in other.create_fleet(name="d")["arn"]


def test_the_journal_records_key_and_verdict(sigv4):
    client_for(sigv4).list_fleets()
    expect_error("InvalidSignatureException", client_for(sigv4, secret="wrong").list_fleets, status=403)
    entries = raw_http.send(sigv4.url, "GET", "/_emulator/requests?operation=ListFleets").json()["requests"]
    verdicts = [(e["accessKeyId"], e["authVerdict"]) for e in entries]
    assert ("AKIDTEST", "ok") in verdicts and ("AKIDTEST", "InvalidSignatureException") in verdicts
    metrics = raw_http.send(sigv4.url, "GET", "/_emulator/metrics").body.decode()
    assert 'robomaker_local_auth_verdicts_total{verdict="ok"} 1' in metrics
    assert 'robomaker_local_auth_verdicts_total{verdict="InvalidSignatureException"} 1' in metrics


def test_wrong_secret_unknown_key_and_region(sigv4):
    expect_error("InvalidSignatureException", client_for(sigv4, secret="wrong").list_fleets, status=403)
    expect_error("UnrecognizedClientException", client_for(sigv4, "AKIDNOBODY", "x").list_fleets, status=403)
    expect_error("InvalidSignatureException", client_for(sigv4, region="notaregion").list_fleets, status=403)


def _signed(srv, path, body=b"{}", service="robomaker", region="us-east-1", at=None,
            key="AKIDTEST", secret="secret-one"):
    req = botocore.awsrequest.AWSRequest(method="POST", url=srv.url + path, data=body,
                                         headers={"Content-Type": "application/json"})
    signer = botocore.auth.SigV4Auth(botocore.credentials.Credentials(key, secret), service, region)
    if at is None:
        signer.add_auth(req)
    else:
        with mock.patch("botocore.auth.datetime") as dt:
            dt.datetime.utcnow.return_value = at
            dt.datetime.now.return_value = at
            signer.add_auth(req)
    return dict(req.headers.items())


def test_a_clock_ten_minutes_off_and_another_service(sigv4):
    late = datetime.datetime.utcnow() - datetime.timedelta(minutes=10)
    resp = raw_http.send(sigv4.url, "POST", "/listFleets", b"{}", headers=_signed(sigv4, "/listFleets", at=late))
    assert resp.status == 403 and resp.error_type == "InvalidSignatureException"
    assert "Signature expired" in resp.json()["message"]
    ok = raw_http.send(sigv4.url, "POST", "/listFleets", b"{}", headers=_signed(sigv4, "/listFleets"))
    assert ok.status == 200, ok.body
    s3 = raw_http.send(sigv4.url, "POST", "/listFleets", b"{}", headers=_signed(sigv4, "/listFleets", service="s3"))
    assert s3.status == 403 and s3.error_type == "InvalidSignatureException"


def test_missing_and_incomplete_signatures(sigv4):
    none = raw_http.send(sigv4.url, "POST", "/listFleets", b"{}")
    assert none.status == 403 and none.error_type == "MissingAuthenticationTokenException"
    headers = _signed(sigv4, "/listFleets")
    auth = headers["Authorization"]
    no_sig = auth[:auth.index(", Signature=")]
    resp = raw_http.send(sigv4.url, "POST", "/listFleets", b"{}", headers={**headers, "Authorization": no_sig})
    assert resp.status == 403 and resp.error_type == "IncompleteSignatureException"
    no_host = auth.replace("SignedHeaders=", "SignedHeaders=x-amz-date;").replace("host;", "")
    no_host = no_host.replace(";host", "")
    resp = raw_http.send(sigv4.url, "POST", "/listFleets", b"{}", headers={**headers, "Authorization": no_host})
    assert resp.status == 403 and resp.error_type == "IncompleteSignatureException", resp.body


def test_test_test_is_accepted_without_credentials(start_server):
    srv = start_server(args=["--auth", "sigv4"])
    assert srv.saw(lambda line: "test" in line and "sigv4" in line), list(srv.log)
    assert ":123456789012:" in client_for(srv, "test", "test").create_fleet(name="f")["arn"]
    expect_error("InvalidSignatureException", client_for(srv, "test", "nope").list_fleets, status=403)


def test_the_aws_cli_signs_correctly(sigv4):
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "secret-one",
           "AWS_DEFAULT_REGION": "us-east-1", "AWS_PAGER": ""}
    env.pop("AWS_SESSION_TOKEN", None)

    def aws(*args, secret=None):
        e = dict(env, AWS_SECRET_ACCESS_KEY=secret) if secret else env
        return subprocess.run(["/usr/bin/aws", "--endpoint-url", sigv4.url, "robomaker", *args],
                              capture_output=True, text=True, env=e, timeout=60)
    made = aws("create-fleet", "--name", "cli")
    assert made.returncode == 0, made.stderr
    arn = json.loads(made.stdout)["arn"]
    assert aws("tag-resource", "--resource-arn", arn, "--tags", "k=v").returncode == 0
    listed = aws("list-tags-for-resource", "--resource-arn", arn)
    assert json.loads(listed.stdout)["tags"] == {"k": "v"}
    bad = aws("list-fleets", secret="wrong")
    assert bad.returncode != 0 and "InvalidSignatureException" in bad.stderr


def test_the_control_token(start_server):
    srv = start_server(args=["--control-token", "s3cr3t"])
    assert raw_http.send(srv.url, "GET", "/_emulator/health").status == 200  # the health check stays open
    denied = raw_http.send(srv.url, "GET", "/_emulator/clock")
    assert denied.status == 403 and denied.error_type == "AccessDeniedException"
    wrong = raw_http.send(srv.url, "GET", "/_emulator/clock", headers={"Authorization": "Bearer nope"})
    assert wrong.status == 403
    ok = raw_http.send(srv.url, "GET", "/_emulator/clock", headers={"Authorization": "Bearer s3cr3t"})
    assert ok.status == 200
    assert make_client(srv.url).list_fleets()["fleetDetails"] == []  # service calls are not gated by it


def test_a_real_looking_key_is_warned_about_once(start_server):
    srv = start_server()
    rm = make_client(srv.url, access_key="AKIAIOSFODNN7EXAMPLE")
    rm.list_fleets()
    rm.list_fleets()
    assert srv.saw(lambda line: "looks like a real AWS key" in line), list(srv.log)  # the log is read by a thread
    warnings = [line for line in srv.log if "looks like a real AWS key" in line]
    assert len(warnings) == 1, warnings
    assert "AKIAIOSFODNN7EXAMPLE" not in warnings[0]  # the log never holds the whole key


def test_aws_sdk_go_v1_signs_correctly(sigv4, tmp_path):
    # Debian's golang-github-aws-aws-sdk-go-dev in GOPATH mode (scripts/install-deps.sh installs it)
    source = os.path.join(os.path.dirname(__file__), "..", "go", "sigv4_check.go")
    binary = tmp_path / "sigv4_check"
    env = {**os.environ, "GOPATH": "/usr/share/gocode", "GO111MODULE": "off"}
    built = subprocess.run(["go", "build", "-o", str(binary), source], capture_output=True, text=True,
                           env=env, cwd=tmp_path, timeout=600)
    assert built.returncode == 0, built.stderr
    run = subprocess.run([str(binary), sigv4.url, "AKIDTEST", "secret-one"], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ok   a wrong secret: InvalidSignatureException" in run.stdout
