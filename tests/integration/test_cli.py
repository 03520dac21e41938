"""AWS CLI v2 against robomaker-local: the flow a user runs from a shell.

Uses Debian's /usr/bin/aws (v2.9, its bundled botocore still carries the RoboMaker model) through
subprocess, with no config or credential files. Rules asserted: SEMANTICS.md §1-§4.
The CLI starts slowly (~0.4 s per call), so bulk setup goes through boto3 (`client` fixture)."""
import json
import os
import re
import subprocess
from datetime import datetime, timezone

import pytest

AWS = "/usr/bin/aws"
ACCOUNT = "123456789012"
REGION = "us-east-1"
FLEET_ARN_RE = re.compile(rf"^arn:aws:robomaker:{REGION}:{ACCOUNT}:deployment-fleet/demo/(\d{{13}})$")

pytestmark = pytest.mark.skipif(not os.path.exists(AWS), reason="Debian AWS CLI v2 not installed")


def cli_env(access_key="AKIDEXAMPLE", region=REGION):
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("AWS_"):
            del env[k]
    env.update(
        AWS_ACCESS_KEY_ID=access_key,
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_DEFAULT_REGION=region,
        AWS_CONFIG_FILE="/nonexistent/robomaker-local/config",
        AWS_SHARED_CREDENTIALS_FILE="/nonexistent/robomaker-local/credentials",
        AWS_PAGER="",
        AWS_MAX_ATTEMPTS="1",
    )
    return env


def aws(server, *args, env=None):
    """Runs `aws --endpoint-url URL --output json robomaker ARGS`; returns (exit code, json or None, stderr)."""
    cmd = [AWS, "--endpoint-url", server.url, "--output", "json", "robomaker", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env or cli_env(), timeout=60)
    out = proc.stdout.strip()
    data = json.loads(out) if out else None
    return proc.returncode, data, proc.stderr


def ok(server, *args, env=None):
    code, data, err = aws(server, *args, env=env)
    assert code == 0, f"aws robomaker {' '.join(args)} -> {code}: {err}"
    return data


def fails(server, error, *args):
    code, data, err = aws(server, *args)
    assert code == 254, f"aws robomaker {' '.join(args)} -> {code}, stdout={data!r}, stderr={err!r}"
    assert data is None
    assert f"An error occurred ({error})" in err, err
    return err


def parse_time(value):
    """The CLI renders timestamps as ISO 8601 with an offset."""
    assert isinstance(value, str), value
    t = datetime.fromisoformat(value)
    assert t.tzinfo is not None, value
    return t


def assert_recent(value):
    t = parse_time(value)
    delta = abs((datetime.now(timezone.utc) - t).total_seconds())
    assert delta < 60, f"{value} is {delta:.1f}s from now"
    return t


def epoch_ms(t):
    return round(t.timestamp() * 1000)


def test_fleet_and_robot_lifecycle(server):
    # create-fleet
    fleet = ok(server, "create-fleet", "--name", "demo")
    assert set(fleet) == {"arn", "name", "createdAt"}
    assert fleet["name"] == "demo"
    m = FLEET_ARN_RE.match(fleet["arn"])
    assert m, fleet["arn"]
    created = assert_recent(fleet["createdAt"])
    assert int(m.group(1)) // 1000 * 1000 == epoch_ms(created), "createdAt is the ARN's EPOCHMS rounded down to s"
    fleet_arn = fleet["arn"]

    # list-fleets shows it
    fleets = ok(server, "list-fleets")
    assert "nextToken" not in fleets
    assert fleets["fleetDetails"] == [{"name": "demo", "arn": fleet_arn, "createdAt": fleet["createdAt"]}]

    # create-robot with tags
    robot = ok(server, "create-robot", "--name", "r1", "--architecture", "X86_64",
               "--greengrass-group-id", "g1", "--tags", "k=v")
    assert robot["name"] == "r1"
    assert re.fullmatch(rf"arn:aws:robomaker:{REGION}:{ACCOUNT}:robot/r1/\d{{13}}", robot["arn"]), robot["arn"]
    assert robot["architecture"] == "X86_64"
    assert robot["greengrassGroupId"] == "g1"
    assert "greenGrassGroupId" not in robot
    assert robot["tags"] == {"k": "v"}
    r_created = assert_recent(robot["createdAt"])
    assert int(robot["arn"].rsplit("/", 1)[1]) // 1000 * 1000 == epoch_ms(r_created)
    robot_arn = robot["arn"]

    # a second, unregistered robot so the list filters have something to exclude
    other = ok(server, "create-robot", "--name", "r2", "--architecture", "ARM64", "--greengrass-group-id", "g2")

    # before registration the robot is Available and has no fleet
    desc = ok(server, "describe-robot", "--robot", robot_arn)
    assert desc["status"] == "Available"
    assert "fleetArn" not in desc

    # register-robot
    reg = ok(server, "register-robot", "--fleet", fleet_arn, "--robot", robot_arn)
    assert reg == {"fleet": fleet_arn, "robot": robot_arn}

    # describe-fleet shows the robot with only its arn and createdAt, as AWS's example does
    df = ok(server, "describe-fleet", "--fleet", fleet_arn)
    assert df["name"] == "demo"
    assert df["arn"] == fleet_arn
    assert df["createdAt"] == fleet["createdAt"]
    assert "lastDeploymentStatus" not in df and "lastDeploymentJob" not in df
    assert df["robots"] == [{"arn": robot_arn, "createdAt": robot["createdAt"]}]

    # describe-robot: Registered, fleetArn, tags, greengrassGroupId spelling
    desc = ok(server, "describe-robot", "--robot", robot_arn)
    assert desc["arn"] == robot_arn
    assert desc["name"] == "r1"
    assert desc["status"] == "Registered"
    assert desc["fleetArn"] == fleet_arn
    assert desc["tags"] == {"k": "v"}
    assert desc["architecture"] == "X86_64"
    assert desc["greengrassGroupId"] == "g1"
    assert "greenGrassGroupId" not in desc
    assert desc["createdAt"] == robot["createdAt"]
    assert "lastDeploymentJob" not in desc

    # list-robots: unfiltered shows both, newest first, without a group id
    allr = ok(server, "list-robots")
    assert [x["name"] for x in allr["robots"]] == ["r2", "r1"]
    assert "nextToken" not in allr
    assert allr["robots"][0] == {"arn": other["arn"], "name": "r2", "status": "Available",
                                 "createdAt": other["createdAt"], "architecture": "ARM64"}

    # list-robots filtered by status and by fleet name
    by_status = ok(server, "list-robots", "--filters", "name=status,values=Registered")
    assert [x["arn"] for x in by_status["robots"]] == [robot_arn]
    item = by_status["robots"][0]
    assert item["status"] == "Registered"
    assert item["fleetArn"] == fleet_arn
    assert "greenGrassGroupId" not in item and "greengrassGroupId" not in item

    by_fleet = ok(server, "list-robots", "--filters", "name=fleetName,values=demo")
    assert [x["arn"] for x in by_fleet["robots"]] == [robot_arn]

    # deregister-robot -> Available
    dereg = ok(server, "deregister-robot", "--fleet", fleet_arn, "--robot", robot_arn)
    assert dereg == {"fleet": fleet_arn, "robot": robot_arn}
    desc = ok(server, "describe-robot", "--robot", robot_arn)
    assert desc["status"] == "Available"
    assert "fleetArn" not in desc
    assert ok(server, "describe-fleet", "--fleet", fleet_arn)["robots"] == []

    # delete-robot: empty response (the CLI prints nothing), then it is gone
    assert ok(server, "delete-robot", "--robot", robot_arn) is None
    fails(server, "ResourceNotFoundException", "describe-robot", "--robot", robot_arn)
    remaining = ok(server, "list-robots")
    assert [x["arn"] for x in remaining["robots"]] == [other["arn"]]

    # delete-fleet
    assert ok(server, "delete-fleet", "--fleet", fleet_arn) is None
    fails(server, "ResourceNotFoundException", "describe-fleet", "--fleet", fleet_arn)
    assert ok(server, "list-fleets")["fleetDetails"] == []


def test_delete_fleet_deregisters_robots_and_fleet_filter(server, client):
    # setup through boto3 (fast); the CLI checks what a user would see
    keep = client.create_fleet(name="demo")["arn"]
    doomed = client.create_fleet(name="other")["arn"]
    rob = client.create_robot(name="bot", architecture="ARM64", greengrassGroupId="gg")["arn"]
    client.register_robot(fleet=doomed, robot=rob)

    named = ok(server, "list-fleets", "--filters", "name=name,values=demo")
    assert [f["arn"] for f in named["fleetDetails"]] == [keep]

    assert ok(server, "delete-fleet", "--fleet", doomed) is None
    desc = ok(server, "describe-robot", "--robot", rob)
    assert desc["status"] == "Available"
    assert "fleetArn" not in desc
    assert [f["arn"] for f in ok(server, "list-fleets")["fleetDetails"]] == [keep]


def test_cli_pagination(server, client):
    names = [f"bot{i:02d}" for i in range(25)]
    for n in names:
        client.create_robot(name=n, architecture="X86_64", greengrassGroupId="g")
    names.reverse()   # ListRobots is newest first (SEMANTICS §4)

    # auto-pagination: the CLI follows nextToken itself, 10 per request -> 3 requests, all 25
    code, data, err = aws(server, "list-robots", "--page-size", "10", "--debug")
    assert code == 0, err
    assert [r["name"] for r in data["robots"]] == names
    assert "nextToken" not in data and "NextToken" not in data
    assert err.count("Making request for OperationModel(name=ListRobots)") == 3
    assert err.count("'body': b'{\"maxResults\": 10") == 3  # every request asked for 10

    # --max-items 7: 7 items plus the CLI's own NextToken
    first = ok(server, "list-robots", "--max-items", "7", "--page-size", "5")
    assert [r["name"] for r in first["robots"]] == names[:7]
    assert first.get("NextToken")

    # ... which resumes exactly where it stopped
    rest = ok(server, "list-robots", "--starting-token", first["NextToken"])
    assert [r["name"] for r in rest["robots"]] == names[7:]
    assert "NextToken" not in rest

    # without auto-pagination a page carries the service's nextToken
    page = ok(server, "list-robots", "--max-results", "10", "--no-paginate")
    assert [r["name"] for r in page["robots"]] == names[:10]
    assert page.get("nextToken")
    page2 = ok(server, "list-robots", "--max-results", "20", "--next-token", page["nextToken"], "--no-paginate")
    assert [r["name"] for r in page2["robots"]] == names[10:]
    assert "nextToken" not in page2


def test_cli_errors(server, client):
    # model constraint: bad name -> InvalidParameterException naming the member
    err = fails(server, "InvalidParameterException", "create-fleet", "--name", "x y")
    assert "CreateFleet" in err
    assert "'name'" in err
    assert "x y" in err

    # unknown fleet ARN
    ghost = f"arn:aws:robomaker:{REGION}:{ACCOUNT}:deployment-fleet/ghost/1732345678123"
    err = fails(server, "ResourceNotFoundException", "describe-fleet", "--fleet", ghost)
    assert "DescribeFleet" in err
    assert ghost in err
    fails(server, "ResourceNotFoundException", "delete-fleet", "--fleet", ghost)

    # duplicate robot name
    first = ok(server, "create-robot", "--name", "dup", "--architecture", "X86_64", "--greengrass-group-id", "g1")
    err = fails(server, "ResourceAlreadyExistsException", "create-robot", "--name", "dup",
                "--architecture", "X86_64", "--greengrass-group-id", "g1")
    assert "CreateRobot" in err
    assert "dup" in err
    assert [r["arn"] for r in client.list_robots()["robots"]] == [first["arn"]]

    # robot in one fleet cannot join another; deregister from the wrong fleet fails
    f1 = client.create_fleet(name="f1")["arn"]
    f2 = client.create_fleet(name="f2")["arn"]
    client.register_robot(fleet=f1, robot=first["arn"])
    fails(server, "InvalidParameterException", "register-robot", "--fleet", f2, "--robot", first["arn"])
    fails(server, "InvalidParameterException", "deregister-robot", "--fleet", f2, "--robot", first["arn"])
    # registering again to the same fleet is a no-op success
    assert ok(server, "register-robot", "--fleet", f1, "--robot", first["arn"]) == {"fleet": f1, "robot": first["arn"]}

    # unknown filter name
    fails(server, "InvalidParameterException", "list-robots", "--filters", "name=color,values=red")

    # a forged pagination token
    fails(server, "InvalidParameterException", "list-robots", "--next-token", "forged-token", "--no-paginate")


def test_cli_account_and_region_from_credentials(server):
    env = cli_env(access_key="210987654321", region="eu-west-1")
    fleet = ok(server, "create-fleet", "--name", "demo", env=env)
    assert re.fullmatch(r"arn:aws:robomaker:eu-west-1:210987654321:deployment-fleet/demo/\d{13}", fleet["arn"])
    assert_recent(fleet["createdAt"])
    # the default account in us-east-1 does not see it
    assert ok(server, "list-fleets")["fleetDetails"] == []
    fails(server, "ResourceNotFoundException", "describe-fleet", "--fleet", fleet["arn"])
