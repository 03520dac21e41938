"""Raw bytes over TCP to robomaker-local, for what http.client cannot send or cannot leave half
sent: malformed framing, Expect: 100-continue, HEAD, many open connections.

`read_response` parses one response (status line, headers, Content-Length body); `head=True`
reads no body whatever Content-Length says. Every read has a timeout, so a missing answer fails
a test instead of hanging it."""
import socket
import time
import urllib.parse

from raw_http import Response  # status, headers (lower-case names), body


def address(url):
    parts = urllib.parse.urlsplit(url)
    return parts.hostname, parts.port


def connect(url, timeout=5.0):
    s = socket.create_connection(address(url), timeout=timeout)
    s.settimeout(timeout)
    return s


class Reader:
    """Buffered reads of HTTP responses from one socket."""

    def __init__(self, sock):
        self.sock = sock
        self.data = b""

    def _more(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("peer closed")
        self.data += chunk

    def read_response(self, head=False):
        while b"\r\n\r\n" not in self.data:
            self._more()
        header, self.data = self.data.split(b"\r\n\r\n", 1)
        lines = header.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = 0 if head or status in (100, 204, 304) else int(headers.get("content-length", "0"))
        while len(self.data) < length:
            self._more()
        body, self.data = self.data[:length], self.data[length:]
        return Response(status, headers, body)

    def closed(self, timeout=5.0):
        """True when the peer closes (FIN or reset) within timeout with nothing more to read."""
        self.sock.settimeout(timeout)
        try:
            return not self.data and self.sock.recv(1) == b""
        except ConnectionResetError:
            return True
        except socket.timeout:
            return False


def exchange(url, data, head=False, timeout=5.0):
    """Sends `data` on a fresh connection and reads one response; returns (response, reader)."""
    s = connect(url, timeout)
    s.sendall(data)
    r = Reader(s)
    return r.read_response(head=head), r


def request(method, path, body=b"", headers=()):
    """The bytes of a simple HTTP/1.1 request with a Content-Length."""
    lines = [f"{method} {path} HTTP/1.1", "Host: robomaker-local"]
    lines += list(headers)
    if body or method in ("POST", "PUT"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def wait_until(predicate, timeout=5.0, step=0.02):
    """Polls predicate until true or timeout; returns its last value (for set-up, not verdicts)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(step)
