#!/usr/bin/env python3
"""Times the whole `run` on the bundled data against the bare Spark floor, in one script, on one machine.

Alternates, ROUNDS times: (a) `bin/province-compare run` into a fresh output directory, (b) a JVM that only
starts and stops the same local Spark session (vn.provincecompare.cli.SessionFloor). Reports wall time, CPU time
(user + sys) and peak resident memory of each process, the medians, and the ratio run / floor. Machines here are
noisy: compare the ratio, not the seconds.

Usage: python3 bench/bundled-run.py [--rounds 3] [--markdown]
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def measure(cmd, env=None):
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"bench: {' '.join(cmd[:3])}... exited {code}\n{err[-2000:]}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024}


def floor_command():
    pom = open(os.path.join(REPO, "jobs", "pom.xml"), encoding="utf-8").read()
    opens = re.search(r"<spark.jvm.opens>(.*?)</spark.jvm.opens>", pom).group(1).split()
    java_opts = os.environ.get("PROVINCE_COMPARE_JAVA_OPTS", "-Xmx6g").split()
    cp = os.path.join(REPO, "jobs/target/province-compare.jar") + os.pathsep + os.path.join(REPO, "jobs/target/lib/*")
    # The same JIT the launcher picks for the bundled run (C1 only unless PROVINCE_COMPARE_JIT=full), so the
    # floor starts the session the way the run does.
    jit = [] if os.environ.get("PROVINCE_COMPARE_JIT") == "full" else ["-XX:TieredStopAtLevel=1"]
    return ["java", "-XX:+UseParallelGC", *jit, *java_opts, *opens, "-Duser.timezone=UTC", "-cp", cp, "vn.provincecompare.cli.SessionFloor"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    launcher = os.path.join(REPO, "bin", "province-compare")
    subprocess.run([launcher, "--help"], check=True, stdout=subprocess.DEVNULL)  # builds if needed
    runs, floors = [], []
    for i in range(args.rounds):
        floors.append(measure(floor_command()))
        out = tempfile.mkdtemp(prefix="pc-bench-")
        try:
            runs.append(measure([launcher, "run", "--out", os.path.join(out, "out")]))
        finally:
            shutil.rmtree(out, ignore_errors=True)
        print(f"round {i + 1}: run {runs[-1]['wall_s']:.1f} s, floor {floors[-1]['wall_s']:.1f} s", file=sys.stderr)
    med = lambda xs, k: statistics.median(x[k] for x in xs)
    rows = [
        ("bundled `run` (ingest + compare)", med(runs, "wall_s"), med(runs, "cpu_s"), med(runs, "peak_rss_mb")),
        ("bare Spark session start + stop", med(floors, "wall_s"), med(floors, "cpu_s"), med(floors, "peak_rss_mb")),
    ]
    ratio = rows[0][1] / rows[1][1]
    if args.markdown:
        print(f"| what | wall s (median of {args.rounds}) | CPU s | peak RSS MB |")
        print("|---|---|---|---|")
        for name, w, c, m in rows:
            print(f"| {name} | {w:.1f} | {c:.1f} | {m:.0f} |")
        print(f"\nratio run / floor (wall): **{ratio:.2f}x**; machine: {os.cpu_count()} cores")
    else:
        for name, w, c, m in rows:
            print(f"{name:40s} wall {w:6.1f} s  cpu {c:6.1f} s  peak {m:6.0f} MB")
        print(f"ratio run / floor (wall): {ratio:.2f}x")


if __name__ == "__main__":
    main()
