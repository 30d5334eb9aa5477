#!/usr/bin/env python3
"""The store against its data, side by side with another build in one run
(issue 29's targets: import <= 3x json.load, directory <= 1.5x the JSON,
a one-field `set` <= 40 ms end to end, `check` <= 300 ms).

    cargo build --release --bin obiettivi --example synthetic
    python3 examples/store_bench.py --base OTHER/obiettivi [--objectives 10000]
        [--phases 10] [--runs 5] [--shapes default,short,long,bare,sorted]
        [--bin target/release/obiettivi]

Each shape is a synthetic plan (`examples/synthetic`): `default` (2 KB
narratives, indicators), `short` (200-byte narratives), `long` (8 KB
narratives), `bare` (no indicators), `sorted` (the default plan with every
object's keys in alphabetical order). Per shape, the same file is imported by
each binary into a new database (`--empty`), alternately, `--runs` times;
`json.load` of the file is timed in its own process in between, so that a
loaded machine slows all alike. Then, on each database after a clean close:
its size (every file in it, on disk as `du` counts, and apparent), then
`set` of one phase's progress (a different value each time) and `check`,
each `--runs` times, alternately build after build: their medians, by the
clock and in CPU time (user + system, which a loaded machine inflates
less). Prints one JSON line per shape and binary, with the load average.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELEASE = os.path.join(ROOT, "target", "release")

SHAPES = {
    "default": [],
    "short": ["--narrative", "200"],
    "long": ["--narrative", "8000"],
    "bare": ["--no-indicators"],
    "sorted": ["--sorted-keys"],
}


def arg(name, default):
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return default


def timed(cmd):
    """Seconds, peak RSS (MB), exit code and CPU seconds (user + system) of
    `cmd`, its output discarded."""
    started = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(cmd)}: exit {code}: {child.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024, code, usage.ru_utime + usage.ru_stime


def json_load(path):
    out = subprocess.run(
        [sys.executable, "-c",
         "import json, sys, time\n"
         "t = time.perf_counter()\n"
         "json.load(open(sys.argv[1], 'rb'))\n"
         "print(time.perf_counter() - t)", path],
        check=True, capture_output=True, text=True)
    return float(out.stdout)


def size(path):
    """Bytes on disk (as `du` counts them: holes are not) and apparent
    (as `ls -l` adds them up)."""
    stats = [os.stat(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files]
    return sum(s.st_blocks * 512 for s in stats), sum(s.st_size for s in stats)


def main():
    base = arg("--base", None)
    if not base:
        sys.exit("--base OTHER/obiettivi: the build to compare with")
    objectives, phases = arg("--objectives", "10000"), arg("--phases", "10")
    runs = int(arg("--runs", "5"))
    shapes = arg("--shapes", ",".join(SHAPES)).split(",")
    # `--bin` (default: this tree's release build) and the generator beside it.
    binary = arg("--bin", os.path.join(RELEASE, "obiettivi"))
    synthetic = os.path.join(os.path.dirname(binary), "examples", "synthetic")
    builds = {"this": binary, "base": base}
    work = tempfile.mkdtemp(prefix="store-bench-")
    try:
        for shape in shapes:
            plan = os.path.join(work, f"{shape}.json")
            with open(plan, "wb") as out:
                subprocess.run([synthetic, "--objectives", objectives, "--phases", phases,
                                *SHAPES[shape]], stdout=out, check=True)
            # Read in a process of its own: a child forked from a bench that
            # held the plan would count the plan in its peak RSS.
            code = subprocess.run(
                [sys.executable, "-c",
                 "import json, sys; print(json.load(open(sys.argv[1]))['objectives'][-1]['code'])",
                 plan], check=True, capture_output=True, text=True).stdout.strip()
            figures = {name: {"import_s": [], "import_rss_mb": []} for name in builds}
            loads = []
            for run in range(runs):
                loads.append(json_load(plan))
                for name, binary in builds.items():
                    db = os.path.join(work, f"{name}-{shape}")
                    shutil.rmtree(db, ignore_errors=True)
                    shutil.rmtree(db + ".snapshots", ignore_errors=True)
                    seconds, rss, _, _ = timed([binary, "--db", db, "--empty", "import", plan])
                    figures[name]["import_s"].append(seconds)
                    figures[name]["import_rss_mb"].append(rss)
            load = statistics.median(loads)
            sizes = {name: size(os.path.join(work, f"{name}-{shape}")) for name in builds}
            # `set` and `check` alternately too, build after build, run after run.
            for run in range(runs):
                for name, binary in builds.items():
                    db = os.path.join(work, f"{name}-{shape}")
                    f = figures[name]
                    seconds, _, _, cpu = timed([binary, "--db", db, "set", code, "--phase", "1",
                                                "--progress", str(10 + run)])
                    f.setdefault("set", []).append(seconds)
                    f.setdefault("set_cpu", []).append(cpu)
                for name, binary in builds.items():
                    db = os.path.join(work, f"{name}-{shape}")
                    f = figures[name]
                    seconds, _, _, cpu = timed([binary, "--db", db, "check"])
                    f.setdefault("check", []).append(seconds)
                    f.setdefault("check_cpu", []).append(cpu)
            for name, binary in builds.items():
                f = figures[name]
                dir_bytes, apparent = sizes[name]
                sets, checks = f["set"], f["check"]
                imported = statistics.median(f["import_s"])
                print(json.dumps({
                    "shape": shape, "build": name, "objectives": int(objectives),
                    "phases": int(phases), "json_mb": round(os.path.getsize(plan) / 1e6, 1),
                    "json_load_s": round(load, 2), "import_s": round(imported, 2),
                    "import_vs_json_load": round(imported / load, 2),
                    "import_peak_rss_mb": round(max(f["import_rss_mb"])),
                    "dir_mb": round(dir_bytes / 1e6, 1),
                    "dir_vs_json": round(dir_bytes / os.path.getsize(plan), 2),
                    "dir_apparent_mb": round(apparent / 1e6, 1),
                    "set_ms_median": round(statistics.median(sets) * 1e3),
                    "set_ms_max": round(max(sets) * 1e3),
                    "set_cpu_ms_median": round(statistics.median(f["set_cpu"]) * 1e3),
                    "check_ms_median": round(statistics.median(checks) * 1e3),
                    "check_cpu_ms_median": round(statistics.median(f["check_cpu"]) * 1e3),
                    "loadavg": round(os.getloadavg()[0], 1),
                }), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
