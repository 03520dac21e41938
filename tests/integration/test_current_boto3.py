"""A current boto3 (which no longer ships RoboMaker) talks to robomaker-local through the client
model exported by scripts/export-client-model.py (README "Current boto3 and other SDKs without
RoboMaker"): export into tmp_path with Debian's /usr/bin/python3, then run the machine's default
python3 with AWS_DATA_PATH pointing there, as a subprocess that prints JSON we check here."""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from conftest import make_client
from helpers import expect_error

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXPORT = os.path.join(ROOT, "scripts", "export-client-model.py")
SYSTEM_PYTHON = "/usr/bin/python3"

PROBE = "import sys, boto3, botocore; print(sys.executable); print(boto3.__version__); print(botocore.__version__)"


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_CONFIG_FILE="/nonexistent/robomaker-local/config",
               AWS_SHARED_CREDENTIALS_FILE="/nonexistent/robomaker-local/credentials",
               AWS_EC2_METADATA_DISABLED="true", **extra)
    return env


def find_default_python():
    """(path, boto3 version) of the machine's default python3 that is not Debian's and has boto3."""
    system = os.path.realpath(SYSTEM_PYTHON)
    candidates = []
    for path in (shutil.which("python3"), os.path.expanduser("~/.pyenv/shims/python3"), "/root/.pyenv/shims/python3"):
        if path and os.path.exists(path) and path not in candidates:
            candidates.append(path)
    tried = []
    for path in candidates:
        proc = subprocess.run([path, "-c", PROBE], capture_output=True, text=True, env=clean_env(), timeout=60)
        if proc.returncode != 0:
            tried.append(f"{path}: {proc.stderr.strip().splitlines()[-1:] or proc.returncode}")
            continue
        executable, boto3_version, _ = proc.stdout.split()
        if os.path.realpath(executable) in (system, os.path.realpath(sys.executable)):
            tried.append(f"{path}: is {executable}")
            continue
        return path, boto3_version
    pytest.skip("no default python3 other than Debian's with boto3 installed (tried: "
                + ("; ".join(tried) or "none found") + ")")


@pytest.fixture(scope="module")
def default_python():
    return find_default_python()


@pytest.fixture
def model_dir(tmp_path):
    out = tmp_path / "model"
    proc = subprocess.run([SYSTEM_PYTHON, EXPORT, str(out)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    target = out / "robomaker" / "2018-06-29"
    assert (target / "service-2.json").is_file() and (target / "paginators-1.json").is_file()
    assert "documentation" not in (target / "service-2.json").read_text()
    return out


CHILD = textwrap.dedent('''
    import json, sys
    import boto3, botocore.session

    url, data_path = sys.argv[1], sys.argv[2]
    loader = botocore.session.get_session().get_component("data_loader")
    _, model_path = loader.load_data_with_path("robomaker/2018-06-29/service-2")
    rm = boto3.client("robomaker", endpoint_url=url, region_name="eu-west-1",
                      aws_access_key_id="333333333333", aws_secret_access_key="secret")
    out = {"boto3": boto3.__version__, "model_path": model_path}
    fleet = rm.create_fleet(name="demo")
    robot = rm.create_robot(name="r1", architecture="ARM64", greengrassGroupId="gg")
    rm.register_robot(fleet=fleet["arn"], robot=robot["arn"])
    app = rm.create_robot_application(
        name="nav", sources=[{"s3Bucket": "my-bucket", "s3Key": "nav.tar.gz", "architecture": "ARM64"}],
        robotSoftwareSuite={"name": "ROS2", "version": "Foxy"})
    version = rm.create_robot_application_version(application=app["arn"], currentRevisionId=app["revisionId"])
    for i in range(4):
        rm.create_robot_application(name=f"extra{i}", environment={"uri": "img"},
                                    robotSoftwareSuite={"name": "General"})
    pages = list(rm.get_paginator("list_robot_applications").paginate(
        versionQualifier="ALL", PaginationConfig={"PageSize": 2}))
    rm.tag_resource(resourceArn=app["arn"], tags={"team": "nav", "stage": "dev"})
    rm.untag_resource(resourceArn=app["arn"], tagKeys=["stage"])
    try:
        rm.describe_robot_application(application="ghost")
        error = None
    except rm.exceptions.ResourceNotFoundException as e:
        error = e.response["Error"]["Code"]
    out.update(
        fleet={"arn": fleet["arn"], "createdAt": fleet["createdAt"].timestamp()},
        robot=robot["arn"],
        described_fleet=[r["arn"] for r in rm.describe_fleet(fleet=fleet["arn"])["robots"]],
        app={"arn": app["arn"], "version": app["version"], "revisionId": app["revisionId"]},
        version={"version": version["version"], "sources": version["sources"]},
        pages=[[(s["name"], s["version"]) for s in p["robotApplicationSummaries"]] for p in pages],
        tags=rm.list_tags_for_resource(resourceArn=app["arn"])["tags"],
        error=error,
    )
    print(json.dumps(out))
''')


def test_current_boto3_with_exported_model(server, default_python, model_dir, tmp_path):
    python, boto3_version = default_python
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    proc = subprocess.run([python, str(script), server.url, str(model_dir)], capture_output=True, text=True,
                          env=clean_env(AWS_DATA_PATH=str(model_dir)), timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])

    assert out["boto3"] == boto3_version
    assert out["model_path"].startswith(str(model_dir)), out["model_path"]   # the exported model was used
    acct, region = "333333333333", "eu-west-1"
    assert out["fleet"]["arn"].startswith(f"arn:aws:robomaker:{region}:{acct}:deployment-fleet/demo/")
    assert int(out["fleet"]["arn"].rsplit("/", 1)[1]) // 1000 == out["fleet"]["createdAt"]   # whole seconds
    assert out["described_fleet"] == [out["robot"]]
    assert out["app"]["arn"].startswith(f"arn:aws:robomaker:{region}:{acct}:robot-application/nav/")
    assert out["app"]["version"] == "$LATEST"
    assert out["version"] == {"version": "1", "sources": [
        {"s3Bucket": "my-bucket", "s3Key": "nav.tar.gz", "architecture": "ARM64",
         "etag": hashlib.md5(b"my-bucket/nav.tar.gz#0").hexdigest()}]}
    # pages of 2, in creation order (SEMANTICS §4): $LATEST of nav, its version 1, then the others
    assert out["pages"] == [[["nav", "$LATEST"], ["nav", "1"]], [["extra0", "$LATEST"], ["extra1", "$LATEST"]],
                            [["extra2", "$LATEST"], ["extra3", "$LATEST"]]]
    assert out["tags"] == {"team": "nav"}
    assert out["error"] == "ResourceNotFoundException"

    # the same state through Debian's boto3, in the child's account and region only
    theirs = make_client(server.url, access_key=acct, region=region)
    assert theirs.list_tags_for_resource(resourceArn=out["app"]["arn"])["tags"] == {"team": "nav"}
    assert theirs.describe_robot_application(application="nav", applicationVersion="1")["sources"] == \
        out["version"]["sources"]
    expect_error("ResourceNotFoundException", make_client(server.url).describe_robot_application,
                 application=out["app"]["arn"])


def test_without_the_exported_model_current_boto3_has_no_robomaker(default_python):
    python, _ = default_python
    code = ("import boto3, botocore.exceptions\n"
            "try:\n    boto3.client('robomaker', region_name='us-east-1')\n"
            "except botocore.exceptions.UnknownServiceError:\n    print('unknown')\nelse:\n    print('known')\n")
    proc = subprocess.run([python, "-c", code], capture_output=True, text=True, env=clean_env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    if proc.stdout.strip() == "known":
        pytest.skip(f"{python}'s botocore still ships RoboMaker; nothing to show")
    assert proc.stdout.strip() == "unknown"
