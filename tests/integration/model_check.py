"""Checks raw JSON response bodies against the botocore service model of RoboMaker.

The model (Debian's botocore, robomaker/2018-06-29) is the authority for member names, JSON types,
enums, string length and pattern, list and map sizes and required members (SEMANTICS.md preamble).
Rules applied to a successful response (HTTP 200), for the operation's OUTPUT shape:
- the body is a JSON object; no member the shape does not declare; no JSON null anywhere;
- string: a JSON string within the shape's min/max length, fully matching its pattern, in its enum;
- timestamp: a JSON number (not bool) of epoch seconds (year 2000..2100, so milliseconds are caught),
  in whole seconds (SEMANTICS §2: 1550771394 or 1550771394.0, never 1550771394.395);
- integer/long: a JSON integer within min/max; float/double: a JSON number; boolean: a JSON bool;
- list and map: the JSON container within min/max size, every element (key, value) checked.
Every response must carry a `Date` header (RFC 7231 IMF-fixdate). An error response must carry
`x-amzn-ErrorType`, `x-amzn-ErrorMessage` (the message, printable ASCII only) and a JSON object
body `{"message": <string>}`.
Every function returns a list of human-readable violations; an empty list means conforming."""
import json
import re

import botocore.session

SERVICE = botocore.session.get_session().get_service_model("robomaker")

EPOCH_MIN = 946684800.0    # 2000-01-01T00:00:00Z
EPOCH_MAX = 4102444800.0   # 2100-01-01T00:00:00Z


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _check_size(shape, n, path, what):
    out = []
    lo, hi = shape.metadata.get("min"), shape.metadata.get("max")
    if lo is not None and n < lo:
        out.append(f"{path}: {what} {n} < min {lo} ({shape.name})")
    if hi is not None and n > hi:
        out.append(f"{path}: {what} {n} > max {hi} ({shape.name})")
    return out


def check_value(shape, value, path):
    """Violations of `value` (decoded JSON) against botocore `shape`, located by `path`."""
    if value is None:
        return [f"{path}: null is not allowed (absent members must be left out)"]
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return [f"{path}: expected JSON object for {shape.name}, got {type(value).__name__}"]
        out = []
        wire = {m.serialization.get("name", name): (name, m) for name, m in shape.members.items()
                if m.serialization.get("location") in (None, "body")}
        for key, item in value.items():
            if key not in wire:
                out.append(f"{path}.{key}: member not in {shape.name} (members: {sorted(wire)})")
            else:
                out.extend(check_value(wire[key][1], item, f"{path}.{key}"))
        for req in shape.required_members:
            m = shape.members[req]
            if m.serialization.get("location") in (None, "body") and m.serialization.get("name", req) not in value:
                out.append(f"{path}.{req}: required member missing")
        return out
    if kind == "list":
        if not isinstance(value, list):
            return [f"{path}: expected JSON array for {shape.name}, got {type(value).__name__}"]
        out = _check_size(shape, len(value), path, "list size")
        for i, item in enumerate(value):
            out.extend(check_value(shape.member, item, f"{path}[{i}]"))
        return out
    if kind == "map":
        if not isinstance(value, dict):
            return [f"{path}: expected JSON object for map {shape.name}, got {type(value).__name__}"]
        out = _check_size(shape, len(value), path, "map size")
        for k, v in value.items():
            out.extend(check_value(shape.key, k, f"{path}<key {k!r}>"))
            out.extend(check_value(shape.value, v, f"{path}[{k!r}]"))
        return out
    if kind == "string":
        if not isinstance(value, str):
            return [f"{path}: expected JSON string for {shape.name}, got {type(value).__name__} {value!r}"]
        out = _check_size(shape, len(value), path, "string length")
        pattern = shape.metadata.get("pattern")
        if pattern is not None and re.fullmatch(pattern, value) is None:
            out.append(f"{path}: {value!r} does not match pattern {pattern!r} ({shape.name})")
        if shape.enum and value not in shape.enum:
            out.append(f"{path}: {value!r} not in enum {shape.enum} ({shape.name})")
        return out
    if kind == "timestamp":
        if not _is_number(value):
            return [f"{path}: timestamp must be a JSON number of epoch seconds, got {value!r}"]
        if not EPOCH_MIN <= value <= EPOCH_MAX:
            return [f"{path}: timestamp {value!r} is not epoch seconds between 2000 and 2100"]
        if value != int(value):
            return [f"{path}: timestamp {value!r} is not whole seconds"]
        return []
    if kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            return [f"{path}: expected JSON integer for {shape.name}, got {value!r}"]
        return _check_size(shape, value, path, "value")
    if kind in ("float", "double"):
        return [] if _is_number(value) else [f"{path}: expected JSON number for {shape.name}, got {value!r}"]
    if kind == "boolean":
        return [] if isinstance(value, bool) else [f"{path}: expected JSON bool for {shape.name}, got {value!r}"]
    if kind == "blob":
        return [] if isinstance(value, str) else [f"{path}: expected base64 JSON string for {shape.name}"]
    return [f"{path}: shape type {kind} is not handled by model_check"]


def check_output(operation, body):
    """Violations of a successful response body (bytes) of `operation` (e.g. 'CreateFleet')."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        return [f"{operation}: response body is not JSON: {e}: {body[:200]!r}"]
    if not isinstance(data, dict):
        return [f"{operation}: response body is not a JSON object: {body[:200]!r}"]
    shape = SERVICE.operation_model(operation).output_shape
    if shape is None:
        return [] if data == {} else [f"{operation}: operation has no output shape, body {data!r}"]
    return check_value(shape, data, operation)


IMF_FIXDATE = re.compile(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-3][0-9] "
                         r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-2][0-9]:[0-5][0-9]:[0-6][0-9] GMT")
PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]*")


def check_headers(operation, status, headers):
    """Violations of the headers every response carries (SEMANTICS §2)."""
    lower = {k.lower(): v for k, v in headers.items()}
    date = lower.get("date")
    if date is None or not IMF_FIXDATE.fullmatch(date):
        return [f"{operation}: HTTP {status} without an RFC 7231 Date header: {date!r}"]
    return []


def check_error(operation, status, headers, body):
    """Violations of an error response (any status other than 200)."""
    out = []
    lower = {k.lower(): v for k, v in headers.items()}
    if not lower.get("x-amzn-errortype"):
        out.append(f"{operation}: HTTP {status} without x-amzn-ErrorType header")
    header_message = lower.get("x-amzn-errormessage")
    if not header_message or not PRINTABLE_ASCII.fullmatch(header_message):
        out.append(f"{operation}: HTTP {status} without a printable-ASCII x-amzn-ErrorMessage: {header_message!r}")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return out + [f"{operation}: HTTP {status} error body is not JSON: {body[:200]!r}"]
    if not isinstance(data, dict) or not isinstance(data.get("message"), str):
        out.append(f"{operation}: HTTP {status} error body is not {{\"message\": string}}: {data!r}")
    elif any(v is None for v in data.values()):
        out.append(f"{operation}: HTTP {status} error body has null: {data!r}")
    return out


def check_response(operation, status, headers, body):
    out = check_headers(operation, status, headers)
    if status == 200:
        return out + check_output(operation, body)
    return out + check_error(operation, status, headers, body)


# Violations seen by the running test (filled by conftest's client hook and raw_http); the autouse
# fixture `model_conformance` in conftest.py asserts it is empty when the test ends.
VIOLATIONS = []
