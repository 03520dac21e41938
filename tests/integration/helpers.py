"""Small helpers shared by the boto3 suites: expected errors, ARN shapes, resource factories."""
import re

import pytest
from botocore.exceptions import ClientError

DEFAULT_ACCOUNT = "123456789012"
DEFAULT_REGION = "us-east-1"


def fleet_arn_re(name, account=DEFAULT_ACCOUNT, region=DEFAULT_REGION):
    """SEMANTICS §3: arn:aws:robomaker:REGION:ACCOUNT:deployment-fleet/NAME/EPOCHMS (13 digits)."""
    return re.compile(rf"arn:aws:robomaker:{re.escape(region)}:{account}:deployment-fleet/{re.escape(name)}/(\d{{13}})")


def robot_arn_re(name, account=DEFAULT_ACCOUNT, region=DEFAULT_REGION):
    return re.compile(rf"arn:aws:robomaker:{re.escape(region)}:{account}:robot/{re.escape(name)}/(\d{{13}})")


def epoch_ms_of(created_at):
    """boto3 parses a timestamp into an aware datetime; as epoch milliseconds (always a multiple of
    1000 for the service's timestamps, which are whole seconds)."""
    return round(created_at.timestamp() * 1000)


def assert_arn_matches_created(arn, pattern, created_at):
    """SEMANTICS §2, §3: createdAt is the ARN's millisecond suffix rounded down to whole seconds."""
    m = pattern.fullmatch(arn)
    assert m, f"{arn!r} does not match {pattern.pattern!r}"
    assert created_at.microsecond == 0, created_at
    assert int(m.group(1)) // 1000 == int(created_at.timestamp()), (arn, created_at)


def expect_error(code, fn, *args, status=400, **kwargs):
    """Calls fn and asserts it fails with error `code` and HTTP `status`; returns the message."""
    with pytest.raises(ClientError) as info:
        fn(*args, **kwargs)
    err = info.value.response
    assert err["Error"]["Code"] == code, err
    assert err["ResponseMetadata"]["HTTPStatusCode"] == status, err
    message = err["Error"]["Message"]
    assert isinstance(message, str) and message, err
    return message


def strip(resp):
    """A response without ResponseMetadata, for comparisons."""
    return {k: v for k, v in resp.items() if k != "ResponseMetadata"}


def make_robot(client, name, architecture="X86_64", group="gg-group-1", **kwargs):
    return client.create_robot(name=name, architecture=architecture, greengrassGroupId=group, **kwargs)


def list_all(client, operation, key, nextToken=None, **kwargs):
    """Pages `operation` (e.g. 'list_robots') from `nextToken` until there is none; returns all
    items in order."""
    items, token = [], nextToken
    call = getattr(client, operation)
    while True:
        resp = call(**kwargs, **({"nextToken": token} if token else {}))
        items.extend(resp[key])
        token = resp.get("nextToken")
        if not token:
            return items
