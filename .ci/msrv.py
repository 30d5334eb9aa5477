#!/usr/bin/env python3
"""Cargo.toml's rust-version must be at least what every dependency needs.

The code's own needs (let-chains: 1.88) are in the comment beside it, and
clippy's incompatible_msrv lint (denied in CI) flags std APIs newer than it.
This checks the dependencies, which clippy does not: the highest
`rust-version` any of them declares must not exceed ours.
"""
import json
import subprocess
import sys


def version(text):
    parts = [int(part) for part in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


meta = json.loads(
    subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
)
ours = next(p for p in meta["packages"] if p["name"] == "obiettivi")["rust_version"]
needs = max(
    (version(p["rust_version"]), p["name"])
    for p in meta["packages"]
    if p.get("rust_version") and p["name"] != "obiettivi"
)
if needs[0] > version(ours):
    sys.exit(f"rust-version {ours} in Cargo.toml, but {needs[1]} needs {'.'.join(map(str, needs[0]))}")
print(f"rust-version {ours}: enough for every dependency (the highest: {needs[1]} {'.'.join(map(str, needs[0]))})")
