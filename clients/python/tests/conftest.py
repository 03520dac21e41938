"""Tests of robomaker-local-pytest itself. The plugin comes from this checkout (pyproject's
`pythonpath`) or from an installed copy (its pytest11 entry point has the same name, so it is
registered once). Inner sessions (pytester, in subprocesses) load it with -p and PYTHONPATH."""
import os
import uuid

import pytest

pytest_plugins = ["pytester", "robomaker_local_pytest"]

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
XDIST_VARIABLES = ("PYTEST_XDIST_WORKER", "PYTEST_XDIST_WORKER_COUNT", "PYTEST_XDIST_TESTRUNUID")


@pytest.fixture
def inner(pytester, monkeypatch):
    """run(*args, **env) -> RunResult of a pytest session in a subprocess, in pytester.path, with the
    plugin loaded from this checkout and the outer session's RML_URL and xdist variables removed;
    keyword arguments set (or, when None, remove) environment variables for it."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (PACKAGE_DIR, os.environ.get("PYTHONPATH")) if p))
    for name in ("RML_URL", "RML_URL_EXCLUSIVE", *XDIST_VARIABLES):
        monkeypatch.delenv(name, raising=False)

    def run(*args, **env):
        for name, value in env.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, str(value))
        return pytester.runpytest_subprocess("-p", "robomaker_local_pytest", "-p", "no:cacheprovider", *args,
                                             timeout=120)

    return run


@pytest.fixture
def needs_binary(request):
    """Skips unless a robomaker-local binary is at hand (RML_BIN, --robomaker-local-bin or PATH)."""
    from robomaker_local_pytest import find_binary
    binary = find_binary(request.config.getoption("robomaker_local_bin"))
    if binary is None:
        pytest.skip("needs the robomaker-local binary (RML_BIN)")
    return binary


def process_gone(pid, timeout=10.0):
    """True once `pid` no longer runs (no /proc entry, or a zombie), polling up to `timeout` s."""
    import time
    deadline = time.monotonic() + timeout
    while True:
        try:
            with open(f"/proc/{pid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state in ("Z", "X"):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


@pytest.fixture
def deployment():
    """start(client) -> the CreateDeploymentJob answer for a fleet with one robot and one application
    version, all new in the client's account."""
    def start(client):
        suffix = uuid.uuid4().hex[:8]
        fleet = client.create_fleet(name=f"fleet-{suffix}")["arn"]
        robot = client.create_robot(name=f"robot-{suffix}", architecture="X86_64",
                                    greengrassGroupId="gg-1")["arn"]
        client.register_robot(fleet=fleet, robot=robot)
        app = client.create_robot_application(
            name=f"app-{suffix}",
            sources=[{"s3Bucket": "my-bucket", "s3Key": "app.tar.gz", "architecture": "X86_64"}],
            robotSoftwareSuite={"name": "ROS2", "version": "Foxy"})["arn"]
        client.create_robot_application_version(application=app)
        return client.create_deployment_job(
            fleet=fleet, clientRequestToken=suffix,
            deploymentApplicationConfigs=[{"application": app, "applicationVersion": "1",
                                           "launchConfig": {"packageName": "demo", "launchFile": "demo.launch"}}])
    return start
