#!/usr/bin/env bash
# The cluster jar on a real Spark standalone cluster: starts a master and a worker on loopback from a real Spark
# distribution, submits jobs/target/province-compare-jobs-<version>-cluster.jar with spark-submit on the bundled
# data, checks that every published table equals the local run's (rows, schema, order), and stops the cluster.
#
#   bin/test-cluster.sh                      does its own local run (bin/province-compare) to compare with
#   bin/test-cluster.sh --local-out DIR      compares with the local run already published in DIR (bin/test step 2)
#
# The distribution is the one PyPI ships inside the pyspark sdist (its deps/ folder holds Spark's jars, bin/ and
# sbin/), pinned to the pom's spark.version and unpacked once into $PROVINCE_COMPARE_CACHE
# (default ~/.cache/province-compare). Everything binds to 127.0.0.1 on ports chosen free at start; logs, pid files,
# the worker's directory and both outputs live in one temporary directory; the cluster is stopped on any exit.
# Environment: PROVINCE_COMPARE_CACHE, PROVINCE_COMPARE_CLUSTER_TIMEOUT (seconds for the submitted job, default
# 1200), KEEP_CLUSTER_TMP=1 (keep the temporary directory for inspection).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

local_out=
while [ $# -gt 0 ]; do
  case $1 in
    --local-out) local_out=${2:?--local-out needs a directory}; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test-cluster: unknown argument '$1' (expected --local-out DIR or nothing)" >&2; exit 2 ;;
  esac
done
if [ -n "$local_out" ] && [ ! -f "$local_out/current/manifest.json" ]; then
  echo "test-cluster: --local-out $local_out holds no published run (no current/manifest.json)" >&2
  exit 2
fi

say() { echo "test-cluster: $*"; }
now() { date +%s.%N; }
secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }
t_start=$(now)

# --- the versions the build uses: the distribution must be the same Spark, or the test proves nothing ----------
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$repo/pom.xml" | head -1; }
spark_version=$(pom_property spark.version)
scala_version=$(pom_property scala.binary.version)
[ -n "$spark_version" ] && [ -n "$scala_version" ] \
  || { echo "test-cluster: cannot read spark.version / scala.binary.version from pom.xml" >&2; exit 1; }

# --- the cluster jar and the local runner (mvn package when sources are newer than the jar) ----------------------
cluster_jar=$repo/jobs/target/province-compare-jobs-0.1.0-SNAPSHOT-cluster.jar
runner_jar=$repo/jobs/target/province-compare.jar
if [ ! -f "$cluster_jar" ] || [ ! -f "$runner_jar" ] || [ -n "$(find "$repo/jobs/src/main" "$repo/pom.xml" \
    "$repo/jobs/pom.xml" -type f -newer "$cluster_jar" -print -quit)" ]; then
  say "building the jars (mvn package)"
  mvn -q -B -ntp -Dstyle.color=never -DskipTests package
fi

# --- a real Spark distribution, pinned to the pom, cached ---------------------------------------------------------
cache=${PROVINCE_COMPARE_CACHE:-$HOME/.cache/province-compare}
spark_home=$cache/spark-$spark_version
t_fetch=$(now)
if [ ! -f "$spark_home/.complete" ]; then
  say "fetching Spark $spark_version (the pyspark $spark_version sdist from PyPI, about 450 MB; cached in $spark_home)"
  mkdir -p "$cache"
  rm -rf "$spark_home" "$cache/.download-$spark_version"
  dl=$cache/.download-$spark_version
  mkdir -p "$dl"
  # --no-binary: the wheel has no sbin/; --no-cache-dir: the unpacked copy below is the cache, not pip's.
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: --no-cache-dir \
    -d "$dl" "pyspark==$spark_version"
  sdist=$dl/pyspark-$spark_version.tar.gz
  [ -f "$sdist" ] || { echo "test-cluster: pip did not produce $sdist" >&2; exit 1; }
  tar -xzf "$sdist" -C "$dl" --wildcards "pyspark-$spark_version/deps/bin/*" "pyspark-$spark_version/deps/sbin/*" \
    "pyspark-$spark_version/deps/jars/*" "pyspark-$spark_version/LICENSE" "pyspark-$spark_version/NOTICE"
  staged=$dl/pyspark-$spark_version/deps
  mv "$dl/pyspark-$spark_version/LICENSE" "$dl/pyspark-$spark_version/NOTICE" "$staged/"
  [ -f "$staged/jars/spark-core_$scala_version-$spark_version.jar" ] || {
    echo "test-cluster: the pyspark $spark_version sdist has no jars/spark-core_$scala_version-$spark_version.jar;" \
      "the pom's Spark $spark_version / Scala $scala_version is not what PyPI ships" >&2; exit 1; }
  echo "Spark $spark_version (Scala $scala_version), from the pyspark $spark_version sdist on PyPI" > "$staged/RELEASE"
  mv "$staged" "$spark_home"
  rm -rf "$dl"
  touch "$spark_home/.complete"
fi
t_fetched=$(now)
for f in "jars/spark-core_$scala_version-$spark_version.jar" bin/spark-submit bin/spark-class sbin/spark-daemon.sh; do
  [ -e "$spark_home/$f" ] || { echo "test-cluster: $spark_home/$f is missing; delete $spark_home and rerun" >&2; exit 1; }
done

# --- one temporary directory for everything the cluster writes ------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/province-compare-cluster.XXXXXX")
mkdir -p "$tmp/conf" "$tmp/logs" "$tmp/pids" "$tmp/work" "$tmp/local"
export SPARK_HOME=$spark_home
export SPARK_CONF_DIR=$tmp/conf              # empty: no spark-env.sh or spark-defaults.conf from elsewhere
export SPARK_LOG_DIR=$tmp/logs SPARK_PID_DIR=$tmp/pids SPARK_WORKER_DIR=$tmp/work SPARK_LOCAL_DIRS=$tmp/local
export SPARK_IDENT_STRING=province-compare
export SPARK_LOCAL_IP=127.0.0.1              # every daemon, web UI and block manager binds to loopback
export SPARK_DAEMON_MEMORY=512m              # master and worker heaps (the executor's is set below)
export SPARK_MASTER_OPTS="-Dspark.master.rest.enabled=false"
unset SPARK_MASTER_HOST SPARK_MASTER_PORT SPARK_WORKER_CORES SPARK_WORKER_MEMORY HADOOP_CONF_DIR YARN_CONF_DIR
master_class=org.apache.spark.deploy.master.Master
worker_class=org.apache.spark.deploy.worker.Worker
daemon_pids=()
child_pid=

pid_of() { cat "$SPARK_PID_DIR/spark-$SPARK_IDENT_STRING-$1-1.pid" 2>/dev/null || true; }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

stop_cluster() {
  local rc=$? pid pids=() i
  set +e
  trap - EXIT INT TERM
  if alive "$child_pid"; then kill "$child_pid" 2>/dev/null; fi
  # The worker's children are the executors; named before the worker goes, so none can outlive it.
  for pid in "${daemon_pids[@]}"; do
    pids+=("$pid")
    for c in $(ps -o pid= --ppid "$pid" 2>/dev/null); do pids+=("$c"); done
  done
  if [ ${#daemon_pids[@]} -gt 0 ]; then
    "$SPARK_HOME/sbin/spark-daemon.sh" stop "$worker_class" 1 >/dev/null
    "$SPARK_HOME/sbin/spark-daemon.sh" stop "$master_class" 1 >/dev/null
  fi
  for i in $(seq 1 60); do
    local left=()
    for pid in "${pids[@]}"; do alive "$pid" && left+=("$pid"); done
    [ ${#left[@]} -eq 0 ] && break
    [ "$i" -eq 40 ] && kill -9 "${left[@]}" 2>/dev/null
    sleep 0.5
  done
  for pid in "${pids[@]}"; do alive "$pid" && echo "test-cluster: process $pid did not stop" >&2 && rc=1; done
  [ ${#daemon_pids[@]} -gt 0 ] && say "cluster stopped"
  if [ "$rc" -ne 0 ] && [ -d "$tmp/logs" ]; then
    for f in "$tmp"/logs/*; do [ -f "$f" ] && { echo "--- tail of $f" >&2; tail -25 "$f" >&2; }; done
  fi
  if [ "${KEEP_CLUSTER_TMP:-0}" = 1 ]; then say "kept $tmp"; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits (bounded) for a line matching a pattern in a daemon's log; prints the first match.
wait_for_log() {
  local class=$1 pattern=$2 seconds=$3 log i
  for i in $(seq 1 $((seconds * 2))); do
    log=$(ls "$SPARK_LOG_DIR"/spark-"$SPARK_IDENT_STRING"-"$class"-1-*.out 2>/dev/null | head -1)
    if [ -n "$log" ] && grep -m1 -oE "$pattern" "$log"; then return 0; fi
    alive "$(pid_of "$class")" || { echo "test-cluster: $class exited while starting" >&2; return 1; }
    sleep 0.5
  done
  echo "test-cluster: $class did not log '$pattern' within ${seconds}s" >&2
  return 1
}

# Runs a command in the background and waits for it, so that a signal reaches the trap at once.
run_child() {
  "$@" &
  child_pid=$!
  local rc=0
  wait "$child_pid" || rc=$?
  child_pid=
  return "$rc"
}

# --- the local run to compare with (before the cluster starts: the two never compete for the 2 cores) ---------
local_wall=
if [ -z "$local_out" ]; then
  local_out=$tmp/local-out
  say "local run: bin/province-compare run --report --csv --out $local_out"
  t_local=$(now)
  run_child bin/province-compare run --report --csv --out "$local_out" > "$tmp/logs/local-run.log" 2>&1 \
    || { tail -30 "$tmp/logs/local-run.log" >&2; echo "test-cluster: the local run failed" >&2; exit 1; }
  local_wall=$(secs "$t_local" "$(now)")
fi

# Free loopback ports for the master's RPC and web UI and the worker's (never the fixed 7077/8080/8081).
read -r master_port master_ui_port worker_port worker_ui_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
for s in socks:
    s.close()')

# --- start the cluster with the distribution's own daemon script (what sbin/start-master.sh and start-worker.sh
# run; the PyPI distribution ships spark-daemon.sh but not those two wrappers) -------------------------------------
t_cluster=$(now)
say "starting a Spark $spark_version master on 127.0.0.1:$master_port (web UI $master_ui_port)"
"$SPARK_HOME/sbin/spark-daemon.sh" start "$master_class" 1 \
  --host 127.0.0.1 --port "$master_port" --webui-port "$master_ui_port" >/dev/null
daemon_pids+=("$(pid_of "$master_class")")
master_url=$(wait_for_log "$master_class" 'Starting Spark master at spark://[^ ]+' 90 | sed 's/.* at //')
wait_for_log "$master_class" 'New state: ALIVE' 90 >/dev/null
master_ui=$(wait_for_log "$master_class" 'MasterWebUI.* at http://[^ ]+' 30 | sed 's/.* at //')

say "starting a worker (2 cores, 3 GiB) on 127.0.0.1:$worker_port, registering with $master_url"
"$SPARK_HOME/sbin/spark-daemon.sh" start "$worker_class" 1 \
  --host 127.0.0.1 --port "$worker_port" --webui-port "$worker_ui_port" \
  --cores 2 --memory 3g --work-dir "$SPARK_WORKER_DIR" "$master_url" >/dev/null
daemon_pids+=("$(pid_of "$worker_class")")
wait_for_log "$worker_class" 'Successfully registered with master' 90 >/dev/null
t_cluster_up=$(now)
say "cluster up in $(secs "$t_cluster" "$t_cluster_up") s: $master_url"

# --- submit the cluster jar unchanged ----------------------------------------------------------------------------
# Client deploy mode: the driver runs in spark-submit here (it reads the raw files; the readers run on the driver),
# the executors in the worker. Spark's launcher adds its own --add-opens list to the driver and, through the
# SparkContext, to the executors; only the time zone the local runner also fixes is added.
cluster_out=$tmp/cluster-out
# The JIT bin/province-compare picks for the raw sources (C1 only: a one-minute job on 64k rows; README, "JIT"),
# so the submitted job costs what the local one does; results do not depend on it.
quick_jit=-XX:TieredStopAtLevel=1
timeout_s=${PROVINCE_COMPARE_CLUSTER_TIMEOUT:-1200}
say "spark-submit --master $master_url $(basename "$cluster_jar") run --report --csv (timeout ${timeout_s}s)"
t_submit=$(now)
run_child timeout --kill-after=30 "$timeout_s" "$SPARK_HOME/bin/spark-submit" \
  --master "$master_url" --deploy-mode client \
  --class vn.provincecompare.cli.ProvinceCompare \
  --driver-memory 3g --executor-memory 2g --total-executor-cores 2 \
  --conf spark.ui.enabled=false \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --conf "spark.driver.extraJavaOptions=-Duser.timezone=UTC $quick_jit" \
  --conf "spark.executor.extraJavaOptions=-Duser.timezone=UTC $quick_jit" \
  "$cluster_jar" run --data-dir "$repo/data" --out "$cluster_out" --report --csv \
  > "$tmp/logs/spark-submit.log" 2>&1 \
  || { rc=$?; tail -40 "$tmp/logs/spark-submit.log" >&2
       echo "test-cluster: spark-submit failed (exit $rc; 124 = timed out after ${timeout_s}s)" >&2; exit 1; }
submit_wall=$(secs "$t_submit" "$(now)")
grep -E '^(published run|  [a-z_]+ +[0-9,]+ rows)' "$tmp/logs/spark-submit.log" | sed 's/^/  /'

# --- proof that the job ran on the cluster, not in a local master --------------------------------------------------
python3 - "$master_ui/json/" <<'EOF'
import json, sys, urllib.request
state = json.load(urllib.request.urlopen(sys.argv[1], timeout=10))
apps = [a for a in state["completedapps"] if a["name"] == "province-compare"]
if len(apps) != 1 or apps[0]["state"] != "FINISHED":
    sys.exit(f"test-cluster: the master does not list one FINISHED province-compare application: {state['completedapps']}")
print(f"test-cluster: the master ran application {apps[0]['id']} ({apps[0]['cores']} cores, state {apps[0]['state']})")
EOF
executor_log=$(ls "$SPARK_WORKER_DIR"/app-*/*/stderr 2>/dev/null | head -1)
[ -n "$executor_log" ] && grep -q 'Finished task' "$executor_log" \
  || { echo "test-cluster: no executor of the worker ran a task (no 'Finished task' in $SPARK_WORKER_DIR/app-*/*/stderr)" >&2; exit 1; }
say "executor $(basename "$(dirname "$(dirname "$executor_log")")")/$(basename "$(dirname "$executor_log")")" \
  "ran $(grep -c 'Finished task' "$executor_log") tasks"
# The README says no --add-opens need passing: Spark gives executors its own list. Every one the local runner needs
# (jobs/pom.xml) must be on the executor's command line, which the worker logs first.
opens=$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$repo/jobs/pom.xml")
launch=$(grep -m1 'Spark Executor Command:' "$executor_log" || true)
for opt in $opens; do
  case $opt in --add-opens=*) ;; *) continue ;; esac
  [[ $launch == *"\"$opt\""* ]] || {
    echo "test-cluster: the executor was launched without $opt (Spark's launcher no longer adds it): $launch" >&2
    exit 1; }
done
say "the executor's command line has every --add-opens of jobs/pom.xml without our passing any"

# --- compare the two runs ------------------------------------------------------------------------------------------
t_compare=$(now)
# shellcheck disable=SC2086
run_child java -Xmx2g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 $opens -Duser.timezone=UTC -cp "$runner_jar:$repo/jobs/target/lib/*" \
  "$repo/cluster/CompareRuns.java" "$local_out/current" "$cluster_out/current"
compare_wall=$(secs "$t_compare" "$(now)")

say "times: cluster start $(secs "$t_cluster" "$t_cluster_up") s; spark-submit run ${submit_wall} s" \
  "${local_wall:+(local run ${local_wall} s) }compare ${compare_wall} s;" \
  "distribution $(secs "$t_fetch" "$t_fetched") s; whole step $(secs "$t_start" "$(now)") s"
