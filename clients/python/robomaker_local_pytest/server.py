"""A robomaker-local server: a process started here (stopped by its pid) or one already running.

Only the standard library is used for HTTP (urllib, with environment proxies ignored); boto3 is
imported when a client is asked for."""
import atexit
import collections
import ctypes
import functools
import json
import os
import queue
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request

LISTENING_PREFIX = "robomaker-local listening on "
DEFAULT_ACCOUNT = "123456789012"   # the server's default; random accounts avoid it
DEFAULT_REGION = "us-east-1"
LOG_LINES = 5000                   # lines of server output kept in memory

# Never send requests for 127.0.0.1 through an http_proxy from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ControlError(Exception):
    """An HTTP error answer of robomaker-local (the service's error format: x-amzn-ErrorType and
    {"message": ...})."""

    def __init__(self, method, path, status, error_type, message, body):
        self.method = method
        self.path = path
        self.status = status
        self.error_type = error_type
        self.message = message
        self.body = body
        super().__init__(f"{method} {path}: HTTP {status} {error_type or '(no error type)'}: {message}")

    @property
    def unknown_operation(self):
        """True for 404 UnknownOperationException: the server has no such call (e.g. an older build)."""
        return self.status == 404 and self.error_type == "UnknownOperationException"


class ServerStartError(RuntimeError):
    """The binary did not print its listening line."""


def random_account_id():
    """A random 12-digit account id (no leading zero), never the server's default account."""
    while True:
        account = str(10**11 + secrets.randbelow(9 * 10**11))
        if account != DEFAULT_ACCOUNT:
            return account


def find_binary(explicit=None):
    """The robomaker-local binary: `explicit` (the pytest option), else $RML_BIN, else
    `robomaker-local` on PATH. Returns an absolute path or None."""
    for candidate in (explicit, os.environ.get("RML_BIN")):
        if candidate:
            path = os.path.abspath(os.path.expanduser(candidate))
            return path if os.path.isfile(path) and os.access(path, os.X_OK) else None
    return shutil.which("robomaker-local")


def _decode(content_type, raw):
    if raw and ("json" in (content_type or "") or raw[:1] in (b"{", b"[")):
        try:
            return json.loads(raw.decode("utf-8"))
        except ValueError:
            pass
    return raw.decode("utf-8", "replace")


def http_call(base_url, method, path, body=None, timeout=30.0):
    """One request; returns (status, headers with lower-case names, decoded body). `path` is absolute
    ("/_emulator/health") or relative to /_emulator/ ("health"); `body` is a value to JSON-encode,
    bytes, or None for no body."""
    if not path.startswith("/"):
        path = "/_emulator/" + path
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(base_url + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with _OPENER.open(req, timeout=timeout) as resp:
            status, headers, raw = resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        with err:
            status, headers, raw = err.code, err.headers, err.read()
    lowered = {k.lower(): v for k, v in headers.items()}
    return status, lowered, _decode(lowered.get("content-type"), raw)


def _parent_death_signal():
    """preexec_fn asking Linux to SIGTERM the child when the thread that started it dies, so a
    pytest killed with SIGKILL leaves no server behind. Only from the main thread (the signal follows
    the creating thread, not the process)."""
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1
    sig = int(signal.SIGTERM)

    def set_signal():
        prctl(pr_set_pdeathsig, sig, 0, 0, 0)

    return set_signal


_RUNNING = set()


@atexit.register
def _stop_all():
    for server in list(_RUNNING):
        server.stop()


class RobomakerLocal:
    """A robomaker-local server. `url` is its base URL; `pid` is its process id when it was started
    here, None for a server found at RML_URL. `log` holds the last lines of its stdout and stderr
    (one line per request at the default log level)."""

    def __init__(self, url, process=None, command=None):
        self.url = url.rstrip("/") if url else url
        self.command = command
        self._process = process
        self._readers = []
        self._lock = threading.Lock()
        self._log = collections.deque(maxlen=LOG_LINES)
        self._log_total = 0
        self.exit_code = None

    def __repr__(self):
        where = f"pid {self.pid}" if self.pid is not None else "external"
        return f"<RobomakerLocal {self.url} {where}>"

    # ----- life cycle

    @classmethod
    def external(cls, url, timeout=10.0):
        """The server already running at `url`; checks GET /_emulator/health."""
        server = cls(url)
        try:
            server.health(timeout=timeout)
        except (OSError, ControlError) as err:
            raise ServerStartError(f"robomaker-local at {url} does not answer GET /_emulator/health: {err}") from None
        return server

    @classmethod
    def start(cls, binary, db=":memory:", args=(), host="127.0.0.1", timeout=15.0, env=None):
        """Starts `binary --host HOST --port 0 --db DB ARGS...` and waits for its listening line."""
        command = [str(binary), "--host", host, "--port", "0", "--db", str(db), *map(str, args)]
        full_env = dict(os.environ)
        full_env.update(env or {})
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, errors="replace", env=full_env, start_new_session=True,
            preexec_fn=_parent_death_signal())
        server = cls(None, process=process, command=command)
        _RUNNING.add(server)
        first_line = queue.Queue(maxsize=1)
        server._readers = [
            threading.Thread(target=server._drain, args=(process.stdout, first_line),
                             name=f"robomaker-local-{process.pid}-stdout", daemon=True),
            threading.Thread(target=server._drain, args=(process.stderr, None),
                             name=f"robomaker-local-{process.pid}-stderr", daemon=True),
        ]
        for reader in server._readers:
            reader.start()
        try:
            line = first_line.get(timeout=timeout)
        except queue.Empty:
            line = None
            problem = f"no listening line within {timeout:g} s"
        else:
            problem = "exited" if line is None else f"first line was {line!r}"
        if line is None or not line.startswith(LISTENING_PREFIX):
            code = server.stop()
            output = "\n".join(server.log)
            raise ServerStartError(f"robomaker-local did not start ({problem}; exit code {code}): "
                                   f"{' '.join(command)}\n{output}")
        server.url = line[len(LISTENING_PREFIX):].strip().rstrip("/")
        return server

    def _drain(self, stream, first_line):
        try:
            for line in stream:
                line = line.rstrip("\n")
                if first_line is not None:
                    first_line.put(line)
                    first_line = None
                with self._lock:
                    self._log.append(line)
                    self._log_total += 1
        except (OSError, ValueError):
            pass
        finally:
            if first_line is not None:
                first_line.put(None)

    @property
    def pid(self):
        return self._process.pid if self._process is not None else None

    @property
    def is_external(self):
        return self._process is None

    def running(self):
        """True while the process started here runs (always True for an external server)."""
        return self._process is None or self._process.poll() is None

    def stop(self, timeout=5.0):
        """SIGTERM by pid, SIGKILL if it has not exited after `timeout` seconds; returns the exit
        code (negative: the signal). Nothing happens to an external server (returns None)."""
        process = self._process
        if process is None:
            return None
        if process.poll() is None:
            try:
                os.kill(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.kill(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait()
        for reader in self._readers:
            reader.join(timeout=5)
        self._readers = []
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
        _RUNNING.discard(self)
        self.exit_code = process.returncode
        return self.exit_code

    # ----- output

    @property
    def log(self):
        with self._lock:
            return list(self._log)

    def log_mark(self):
        with self._lock:
            return self._log_total

    def log_since(self, mark):
        """The lines logged after log_mark() returned `mark` (as many as are still kept)."""
        with self._lock:
            count = min(self._log_total - mark, len(self._log))
            return list(self._log)[len(self._log) - count:] if count > 0 else []

    # ----- HTTP

    def request(self, method, path, body=None, timeout=30.0):
        """(status, headers, decoded body) without raising on HTTP errors."""
        return http_call(self.url, method, path, body, timeout)

    def control(self, method, path, body=None, timeout=30.0):
        """A control-API call (`path` absolute or relative to /_emulator/); returns the decoded answer
        (JSON as Python values, other content types as text), raises ControlError on HTTP >= 300."""
        status, headers, decoded = http_call(self.url, method, path, body, timeout)
        if status >= 300:
            error_type = (headers.get("x-amzn-errortype") or "").split(":", 1)[0] or None
            message = decoded.get("message") if isinstance(decoded, dict) else decoded
            raise ControlError(method, path, status, error_type, message, decoded)
        return decoded

    def health(self, timeout=10.0):
        return self.control("GET", "/_emulator/health", timeout=timeout)

    def reset(self, account=None, region=None):
        """POST /_emulator/reset, limited to `account` and/or `region` when given."""
        body = {k: v for k, v in (("account", account), ("region", region)) if v is not None}
        return self.control("POST", "/_emulator/reset", body)

    def wait(self, job, status=None, timeout=30):
        from .helpers import wait_for_job
        return wait_for_job(self, job, status, timeout)

    @property
    def clock(self):
        from .helpers import Clock
        return Clock(self)

    @property
    def snapshots(self):
        from .helpers import Snapshots
        return Snapshots(self)

    # ----- SDK

    def client(self, account_id=None, region=DEFAULT_REGION, **client_kwargs):
        """A boto3 RoboMaker client for this server whose access key id is `account_id` (a random
        12-digit account when None), so it sees only that account's resources. The account id is
        also the client's attribute `account_id`."""
        try:
            import boto3
            from botocore.exceptions import UnknownServiceError
        except ImportError:
            raise RuntimeError("boto3 is not installed: use Debian's python3-boto3 (/usr/bin/python3) or "
                               "pip install boto3 with AWS_DATA_PATH (robomaker-local-pytest README)") from None
        account_id = account_id or random_account_id()
        try:
            client = boto3.session.Session().client(
                "robomaker", endpoint_url=self.url, region_name=region, aws_access_key_id=account_id,
                aws_secret_access_key="test", **client_kwargs)
        except UnknownServiceError:
            import botocore
            raise RuntimeError(
                f"botocore {botocore.__version__} has no RoboMaker model: export it with "
                f"`/usr/bin/python3 scripts/export-client-model.py DIR` (robomaker-local repository) and set "
                f"AWS_DATA_PATH=DIR, or run with Debian's /usr/bin/python3") from None
        client.account_id = account_id
        return client


@functools.lru_cache(maxsize=None)
def supports_flag(binary, flag):
    """True if `binary --help` mentions `flag` (used to pass --snapshot-dir only to builds that have it)."""
    try:
        out = subprocess.run([str(binary), "--help"], stdin=subprocess.DEVNULL, capture_output=True,
                             text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return flag in out.stdout or flag in out.stderr
