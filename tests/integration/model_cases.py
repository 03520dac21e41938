"""Generates, from the botocore model, one request per constraint of an operation's INPUT shape that
breaks exactly that constraint (as far as the model allows) and nothing else.

Constraints walked, nested through structures, lists and maps (keys and values): required members,
string min/max length, pattern (fully matched, '.' does not match '\\n'), enum, integer min/max,
list and map min/max size, and the JSON type of every member (sent raw: an SDK serializer cannot
send a list where a map belongs). A Case edits a deep copy of a valid base request along a path of
steps: ("m", name) a structure member, ("i", n) a list element, ("v", key) a map value, ("k", key)
a map key.

An SDK fills in a missing idempotency token (`idempotencyToken`, e.g. clientRequestToken), so a
"required" case of one is sent raw.

Bindings: members the model puts in the URI (`location: uri`, e.g. TagResource's resourceArn) or the
query string (UntagResource's tagKeys) have no JSON type on the wire, so no "type" case is made for
them; a missing or empty URI label cannot be told apart on the wire (see Case.empty_label).

Three tables adjust the walk, all small and explicit:
- SAMPLES: a valid value for the few patterns the filler below cannot build (asserted to match);
- PATTERN_OVERRIDES: members whose accepted pattern is wider than the model's, by a SEMANTICS rule.
  Violating values are chosen to match neither; a value matching the wider pattern is valid;
- RANGE_OVERRIDES: integer shapes the model leaves unbounded but SEMANTICS bounds. They get
  min-value/max-value cases (and at-limit cases) like a model range, marked `rule="semantics"`:
  the model alone does not call such a value a violation, check_request does."""
import copy
import re
from dataclasses import dataclass, field

import model_check

SERVICE = model_check.SERVICE
REMOVE = object()          # a Case value meaning "leave the member out"

# The characters tried, in order, to build strings of a wanted length that match a pattern.
FILL = "a0A-_ :./"
# Strings tried, in order, to break a pattern (only those of an allowed length are used).
NON_MATCHING = ["!", "a b", "#", "é", "\n", "a\nb", "arn\n", "arn:\n", "x"]
WRONG_TYPE = {"string": 123, "integer": "5", "long": "5", "boolean": "true", "list": {"a": 1},
              "map": ["a"], "structure": "x", "float": "1.5", "double": "1.5"}

# Valid values, by shape name, for patterns FILL cannot satisfy (a fixed prefix, a literal).
SAMPLES = {"ImageDigest": "sha256:" + "0" * 64, "VersionQualifier": "ALL"}
for _name, _value in SAMPLES.items():
    assert re.fullmatch(SERVICE.shape_for(_name).metadata["pattern"], _value), _name

# SEMANTICS §3: DescribeRobotApplication, UpdateRobotApplication, CreateRobotApplicationVersion and
# DeleteRobotApplication also accept the application's bare name, so their `application` accepts
# `arn:.*` (the model's Arn pattern) OR the Name pattern `[a-zA-Z0-9_\-]*` (docs/behaviour.md,
# "Name or ARN"). A pattern violation must match neither (e.g. '!'); a bare name such as 'a' is a
# valid value (of nothing: ResourceNotFoundException), not a constraint violation.
NAME_OR_ARN = r"arn:.*|[a-zA-Z0-9_\-]*"
PATTERN_OVERRIDES = {(op, "application"): NAME_OR_ARN
                     for op in ("DescribeRobotApplication", "UpdateRobotApplication",
                                "CreateRobotApplicationVersion", "DeleteRobotApplication")}

# SEMANTICS §6: a deployment's robot timeout (DeploymentConfig.robotDeploymentTimeoutInSeconds, shape
# DeploymentTimeout, a long without min/max in the model) must lie in 60..604800 seconds, else
# InvalidParameterException. Keyed by shape name: (min, max).
RANGE_OVERRIDES = {"DeploymentTimeout": (60, 604800)}


def pattern_of(shape, operation=None, path=()):
    """The pattern a value at `path` (from the top of `operation`'s input) must match."""
    if len(path) == 1 and path[0][0] == "m" and (operation, path[0][1]) in PATTERN_OVERRIDES:
        return PATTERN_OVERRIDES[(operation, path[0][1])]
    return shape.metadata.get("pattern")


def range_of(shape):
    """(min, max, rule) of an integer shape: a RANGE_OVERRIDES entry ('semantics') or the model's
    own bounds, either of which may be None ('model')."""
    if shape.name in RANGE_OVERRIDES:
        lo, hi = RANGE_OVERRIDES[shape.name]
        return lo, hi, "semantics"
    return shape.metadata.get("min"), shape.metadata.get("max"), "model"


def range_problems(shape, value, path):
    """Violations of RANGE_OVERRIDES inside `value` (decoded JSON) of `shape`; wrong JSON types are
    model_check's business and are skipped here."""
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        return [p for name, m in shape.members.items() if name in value
                for p in range_problems(m, value[name], f"{path}.{name}")]
    if kind == "list" and isinstance(value, list):
        return [p for i, item in enumerate(value) for p in range_problems(shape.member, item, f"{path}[{i}]")]
    if kind == "map" and isinstance(value, dict):
        return [p for k, v in value.items() for p in range_problems(shape.value, v, f"{path}[{k!r}]")]
    if kind in ("integer", "long") and shape.name in RANGE_OVERRIDES and isinstance(value, int) \
            and not isinstance(value, bool):
        lo, hi = RANGE_OVERRIDES[shape.name]
        if not lo <= value <= hi:
            return [f"{path}: {value} outside {lo}..{hi} ({shape.name}, SEMANTICS)"]
    return []


def location_of(operation, path):
    """Where the top-level member of `path` travels: 'uri', 'querystring' or 'body'."""
    names = [arg for step, arg in path if step == "m"]
    if not names:
        return "body"
    member = SERVICE.operation_model(operation).input_shape.members[names[0]]
    return member.serialization.get("location") or "body"


def fit(shape, length, pattern=None):
    """A string of exactly `length` chars matching `pattern` (default: the shape's), or None if
    none is found."""
    pattern = pattern if pattern is not None else shape.metadata.get("pattern")
    tries = [c * length for c in FILL] + [("arn:" + c * length)[:length] for c in FILL]
    if shape.name in SAMPLES and len(SAMPLES[shape.name]) == length:
        tries.append(SAMPLES[shape.name])
    for s in tries:
        if pattern is None or re.fullmatch(pattern, s):
            return s
    return None


def check_request(operation, request):
    """Violations of a REQUEST (all its members, wherever the model binds them) against the
    operation's input shape, PATTERN_OVERRIDES applied (model_check.check_value alone would call a
    URI or query member undeclared, as it checks bodies)."""
    shape = SERVICE.operation_model(operation).input_shape
    out = []
    for name in shape.required_members:
        if name not in request:
            out.append(f"{operation}.{name}: required member missing")
    for name, value in request.items():
        if name not in shape.members:
            out.append(f"{operation}.{name}: member not in {shape.name}")
            continue
        problems = model_check.check_value(shape.members[name], value, f"{operation}.{name}")
        wider = PATTERN_OVERRIDES.get((operation, name))
        if wider is not None and isinstance(value, str) and re.fullmatch(wider, value):
            problems = [p for p in problems if "does not match pattern" not in p]
        out.extend(problems)
        out.extend(range_problems(shape.members[name], value, f"{operation}.{name}"))
    return out


def valid_value(shape):
    """A small value that satisfies every constraint of `shape` (all optional members included)."""
    kind = shape.type_name
    if kind == "string" and shape.name in SAMPLES:
        return SAMPLES[shape.name]
    if kind == "structure":
        return {name: valid_value(m) for name, m in shape.members.items()}
    if kind == "list":
        return [valid_value(shape.member) for _ in range(max(shape.metadata.get("min", 0), 1))]
    if kind == "map":
        key, n = valid_value(shape.key), max(shape.metadata.get("min", 0), 1)
        return {distinct_key(shape.key, key, i): valid_value(shape.value) for i in range(n)}
    if kind == "string":
        if shape.enum:
            return shape.enum[0]
        shortest = max(shape.metadata.get("min", 0), 1)
        for length in range(shortest, min(shape.metadata.get("max", 1 << 30), shortest + 16) + 1):
            value = fit(shape, length)
            if value is not None:
                return value
        raise AssertionError(f"no valid string found for {shape.name}")
    if kind in ("integer", "long"):
        lo, _, _ = range_of(shape)
        return 1 if lo is None else lo
    if kind == "boolean":
        return True
    raise AssertionError(f"input shape type {kind} ({shape.name}) is not handled")


def distinct_key(key_shape, key, i):
    candidate = key if i == 0 else f"{key}{i}"
    assert re.fullmatch(key_shape.metadata.get("pattern", ".*"), candidate), candidate
    return candidate


@dataclass
class Case:
    operation: str
    path: tuple           # steps, see the module doc
    kind: str             # required, min-length, max-length, pattern, enum, min-value, max-value, min-size, max-size, type
    value: object         # the value put at `path` (REMOVE: leave it out)
    names: list = field(default_factory=list)   # member names the error message must name
    raw: bool = False     # send as raw JSON (type cases) instead of through boto3
    rule: str = "model"   # "semantics": a RANGE_OVERRIDES bound, not a model constraint

    @property
    def location(self):
        return location_of(self.operation, self.path)

    @property
    def empty_label(self):
        """A URI member left out or empty: on the wire an empty label (`/tags/`), which the rest-json
        binding does not route to the operation (labels are never empty)."""
        return self.location == "uri" and (self.value is REMOVE or self.value == "")

    @property
    def id(self):
        text = self.operation
        for step, arg in self.path:
            text += {"m": f".{arg}", "i": f"[{arg}]", "v": "{value}", "k": "{key}"}[step]
        return f"{text}:{self.kind}"

    def apply(self, base):
        """A deep copy of `base` with this case's value put at its path."""
        request = copy.deepcopy(base)
        parent = request
        for step, arg in self.path[:-1]:
            parent = parent[arg]
        step, arg = self.path[-1]
        if step == "k":
            parent[self.value] = parent.pop(arg)
        elif self.value is REMOVE:
            del parent[arg]
        else:
            parent[arg] = self.value
        return request


def _named(path):
    """Member names along a path: the top-level member and the nearest named member."""
    names = [arg for step, arg in path if step == "m"]
    return sorted({names[0], names[-1]}) if names else []


def cases_for(operation, base):
    """Every constraint Case of `operation`, given its valid `base` request."""
    shape = SERVICE.operation_model(operation).input_shape
    out = []
    _walk(operation, shape, base, (), out)
    return out


def _walk(op, shape, value, path, out):
    def add(p, kind, v, raw=False, rule="model"):
        case = Case(op, p, kind, v, _named(p), raw, rule)
        case.raw = case.raw or case.empty_label      # an SDK cannot send an empty label
        out.append(case)
    meta, kind = shape.metadata, shape.type_name
    if path and path[-1][0] != "k" and location_of(op, path) == "body":
        add(path, "type", WRONG_TYPE[kind], raw=True)
    if kind == "structure":
        for name in shape.required_members:
            # an SDK fills in a missing idempotency token (clientRequestToken) itself: send raw
            add(path + (("m", name),), "required", REMOVE,
                raw=bool(shape.members[name].metadata.get("idempotencyToken")))
        for name, member in shape.members.items():
            sub = value.get(name) if isinstance(value, dict) and name in value else valid_value(member)
            _walk(op, member, sub, path + (("m", name),), out)
    elif kind == "string":
        pattern = pattern_of(shape, op, path)
        lo, hi = meta.get("min", 0), meta.get("max")
        if lo > 0:   # of the right length and pattern if one exists ('' cannot match 'arn:.*')
            short = fit(shape, lo - 1, pattern)
            add(path, "min-length", "a" * (lo - 1) if short is None else short)
        if hi is not None:
            long = fit(shape, hi + 1, pattern)
            add(path, "max-length", "a" * (hi + 1) if long is None else long)
        if pattern is not None:
            model_pattern = meta.get("pattern")
            bad = [s for s in NON_MATCHING
                   if lo <= len(s) <= (hi or 1 << 30) and not re.fullmatch(pattern, s)]
            assert bad, f"no string breaks pattern {pattern!r} of {shape.name}"
            assert not re.fullmatch(model_pattern, bad[0]), (model_pattern, bad[0])
            add(path, "pattern", bad[0])
        if shape.enum:
            add(path, "enum", "NotAnEnumValue")
    elif kind in ("integer", "long"):
        lo, hi, rule = range_of(shape)
        if lo is not None:
            add(path, "min-value", lo - 1, rule=rule)
        if hi is not None:
            add(path, "max-value", hi + 1, rule=rule)
    elif kind == "list":
        element = value[0] if value else valid_value(shape.member)
        if meta.get("min", 0) > 0:
            add(path, "min-size", [copy.deepcopy(element) for _ in range(meta["min"] - 1)])
        if "max" in meta:
            add(path, "max-size", [copy.deepcopy(element) for _ in range(meta["max"] + 1)])
        _walk(op, shape.member, element, path + (("i", 0),), out)
    elif kind == "map":
        key = next(iter(value)) if value else valid_value(shape.key)
        item = value[key] if value else valid_value(shape.value)
        if meta.get("min", 0) > 0:
            add(path, "min-size", {distinct_key(shape.key, key, i): item for i in range(meta["min"] - 1)})
        if "max" in meta:
            add(path, "max-size", {distinct_key(shape.key, key, i): item for i in range(meta["max"] + 1)})
        key_cases = []
        _walk(op, shape.key, key, (), key_cases)
        for c in key_cases:
            out.append(Case(op, path + (("k", key),), c.kind, c.value, _named(path)))
        _walk(op, shape.value, item, path + (("v", key),), out)


def limit_cases_for(operation, base):
    """Cases that put a value exactly AT a limit of the model (min/max length, min/max size, every
    enum value): still valid, so the server must not call them a constraint violation."""
    shape = SERVICE.operation_model(operation).input_shape
    out = []
    _limits(operation, shape, base, (), out)
    return out


def _limits(op, shape, value, path, out):
    add = lambda p, kind, v: out.append(Case(op, p, kind, v, _named(p)))  # noqa: E731
    meta, kind = shape.metadata, shape.type_name
    if kind == "structure":
        for name, member in shape.members.items():
            sub = value.get(name) if isinstance(value, dict) and name in value else valid_value(member)
            _limits(op, member, sub, path + (("m", name),), out)
    elif kind == "string":
        pattern = pattern_of(shape, op, path)
        for label, length in (("at-min-length", meta.get("min")), ("at-max-length", meta.get("max"))):
            if length is not None and fit(shape, length, pattern) is not None:
                add(path, label, fit(shape, length, pattern))
        for v in shape.enum or []:
            add(path, f"enum-{v}", v)
    elif kind in ("integer", "long"):
        lo, hi, _ = range_of(shape)
        for label, bound in (("min", lo), ("max", hi)):
            if bound is not None:
                add(path, f"at-{label}-value", bound)
    elif kind == "list":
        element = value[0] if value else valid_value(shape.member)
        for label in ("min", "max"):
            if meta.get(label):
                add(path, f"at-{label}-size", [copy.deepcopy(element) for _ in range(meta[label])])
        _limits(op, shape.member, element, path + (("i", 0),), out)
    elif kind == "map":
        key = next(iter(value)) if value else valid_value(shape.key)
        item = value[key] if value else valid_value(shape.value)
        for label in ("min", "max"):
            if label in meta:
                add(path, f"at-{label}-size", {distinct_key(shape.key, key, i): item for i in range(meta[label])})
        key_cases = []
        _limits(op, shape.key, key, (), key_cases)
        for c in key_cases:
            out.append(Case(op, path + (("k", key),), c.kind, c.value, _named(path)))
        _limits(op, shape.value, item, path + (("v", key),), out)
