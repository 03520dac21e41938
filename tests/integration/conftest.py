"""Shared fixtures: a fresh robomaker-local process per test and boto3 clients pointed at it.

Run with Debian's /usr/bin/python3 (its botocore still carries the RoboMaker model)."""
import boto3
import pytest
from botocore.config import Config

from server_process import ServerProcess


def make_client(url, access_key="AKIDEXAMPLE", region="us-east-1", validate=True):
    return boto3.client(
        "robomaker",
        endpoint_url=url,
        region_name=region,
        aws_access_key_id=access_key,
        aws_secret_access_key="secret",
        config=Config(parameter_validation=validate, retries={"max_attempts": 1}),
    )


@pytest.fixture
def server():
    srv = ServerProcess().start()
    yield srv
    srv.stop()


@pytest.fixture
def client(server):
    return make_client(server.url)
