"""The service phases (SEMANTICS §9) as a user of the AWS CLI v2 sees them: `ended` prints AWS's
ThrottlingException after the CLI's retries, `deprecated` refuses create-fleet, and robot
applications work in every phase. Helpers (no config files, no credentials of the machine) come
from test_cli."""
import os

import pytest

import raw_http
from test_cli import AWS, aws, cli_env, fails, ok

ENDED = ("AWS RoboMaker is Unable to process this request as the support for the AWS RoboMaker application "
         "deployment feature has ended. Please see https://docs.aws.amazon.com/robomaker/latest/dg/fleets.html "
         "for additional information.")

pytestmark = pytest.mark.skipif(not os.path.exists(AWS), reason="Debian AWS CLI v2 not installed")


def set_phase(server, phase):
    resp = raw_http.send(server.url, "POST", "/_emulator/service-phase", {"phase": phase})
    assert resp.status == 200 and resp.json() == {"phase": phase}, resp.body


def test_ended_prints_awss_message_and_the_cli_retries_it(server):
    fleet = ok(server, "create-fleet", "--name", "old")["arn"]
    set_phase(server, "ended")
    err = fails(server, "ThrottlingException", "describe-fleet", "--fleet", fleet)
    assert ENDED in err, err
    # The CLI's standard retry mode (3 attempts) retries it; every attempt is in the journal.
    env = dict(cli_env(), AWS_MAX_ATTEMPTS="3", AWS_RETRY_MODE="standard")
    code, data, err = aws(server, "list-robots", env=env)
    assert code == 254 and data is None, err
    assert "(ThrottlingException)" in err and "reached max retries: 2" in err, err
    journal = raw_http.send(server.url, "GET", "/_emulator/requests?operation=ListRobots").json()["requests"]
    assert [(e["httpStatus"], e["errorCode"]) for e in journal] == [(400, "ThrottlingException")] * 3
    # Robot applications keep working, a source without architecture included.
    app = ok(server, "create-robot-application", "--name", "sim", "--sources", "s3Bucket=sth,s3Key=else",
             "--robot-software-suite", "name=ROS2,version=Foxy")
    assert app["sources"] == [{"s3Bucket": "sth", "s3Key": "else"}]
    assert app["tags"] == {}
    set_phase(server, "active")
    assert [f["arn"] for f in ok(server, "list-fleets")["fleetDetails"]] == [fleet]


def test_deprecated_refuses_create_fleet_and_lets_delete_fleet_run(server):
    fleet = ok(server, "create-fleet", "--name", "old")["arn"]
    set_phase(server, "deprecated")
    err = fails(server, "InvalidParameterException", "create-fleet", "--name", "new")
    assert "CreateFleet is no longer supported and throws an error if used" in err, err
    assert ok(server, "delete-fleet", "--fleet", fleet) is None
    assert ok(server, "list-fleets")["fleetDetails"] == []
