"""Starts the real robomaker-local binary on 127.0.0.1, port 0, and stops it by process id.

After the "listening" line, a reader thread per stream drains stdout and stderr into `self.log`
(the last lines), so a server that logs one line per request never blocks on a full pipe.

Sanitizer builds (docs/fuzzing.md): every stop() scans what the process wrote for an
AddressSanitizer, LeakSanitizer or UndefinedBehaviorSanitizer report and appends it to REPORTS;
conftest's autouse fixture `sanitizer_clean` fails the test that produced one."""
import collections
import os
import signal
import subprocess
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("RML_BIN", os.path.join(ROOT, "build", "server", "robomaker-local"))

# Lines that begin a sanitizer report (ASan and LSan print "==PID==ERROR: ...", UBSan prints
# "FILE:LINE:COL: runtime error: ..." and, with print_stacktrace, a SUMMARY line).
SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", ": runtime error: ",
                     "SUMMARY: UndefinedBehaviorSanitizer", "SUMMARY: AddressSanitizer")
REPORTS = []


def sanitizer_report(lines):
    """The lines from the first sanitizer report on (at most 60), or [] when there is none."""
    lines = list(lines)
    for i, line in enumerate(lines):
        if any(m in line for m in SANITIZER_MARKERS):
            return lines[i:i + 60]
    return []


class ServerProcess:
    def __init__(self, db=":memory:", args=(), env=None, prefix=()):
        """`prefix` runs the binary through a wrapper command, e.g. a shell that lowers ulimit -n."""
        self.db = db
        self.args = list(args)
        self.env = env
        self.prefix = list(prefix)
        self.proc = None
        self.url = None
        self.port = None
        self.log = collections.deque(maxlen=2000)
        self._readers = []

    def start(self, timeout=10.0):
        cmd = [*self.prefix, BINARY, "--host", "127.0.0.1", "--port", "0", "--db", self.db, *self.args]
        env = dict(os.environ)
        env.update(self.env or {})
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("robomaker-local listening on "):
            err = self.proc.stderr.read() if self.proc.poll() is not None else ""
            self._record(err.splitlines())
            self.stop()
            raise RuntimeError(f"server did not start: {line!r} {err!r}")
        self.url = line.strip().split(" on ", 1)[1]
        self.port = int(self.url.rsplit(":", 1)[1])
        self._readers = [threading.Thread(target=self._drain, args=(s,), daemon=True)
                         for s in (self.proc.stdout, self.proc.stderr)]
        for t in self._readers:
            t.start()
        return self

    def saw(self, predicate, timeout=10.0):
        """True once a line of the server's output satisfies predicate. Start-up lines printed before
        "listening" reach self.log through the reader threads, a moment after start() returns (longer
        for a sanitizer build), so a test looks for them with this, not with one scan of self.log."""
        deadline = time.monotonic() + timeout
        while True:
            if any(predicate(line) for line in list(self.log)):
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)

    def _drain(self, stream):
        for line in stream:
            self.log.append(line.rstrip("\n"))

    def stop(self, sig=signal.SIGTERM, timeout=10.0):
        """Stops the process by pid; returns its exit code."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            os.kill(self.proc.pid, sig)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.kill(self.proc.pid, signal.SIGKILL)
            code = self.proc.wait()
        for t in self._readers:
            t.join(timeout=5)
        self._readers = []
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream:
                stream.close()
        self._record(self.log)
        self.proc = None
        return code

    def _record(self, lines):
        report = sanitizer_report(lines)
        if report:
            REPORTS.append(f"{BINARY} --db {self.db} {' '.join(self.args)} (pid {self.proc.pid}):\n" +
                           "\n".join(report))

    def kill9(self):
        return self.stop(sig=signal.SIGKILL)
