"""Helpers for the deployment suites (SEMANTICS §6-§8): a fleet of robots, an application
version to deploy, the control API's clock, objects and timeline, and driving a job to its end
with a manual clock.

Servers for these suites run with `--clock manual` (see the `manual` fixture in the suites), so
nothing moves until a test advances the clock; the default `fast` preset's steps take well under
a second of simulated time each."""
import urllib.parse

import raw_http
from app_helpers import SOURCE, SUITE, make_app
from helpers import epoch_ms_of, make_robot

TERMINAL = {"Succeeded", "Failed", "Canceled"}
LAUNCH = {"packageName": "nav", "launchFile": "nav.launch"}


def control(url, method, path, body=None):
    """A control-API call; returns the parsed JSON and asserts HTTP 200."""
    resp = raw_http.send(url, method, path, body if body is not None else b"")
    assert resp.status == 200, (method, path, resp.status, resp.body)
    return resp.json()


def advance(url, seconds):
    """Moves the manual clock forward; every transition due in the span happens before it returns."""
    return control(url, "POST", "/_emulator/clock", {"advanceSeconds": seconds})


def events(url, job_arn):
    """The job's timeline: every job and robot transition, oldest first."""
    ref = urllib.parse.quote(job_arn, safe="")
    return control(url, "GET", f"/_emulator/jobs/{ref}/events")["events"]


def object_action(url, bucket, key, action):
    return control(url, "POST", "/_emulator/objects", {"bucket": bucket, "key": key, "action": action})


def make_fleet(client, name, robots=1, architecture="X86_64", tags=None, prefix=None):
    """A fleet with `robots` registered robots (names PREFIX0, PREFIX1, ...); returns
    (fleet_arn, [robot_arn, ...]) with robots in registration order. `tags` maps a robot index to
    that robot's tags."""
    fleet = client.create_fleet(name=name)["arn"]
    arns = []
    for i in range(robots):
        extra = {"tags": tags[i]} if tags and i in tags else {}
        arn = make_robot(client, f"{prefix or name + '-r'}{i}", architecture=architecture, **extra)["arn"]
        client.register_robot(fleet=fleet, robot=arn)
        arns.append(arn)
    return fleet, arns


def make_version(client, name, sources=(SOURCE,)):
    """An application with one numbered version; returns (application_arn, version)."""
    app = make_app(client, name, sources=sources)["arn"]
    return app, client.create_robot_application_version(application=app)["version"]


def app_config(app, version, launch=None, env=None):
    cfg = {"application": app, "applicationVersion": version, "launchConfig": dict(launch or LAUNCH)}
    if env:
        cfg["launchConfig"]["environmentVariables"] = dict(env)
    return [cfg]


def create_job(client, fleet, app, version, token, config=None, launch=None, env=None, **kwargs):
    if config is not None:
        kwargs["deploymentConfig"] = config
    return client.create_deployment_job(clientRequestToken=token, fleet=fleet,
                                        deploymentApplicationConfigs=app_config(app, version, launch, env), **kwargs)


def run_to_end(client, url, job_arn, step=1.0, limit=10_000):
    """Advances the manual clock `step` seconds at a time until the job is terminal; returns the
    final DescribeDeploymentJob."""
    for _ in range(limit):
        d = client.describe_deployment_job(job=job_arn)
        if d["status"] in TERMINAL:
            return d
        advance(url, step)
    raise AssertionError(f"job {job_arn} did not finish within {limit} steps")


def summary_by_arn(describe):
    return {r["arn"]: r for r in describe.get("robotDeploymentSummary", [])}


def max_deploying(evts):
    """Replays a timeline: the most robots in Deploying at any one simulated instant (all
    transitions at one instant applied before counting)."""
    deploying, peak, i = set(), 0, 0
    while i < len(evts):
        t = evts[i]["time"]
        while i < len(evts) and evts[i]["time"] == t:
            e = evts[i]
            if e["resource"] == "robot":
                (deploying.add if e["newStatus"] == "Deploying" else deploying.discard)(e["arn"])
            i += 1
        peak = max(peak, len(deploying))
    return peak


def job_id(job_arn):
    """The job's id, the ARN's last part (deployment-xxxxxxxxxxxx); the control API takes it too."""
    return job_arn.rsplit("/", 1)[1]


def job_path(job_arn, action, by_id=False):
    """/_emulator/jobs/{jobId}/{action} with the percent-encoded ARN (or the id)."""
    ref = job_id(job_arn) if by_id else urllib.parse.quote(job_arn, safe="")
    return f"/_emulator/jobs/{ref}/{action}"


def hold(url, job_arn, status, by_id=False):
    """POST /_emulator/jobs/{jobId}/hold: the job stops once it reaches `status`, until released;
    answers {"job","status","holdStatus","held"}."""
    return control(url, "POST", job_path(job_arn, "hold", by_id), {"status": status})


def release(url, job_arn, by_id=False):
    return control(url, "POST", job_path(job_arn, "release", by_id))


def wait_job(url, job, status=None, timeout=None, http_timeout=None):
    """GET /_emulator/wait for `job` (an ARN, sent percent-encoded, or an id); returns the raw
    raw_http.Response (200 when the job reached `status` or a terminal one, 408 at the timeout,
    both with the DescribeDeploymentJob body). The socket timeout defaults to the wait's plus 10 s."""
    query = [("job", job)]
    if status is not None:
        query.append(("status", status))
    if timeout is not None:
        query.append(("timeout", str(timeout)))
    path = "/_emulator/wait?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote, safe="")
    if http_timeout is None:
        http_timeout = (30 if timeout is None else float(timeout)) + 10
    return raw_http.send(url, "GET", path, timeout=http_timeout)


def now_ms(url):
    """The simulated present, in epoch milliseconds."""
    return control(url, "GET", "/_emulator/clock")["nowMs"]


def ms(t):
    """An event's `time` (epoch seconds) or a boto3 datetime, in epoch milliseconds."""
    return round(t * 1000) if isinstance(t, (int, float)) else epoch_ms_of(t)


def whole_ms(t):
    """A control-API time (epoch seconds with milliseconds) as the service shows the instant:
    whole seconds, rounded down (SEMANTICS §2), in epoch milliseconds."""
    return ms(t) // 1000 * 1000


def advance_until(client, url, job, predicate, step=0.05, limit=4000):
    """Advances `step` s at a time until predicate(DescribeDeploymentJob) holds; returns it."""
    for _ in range(limit):
        d = client.describe_deployment_job(job=job)
        if predicate(d):
            return d
        advance(url, step)
    raise AssertionError(f"{job}: condition never held")


def status_is(*statuses):
    return lambda d: d["status"] in statuses
