"""Deployment fault rules end to end (SEMANTICS §7 item 3, docs/faults.md): a rule from the config
file or the control API makes the robots it matches fail with its code, counting matches and
firing within skip/times; robots it does not match deploy normally. The clock is manual, so jobs
move only when the test advances it."""
import json

import raw_http
from conftest import make_client
from deploy_helpers import create_job, make_fleet, make_version, run_to_end, summary_by_arn

LAUNCH_PRE = {"packageName": "nav", "launchFile": "nav.launch", "preLaunchFile": "pre.sh"}


def rules(url):
    resp = raw_http.send(url, "GET", "/_emulator/faults")
    assert resp.status == 200, resp.body
    return resp.json()["rules"]


def failures(describe):
    return {arn: (r.get("status"), r.get("failureCode")) for arn, r in summary_by_arn(describe).items()}


def test_config_rule_fails_matching_robots_once(start_server, tmp_path):
    path = tmp_path / "faults.json"
    path.write_text(json.dumps({"faults": [
        {"code": "PreLaunchFileFailure", "match": {"fleet": "yard", "robot": "arm-*"}, "times": 1}]}))
    srv = start_server(args=["--config", str(path), "--clock", "manual"])
    client = make_client(srv.url)
    fleet, robots = make_fleet(client, "yard", robots=2, prefix="arm-")
    cam = client.create_robot(name="cam-0", architecture="X86_64", greengrassGroupId="gg")["arn"]
    client.register_robot(fleet=fleet, robot=cam)
    app, version = make_version(client, "nav")

    job = create_job(client, fleet, app, version, "t1", launch=LAUNCH_PRE)["arn"]
    end = run_to_end(client, srv.url, job)
    assert end["status"] == "Succeeded"  # 1 of 3 failed: below the default threshold of 100 %
    got = failures(end)
    assert got[robots[0]] == ("Failed", "PreLaunchFileFailure")
    assert got[robots[1]][1] is None and got[cam][1] is None
    [rule] = rules(srv.url)
    assert (rule["source"], rule["matches"], rule["fired"]) == ("config", 2, 1)


def test_api_rule_matches_on_environment_variable_and_skips(server):
    client = make_client(server.url)
    raw_http.send(server.url, "POST", "/_emulator/clock", {"mode": "manual"})
    resp = raw_http.send(server.url, "POST", "/_emulator/faults", {
        "code": "GreengrassDeploymentFailed", "match": {"environmentVariable": "MODE=sim*"}, "skip": 1})
    assert resp.status == 200, resp.body
    fleet, robots = make_fleet(client, "f", robots=3)
    app, version = make_version(client, "nav")

    job = create_job(client, fleet, app, version, "a", env={"MODE": "hardware"})["arn"]
    assert all(code is None for _, code in failures(run_to_end(client, server.url, job)).values())

    job = create_job(client, fleet, app, version, "b", env={"MODE": "simulation"})["arn"]
    got = failures(run_to_end(client, server.url, job))
    assert [got[r][1] for r in robots] == [None, "GreengrassDeploymentFailed", "GreengrassDeploymentFailed"]
    [rule] = rules(server.url)
    assert (rule["matches"], rule["fired"]) == (3, 2)
