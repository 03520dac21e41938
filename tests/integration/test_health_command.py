"""`robomaker-local health [--url URL]` (the image's HEALTHCHECK) through the real binary: exit 0 on
a healthy server, 1 with a one-line reason when the server is absent, silent or unhealthy, 2 on a
bad URL or argument. Unhealthy servers are small local stubs (the emulator itself is never
unhealthy while it answers)."""
import os
import socket
import subprocess
import threading

import pytest

from server_process import BINARY


def run_health(binary, *args, env=None):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("ROBOMAKER_LOCAL_")}
    full_env.update(env or {})
    return subprocess.run([binary, "health", *args], capture_output=True, text=True, env=full_env, timeout=20)


def one_line(text):
    lines = text.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got {text!r}"
    return lines[0]


class Stub:
    """A TCP server on 127.0.0.1 that answers every connection with `answer` (None: reads and stays
    silent until the client leaves)."""

    def __init__(self, answer):
        self.answer = answer
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = "http://127.0.0.1:%d" % self.sock.getsockname()[1]
        self.requests = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                self.requests.append(data)
                if self.answer is None:
                    while conn.recv(4096):
                        pass
                else:
                    try:
                        conn.sendall(self.answer)
                    except OSError:  # the client gave up first (the oversized answer)
                        pass

    def close(self):
        self.sock.close()


@pytest.fixture
def stub():
    made = []

    def make(answer):
        made.append(Stub(answer))
        return made[-1]

    yield make
    for s in made:
        s.close()


def test_healthy_server_exits_0(server):
    r = run_health(BINARY, "--url", server.url)
    assert r.returncode == 0, r.stderr
    assert one_line(r.stdout).startswith(f"robomaker-local health: {server.url}: ok (version ")
    assert r.stderr == ""


def test_default_url_comes_from_the_environment_with_0000_as_loopback(server):
    port = server.url.rsplit(":", 1)[1]
    r = run_health(BINARY, env={"ROBOMAKER_LOCAL_HOST": "0.0.0.0", "ROBOMAKER_LOCAL_PORT": port})
    assert r.returncode == 0, r.stderr
    assert f"http://127.0.0.1:{port}: ok" in r.stdout


def test_default_url_follows_the_config_file(server, tmp_path):
    port = int(server.url.rsplit(":", 1)[1])
    cfg = tmp_path / "c.json"
    cfg.write_text('{"host": "127.0.0.1", "port": %d}' % port)
    r = run_health(BINARY, env={"ROBOMAKER_LOCAL_CONFIG": str(cfg)})
    assert r.returncode == 0, r.stderr


def test_health_needs_no_control_token(start_server):
    srv = start_server(args=["--control-token", "sekrit"])
    r = run_health(BINARY, "--url", srv.url)
    assert r.returncode == 0, r.stderr


def test_nothing_listening_exits_1_with_the_reason():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    r = run_health(BINARY, "--url", f"http://127.0.0.1:{port}")
    assert r.returncode == 1
    assert one_line(r.stderr) == f"robomaker-local health: http://127.0.0.1:{port}: cannot connect: Connection refused"
    assert r.stdout == ""


def test_503_exits_1(stub):
    s = stub(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 8\r\nConnection: close\r\n\r\nstarting")
    r = run_health(BINARY, "--url", s.url)
    assert r.returncode == 1
    assert one_line(r.stderr) == f"robomaker-local health: {s.url}: answered 503 Service Unavailable: starting"
    assert s.requests[0].startswith(b"GET /_emulator/health HTTP/1.1\r\n")


@pytest.mark.parametrize("body", [b'{"status":"starting"}', b"ok", b"[]", b""])
def test_200_without_status_ok_exits_1(stub, body):
    s = stub(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
    r = run_health(BINARY, "--url", s.url)
    assert r.returncode == 1
    assert 'answered 200 without "status":"ok"' in one_line(r.stderr)


def test_silent_server_times_out_exits_1(stub):
    s = stub(None)
    r = run_health(BINARY, "--url", s.url)
    assert r.returncode == 1
    assert one_line(r.stderr) == f"robomaker-local health: {s.url}: no answer within 2 s (read the answer)"


def test_oversized_answer_is_refused_exits_1(stub):
    body = b"x" * (65 * 1024)
    s = stub(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
    r = run_health(BINARY, "--url", s.url)
    assert r.returncode == 1
    assert "cannot read the answer: body limit exceeded" in one_line(r.stderr)


@pytest.mark.parametrize("url, why", [
    ("127.0.0.1:4567", "must start with http://"),
    ("https://127.0.0.1:4567", "https is not supported"),
    ("http://example.com:4567", "numeric IP address or localhost"),
    ("http://127.0.0.1:0", "port must be an integer from 1 to 65535"),
    ("http://127.0.0.1:99999", "port must be an integer from 1 to 65535"),
    ("http://127.0.0.1:45x", "port must be an integer from 1 to 65535"),
    ("http://127.0.0.1:", "empty port"),
    ("http://127.0.0.1:4567/_emulator/health", "without a path or query"),
    ("http://u@127.0.0.1:4567", "user info"),
    ("http://[::1:4567", "unclosed '['"),
    ("http://::1", "numeric IP address or localhost"),
    ("http://", "no host"),
])
def test_bad_url_exits_2(url, why):
    r = run_health(BINARY, "--url", url)
    assert r.returncode == 2
    line = one_line(r.stderr)
    assert line.startswith("robomaker-local health: bad URL '") and why in line, line


def test_bad_arguments_exit_2():
    r = run_health(BINARY, "--port", "1")
    assert r.returncode == 2
    assert "unexpected argument '--port'" in one_line(r.stderr)
    r = run_health(BINARY, "--url")
    assert r.returncode == 2
    assert "'--url' needs a value" in one_line(r.stderr)
    r = run_health(BINARY, env={"ROBOMAKER_LOCAL_PORT": "0"})
    assert r.returncode == 2
    assert "pass --url" in one_line(r.stderr)
    r = run_health(BINARY, env={"ROBOMAKER_LOCAL_PORT": "http"})
    assert r.returncode == 2
    assert "ROBOMAKER_LOCAL_PORT" in one_line(r.stderr)


def test_help_exits_0():
    r = run_health(BINARY, "--help")
    assert r.returncode == 0
    assert r.stdout.startswith("usage: robomaker-local health [--url URL]")
    r = subprocess.run([BINARY, "--help"], capture_output=True, text=True, timeout=20)
    assert "robomaker-local health [--url URL]" in r.stdout
