#!/usr/bin/env python3
"""`examples/perf` of two builds side by side, in one run: each shape's
session run by each build in turn (base, new, then new, base, ...), the
median of each figure, and the ratio new/base. The machine is shared and
noisy: only the ratios within one run mean anything.

    CARGO_TARGET_DIR=/tmp/base cargo build --release --example perf   # in a checkout of the base
    cargo build --release --example perf
    python3 examples/perf_ab.py /tmp/base/release/examples/perf target/release/examples/perf \\
        [--runs 5] [--shapes shipped,2000x3,300x60,10000x10]
"""
import json
import os
import statistics
import subprocess
import sys

SHAPES = {
    "shipped": [],
    "2000x3": ["--objectives", "2000", "--phases", "3"],
    "300x60": ["--objectives", "300", "--phases", "60"],
    "10000x10": ["--objectives", "10000", "--phases", "10"],
}
FIGURES = [
    "open_plus_first_frame_ms", "nav_key_p50_us", "nav_key_p99_us",
    "term_bytes_per_nav_key", "edit_ack_p50_us", "filter_p50_us",
    "sort_p50_us", "fold_p50_us", "overview_key_p50_us", "search_ms",
    "peak_rss_mb",
]


def arg(name, default):
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return default


def main():
    base, new = sys.argv[1], sys.argv[2]
    runs = int(arg("--runs", "5"))
    shapes = arg("--shapes", ",".join(SHAPES)).split(",")
    for shape in shapes:
        figures = {"base": [], "new": []}
        loads = []
        for run in range(runs):
            for name in ("base", "new") if run % 2 == 0 else ("new", "base"):
                binary = base if name == "base" else new
                out = subprocess.run([binary] + SHAPES[shape], capture_output=True,
                                     text=True, check=True).stdout
                figures[name].append(json.loads(out.strip().splitlines()[-1]))
                loads.append(os.getloadavg()[0])
        print(f"## {shape} ({runs} runs each, load {min(loads):.1f}-{max(loads):.1f})")
        for key in FIGURES:
            b = statistics.median(f[key] for f in figures["base"])
            n = statistics.median(f[key] for f in figures["new"])
            ratio = f"{n / b:5.2f}x" if b else "    -"
            print(f"{key:28s} {b:10.1f} {n:10.1f}  {ratio}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
