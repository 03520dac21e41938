"""The seed file (README "Seed file"): --init FILE (env ROBOMAKER_LOCAL_INIT, config key "init")
applied at start-up to a database without resources, through the same operations as API calls;
an error stops start-up with exit code 2 naming the item by JSON pointer; POST /_emulator/init
applies a document to the running state in one transaction."""
import json
import os
import subprocess

import raw_http
from conftest import make_client
from server_process import BINARY, ROOT
from snapshot_helpers import A

EXAMPLE = os.path.join(ROOT, "config", "init.example.json")

DOC = {
    "defaults": {"architecture": "X86_64", "greengrassGroupId": "gg-1"},
    "scopes": [
        {"fleets": [{"name": "f1", "tags": {"t": "1"}, "robots": [{"name": "r1"}, {"name": "r2", "architecture": "ARM64"}]}],
         "robots": [{"name": "loose", "tags": {"x": "y"}}],
         "robotApplications": [{"name": "nav", "robotSoftwareSuite": {"name": "ROS2", "version": "Foxy"},
                                "sources": [{"s3Bucket": "my-bucket", "s3Key": "k.tar.gz", "architecture": "X86_64"}],
                                "versions": 3}]},
        {"account": A, "region": "eu-west-1", "fleets": [{"name": "eu"}]},
    ],
}


def write(tmp_path, doc, name="init.json"):
    p = tmp_path / name
    p.write_text(doc if isinstance(doc, str) else json.dumps(doc))
    return p


def names(items):
    return sorted(i["name"] for i in items)


def check_seeded(url):
    c = make_client(url)
    fleets = c.list_fleets()["fleetDetails"]
    assert names(fleets) == ["f1"]
    assert c.list_tags_for_resource(resourceArn=fleets[0]["arn"])["tags"] == {"t": "1"}
    robots = {r["name"]: r for r in c.list_robots()["robots"]}
    assert sorted(robots) == ["loose", "r1", "r2"]
    assert robots["r1"].get("fleetArn") == fleets[0]["arn"] and robots["r2"]["architecture"] == "ARM64"
    assert "fleetArn" not in robots["loose"] and robots["loose"]["architecture"] == "X86_64"
    assert c.describe_robot(robot=robots["loose"]["arn"])["greengrassGroupId"] == "gg-1"
    app = c.list_robot_applications()["robotApplicationSummaries"][0]
    versions = [c.describe_robot_application(application=app["arn"], applicationVersion=str(v))["version"]
                for v in (1, 2, 3)]
    assert versions == ["1", "2", "3"]
    eu = make_client(url, access_key=A, region="eu-west-1")
    assert names(eu.list_fleets()["fleetDetails"]) == ["eu"]


def test_init_file_is_applied_once_across_restarts(start_server, tmp_path):
    init, db = write(tmp_path, DOC), tmp_path / "state.db"
    srv = start_server(db=db, args=["--init", str(init)])
    check_seeded(srv.url)
    srv.stop()
    srv = start_server(db=db, args=["--init", str(init)])
    check_seeded(srv.url)  # not applied twice


def test_not_applied_over_existing_resources(start_server, tmp_path):
    db = tmp_path / "state.db"
    srv = start_server(db=db)
    make_client(srv.url, access_key=A).create_fleet(name="mine")
    srv.stop()
    srv = start_server(db=db, args=["--init", str(write(tmp_path, DOC))])
    assert make_client(srv.url).list_fleets()["fleetDetails"] == []


def test_environment_and_config_key(start_server, tmp_path):
    init = write(tmp_path, DOC)
    os.environ["ROBOMAKER_LOCAL_INIT"] = str(init)
    try:
        srv = start_server()
    finally:
        del os.environ["ROBOMAKER_LOCAL_INIT"]
    check_seeded(srv.url)
    config = write(tmp_path, {"init": str(init)}, "config.json")
    check_seeded(start_server(args=["--config", str(config)]).url)


def test_the_example_file_applies(start_server):
    srv = start_server(args=["--init", EXAMPLE])
    c = make_client(srv.url)
    assert names(c.list_fleets()["fleetDetails"]) == ["empty-fleet", "warehouse"]
    assert names(c.list_robot_applications()["robotApplicationSummaries"]) == ["camera", "nav"]


def start_failing(args):
    proc = subprocess.run([BINARY, "--host", "127.0.0.1", "--port", "0", *args], capture_output=True, text=True,
                          timeout=30)
    assert proc.stdout == ""  # never listened
    return proc.returncode, proc.stderr


BAD = [
    ({"scopes": [{"fleets": [{"name": "ok"}, {"name": "ok2"}, {"name": "bad name!"}]}]}, "/scopes/0/fleets/2/name"),
    ({"defaults": {"architecture": "X86_64", "greengrassGroupId": "g"},
      "scopes": [{"robots": [{"name": "a"}, {"name": "a"}]}]}, "/scopes/0/robots/1/name"),
    ({"scopes": [{"robots": [{"name": "r", "architecture": "X86_64"}]}]}, "/scopes/0/robots/0/greengrassGroupId"),
    ({"scopes": [{"fleets": [{"name": "f", "colour": "red"}]}]}, "/scopes/0/fleets/0/colour"),
    ({"scopes": [{"account": "12"}]}, "/scopes/0/account"),
    ({"scopes": [{"robotApplications": [{"name": "a", "robotSoftwareSuite": {"name": "ROS2", "version": "Foxy"},
                                         "sources": [{"s3Bucket": "my-bucket", "s3Key": "k", "architecture": "X86_64"}],
                                         "versions": -1}]}]}, "/scopes/0/robotApplications/0/versions"),
    ({"scopes": {"fleets": []}}, "/scopes"),
    ([], "the top"),
]


def test_an_error_stops_start_up_with_exit_2_naming_the_item(tmp_path):
    db = tmp_path / "state.db"
    for i, (doc, pointer) in enumerate(BAD):
        code, err = start_failing(["--db", str(db), "--init", str(write(tmp_path, doc, f"bad{i}.json"))])
        assert code == 2, (doc, err)
        assert f"at {pointer}:" in err, (doc, err)
        assert err.count("\n") == 1, err
    code, err = start_failing(["--db", str(db), "--init", str(tmp_path / "missing.json")])
    assert code == 2 and "cannot read init file" in err


def test_nothing_of_a_failed_init_file_is_applied(start_server, tmp_path):
    db = tmp_path / "state.db"
    doc = {"scopes": [{"fleets": [{"name": "f1"}, {"name": "f2", "robots": [{"name": "r"}]}]}]}  # r lacks fields
    code, err = start_failing(["--db", str(db), "--init", str(write(tmp_path, doc))])
    assert code == 2 and "/scopes/0/fleets/1/robots/0/" in err, err
    srv = start_server(db=db)
    assert make_client(srv.url).list_fleets()["fleetDetails"] == []


def test_post_init_is_one_transaction(start_server):
    srv = start_server()
    bad = {"scopes": [{"fleets": [{"name": "f1"}, {"name": "f2"}], "robots": [{"name": "r!", "architecture": "X86_64",
                                                                               "greengrassGroupId": "g"}]}]}
    resp = raw_http.send(srv.url, "POST", "/_emulator/init", bad)
    assert resp.status == 400 and resp.error_type == "InvalidParameterException", resp.body
    assert "at /scopes/0/robots/0/name:" in resp.json()["message"]
    assert make_client(srv.url).list_fleets()["fleetDetails"] == []
    resp = raw_http.send(srv.url, "POST", "/_emulator/init", DOC)
    assert resp.status == 200, resp.body
    assert resp.json() == {"created": {"fleets": 2, "robots": 3, "robotApplications": 1, "robotApplicationVersions": 3}}
    check_seeded(srv.url)
    # Applied to a running state that has resources: a name taken is an error, and nothing changes.
    taken = {"scopes": [{"architecture": "X86_64", "greengrassGroupId": "g", "fleets": [{"name": "new"}],
                         "robots": [{"name": "new"}, {"name": "loose"}]}]}
    resp = raw_http.send(srv.url, "POST", "/_emulator/init", taken)
    assert resp.status == 400 and "at /scopes/0/robots/1/name:" in resp.json()["message"], resp.body
    assert "ResourceAlreadyExistsException" in resp.json()["message"]
    check_seeded(srv.url)
    for body in (b"{", b"[]", {"scopes": 3}):
        assert raw_http.send(srv.url, "POST", "/_emulator/init", body).status == 400
