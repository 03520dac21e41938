"""Helpers for the snapshot and seed-file suites (README "Snapshots", "Seed file"): the control
calls, and everything a client can read about its account and region."""
import urllib.parse

import raw_http
from app_helpers import SOURCE, SUITE
from helpers import make_robot, strip

A = "111111111111"
B = "222222222222"


def path(name, action=""):
    return "/_emulator/snapshots/" + urllib.parse.quote(name, safe="") + action


def save(url, name):
    resp = raw_http.send(url, "POST", "/_emulator/snapshots", {"name": name})
    assert resp.status == 200, resp.body
    return resp.json()


def restore(url, name, **scope):
    resp = raw_http.send(url, "POST", path(name, "/restore"), scope)
    assert resp.status == 200, resp.body
    return resp.json()


def listed(url):
    resp = raw_http.send(url, "GET", "/_emulator/snapshots")
    assert resp.status == 200, resp.body
    return {s["name"]: s for s in resp.json()["snapshots"]}


def world(client):
    """Every resource of the client's account and region as the API shows it, with its tags."""
    fleets = client.list_fleets()["fleetDetails"]
    robots = client.list_robots()["robots"]
    apps = client.list_robot_applications()["robotApplicationSummaries"]
    jobs = client.list_deployment_jobs()["deploymentJobs"]
    arns = [x["arn"] for x in fleets + robots + apps + jobs]
    return {
        "fleets": [strip(client.describe_fleet(fleet=f["arn"])) for f in fleets],
        "robots": [strip(client.describe_robot(robot=r["arn"])) for r in robots],
        "apps": [strip(client.describe_robot_application(application=a["arn"])) for a in apps],
        "jobs": [strip(client.describe_deployment_job(job=j["arn"])) for j in jobs],
        "tags": {arn: client.list_tags_for_resource(resourceArn=arn)["tags"] for arn in arns},
    }


def populate(client, prefix):
    """Two fleets (one with two robots), an unregistered robot, an application with a version."""
    fleets = [client.create_fleet(name=f"{prefix}-f{i}", tags={"i": str(i)})["arn"] for i in range(2)]
    for i in range(3):
        robot = make_robot(client, f"{prefix}-r{i}", tags={"n": str(i)})["arn"]
        if i < 2:
            client.register_robot(fleet=fleets[0], robot=robot)
    app = client.create_robot_application(name=f"{prefix}-app", sources=[SOURCE], robotSoftwareSuite=SUITE,
                                          tags={"kind": "nav"})["arn"]
    client.create_robot_application_version(application=app)
    return fleets, app
