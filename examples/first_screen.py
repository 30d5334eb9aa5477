#!/usr/bin/env python3
"""The first screen of `obiettivi` against VisiData's on the same plan, in
the same run (issue 19's target: at least 3x faster).

    cargo build --release --bin obiettivi --example synthetic
    python3 examples/first_screen.py [--objectives 10000] [--phases 10] [--runs 5]

Each run starts the program in a fresh tmux window of 120x40 and polls the
screen every 5 ms until it shows the plan's data (the first mandate's code:
the tree's first row in obiettivi, the first column of VisiData's rows of
the plan's CSV export, read with its `;`), alternately, so that a loaded machine slows both alike. The
database is opened once before the runs, as a user's would have been.
VisiData (`vd`, from PyPI) must be on PATH. Prints one JSON line.
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
BIN = os.path.join(ROOT, "target", "release", "obiettivi")
SYNTHETIC = os.path.join(ROOT, "target", "release", "examples", "synthetic")


def arg(name, default):
    if name in sys.argv:
        return int(sys.argv[sys.argv.index(name) + 1])
    return default


def sh(*cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def first_screen(command, marker, env, quit_keys=None):
    """Seconds from starting `command` in tmux until the screen holds `marker`;
    then `quit_keys` end it as a user would, and the session is waited for
    (a next obiettivi started while it closes would wait for its lock)."""
    session = f"fs{os.getpid()}"
    started = time.perf_counter()
    sh("tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", *env, command)
    try:
        while True:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session],
                capture_output=True, text=True,
            ).stdout
            if marker in screen:
                elapsed = time.perf_counter() - started
                if quit_keys:
                    subprocess.run(["tmux", "send-keys", "-t", session, *quit_keys])
                    for _ in range(1000):
                        alive = subprocess.run(["tmux", "has-session", "-t", session],
                                               capture_output=True).returncode == 0
                        if not alive:
                            break
                        time.sleep(0.01)
                return elapsed
            if time.perf_counter() - started > 60:
                raise SystemExit(f"{command}: no «{marker}» on screen after 60 s:\n{screen}")
            time.sleep(0.005)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def main():
    objectives, phases, runs = arg("--objectives", 10000), arg("--phases", 10), arg("--runs", 5)
    if not shutil.which("vd"):
        raise SystemExit("vd (VisiData) is not on PATH: pip install visidata")
    work = tempfile.mkdtemp(prefix="first-screen-")
    try:
        plan = os.path.join(work, "plan.json")
        with open(plan, "w") as out:
            sh(SYNTHETIC, "--objectives", str(objectives), "--phases", str(phases), stdout=out)
        db = os.path.join(work, "db")
        sh(BIN, "--db", db, "--empty", "import", plan,
           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        csv = os.path.join(work, "plan.csv")
        sh(BIN, "--db", db, "export", "--format", "csv", "-o", csv)
        with open(plan) as f:
            first = json.load(f)
        # On both first screens: the tree's first row, the CSV's first column.
        mandate = first["mandates"][0]["code"]
        # The session a user opens: once, untimed, so sled's snapshot is there.
        first_screen(f"{BIN} --db {db}", mandate, ["-e", "LANG=it_IT.UTF-8"], ["q"])
        times = {"obiettivi": [], "visidata": []}
        for _ in range(runs):
            times["obiettivi"].append(
                first_screen(f"{BIN} --db {db}", mandate, ["-e", "LANG=it_IT.UTF-8"], ["q"]))
            times["visidata"].append(
                first_screen(f"vd --csv-delimiter ';' {csv}", mandate, []))
        med = {k: statistics.median(v) for k, v in times.items()}
        print(json.dumps({
            "objectives": objectives,
            "phases": phases,
            "csv_mb": round(os.path.getsize(csv) / 1e6, 1),
            "runs": runs,
            "obiettivi_first_screen_ms": [round(t * 1000) for t in times["obiettivi"]],
            "visidata_first_screen_ms": [round(t * 1000) for t in times["visidata"]],
            "median_ratio_visidata_over_obiettivi": round(med["visidata"] / med["obiettivi"], 1),
            "visidata": subprocess.run(["vd", "--version"], capture_output=True, text=True).stdout.strip(),
        }))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
