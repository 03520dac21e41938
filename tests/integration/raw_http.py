"""Raw HTTP requests to robomaker-local (no SDK), for what an SDK cannot send: malformed JSON,
wrong JSON types, unknown paths, oversized bodies.

Requests carry no Authorization header, so they act in the default account 123456789012 and region
us-east-1 (SEMANTICS §2), the same as make_client's default access key. A response to a path that
is an operation of the model is checked by model_check like every SDK response."""
import http.client
import json
import re
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


def send(url, method, path, body=b"", headers=None, timeout=10, operation=None):
    """Sends one request on a fresh connection; `body` is bytes, str, or a value to JSON-encode.
    `operation` names the model operation whose output the response is checked against when the
    path alone does not tell (paths with a URI label such as /tags/{resourceArn})."""
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
    operation = operation or _OPERATION_BY_PATH.get((method, path))
    if operation is not None:
        model_check.VIOLATIONS.extend(
            model_check.check_response(operation, out.status, out.headers, out.body))
    return out


def render(operation, request):
    """(method, path with query, body) of `request` (a dict of the input members) as the model binds
    it: members with location 'uri' are percent-encoded into their label (a missing one leaves the
    label empty), 'querystring' members go to the query (a list repeats the name), the rest is the
    JSON body. An operation without body members and nothing left for the body sends no body."""
    op = model_check.SERVICE.operation_model(operation)
    members = op.input_shape.members if op.input_shape else {}
    path, query, body = op.http["requestUri"], [], {}
    has_body_members = any(m.serialization.get("location") in (None, "body") for m in members.values())
    for name, value in request.items():
        member = members.get(name)
        location = member.serialization.get("location") if member is not None else None
        wire = member.serialization.get("name", name) if member is not None else name
        if location == "uri":
            path = path.replace("{" + wire + "}", urllib.parse.quote(str(value), safe=""))
        elif location == "querystring":
            for item in value if isinstance(value, list) else [value]:
                query.append((wire, str(item)))
        else:
            body[name] = value
    path = re.sub(r"{[^}]*}", "", path)
    if query:
        path += "?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote, safe="")
    return op.http["method"], path, (body if body or has_body_members else b"")


def call(url, operation, body):
    """Sends `body` (the input members) to `operation` (e.g. 'CreateFleet') as the model binds it
    (see render); for operations whose members are all in the body, a POST of `body` as JSON."""
    method, path, payload = render(operation, body)
    return send(url, method, path, payload, operation=operation)
