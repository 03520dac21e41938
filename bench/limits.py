#!/usr/bin/python3
"""The exhausted-resource figures of SEMANTICS §10 (docs/behaviour.md "Connections and memory",
"Shutdown"), measured through the real binary and printed as a table. Informational: no verdict
(the suites check the behaviour; this says how much and how long).

  RML_BIN=build/server/robomaker-local /usr/bin/python3 bench/limits.py

1. VmHWM of the server after 1,000 connections each sent a header with a 1 MiB Content-Length
   and half of the body (the buffer budget refuses most of them with 503), and the time a fresh
   request takes meanwhile;
2. the time a fresh request takes with 1,100 idle kept-alive connections open, the server started
   under `ulimit -n 1024`;
3. the time from SIGTERM to exit with a client that stopped reading its responses (default
   --shutdown-grace 2).
"""
import os
import resource
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "integration"))
import wire  # noqa: E402
from server_process import ServerProcess  # noqa: E402
from test_shutdown import stalled_reader  # noqa: E402

MIB = 1024 * 1024


def vm(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) // 1024  # MiB
    return -1


def fresh_request_ms(url):
    t0 = time.monotonic()
    resp, _ = wire.exchange(url, wire.request("GET", "/_emulator/health"), timeout=60)
    return (time.monotonic() - t0) * 1000, resp.status


def half_sent_bodies():
    srv = ServerProcess(args=["--log-level", "warn"]).start()
    try:
        head = b"POST /createFleet HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % MIB
        half = b" " * (MIB // 2)
        socks = []
        for _ in range(1000):
            s = wire.connect(srv.url)
            s.setblocking(False)
            try:
                s.send(head + half)
            except BlockingIOError:
                pass
            socks.append(s)
        time.sleep(1)
        ms, status = fresh_request_ms(srv.url)
        rss = vm(srv.proc.pid, "VmHWM")
        for s in socks:
            s.close()
        return rss, ms, status
    finally:
        srv.stop()


def idle_connections_near_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))  # for this client
    srv = ServerProcess(args=["--log-level", "warn"], prefix=["prlimit", "--nofile=1024:1024"]).start()
    try:
        socks = []
        for _ in range(1100):
            s = wire.connect(srv.url)
            s.sendall(wire.request("GET", "/_emulator/health"))
            socks.append(s)
        for s in socks:
            try:
                wire.Reader(s).read_response()
            except OSError:
                pass  # closed to make room: expected for the oldest ones
        ms, status = fresh_request_ms(srv.url)
        for s in socks:
            s.close()
        return ms, status
    finally:
        srv.stop()


def sigterm_with_stalled_client():
    srv = ServerProcess(args=["--log-level", "warn"]).start()
    stalled = stalled_reader(srv.url)
    time.sleep(0.5)
    t0 = time.monotonic()
    srv.proc.send_signal(signal.SIGTERM)
    code = srv.proc.wait(timeout=60)
    seconds = time.monotonic() - t0
    stalled.close()
    srv.stop()
    return seconds, code


def main():
    rss, ms, status = half_sent_bodies()
    print(f"1,000 half-sent 1 MiB bodies: server VmHWM {rss} MiB; a fresh request meanwhile {ms:.1f} ms ({status})")
    ms, status = idle_connections_near_fd_limit()
    print(f"1,100 idle connections, ulimit -n 1024: a fresh request {ms:.1f} ms ({status})")
    seconds, code = sigterm_with_stalled_client()
    print(f"SIGTERM with a client that stopped reading: exit {code} after {seconds:.2f} s (grace 2 s)")


if __name__ == "__main__":
    main()
