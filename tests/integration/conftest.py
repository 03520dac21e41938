"""Shared fixtures: a fresh robomaker-local process per test and boto3 clients pointed at it.

Run with Debian's /usr/bin/python3 (its botocore still carries the RoboMaker model).

Every client made by make_client checks each response it receives against the botocore model
(model_check.py); violations collect in model_check.VIOLATIONS and the autouse fixture
`model_conformance` fails the test that produced them (reported as an error at its teardown)."""
import json

import boto3
import pytest
from botocore.config import Config

import model_check
from server_process import ServerProcess


def _check_model(http_response, model, **_):
    """after-call handler: the raw body, status and headers of every response a client receives."""
    problems = model_check.check_response(
        model.name, http_response.status_code, http_response.headers, http_response.content)
    model_check.VIOLATIONS.extend(problems)


def make_client(url, access_key="AKIDEXAMPLE", region="us-east-1", validate=True):
    client = boto3.client(
        "robomaker",
        endpoint_url=url,
        region_name=region,
        aws_access_key_id=access_key,
        aws_secret_access_key="secret",
        config=Config(parameter_validation=validate, retries={"max_attempts": 1}),
    )
    client.meta.events.register("after-call.robomaker", _check_model)
    return client


@pytest.fixture(autouse=True)
def model_conformance():
    """Fails the test if any response it received broke the botocore model."""
    model_check.VIOLATIONS.clear()
    yield model_check.VIOLATIONS
    found = list(model_check.VIOLATIONS)
    model_check.VIOLATIONS.clear()
    assert not found, "responses that break the botocore model:\n" + "\n".join(found)


@pytest.fixture
def server():
    srv = ServerProcess().start()
    yield srv
    srv.stop()


@pytest.fixture
def client(server):
    return make_client(server.url)


@pytest.fixture
def start_server(tmp_path):
    """Factory: start_server(db=":memory:", quotas=None, args=()) -> a started ServerProcess.

    `quotas` (a dict) is written to a --config file in tmp_path. Every server it started is
    stopped (by pid) at teardown if the test did not stop it."""
    started = []

    def start(db=":memory:", quotas=None, args=()):
        args = list(args)
        if quotas is not None:
            path = tmp_path / f"config-{len(started)}.json"
            path.write_text(json.dumps({"quotas": quotas}))
            args += ["--config", str(path)]
        srv = ServerProcess(db=str(db), args=args).start()
        started.append(srv)
        return srv

    yield start
    for srv in started:
        srv.stop()
