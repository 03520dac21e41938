"""Raw HTTP requests to robomaker-local (no SDK), for what an SDK cannot send: malformed JSON,
wrong JSON types, unknown paths, oversized bodies.

Requests carry no Authorization header, so they act in the default account 123456789012 and region
us-east-1 (SEMANTICS §2), the same as make_client's default access key. A response to a path that
is an operation of the model is checked by model_check like every SDK response."""
import http.client
import json
import urllib.parse
from dataclasses import dataclass

import model_check

_OPERATION_BY_PATH = {
    (op.http["method"], op.http["requestUri"]): op.name
    for op in (model_check.SERVICE.operation_model(n) for n in model_check.SERVICE.operation_names)
    if "{" not in op.http["requestUri"]
}


@dataclass
class Response:
    status: int
    headers: dict   # lower-case names
    body: bytes

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    @property
    def error_type(self):
        return self.headers.get("x-amzn-errortype")


def send(url, method, path, body=b"", headers=None, timeout=10):
    """Sends one request on a fresh connection; `body` is bytes, str, or a value to JSON-encode."""
    if not isinstance(body, (bytes, str)):
        body = json.dumps(body)
    if isinstance(body, str):
        body = body.encode("utf-8")
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        hdrs = {"Content-Type": "application/json"}
        hdrs.update(headers or {})
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        data = resp.read()
        out = Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
    finally:
        conn.close()
    operation = _OPERATION_BY_PATH.get((method, path))
    if operation is not None:
        model_check.VIOLATIONS.extend(
            model_check.check_response(operation, out.status, out.headers, out.body))
    return out


def call(url, operation, body):
    """POSTs `body` to the path of `operation` (e.g. 'CreateFleet') as the model names it."""
    op = model_check.SERVICE.operation_model(operation)
    return send(url, op.http["method"], op.http["requestUri"], body)
