"""The soak's clients (bench/soak.py): each worker loops on its own account until `stop` is set
and reports every request to a Recorder. Service calls go through boto3 (retries off, so every
5xx is seen); control-API calls and connection churn use raw HTTP.

A 5xx counts as asked only when its message says a fault rule injected it; the only rules that
inject 5xx are the fault worker's, scoped to its own account."""
import http.client
import json
import random
import socket
import time
import urllib.parse

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

TERMINAL = {"Succeeded", "Failed", "Canceled"}
SOURCE = {"s3Bucket": "soak-bucket", "s3Key": "nav/x86.tar.gz", "architecture": "X86_64"}
SUITE = {"name": "ROS2", "version": "Foxy"}
LAUNCH = {"packageName": "nav", "launchFile": "nav.launch"}


def client(url, account):
    return boto3.client("robomaker", endpoint_url=url, region_name="us-east-1", aws_access_key_id=account,
                        aws_secret_access_key="secret",
                        config=Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=30))


class Worker:
    def __init__(self, name, url, account, rec, stop, seed):
        self.name, self.url, self.account, self.rec, self.stop = name, url, account, rec, stop
        self.rng = random.Random(seed)
        self.api = client(url, account)
        host, port = urllib.parse.urlsplit(url).netloc.rsplit(":", 1)
        self.addr = (host, int(port))
        self.n = 0

    def call(self, op, **kw):
        """One service call; returns the response, or None on a 4xx (expected in a race)."""
        t0 = time.monotonic()
        try:
            out = getattr(self.api, op)(**kw)
            self.rec.request(self.name, time.monotonic() - t0, 200)
            return out
        except ClientError as e:
            status = e.response["ResponseMetadata"].get("HTTPStatusCode", 0)
            message = e.response.get("Error", {}).get("Message", "")
            code = e.response.get("Error", {}).get("Code", "")
            self.rec.request(self.name, time.monotonic() - t0, status, asked="Injected by robomaker-local" in message,
                             what=f"{op}: {status} {code} {message}", kind=f"{op} {code}")
            return None
        except Exception as e:  # noqa: BLE001 - a transport error is a finding, not a crash of the soak
            self.rec.failure(self.name, f"{op}: {type(e).__name__}: {e}")
            return None

    def control(self, method, path, body=None, timeout=30):
        """A control-API call on a fresh connection; returns (status, parsed body or None)."""
        t0 = time.monotonic()
        try:
            conn = http.client.HTTPConnection(*self.addr, timeout=timeout)
            data = json.dumps(body).encode() if body is not None else None
            conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
            resp = conn.getresponse()
            raw = resp.read()
            conn.close()
        except Exception as e:  # noqa: BLE001
            self.rec.failure(self.name, f"{method} {path}: {type(e).__name__}: {e}")
            return 0, None
        self.rec.request(self.name, time.monotonic() - t0, resp.status, control=True,
                         what=f"{method} {path}: {resp.status} {raw[:200]!r}",
                         kind=f"{method} {'/'.join(path.split('?')[0].split('/')[:3])} {resp.status}")
        try:
            return resp.status, json.loads(raw)
        except ValueError:
            return resp.status, None

    def uid(self):
        self.n += 1
        return f"{self.name}-{self.n}"

    def run(self):
        while not self.stop.is_set():
            self.cycle()


class Crud(Worker):
    """Fleets, robots, applications and tags: create, read, list, change and delete again."""

    def cycle(self):
        u = self.uid()
        fleet = self.call("create_fleet", name=f"f-{u}", tags={"k": "v"})
        robot = self.call("create_robot", name=f"r-{u}", architecture="X86_64", greengrassGroupId="g")
        app = self.call("create_robot_application", name=f"a-{u}", sources=[SOURCE], robotSoftwareSuite=SUITE)
        if fleet and robot:
            self.call("register_robot", fleet=fleet["arn"], robot=robot["arn"])
            self.call("describe_fleet", fleet=fleet["arn"])
            self.call("describe_robot", robot=robot["arn"])
            self.call("tag_resource", resourceArn=robot["arn"], tags={"t": u})
            self.call("list_tags_for_resource", resourceArn=robot["arn"])
            self.call("untag_resource", resourceArn=robot["arn"], tagKeys=["t"])
            self.call("list_robots", maxResults=5, filters=[{"name": "fleetName", "values": [f"f-{u}"]}])
            self.call("deregister_robot", fleet=fleet["arn"], robot=robot["arn"])
        self.call("list_fleets", maxResults=3)
        if app:
            self.call("create_robot_application_version", application=app["arn"])
            self.call("describe_robot_application", application=app["arn"])
            self.call("list_robot_applications", maxResults=10)
            self.call("delete_robot_application", application=app["arn"])
        if robot:
            self.call("delete_robot", robot=robot["arn"])
        if fleet:
            self.call("delete_fleet", fleet=fleet["arn"])


class Deploy(Worker):
    """Deployments on the real clock: succeed, fail (a fault rule on fleets named *-fail-*), get
    canceled (some while held at InProgress), get synced; waited for with /_emulator/wait. Each
    cycle begins with a reset of this worker's account, so the database stays bounded."""

    def cycle(self):
        self.control("POST", "/_emulator/reset", {"account": self.account})
        u = self.uid()
        kind = self.rng.choice(["succeed", "fail", "cancel", "hold-cancel", "sync"])
        fleet = self.call("create_fleet", name=f"{u}-fail-x" if kind == "fail" else f"{u}-ok")
        app = self.call("create_robot_application", name=f"a-{u}", sources=[SOURCE], robotSoftwareSuite=SUITE)
        if not fleet or not app:
            return
        for i in range(3):
            robot = self.call("create_robot", name=f"r{i}-{u}", architecture="X86_64", greengrassGroupId="g")
            if robot:
                self.call("register_robot", fleet=fleet["arn"], robot=robot["arn"])
        version = self.call("create_robot_application_version", application=app["arn"])
        if not version:
            return
        job = self.call("create_deployment_job", fleet=fleet["arn"], clientRequestToken=u,
                        deploymentApplicationConfigs=[{"application": app["arn"],
                                                       "applicationVersion": version["version"],
                                                       "launchConfig": LAUNCH}])
        if not job:
            return
        ref = urllib.parse.quote(job["arn"], safe="")
        if kind == "hold-cancel":
            self.control("POST", f"/_emulator/jobs/{ref}/hold", {"status": "InProgress"})
            self.control("GET", f"/_emulator/wait?job={ref}&status=InProgress&timeout=20")
            self.call("cancel_deployment_job", job=job["arn"])
            self.control("POST", f"/_emulator/jobs/{ref}/release")
        elif kind == "cancel":
            time.sleep(self.rng.uniform(0, 0.3))
            self.call("cancel_deployment_job", job=job["arn"])
        self.control("GET", f"/_emulator/wait?job={ref}&timeout=20")
        self.call("describe_deployment_job", job=job["arn"])
        self.call("list_deployment_jobs", maxResults=5)
        self.control("GET", f"/_emulator/jobs/{ref}/events")
        if kind == "sync":
            synced = self.call("sync_deployment_job", fleet=fleet["arn"], clientRequestToken=f"s-{u}")
            if synced:
                sref = urllib.parse.quote(synced["arn"], safe="")
                self.control("GET", f"/_emulator/wait?job={sref}&timeout=20")


class Faults(Worker):
    """API fault rules on this account (5xx and latency), the object store and the read-only
    control calls (clock, faults, metrics, overview, journal)."""

    def cycle(self):
        ids = []
        for rule in ({"operation": "Describe*", "error": "InternalServerException", "probability": 0.3,
                      "account": self.account},
                     {"operation": "List*", "error": "ServiceUnavailableException", "probability": 0.2,
                      "account": self.account},
                     {"operation": "ListFleets", "latencyMs": 20, "account": self.account}):
            status, body = self.control("POST", "/_emulator/faults", rule)
            if status == 200 and body:
                ids.append(body["id"])
        fleet = self.call("create_fleet", name=f"f-{self.uid()}")
        for _ in range(10):
            if fleet:
                self.call("describe_fleet", fleet=fleet["arn"])
            self.call("list_fleets")
            self.call("list_robots")
        key = f"k{self.rng.randrange(50)}"
        self.control("POST", "/_emulator/objects", {"bucket": "soak-bucket", "key": key,
                                                    "action": self.rng.choice(["touch", "delete", "restore"])})
        self.control("GET", f"/_emulator/objects?bucket=soak-bucket&key={key}")
        for path in ("/_emulator/faults", "/_emulator/clock", "/_emulator/metrics", "/_emulator/health",
                     f"/_emulator/overview?account={self.account}", "/_emulator/requests?limit=20"):
            self.control("GET", path)
        for rule_id in ids:
            self.control("DELETE", f"/_emulator/faults?id={rule_id}")
        if fleet:
            self.call("delete_fleet", fleet=fleet["arn"])


class Churn(Worker):
    """Connections opened and dropped: idle, half a request, a request without reading the
    answer, and a few keep-alive requests on one connection."""

    def cycle(self):
        kind = self.rng.randrange(4)
        t0 = time.monotonic()
        try:
            with socket.create_connection(self.addr, timeout=10) as s:
                if kind == 1:
                    s.sendall(b"POST /listFleets HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n{\"max")
                elif kind == 2:
                    s.sendall(b"GET /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\n")
                elif kind == 3:
                    for _ in range(5):
                        s.sendall(b"GET /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\n")
                        data = b""
                        while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
                            chunk = s.recv(4096)
                            if not chunk:
                                raise ConnectionError("closed in the middle of a keep-alive exchange")
                            data += chunk
                        status = int(data.split(b" ", 2)[1])
                        self.rec.request(self.name, time.monotonic() - t0, status, control=True,
                                         what=f"keep-alive health: {data[:120]!r}")
                        t0 = time.monotonic()
        except Exception as e:  # noqa: BLE001
            self.rec.failure(self.name, f"churn {kind}: {type(e).__name__}: {e}")
        time.sleep(0.005)


WORKERS = [("crud1", Crud, "111111111111"), ("crud2", Crud, "222222222222"),
           ("deploy1", Deploy, "333333333333"), ("deploy2", Deploy, "444444444444"),
           ("deploy3", Deploy, "666666666666"), ("faults", Faults, "555555555555"),
           ("churn", Churn, "777777777777")]
# Robots of fleets whose name contains "-fail-" fail (Deploy's "fail" kind).
DEPLOYMENT_RULE = {"code": "GreengrassDeploymentFailed", "match": {"fleet": "*-fail-*"},
                   "description": "soak: failing deployments"}
