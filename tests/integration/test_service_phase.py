"""The end of life on demand (SEMANTICS §9) through boto3: --service-phase, the environment
variable, GET /_emulator/health and POST /_emulator/service-phase at run time, what each phase
refuses and with which answer, and that boto3's standard retry mode retries the `ended` answer
(ThrottlingException), seen in the request journal."""
import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

import raw_http
from conftest import EXTERNAL_URL, _check_model, make_client
from helpers import expect_error, make_robot
from server_process import ServerProcess

ENDED = ("AWS RoboMaker is Unable to process this request as the support for the AWS RoboMaker application "
         "deployment feature has ended. Please see https://docs.aws.amazon.com/robomaker/latest/dg/fleets.html "
         "for additional information.")
APP = dict(name="nav", sources=[{"s3Bucket": "bkt", "s3Key": "nav.tar", "architecture": "X86_64"}],
           robotSoftwareSuite={"name": "ROS", "version": "Melodic"})


def set_phase(url, phase):
    resp = raw_http.send(url, "POST", "/_emulator/service-phase", {"phase": phase})
    assert resp.status == 200, resp.body
    assert resp.json() == {"phase": phase}


def health_phase(url):
    resp = raw_http.send(url, "GET", "/_emulator/health")
    assert resp.status == 200
    return resp.json()["servicePhase"]


def test_default_is_active(server):
    assert health_phase(server.url) == "active"
    assert raw_http.send(server.url, "GET", "/_emulator/service-phase").json() == {"phase": "active"}


def test_the_flag_sets_it(start_server):
    assert health_phase(start_server(args=["--service-phase", "ended"]).url) == "ended"


def test_the_environment_variable_sets_it():
    if EXTERNAL_URL:
        pytest.skip("starts a robomaker-local process of its own; RML_URL mode")
    srv = ServerProcess(env={"ROBOMAKER_LOCAL_SERVICE_PHASE": "deprecated"}).start()
    try:
        assert health_phase(srv.url) == "deprecated"
    finally:
        srv.stop()


@pytest.mark.parametrize("body,message", [
    ({"phase": "over"}, "'phase' must be one of active, deprecated, ended; got 'over'."),
    ({"phase": 1}, "'phase' must be a string: one of active, deprecated, ended."),
    ({}, 'The body needs "phase": one of active, deprecated, ended.'),
    (b"[1]", "The request body must be a JSON object."),
    (b'{"phase": "ended"', None),
])
def test_a_bad_phase_is_refused_and_changes_nothing(server, body, message):
    resp = raw_http.send(server.url, "POST", "/_emulator/service-phase", body)
    assert resp.status == 400, resp.body
    assert resp.error_type == "InvalidParameterException"
    if message is not None:
        assert resp.json()["message"] == message
    assert resp.headers["x-amzn-errormessage"] == resp.json()["message"]
    assert health_phase(server.url) == "active"


def test_deprecated_refuses_creating_and_deploying_but_cleanup_works(server, client):
    fleet = client.create_fleet(name="f")["arn"]
    robot = make_robot(client, "r")["arn"]
    client.register_robot(fleet=fleet, robot=robot)
    app = client.create_robot_application(**APP)["arn"]
    client.create_robot_application_version(application=app)
    set_phase(server.url, "deprecated")
    assert health_phase(server.url) == "deprecated"
    for op, call in [
        ("CreateFleet", lambda: client.create_fleet(name="g")),
        ("CreateRobot", lambda: make_robot(client, "s")),
        ("RegisterRobot", lambda: client.register_robot(fleet=fleet, robot=robot)),
        ("CreateDeploymentJob", lambda: client.create_deployment_job(
            fleet=fleet, clientRequestToken="t1",
            deploymentApplicationConfigs=[{"application": app, "applicationVersion": "1",
                                           "launchConfig": {"packageName": "p", "launchFile": "l"}}])),
        ("SyncDeploymentJob", lambda: client.sync_deployment_job(fleet=fleet, clientRequestToken="t2")),
    ]:
        message = expect_error("InvalidParameterException", call)
        assert message.startswith(f"{op} is no longer supported and throws an error if used"), message
    # Reading and removing still work, and so do robot applications.
    assert [r["arn"] for r in client.describe_fleet(fleet=fleet)["robots"]] == [robot]
    assert client.list_deployment_jobs()["deploymentJobs"] == []
    client.tag_resource(resourceArn=robot, tags={"k": "v"})
    client.deregister_robot(fleet=fleet, robot=robot)
    client.delete_robot(robot=robot)
    client.delete_fleet(fleet=fleet)
    assert client.list_fleets()["fleetDetails"] == []
    client.update_robot_application(application=app, sources=APP["sources"], robotSoftwareSuite=APP["robotSoftwareSuite"])


def test_ended_answers_throttling_with_awss_message_and_keeps_applications(server, client):
    fleet = client.create_fleet(name="f")["arn"]
    robot = make_robot(client, "r")["arn"]
    app = client.create_robot_application(**APP)["arn"]
    set_phase(server.url, "ended")
    calls = [
        lambda: client.create_fleet(name="g"),
        lambda: client.list_fleets(),
        lambda: client.describe_fleet(fleet=fleet),
        lambda: client.delete_fleet(fleet=fleet),
        lambda: make_robot(client, "s"),
        lambda: client.list_robots(),
        lambda: client.describe_robot(robot=robot),
        lambda: client.delete_robot(robot=robot),
        lambda: client.register_robot(fleet=fleet, robot=robot),
        lambda: client.deregister_robot(fleet=fleet, robot=robot),
        lambda: client.list_deployment_jobs(),
        lambda: client.describe_deployment_job(job="arn:aws:robomaker:us-east-1:123456789012:deployment-job/deployment-abc"),
        lambda: client.cancel_deployment_job(job="arn:aws:robomaker:us-east-1:123456789012:deployment-job/deployment-abc"),
        lambda: client.sync_deployment_job(fleet=fleet, clientRequestToken="t"),
        lambda: client.list_tags_for_resource(resourceArn=robot),
        lambda: client.tag_resource(resourceArn=fleet, tags={"a": "b"}),
        lambda: client.untag_resource(resourceArn=robot, tagKeys=["a"]),
    ]
    for call in calls:
        assert expect_error("ThrottlingException", call) == ENDED
    # Robot applications (AWS kept them for simulation) and their tags work.
    assert [a["arn"] for a in client.list_robot_applications()["robotApplicationSummaries"]] == [app]
    client.tag_resource(resourceArn=app, tags={"a": "b"})
    assert client.list_tags_for_resource(resourceArn=app)["tags"] == {"a": "b"}
    assert client.create_robot_application_version(application=app)["version"] == "1"
    # Back to active at run time: nothing was lost.
    set_phase(server.url, "active")
    assert [f["arn"] for f in client.list_fleets()["fleetDetails"]] == [fleet]
    assert [r["arn"] for r in client.list_robots()["robots"]] == [robot]


def test_standard_retry_mode_retries_the_ended_answer(server):
    set_phase(server.url, "ended")
    retrying = boto3.client("robomaker", endpoint_url=server.url, region_name="us-east-1",
                            aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
                            config=Config(retries={"mode": "standard", "total_max_attempts": 3}))
    retrying.meta.events.register("after-call.robomaker", _check_model)
    with pytest.raises(retrying.exceptions.ThrottlingException) as info:
        retrying.list_fleets()
    err = info.value.response
    assert err["Error"]["Message"] == ENDED
    assert err["ResponseMetadata"]["RetryAttempts"] == 2
    journal = raw_http.send(server.url, "GET", "/_emulator/requests?operation=ListFleets").json()["requests"]
    assert len(journal) == 3, journal
    assert {(e["httpStatus"], e.get("errorCode")) for e in journal} == {(400, "ThrottlingException")}
    assert len({e["requestId"] for e in journal}) == 3
    # Whatever a client's retry setting, each attempt it reports is one journal entry.
    with pytest.raises(ClientError) as info:
        make_client(server.url).list_fleets()
    attempts = 1 + info.value.response["ResponseMetadata"]["RetryAttempts"]
    journal = raw_http.send(server.url, "GET", "/_emulator/requests?operation=ListFleets").json()["requests"]
    assert len(journal) == 3 + attempts
