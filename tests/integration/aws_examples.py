"""AWS's own published record of the deployment service: the AWS CLI's RoboMaker examples, read at
test time from Debian's awscli package (`dpkg -L awscli | grep examples/robomaker`), never copied
into this repository.

Each example file (reStructuredText) holds a title, one `aws robomaker ...` command and, for most,
the JSON output AWS's service gave. `load_examples()` returns them as `Example` values; the
simulation examples (another service that AWS kept) are left out. Some published outputs are not
valid JSON (create-robot-application-version lacks a comma before "tags"); `parse_output` repairs a
missing comma between two members and nothing else."""
import json
import os
import re
import shlex
import subprocess
from dataclasses import dataclass, field

DEFAULT_DIR = "/usr/lib/python3/dist-packages/awscli/examples/robomaker"
ARN_RE = re.compile(r"arn:aws:robomaker:[a-z0-9-]+:\d{12}:[a-z-]+/[^\s\"',]+")


@dataclass
class Example:
    name: str                 # the file's name without .rst, e.g. "list-robots" (the CLI command)
    path: str
    command: list = field(default_factory=list)   # argv after "aws robomaker", e.g. ["list-robots", ...]
    output: object = None     # the published output (a dict), or None when the example shows none

    @property
    def arns(self):
        """The ARNs the command names, in order of appearance."""
        return ARN_RE.findall(" ".join(self.command))


def examples_dir():
    """The folder Debian's awscli installed, found through dpkg; DEFAULT_DIR if dpkg does not know."""
    try:
        listing = subprocess.run(["dpkg", "-L", "awscli"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        listing = ""
    for line in listing.splitlines():
        if line.rstrip("/").endswith("examples/robomaker"):
            return line.rstrip("/")
    return DEFAULT_DIR


def parse_command(text):
    """The `aws robomaker ...` command of an example, its backslash continuations joined."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.strip().startswith("aws robomaker "):
            joined = line.strip()
            while joined.endswith("\\") and i + 1 < len(lines):
                i += 1
                joined = joined[:-1].rstrip() + " " + lines[i].strip()
            argv = shlex.split(joined)
            return argv[2:]
    raise ValueError("no 'aws robomaker' command")


_MISSING_COMMA = re.compile(r'("|\d|true|false|null|\}|\])(\s*\n\s*")')


def parse_output(text):
    """The JSON object after 'Output::', or None when the example shows no output."""
    at = text.find("Output::")
    if at < 0:
        return None
    body = text[at + len("Output::"):]
    start = body.find("{")
    if start < 0:
        return None
    decoder = json.JSONDecoder()
    try:
        value, _ = decoder.raw_decode(body[start:])
    except ValueError:
        repaired = _MISSING_COMMA.sub(r"\1,\2", body[start:])
        value, _ = decoder.raw_decode(repaired)
    return value


def is_deployment_example(name):
    return "simulation" not in name


def load_examples(folder=None):
    folder = folder or examples_dir()
    out = []
    for entry in sorted(os.listdir(folder)):
        if not entry.endswith(".rst") or not is_deployment_example(entry):
            continue
        path = os.path.join(folder, entry)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        out.append(Example(entry[:-4], path, parse_command(text), parse_output(text)))
    return out
