#!/usr/bin/python3
"""Exports the RoboMaker client model from Debian's botocore into a directory usable as
AWS_DATA_PATH, so a current boto3/botocore (which dropped RoboMaker) can talk to robomaker-local.

Writes OUT/robomaker/2018-06-29/{service-2,paginators-1,endpoint-rule-set-1}.json with the
documentation strings removed. Nothing from botocore is kept in the repository: run this at
install time. Usage: /usr/bin/python3 scripts/export-client-model.py OUT
"""
import json
import os
import sys

FILES = ("service-2.json", "paginators-1.json", "endpoint-rule-set-1.json")
DROP = {"documentation", "documentationUrl", "deprecatedMessage"}


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in DROP}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: export-client-model.py OUT_DIR")
    try:
        import botocore
    except ImportError:
        sys.exit("export-client-model: botocore not found; install Debian's python3-botocore and run with /usr/bin/python3")
    src = os.path.join(os.path.dirname(botocore.__file__), "data", "robomaker", "2018-06-29")
    if not os.path.isfile(os.path.join(src, "service-2.json")):
        sys.exit(f"export-client-model: this botocore ({botocore.__version__}) has no RoboMaker model at {src}")
    dst = os.path.join(sys.argv[1], "robomaker", "2018-06-29")
    os.makedirs(dst, exist_ok=True)
    for name in FILES:
        path = os.path.join(src, name)
        if not os.path.isfile(path):
            continue
        with open(path) as f:
            model = strip(json.load(f))
        with open(os.path.join(dst, name), "w") as f:
            json.dump(model, f, separators=(",", ":"))
    print(f"export-client-model: wrote {dst} (from botocore {botocore.__version__})")


if __name__ == "__main__":
    main()
