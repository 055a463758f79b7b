#!/usr/bin/env python3
"""Times the project's `compare` against the same computation in DuckDB, per data size, in one run on one machine.

For each size (SYNTHETIC data of bench/synthetic/generate.py, written to bench/work/syn-<size> when missing), ROUNDS
times, alternating, each into a fresh output folder:
  (a) the bare Spark floor: a JVM that only starts and stops the job's local session (cli.SessionFloor);
  (b) Spark: `bin/province-compare compare` with bench/synthetic/compare-config.json (rankings, changes,
      target_gaps) on the size's indicator_values Parquet;
  (c) DuckDB: bench/duckdb's DuckDbCompare, the same tables as SQL in one in-process DuckDB (its JDBC driver), on
      the same Parquet.
Each process is measured with os.wait4: wall time, CPU time (user + sys, all threads) and peak resident memory
(ru_maxrss). Reported: medians, the ratios Spark / DuckDB (wall and CPU) and Spark / floor, and how time grows from
one size to the next against the growth in rows. After the rounds of a size, the last round's Spark output is
compared with DuckDB's, table by table (bench/compare_tables.py); a disagreement is printed in full.

--check-unoptimised COMMIT: builds that commit of the project in a temporary git worktree (outside the repository,
removed afterwards), runs its compare once on the --check-size data (output cached in
bench/work/unoptimised-<commit>-<size>/) and checks that the current Spark output is identical to it (same
comparison). That is the "outputs identical to the unoptimised path" check.

Exit code 1 when any comparison disagrees (after printing everything), unless --allow-disagreement.
The machine is shared and noisy: compare the ratios, not the seconds; say how busy it was (load average is printed).

Usage: bench/compare-scale.py [--sizes 1m,10m,50m] [--rounds 3] [--markdown] [--check-unoptimised ddc5674]
"""
import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
WORK = os.path.join(BENCH, "work")
SIZES = ["0.1m", "1m", "10m", "50m"]
# Spark's heap per size: the launcher's default is enough up to 10m; 50m needs more room for its sorts.
SPARK_XMX = {"0.1m": "6g", "1m": "6g", "10m": "6g", "50m": "8g"}
DUCK_JAR = os.path.join(BENCH, "duckdb", "target", "duckdb-compare.jar")
DUCK_LIB = os.path.join(BENCH, "duckdb", "target", "lib")
CONFIG = os.path.join(BENCH, "synthetic", "compare-config.json")


def say(msg):
    print(f"compare-scale: {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------- environment

def ensure_venv():
    """The project's one Python environment (bin/python-env: requirements.lock, created once per change)."""
    return subprocess.run([os.path.join(REPO, "bin", "python-env")], stdout=subprocess.PIPE, text=True,
                          check=True).stdout.strip()


def newer_than(target, roots):
    if not os.path.exists(target):
        return True
    t = os.path.getmtime(target)
    for root in roots:
        if os.path.isfile(root):
            if os.path.getmtime(root) > t:
                return True
            continue
        for d, _, files in os.walk(root):
            if any(os.path.getmtime(os.path.join(d, f)) > t for f in files):
                return True
    return False


def build():
    say("building the job if needed (bin/province-compare --help)")
    subprocess.run([os.path.join(REPO, "bin", "province-compare"), "--help"], check=True, stdout=subprocess.DEVNULL)
    if newer_than(DUCK_JAR, [os.path.join(BENCH, "duckdb", "src", "main"), os.path.join(BENCH, "duckdb", "pom.xml")]) \
            or not os.path.isdir(DUCK_LIB):
        say("building the DuckDB peer (mvn -pl bench/duckdb package)")
        subprocess.run(["mvn", "-q", "-B", "-pl", "bench/duckdb", "package", "-DskipTests"], cwd=REPO, check=True,
                       stdout=sys.stderr)


def spark_opens(repo):
    pom = open(os.path.join(repo, "jobs", "pom.xml"), encoding="utf-8").read()
    return re.search(r"<spark.jvm.opens>(.*?)</spark.jvm.opens>", pom).group(1).split()


def ensure_data(python, size):
    data = os.path.join(WORK, f"syn-{size}")
    if not os.path.exists(os.path.join(data, "SYNTHETIC.md")):
        say(f"generating {size} into {data}")
        subprocess.run([python, os.path.join(BENCH, "synthetic", "generate.py"), "--size", size, "--out", data],
                       check=True)
    text = open(os.path.join(data, "SYNTHETIC.md"), encoding="utf-8").read()
    rows = int(re.search(r"indicator_values rows: ([\d,]+)", text).group(1).replace(",", ""))
    return data, rows


# ------------------------------------------------------------------------------------------------------- measuring

def measure(cmd, env=None, label=""):
    """Runs one process to the end: wall s, CPU s (user + sys of it and its threads), peak RSS MB."""
    with tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, start_new_session=True)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            # Interrupted: take the whole process group down with us, never leave a JVM behind.
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise
        wall = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-3000:]
            sys.exit(f"compare-scale: {label or cmd[0]} exited {proc.returncode}\n  {' '.join(cmd)}\n{tail}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024}


def floor_cmd(xmx):
    cp = os.path.join(REPO, "jobs/target/province-compare.jar") + os.pathsep + os.path.join(REPO, "jobs/target/lib/*")
    return ["java", "-XX:+UseParallelGC", f"-Xmx{xmx}", *spark_opens(REPO), "-Duser.timezone=UTC", "-cp", cp,
            "vn.provincecompare.cli.SessionFloor"]


def spark_cmd(repo, data, out, config=CONFIG):
    return [os.path.join(repo, "bin", "province-compare"), "compare", "--config", config, "--data-dir", data,
            "--indicator-values", os.path.join(data, "indicator_values"), "--out", out]


def duck_cmd(data, out, memory_limit):
    cmd = ["java", "-Xmx1g", "-cp", DUCK_JAR + os.pathsep + os.path.join(DUCK_LIB, "*"),
           "vn.provincecompare.bench.DuckDbCompare", "--data-dir", data,
           "--indicator-values", os.path.join(data, "indicator_values"), "--out", out]
    return cmd + (["--memory-limit", memory_limit] if memory_limit else [])


def spark_env(xmx):
    env = dict(os.environ)
    env["PROVINCE_COMPARE_JAVA_OPTS"] = f"-Xmx{xmx}"
    env.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # as the launcher sets it, so the floor binds the same way
    return env


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def compare_outputs(python, left, right, label):
    """Runs compare_tables.py; returns (agree per table, its report)."""
    res = subprocess.run([python, os.path.join(BENCH, "compare_tables.py"), left, right],
                         capture_output=True, text=True)
    report = res.stdout + res.stderr
    agree = {m.group(1): m.group(2) == "agree" for m in re.finditer(r"(\w+) (agree|DISAGREE|UNREADABLE)",
                                                                      report.splitlines()[-1] if report else "")}
    print(f"\n### {label}\n```\n{report.rstrip()}\n```", flush=True)
    return agree, res.returncode


# ---------------------------------------------------------------------------------------------- unoptimised path

def unoptimised_output(commit, size, data):
    """The compare output of `commit` on `data`, built in a temporary worktree and cached under bench/work."""
    full = subprocess.run(["git", "rev-parse", "--short", commit], cwd=REPO, capture_output=True, text=True,
                          check=True).stdout.strip()
    cache = os.path.join(WORK, f"unoptimised-{full}-{size}")
    current = os.path.join(cache, "current")
    if os.path.exists(os.path.join(current, "manifest.json")):
        say(f"unoptimised output of {full} at {size} is cached in {cache}")
        return current, None
    tmp = tempfile.mkdtemp(prefix=f"pc-unoptimised-{full}-")
    tree = os.path.join(tmp, "tree")
    say(f"building {full} in a temporary worktree {tree}")
    subprocess.run(["git", "worktree", "add", "--detach", tree, full], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        subprocess.run(["mvn", "-q", "-B", "-DskipTests", "-pl", "jobs", "package"], cwd=tree, check=True,
                       stdout=sys.stderr)
        config = os.path.join(tree, "bench", "synthetic", "compare-config.json")
        shutil.rmtree(cache, ignore_errors=True)
        say(f"running {full}'s compare on {size} once")
        m = measure(spark_cmd(tree, data, cache, config if os.path.exists(config) else CONFIG),
                    env=spark_env(SPARK_XMX[size]), label=f"compare of {full}")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", tree], cwd=REPO, check=False)
        subprocess.run(["git", "worktree", "prune"], cwd=REPO, check=False)
        shutil.rmtree(tmp, ignore_errors=True)
    return current, m


# ------------------------------------------------------------------------------------------------------- reporting

def med(runs, key):
    return statistics.median(r[key] for r in runs)


def report(results, rounds, markdown, load):
    rows = []
    for size, r in results.items():
        for what, runs in (("bare Spark floor", r["floor"]), ("Spark compare", r["spark"]),
                           ("DuckDB compare", r["duck"])):
            rows.append((size, r["rows"], what, med(runs, "wall_s"), med(runs, "cpu_s"), med(runs, "peak_rss_mb"),
                         r["xmx"] if what != "DuckDB compare" else "-Xmx1g + native"))
    ratios = []
    for size, r in results.items():
        sw, dw, fw = med(r["spark"], "wall_s"), med(r["duck"], "wall_s"), med(r["floor"], "wall_s")
        sc, dc = med(r["spark"], "cpu_s"), med(r["duck"], "cpu_s")
        ratios.append((size, sw / dw, sc / dc, sw / fw, (sw - fw) / dw))
    growth = []
    sizes = list(results)
    for a, b in zip(sizes, sizes[1:]):
        ra, rb = results[a], results[b]
        row_ratio = rb["rows"] / ra["rows"]
        growth.append((f"{a} -> {b}", row_ratio,
                       med(rb["spark"], "wall_s") / med(ra["spark"], "wall_s"),
                       med(rb["duck"], "wall_s") / med(ra["duck"], "wall_s"),
                       (med(rb["spark"], "wall_s") - med(rb["floor"], "wall_s"))
                       / (med(ra["spark"], "wall_s") - med(ra["floor"], "wall_s"))))
    agreement = [(size, t, ok) for size, r in results.items() for t, ok in r["agree"].items()]
    if markdown:
        print(f"\n| size | indicator_values rows | what | wall s (median of {rounds}) | CPU s | peak RSS MB | heap |")
        print("|---|---|---|---|---|---|---|")
        for size, n, what, w, c, m, heap in rows:
            print(f"| {size} | {n:,} | {what} | {w:.1f} | {c:.1f} | {m:.0f} | {heap} |")
        print("\n| size | Spark / DuckDB (wall) | Spark / DuckDB (CPU) | Spark / floor (wall) | "
              "(Spark - floor) / DuckDB (wall) |")
        print("|---|---|---|---|---|")
        for size, w, c, f, net in ratios:
            print(f"| {size} | **{w:.2f}x** | {c:.2f}x | {f:.2f}x | {net:.2f}x |")
        if growth:
            print("\n| sizes | rows x | Spark wall x | DuckDB wall x | Spark minus floor x |")
            print("|---|---|---|---|---|")
            for label, rr, s, d, sn in growth:
                print(f"| {label} | {rr:.2f} | {s:.2f} | {d:.2f} | {sn:.2f} |")
        print("\n| size | table | Spark output = DuckDB output |")
        print("|---|---|---|")
        for size, t, ok in agreement:
            print(f"| {size} | {t} | {'yes' if ok else '**NO**'} |")
        print(f"\nmachine: {os.cpu_count()} cores, shared; load average before / after: {load[0]} / {load[1]}")
    else:
        print()
        for size, n, what, w, c, m, heap in rows:
            print(f"{size:>5} {n:>12,} rows  {what:18s} wall {w:7.1f} s  cpu {c:7.1f} s  peak {m:6.0f} MB  ({heap})")
        for size, w, c, f, net in ratios:
            print(f"{size:>5}: Spark/DuckDB wall {w:.2f}x, cpu {c:.2f}x; Spark/floor {f:.2f}x; "
                  f"(Spark - floor)/DuckDB {net:.2f}x")
        for label, rr, s, d, sn in growth:
            print(f"{label}: rows x{rr:.2f}; Spark wall x{s:.2f}, DuckDB wall x{d:.2f}, Spark minus floor x{sn:.2f}")
        for size, t, ok in agreement:
            print(f"{size:>5} {t:12s} Spark = DuckDB: {'yes' if ok else 'NO'}")
        print(f"machine: {os.cpu_count()} cores, shared; load average before / after: {load[0]} / {load[1]}")


def loadavg():
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


# ------------------------------------------------------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1m,10m,50m", help=f"comma-separated, of {SIZES}")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--markdown", action="store_true", help="tables for docs/BENCHMARKS.md")
    ap.add_argument("--check-unoptimised", metavar="COMMIT",
                    help="check the current Spark output equals this commit's (e.g. ddc5674)")
    ap.add_argument("--check-size", default="1m", help="the size of that check (default 1m)")
    ap.add_argument("--spark-xmx", help="Spark heap for every size (default: " +
                    ", ".join(f"{k} {v}" for k, v in SPARK_XMX.items()) + ")")
    ap.add_argument("--duckdb-memory-limit", help="DuckDB memory_limit (default: DuckDB's, 80%% of RAM)")
    ap.add_argument("--allow-disagreement", action="store_true",
                    help="exit 0 even when outputs disagree (they are printed either way)")
    args = ap.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    bad = [s for s in sizes if s not in SIZES]
    if bad or not sizes:
        ap.error(f"--sizes {args.sizes}: valid sizes are {SIZES}")
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    if args.check_unoptimised and args.check_size not in SIZES:
        ap.error(f"--check-size {args.check_size}: valid sizes are {SIZES}")

    python = ensure_venv()
    build()
    load_before = loadavg()
    results = {}
    disagreements = []
    runs_dir = os.path.join(WORK, "runs")
    for size in sizes:
        data, rows = ensure_data(python, size)
        xmx = args.spark_xmx or SPARK_XMX[size]
        r = {"rows": rows, "xmx": f"-Xmx{xmx}", "floor": [], "spark": [], "duck": [], "agree": {}}
        spark_out = duck_out = None
        for i in range(args.rounds):
            r["floor"].append(measure(floor_cmd(xmx), env=spark_env(xmx), label="SessionFloor"))
            # Only the last round's outputs are kept (for the comparison): the others are removed as they go.
            for old in (spark_out, duck_out):
                if old:
                    shutil.rmtree(old, ignore_errors=True)
            spark_out = fresh(os.path.join(runs_dir, size, f"spark-{i + 1}"))
            r["spark"].append(measure(spark_cmd(REPO, data, spark_out), env=spark_env(xmx), label="Spark compare"))
            duck_out = fresh(os.path.join(runs_dir, size, f"duckdb-{i + 1}"))
            r["duck"].append(measure(duck_cmd(data, duck_out, args.duckdb_memory_limit), label="DuckDB compare"))
            say(f"{size} round {i + 1}/{args.rounds}: floor {r['floor'][-1]['wall_s']:.1f} s, "
                f"Spark {r['spark'][-1]['wall_s']:.1f} s, DuckDB {r['duck'][-1]['wall_s']:.1f} s "
                f"(load {loadavg()})")
        agree, code = compare_outputs(python, os.path.join(spark_out, "current"), duck_out,
                                      f"{size}: Spark output vs DuckDB output")
        r["agree"] = agree
        if code != 0:
            disagreements.append(f"{size}: Spark vs DuckDB")
        if args.check_unoptimised and size == args.check_size:
            reference, m = unoptimised_output(args.check_unoptimised, size, data)
            if m:
                say(f"unoptimised compare at {size}: wall {m['wall_s']:.1f} s, cpu {m['cpu_s']:.1f} s, "
                    f"peak {m['peak_rss_mb']:.0f} MB")
            _, code = compare_outputs(python, os.path.join(spark_out, "current"), reference,
                                      f"{size}: current Spark output vs unoptimised {args.check_unoptimised}")
            if code != 0:
                disagreements.append(f"{size}: current vs unoptimised {args.check_unoptimised}")
        results[size] = r
    if args.check_unoptimised and args.check_size not in sizes:
        data, _ = ensure_data(python, args.check_size)
        out = fresh(os.path.join(runs_dir, args.check_size, "spark-check"))
        measure(spark_cmd(REPO, data, out), env=spark_env(args.spark_xmx or SPARK_XMX[args.check_size]),
                label="Spark compare")
        reference, _ = unoptimised_output(args.check_unoptimised, args.check_size, data)
        _, code = compare_outputs(python, os.path.join(out, "current"), reference,
                                  f"{args.check_size}: current Spark output vs unoptimised {args.check_unoptimised}")
        if code != 0:
            disagreements.append(f"{args.check_size}: current vs unoptimised {args.check_unoptimised}")
    report(results, args.rounds, args.markdown, (load_before, loadavg()))
    if disagreements:
        print(f"\nDISAGREEMENT: {'; '.join(disagreements)} (details above)", flush=True)
        return 0 if args.allow_disagreement else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
