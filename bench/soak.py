"""Soak test (bench/soak.sh): one robomaker-local on a file database under the mixed load of
bench/soak_load.py for MINUTES, sampled every few seconds: RSS and open fds of the server
(/proc/PID/status, /proc/PID/fd), p99 latency of the service calls, requests, 4xx, asked and
unasked 5xx and transport failures. Prints a table and a verdict; exits 1 on an unasked 5xx, a
transport failure, a crash or non-zero exit, a sanitizer report, fds that keep growing or RSS more
than 20 % above its value at the end of the first minute.

Usage: /usr/bin/python3 bench/soak.py MINUTES   (RML_BIN, SOAK_INTERVAL, SOAK_TIME_SCALE)"""
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque

import soak_load

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("RML_BIN", os.path.join(ROOT, "build", "server", "robomaker-local"))
INTERVAL = float(os.environ.get("SOAK_INTERVAL", "5"))
SCALE = os.environ.get("SOAK_TIME_SCALE", "20")
FD_SLACK = 16          # fds above the first minute's highest that still count as flat
RSS_LIMIT = 1.20
SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", ": runtime error: ")


class Recorder:
    """Counts per sampling window; thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.findings = []   # unasked 5xx and transport failures, with what happened
        self.kinds_4xx = {}  # a 4xx's operation and error type -> count (expected races, shown at the end)
        self.reset()
        self.totals = {"requests": 0, "4xx": 0, "asked5xx": 0, "unasked5xx": 0, "failures": 0}

    def reset(self):
        self.latencies, self.requests, self.c4xx, self.asked, self.unasked, self.failures = [], 0, 0, 0, 0, 0

    def request(self, worker, seconds, status, asked=False, control=False, what="", kind=""):
        with self.lock:
            self.requests += 1
            if not control and worker != "faults":   # the fault worker's calls carry injected latency
                self.latencies.append(seconds)
            if 400 <= status < 500:
                self.c4xx += 1
                self.kinds_4xx[kind] = self.kinds_4xx.get(kind, 0) + 1
            elif status >= 500 and asked:
                self.asked += 1
            elif status >= 500 or status < 200:
                self.unasked += 1
                self.findings.append(f"{worker}: unasked {what}")

    def failure(self, worker, what):
        with self.lock:
            self.failures += 1
            self.findings.append(f"{worker}: {what}")

    def window(self):
        with self.lock:
            lat = sorted(self.latencies)
            row = {"requests": self.requests, "4xx": self.c4xx, "asked5xx": self.asked,
                   "unasked5xx": self.unasked, "failures": self.failures,
                   "p99ms": lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000 if lat else 0.0}
            for k in self.totals:
                self.totals[k] += row[k]
            self.reset()
            return row


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def start_server(db):
    proc = subprocess.Popen([BINARY, "--host", "127.0.0.1", "--port", "0", "--db", db, "--time-scale", SCALE,
                             "--log-level", "warn"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line.startswith("robomaker-local listening on "):
        proc.kill()
        sys.exit(f"soak: server did not start: {line!r} {proc.stderr.read()!r}")
    log = deque(maxlen=400)
    for stream in (proc.stdout, proc.stderr):
        threading.Thread(target=lambda s=stream: [log.append(x.rstrip("\n")) for x in s], daemon=True).start()
    return proc, line.strip().split(" on ", 1)[1], log


def verdict(samples, proc_code, log, rec):
    problems = []
    if proc_code != 0:
        problems.append(f"server exited with {proc_code} at SIGTERM (or crashed)")
    if any(m in line for line in log for m in SANITIZER_MARKERS):
        problems.append("sanitizer report in the server's output")
    if rec.totals["unasked5xx"] or rec.totals["failures"]:
        problems.append(f"{rec.totals['unasked5xx']} unasked 5xx, {rec.totals['failures']} transport failures")
    first = [s for s in samples if s["t"] <= 60] or samples[:1]
    tail = samples[-3:]
    if samples and len(samples) > len(first):
        fd_base = max(s["fds"] for s in first)
        if min(s["fds"] for s in tail) > fd_base + FD_SLACK:
            problems.append(f"open fds keep growing: {fd_base} in the first minute, {[s['fds'] for s in tail]} at the end")
        rss_base = first[-1]["rss"]
        rss_end = sorted(s["rss"] for s in tail)[len(tail) // 2]
        if rss_end > rss_base * RSS_LIMIT:
            problems.append(f"RSS grew from {rss_base} KiB after the first minute to {rss_end} KiB (> +20 %)")
    return problems


def main():
    minutes = float(sys.argv[1]) if len(sys.argv) > 1 else 2
    tmp = tempfile.TemporaryDirectory(prefix="rml-soak-")
    proc, url, log = start_server(os.path.join(tmp.name, "soak.db"))
    rec, stop = Recorder(), threading.Event()
    setup = soak_load.Worker("setup", url, "123456789012", rec, stop, 0)
    status, _ = setup.control("POST", "/_emulator/faults", soak_load.DEPLOYMENT_RULE)
    if status != 200:
        proc.kill()
        sys.exit(f"soak: could not add the deployment fault rule ({status})")
    threads = [threading.Thread(target=cls(name, url, account, rec, stop, i).run, daemon=True)
               for i, (name, cls, account) in enumerate(soak_load.WORKERS)]
    for t in threads:
        t.start()
    print(f"soak: {BINARY} at {url}, {len(threads)} clients, {minutes:g} min, time scale {SCALE}", flush=True)
    header = f"{'t(s)':>6} {'rss KiB':>9} {'fds':>5} {'req':>6} {'p99 ms':>8} {'4xx':>5} {'5xx asked':>9} " \
             f"{'5xx unasked':>11} {'fail':>5}"
    print(header, flush=True)
    samples, t0, crashed = [], time.monotonic(), None
    while time.monotonic() - t0 < minutes * 60:
        time.sleep(INTERVAL)
        if proc.poll() is not None:
            crashed = proc.returncode
            break
        row = rec.window()
        row.update(t=time.monotonic() - t0, rss=rss_kib(proc.pid), fds=len(os.listdir(f"/proc/{proc.pid}/fd")))
        samples.append(row)
        print(f"{row['t']:6.0f} {row['rss']:9d} {row['fds']:5d} {row['requests']:6d} {row['p99ms']:8.1f} "
              f"{row['4xx']:5d} {row['asked5xx']:9d} {row['unasked5xx']:11d} {row['failures']:5d}", flush=True)
    stop.set()
    for t in threads:
        t.join(timeout=40)
    if crashed is None:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            code = proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = "a hang at SIGTERM"
    else:
        code = f"{crashed} during the run"
    time.sleep(0.2)
    rec.window()
    tot = rec.totals
    print(f"total: {tot['requests']} requests, {tot['4xx']} 4xx, {tot['asked5xx']} asked 5xx, "
          f"{tot['unasked5xx']} unasked 5xx, {tot['failures']} transport failures")
    for kind, n in sorted(rec.kinds_4xx.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  4xx x{n}: {kind}")
    problems = verdict(samples, code, log, rec)
    for f in rec.findings[:20]:
        print(f"  {f}")
    if problems:
        print("soak: FAILED: " + "; ".join(problems))
        print("last server lines:\n  " + "\n  ".join(list(log)[-30:]))
        return 1
    print("soak: passed (flat RSS and fds, no unasked 5xx, clean exit)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
