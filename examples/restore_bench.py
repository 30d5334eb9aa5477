#!/usr/bin/env python3
"""`restore` of a backup of several plans (GUIDE §10), side by side with
another build in one run: each build restores the same backup into a copy
of the same database, alternately, `--runs` times; prints the medians.

    cargo build [--release] --bin obiettivi --example synthetic
    python3 examples/restore_bench.py --base OTHER/obiettivi [--bin target/debug/obiettivi]
        [--objectives 1000] [--phases 5] [--plans 3] [--runs 5]

The database holds `--plans` synthetic plans (`examples/synthetic`, one seed
each, titled «Piano 1» …), made and backed up by `--bin`; before each
restore every plan of the copy is changed (one phase's progress), so that
the restore writes every plan back.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(binary, db, *args):
    out = subprocess.run([binary, "--db", db, *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{binary} {' '.join(args)}: {out.stderr}")
    return out.stdout


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--bin", default=os.path.join(ROOT, "target", "debug", "obiettivi"))
    p.add_argument("--synthetic", default=None)
    p.add_argument("--objectives", type=int, default=1000)
    p.add_argument("--phases", type=int, default=5)
    p.add_argument("--plans", type=int, default=3)
    p.add_argument("--runs", type=int, default=5)
    a = p.parse_args()
    synthetic = a.synthetic or os.path.join(os.path.dirname(a.bin), "examples", "synthetic")
    work = tempfile.mkdtemp(prefix="restore_bench.")
    template = os.path.join(work, "template")
    titles = [f"Piano {i + 1}" for i in range(a.plans)]
    for i, title in enumerate(titles):
        text = subprocess.run(
            [synthetic, "--objectives", str(a.objectives), "--phases", str(a.phases),
             "--seed", str(i + 1)], capture_output=True, text=True, check=True).stdout
        plan = json.loads(text)
        plan["plan"]["title"] = title
        path = os.path.join(work, f"plan{i}.json")
        with open(path, "w") as f:
            json.dump(plan, f)
        if i == 0:
            run(a.bin, template, "--empty", "import", path)
        else:
            run(a.bin, template, "plan", "new", title, "--year", "2026")
            run(a.bin, template, "--plan", title, "import", path)
    backup = os.path.join(work, "backup.json")
    run(a.bin, template, "backup", "-o", backup)
    code = json.load(open(os.path.join(work, "plan0.json")))["objectives"][0]["code"]
    times = {"base": [], "this": []}
    for r in range(a.runs):
        for name, binary in (("base", a.base), ("this", a.bin)):
            db = os.path.join(work, f"db-{name}-{r}")
            shutil.copytree(template, db)
            for title in titles:
                run(a.bin, db, "--plan", title, "set", code, "--phase", "1",
                    "--progress", str(10 + r))
            started = time.perf_counter()
            run(binary, db, "restore", backup)
            times[name].append(time.perf_counter() - started)
            shutil.rmtree(db)
            shutil.rmtree(db + ".snapshots", ignore_errors=True)
            shutil.rmtree(db + ".drafts", ignore_errors=True)
    print(json.dumps({
        "plans": a.plans, "objectives": a.objectives, "phases": a.phases,
        "backup_mb": round(os.path.getsize(backup) / 1e6, 1),
        "load": os.getloadavg(),
        **{f"{k}_restore_s_median": round(statistics.median(v), 3) for k, v in times.items()},
        **{f"{k}_restore_s": [round(x, 3) for x in v] for k, v in times.items()},
    }))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
