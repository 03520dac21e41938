"""Helpers over the control API: the simulated clock, waiting for a deployment job, snapshots.

Each takes an optional `guard(what, moves)`: the pytest fixtures pass one that skips the test
instead of changing something every user of a shared server (RML_URL) would see."""
import datetime
import urllib.parse
from collections.abc import Mapping

from .server import ControlError


class WaitTimeout(TimeoutError):
    """GET /_emulator/wait answered 408: the job did not reach the status in time. `body` is the
    job's DescribeDeploymentJob answer as of then."""

    def __init__(self, job, status, timeout, body):
        self.job = job
        self.status = status
        self.timeout = timeout
        self.body = body
        now = body.get("status") if isinstance(body, Mapping) else body
        super().__init__(f"deployment job {job} did not reach {status or 'a terminal status'} within "
                         f"{timeout} s (wall clock); it is {now}")


def _job_arn(job):
    if isinstance(job, Mapping):
        return job["arn"]
    return str(job)


def _seconds(value):
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def wait_for_job(server, job, status=None, timeout=30):
    """GET /_emulator/wait?job=ARN&status=S&timeout=SEC: returns the DescribeDeploymentJob answer as
    soon as the job is in `status` or in any terminal status (so check its "status"), without
    polling; `status=None` waits for a terminal status. Raises WaitTimeout after `timeout` wall
    seconds. `job` is an ARN or a dict with "arn" (the CreateDeploymentJob answer)."""
    arn = _job_arn(job)
    query = {"job": arn, "timeout": _seconds(timeout)}
    if status:
        query["status"] = status
    path = "/_emulator/wait?" + urllib.parse.urlencode(query)
    code, headers, body = server.request("GET", path, timeout=float(timeout) + 15)
    if code == 200:
        return body
    if code == 408:
        raise WaitTimeout(arn, status, timeout, body)
    error_type = (headers.get("x-amzn-errortype") or "").split(":", 1)[0] or None
    message = body.get("message") if isinstance(body, Mapping) else body
    raise ControlError("GET", path, code, error_type, message, body)


def _no_guard(what, moves=True):
    return None


class Clock:
    """The server's simulated clock (server-wide: every account and region shares it)."""

    def __init__(self, server, guard=None):
        self.server = server
        self._guard = guard or _no_guard
        self.initial = None   # the state before this object first changed it

    def state(self):
        """GET /_emulator/clock: {"mode","scale","now","nowMs"}."""
        return self.server.control("GET", "/_emulator/clock")

    def now(self):
        """Simulated now, as a timezone-aware UTC datetime (comparable with boto3's timestamps)."""
        ms = self.state()["nowMs"]
        return datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc)

    def _post(self, body, moves):
        current = self.state()
        self._guard(f"changing the simulated clock ({body})", moves(current))
        if self.initial is None:
            self.initial = current
        return self.server.control("POST", "/_emulator/clock", body)

    def advance(self, seconds):
        """POST {"advanceSeconds": N} (manual mode only): every deployment transition due in the span
        happens, in order, before the answer, which is the new clock state."""
        return self._post({"advanceSeconds": seconds}, lambda current: True)

    def manual(self):
        """POST {"mode": "manual"}: simulated time stops until advanced."""
        return self._post({"mode": "manual"}, lambda current: current.get("mode") != "manual")

    def real(self, scale=1):
        """POST {"mode": "real", "scale": scale}: simulated time follows the wall clock, `scale`
        simulated seconds per wall second, from where it is (it never goes back)."""
        return self._post({"mode": "real", "scale": scale},
                          lambda current: current.get("mode") != "real" or float(current.get("scale", 1)) != float(scale))

    def restore(self):
        """Puts back the mode and scale this object found before its first change (time itself
        stays where it got). Returns the clock state, or None if nothing was changed."""
        if self.initial is None:
            return None
        initial, self.initial = self.initial, None
        return self.server.control("POST", "/_emulator/clock",
                                   {"mode": initial.get("mode", "real"), "scale": initial.get("scale", 1)})


class Snapshots:
    """Named snapshots of the server's state: POST/GET /_emulator/snapshots,
    POST /_emulator/snapshots/NAME/restore, DELETE /_emulator/snapshots/NAME.

    A server without these calls answers 404 UnknownOperationException (ControlError with
    `unknown_operation` true); supported() tells beforehand."""

    def __init__(self, server, guard=None):
        self.server = server
        self._guard = guard or _no_guard
        self.saved = []   # names saved through this object

    @staticmethod
    def _path(name):
        return "/_emulator/snapshots/" + urllib.parse.quote(str(name), safe="")

    def supported(self):
        try:
            self.list()
        except ControlError as err:
            if err.unknown_operation:
                return False
            raise
        return True

    def save(self, name):
        answer = self.server.control("POST", "/_emulator/snapshots", {"name": name})
        if name not in self.saved:
            self.saved.append(name)
        return answer

    def restore(self, name, account=None, region=None):
        """Restores the snapshot: the whole state, or only `account` and/or `region`."""
        body = {k: v for k, v in (("account", account), ("region", region)) if v is not None}
        if not body:
            self._guard(f"restoring snapshot {name!r} over the whole state", True)
        return self.server.control("POST", self._path(name) + "/restore", body)

    def delete(self, name):
        answer = self.server.control("DELETE", self._path(name))
        if name in self.saved:
            self.saved.remove(name)
        return answer

    def list(self):
        """The server's answer to GET /_emulator/snapshots, unchanged."""
        return self.server.control("GET", "/_emulator/snapshots")

    def delete_saved(self):
        """Deletes every snapshot saved through this object (errors ignored)."""
        for name in list(self.saved):
            try:
                self.delete(name)
            except (ControlError, OSError):
                self.saved.remove(name)
