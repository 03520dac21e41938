"""Replays every deployment-service example of the AWS CLI (aws_examples.py reads them from Debian's
awscli package) against the emulator through /usr/bin/aws, and compares what the CLI prints with
what AWS published: the same members at every level, the same JSON types, whole-second
timestamps, ARNs of the same kind, account and region, and lists in the same order (the direction
of createdAt / lastUpdatedAt from one item to the next).

Only names and ARNs are adapted: each example runs in account 111111111111 (its 12-digit access
key, SEMANTICS §2) and region us-west-2, as AWS's examples do; the resources the command names are
made first with the names in their ARNs, plus what the published output shows (robots in a fleet, a
deployment, tags). Where the emulator deliberately differs from a published output, DIFFERENCES
names the member and the SEMANTICS rule."""
import json
import os
import re
import subprocess

import pytest

import aws_examples
from conftest import make_client
from deploy_helpers import advance, run_to_end

AWS = "/usr/bin/aws"
ACCOUNT, REGION = "111111111111", "us-west-2"
TIMESTAMPS = {"createdAt", "lastUpdatedAt", "lastDeploymentTime", "deploymentStartTime", "deploymentFinishTime"}
OUR_ARN = re.compile(rf"arn:aws:robomaker:{REGION}:{ACCOUNT}:(deployment-fleet|robot|robot-application)/"
                     r"[a-zA-Z0-9_\-]{1,255}/(\d{13})|"
                     rf"arn:aws:robomaker:{REGION}:{ACCOUNT}:deployment-job/deployment-[0-9a-z]{{12}}")
SOURCES = [{"s3Bucket": "my-bucket", "s3Key": "my-robot-application.tar.gz", "architecture": "X86_64"}]
SUITE = {"name": "ROS", "version": "Kinetic"}
LAUNCH = {"packageName": "hello_world_robot", "launchFile": "rotate.launch"}
CONFIG = {"concurrentDeploymentPercentage": 20, "failureThresholdPercentage": 25}

EXAMPLES = aws_examples.load_examples() if os.path.isdir(aws_examples.examples_dir()) else []

# (example, path) -> (what may differ, why). Paths are keys joined by "."; "*" is any list item.
#   "extra": the emulator sends this member, which the published output lacks;
#   "absent": the published member is not sent by the emulator;
#   "value": the published value's format is not the emulator's.
DIFFERENCES = {
    ("create-deployment-job", "arn"): (
        "value", "SEMANTICS §3: job ids are deployment- and 12 of [0-9a-z]; this example shows 'sim-0974h36s4v0t'"),
    ("list-deployment-jobs", "deploymentJobs.*.arn"): (
        "value", "SEMANTICS §3: job ids are deployment- and 12 of [0-9a-z]; this example shows 'sim-6293szzm56rv'"),
    ("list-deployment-jobs", "deploymentJobs.*.failureReason"): (
        "absent", "SEMANTICS §2: members that have no value are left out; the example shows an empty string"),
    ("list-deployment-jobs", "deploymentJobs.*.failureCode"): (
        "absent", "SEMANTICS §2: members that have no value are left out; the example shows an empty string"),
    ("create-robot-application-version", "tags"): (
        "absent", "not a member of the model's CreateRobotApplicationVersionResponse, so no CLI can print it"),
    **{("describe-deployment-job", f"robotDeploymentSummary.*.progressDetail.{member}"): (
        "extra", "SEMANTICS §6: progressDetail carries currentProgress and targetResource (and percentDone and "
                 "estimatedTimeRemainingSeconds while downloading); the example's is empty")
       for member in ("currentProgress", "targetResource", "percentDone", "estimatedTimeRemainingSeconds")},
    ("list-robot-applications", "robotApplicationSummaries.*.robotSoftwareSuite"): (
        "extra", "the model requires robotSoftwareSuite on CreateRobotApplication and its RobotApplicationSummary "
                 "has the member, so every summary shows one; the 2019 example predates both"),
}

pytestmark = [
    pytest.mark.skipif(not os.path.exists(AWS), reason="Debian AWS CLI v2 not installed"),
    pytest.mark.skipif(not EXAMPLES, reason="Debian's awscli examples (awscli/examples/robomaker) not installed"),
]


class World:
    """The emulator's resources for one example, named after the example's ARNs."""

    def __init__(self, server):
        self.url = server.url
        self.client = make_client(server.url, access_key=ACCOUNT, region=REGION)
        self.arns = {}  # (kind, name) -> our ARN
        self.tokens = 0

    def later(self, seconds=2):
        """Moves the manual clock on, so the next resource is created in a later second."""
        advance(self.url, seconds)

    def fleet(self, name):
        if ("deployment-fleet", name) not in self.arns:
            self.arns[("deployment-fleet", name)] = self.client.create_fleet(name=name)["arn"]
        return self.arns[("deployment-fleet", name)]

    def robot(self, name, fleet=None, tags=None):
        if ("robot", name) not in self.arns:
            self.arns[("robot", name)] = self.client.create_robot(
                name=name, architecture="X86_64", greengrassGroupId="0f728a3c-7dbf-4a3e-976d-d16a8360caba",
                **({"tags": tags} if tags else {}))["arn"]
        if fleet:
            self.client.register_robot(fleet=self.fleet(fleet), robot=self.arns[("robot", name)])
        return self.arns[("robot", name)]

    def application(self, name):
        if ("robot-application", name) not in self.arns:
            self.arns[("robot-application", name)] = self.client.create_robot_application(
                name=name, sources=SOURCES, robotSoftwareSuite=SUITE)["arn"]
        return self.arns[("robot-application", name)]

    def job(self, fleet, application, finish=False, env=None):
        """A deployment of version 1 of `application` (made if needed) to `fleet`, which needs robots."""
        app = self.application(application)
        versions = self.client.list_robot_applications(versionQualifier="ALL", filters=[
            {"name": "name", "values": [application]}])["robotApplicationSummaries"]
        if not any(v["version"] == "1" for v in versions):
            self.client.create_robot_application_version(application=app)
        launch = dict(LAUNCH, **({"environmentVariables": env} if env else {}))
        self.tokens += 1
        arn = self.client.create_deployment_job(
            fleet=self.fleet(fleet), clientRequestToken=f"token-{self.tokens}", deploymentConfig=CONFIG,
            deploymentApplicationConfigs=[{"application": app, "applicationVersion": "1", "launchConfig": launch}])["arn"]
        if finish:
            assert run_to_end(self.client, self.url, arn, step=0.5)["status"] == "Succeeded"
        return arn

    def ensure(self, arn):
        """The resource a command's ARN names, made if it does not exist yet; returns our ARN."""
        kind, rest = arn.split(":", 5)[5].split("/", 1)
        name = rest.split("/", 1)[0]
        if kind == "deployment-fleet":
            return self.fleet(name)
        if kind == "robot":
            return self.robot(name)
        if kind == "robot-application":
            return self.application(name)
        return self.arns[("deployment-job", name)]  # made by the example's setup


# What each published output shows beyond the resources its command names, made before it runs.
def _describe_deployment_job(w):
    w.robot("MyRobot", fleet="Trek")
    job = w.job("Trek", "RoboMakerHelloWorldRobot")
    w.arns[("deployment-job", "deployment-xl8qssl6pbcn")] = job
    for _ in range(400):  # the example shows the job InProgress with its robot Deploying
        d = w.client.describe_deployment_job(job=job)
        if d["status"] == "InProgress" and d["robotDeploymentSummary"][0]["status"] == "Deploying":
            return
        advance(w.url, 0.05)
    raise AssertionError("the job never had a Deploying robot")


def _describe_fleet(w):
    w.robot("MyOtherRobot", fleet="MyFleet")
    w.later()
    w.robot("MyRobot", fleet="MyFleet")
    w.job("MyFleet", "RoboMakerHelloWorldRobot", finish=True)


def _list_deployment_jobs(w):
    w.robot("MyRobot", fleet="MyFleet")
    w.job("MyFleet", "AWSRoboMakerHelloWorld-1544562726923_YGHM_sh5M", finish=True)
    w.later()
    job = w.job("MyFleet", "HelloWorldRobot", env={"ENVIRONMENT": "Desert"})
    advance(w.url, 1)
    assert w.client.describe_deployment_job(job=job)["status"] != "Pending"


def _list_robot_applications(w):
    for name in ("MyRobot", "AnotherRobot", "MySuperRobot"):
        w.application(name)
        w.later()


def _list_robots(w):
    w.robot("MyRobot")
    w.later()
    w.robot("Robot102", fleet="Trek")
    w.job("Trek", "HelloWorldRobot", finish=True)
    w.later()
    w.robot("Robot101")
    w.later()
    w.robot("Robot100")


def _create_deployment_job(w):
    w.robot("MyRobot", fleet="Trek")
    w.client.create_robot_application_version(application=w.application("RoboMakerVoiceInteractionRobot"))


def _list_fleets(w):
    w.robot("MyRobot", fleet="Trek")
    w.job("Trek", "HelloWorldRobot")


def _sync_deployment_job(w):
    w.robot("MyRobot", fleet="Trek")
    w.job("Trek", "MyRobotApplication", finish=True)


def _tagged(name, tags):
    return lambda w: w.client.tag_resource(resourceArn=w.robot(name), tags=tags)


SETUP = {
    "create-deployment-job": _create_deployment_job,
    "deregister-robot": lambda w: w.robot("MyRobot", fleet="MyFleet"),
    "describe-deployment-job": _describe_deployment_job,
    "describe-fleet": _describe_fleet,
    "describe-robot": _tagged("MyRobot", {"Region": "East"}),
    "list-deployment-jobs": _list_deployment_jobs,
    "list-fleets": _list_fleets,
    "list-robot-applications": _list_robot_applications,
    "list-robots": _list_robots,
    "list-tags-for-resource": _tagged("Robby_the_Robot", {"Region": "North", "Stage": "Initial"}),
    "sync-deployment-job": _sync_deployment_job,
    "untag-resource": _tagged("MyRobot", {"Region": "North"}),
}


def cli_env(tmp_path):
    """No credentials or config of the machine; timestamps printed as the service sent them."""
    config = tmp_path / "aws-config"
    config.write_text("[default]\ncli_timestamp_format = wire\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID=ACCOUNT, AWS_SECRET_ACCESS_KEY="secret", AWS_DEFAULT_REGION=REGION,
               AWS_CONFIG_FILE=str(config), AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"), AWS_PAGER="",
               AWS_MAX_ATTEMPTS="1")
    return env


def run_example(server, example, world, tmp_path):
    """The example's command with its ARNs replaced by ours; returns the printed JSON (None if none)."""
    argv = [re.sub(aws_examples.ARN_RE, lambda m: world.ensure(m.group(0)), a) for a in example.command]
    proc = subprocess.run([AWS, "--endpoint-url", server.url, "--output", "json", "robomaker", *argv],
                          capture_output=True, text=True, env=cli_env(tmp_path), timeout=60)
    assert proc.returncode == 0, f"aws robomaker {' '.join(argv)}: {proc.stderr}"
    return json.loads(proc.stdout) if proc.stdout.strip() else None


def _sign(a, b):
    return (b > a) - (b < a)


def compare(example, published, ours, path=""):
    """Differences between the published value and ours, as readable lines (empty: they agree)."""
    allowed = DIFFERENCES.get((example, path), (None, None))[0]
    if isinstance(published, dict):
        if not isinstance(ours, dict):
            return [f"{path}: an object was published, the emulator sent {ours!r}"]
        out = []
        for key in published:
            sub = f"{path}.{key}" if path else key
            if key not in ours:
                if DIFFERENCES.get((example, sub), (None,))[0] != "absent":
                    out.append(f"{sub}: published, not sent by the emulator")
                continue
            out += compare(example, published[key], ours[key], sub)
        for k in ours:
            sub = f"{path}.{k}" if path else k
            if k not in published and DIFFERENCES.get((example, sub), (None,))[0] != "extra":
                out.append(f"{sub}: sent by the emulator, not in the published output")
        if "arn" in ours and "createdAt" in ours:
            m = OUR_ARN.fullmatch(ours["arn"])
            if m and m.group(2) and ours["createdAt"] != int(m.group(2)) // 1000:
                out.append(f"{path}: createdAt {ours['createdAt']} is not the ARN's milliseconds rounded down")
        return out
    if isinstance(published, list):
        if not isinstance(ours, list) or len(ours) != len(published):
            return [f"{path}: {len(published)} items published, the emulator sent {ours!r}"]
        out = []
        for i, (p, o) in enumerate(zip(published, ours)):
            out += compare(example, p, o, f"{path}.*")
            if i and isinstance(p, dict):
                for key in ("createdAt", "lastUpdatedAt"):
                    if key in p and key in o and key in published[i - 1] and key in ours[i - 1]:
                        if _sign(published[i - 1][key], p[key]) != _sign(ours[i - 1][key], o[key]):
                            out.append(f"{path}[{i}]: order by {key} differs from the published order")
        return out
    if type(published) is not type(ours):
        return [f"{path}: published {type(published).__name__} {published!r}, the emulator sent {ours!r}"]
    key = path.rsplit(".", 1)[-1]
    if key in TIMESTAMPS and ours != int(ours):
        return [f"{path}: {ours!r} is not whole seconds"]
    if isinstance(published, str) and aws_examples.ARN_RE.fullmatch(published) and allowed != "value":
        kind = published.split(":", 5)[5].split("/", 1)[0]
        if not OUR_ARN.fullmatch(ours) or ours.split(":", 5)[5].split("/", 1)[0] != kind:
            return [f"{path}: {ours!r} is not a {kind} ARN of {ACCOUNT} in {REGION} like {published!r}"]
    return []


def test_every_deployment_example_is_loaded():
    names = {e.name for e in EXAMPLES}
    assert len(EXAMPLES) == 23, sorted(names)
    assert {"create-fleet", "list-robots", "describe-deployment-job", "sync-deployment-job"} <= names
    assert all(e.command and e.command[0] == e.name for e in EXAMPLES)
    assert sum(e.output is not None for e in EXAMPLES) == 18
    for (name, _), (kind, reason) in DIFFERENCES.items():
        assert name in names and kind in {"extra", "absent", "value"}
        assert "SEMANTICS" in reason or "model" in reason, reason


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_output_matches_the_published_record(manual, example, tmp_path):
    server, _ = manual
    world = World(server)
    SETUP.get(example.name, lambda w: None)(world)
    ours = run_example(server, example, world, tmp_path)
    if example.output is None:
        assert ours is None, f"AWS's example shows no output; the emulator printed {ours!r}"
        return
    problems = compare(example.name, example.output, ours)
    assert not problems, "\n".join(problems) + "\n\nthe emulator printed:\n" + json.dumps(ours, indent=2)


def test_compare_catches_what_it_claims():
    """The comparison itself: each kind of difference is reported, so the replay cannot pass vacuously."""
    arn = f"arn:aws:robomaker:{REGION}:{ACCOUNT}:robot/a/1550771394395"
    newer = f"arn:aws:robomaker:{REGION}:{ACCOUNT}:robot/b/1550771399000"
    published = {"robots": [{"arn": arn, "createdAt": 1544035373.0}, {"arn": arn, "createdAt": 1540834232.0}]}
    good = {"robots": [{"arn": newer, "createdAt": 1550771399.0}, {"arn": arn, "createdAt": 1550771394.0}]}
    assert compare("list-robots", published, good) == []
    assert any("order" in p for p in compare("list-robots", published, {"robots": good["robots"][::-1]}))
    ms = {"robots": [{"arn": newer, "createdAt": 1550771399.0}, {"arn": arn, "createdAt": 1550771394.395}]}
    assert any("whole seconds" in p for p in compare("list-robots", published, ms))
    extra = {"robots": [dict(good["robots"][0], greenGrassGroupId="g"), good["robots"][1]]}
    assert any("greenGrassGroupId" in p for p in compare("list-robots", published, extra))
    assert any("not sent" in p for p in compare("list-robots", published, {"robots": [{"arn": newer}, good["robots"][1]]}))
    assert any("published" in p for p in compare("list-robots", published, {"robots": good["robots"][:1]}))
    fleet = f"arn:aws:robomaker:{REGION}:{ACCOUNT}:deployment-fleet/a/1550771394395"
    wrong_kind = {"robots": [{"arn": fleet, "createdAt": 1550771394.0}, good["robots"][1]]}
    assert any("robot ARN" in p for p in compare("list-robots", published, wrong_kind))
    skewed = {"robots": [{"arn": newer, "createdAt": 1550771400.0}, good["robots"][1]]}
    assert any("rounded down" in p for p in compare("list-robots", published, skewed))
    assert any("str" in p for p in compare("describe-robot", {"name": "x"}, {"name": 5}))
