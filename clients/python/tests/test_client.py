"""RobomakerLocal.client: the account, the region, and a clear error for a botocore without
RoboMaker."""
import boto3
import pytest
from botocore.exceptions import UnknownServiceError

from robomaker_local_pytest import random_account_id


def test_region_and_account(robomaker_server):
    account = random_account_id()
    client = robomaker_server.client(account, region="eu-west-1")
    assert client.account_id == account
    arn = client.create_fleet(name="regional")["arn"]
    assert arn.startswith(f"arn:aws:robomaker:eu-west-1:{account}:deployment-fleet/regional/")
    assert robomaker_server.client(account).list_fleets()["fleetDetails"] == []   # us-east-1
    robomaker_server.reset(account=account, region="eu-west-1")
    assert client.list_fleets()["fleetDetails"] == []


def test_a_botocore_without_robomaker_is_explained(robomaker_server, monkeypatch):
    def no_robomaker(self, service_name, **kwargs):
        raise UnknownServiceError(service_name=service_name, known_service_names="s3")
    monkeypatch.setattr(boto3.session.Session, "client", no_robomaker)
    with pytest.raises(RuntimeError, match="has no RoboMaker model: export it with .*AWS_DATA_PATH"):
        robomaker_server.client()
