#!/usr/bin/env bash
# Executes every notebook against a published run and fails if any cell fails (called by bin/test).
#
#   notebooks/run-notebooks.sh                 run the job once into a temporary --out, then every notebook
#   PROVINCE_COMPARE_OUT=out notebooks/run-notebooks.sh   reuse an existing output directory (no job run)
#   notebooks/run-notebooks.sh 02-all-provinces.ipynb     only the notebooks named
#
# Environment:
#   PROVINCE_COMPARE_OUT   an output directory of bin/province-compare (holding current/); when unset, the job runs
#                          into a temporary directory that is removed afterwards
#   PYTHON                 the interpreter bin/python-env makes the project's environment from (default python3;
#                          3.11 is what requirements.lock pins)
# Steps: the project's Python environment (bin/python-env: requirements.lock, created once per change of the file
# and shared with the dashboard and benchmark scripts), the committed notebooks must have no outputs or execution
# counts, the tile grid must be whole, the checks' own tests pass, then each notebook runs with its folder as
# working directory. Executed copies and every figure (PNG) go to notebooks/executed/ (gitignored), replaced on
# each call.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
executed=$here/executed

say() { echo "run-notebooks: $*" >&2; }

# 1. The Python environment (created once per change of requirements.lock).
python=$("$repo/bin/python-env")

# The caller's PROVINCE_COMPARE_OUT may be relative to where they stand; the kernels run in notebooks/.
if [ -n "${PROVINCE_COMPARE_OUT:-}" ]; then
  [ -d "$PROVINCE_COMPARE_OUT" ] || { say "PROVINCE_COMPARE_OUT=$PROVINCE_COMPARE_OUT is not a directory"; exit 2; }
  PROVINCE_COMPARE_OUT=$(cd "$PROVINCE_COMPARE_OUT" && pwd)
fi

# 2. Committed notebooks are clean, the tile grid is drawable, and the checks themselves are tested.
cd "$here"
if [ $# -gt 0 ]; then notebooks=("$@"); else notebooks=([0-9][0-9]-*.ipynb); fi
for nb in "${notebooks[@]}"; do
  [ -f "$here/$nb" ] || { say "no notebook $here/$nb"; exit 2; }
done
"$python" check_clean.py "${notebooks[@]}" \
  || { say "notebooks must be committed without outputs: clear them (Kernel > Restart & Clear Output) and retry"; exit 1; }
gso_sql=$repo/../shared/data/reference/ImportData_vn_units.v2.4.1.provinces_only.sql
if [ -f "$gso_sql" ]; then
  "$python" check_clean.py --tile-grid "$repo/data/reference/tile_grid_vn63.csv" "$gso_sql"
else
  "$python" check_clean.py --tile-grid "$repo/data/reference/tile_grid_vn63.csv"
fi
"$python" -m unittest discover -s tests -q  # cwd (notebooks/) on sys.path: imports check_clean

# 3. A published run: the caller's, or a fresh one of the job on the bundled data.
tmp=
cleanup() { [ -z "$tmp" ] || rm -rf "$tmp"; }
trap cleanup EXIT
if [ -z "${PROVINCE_COMPARE_OUT:-}" ]; then
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/province-compare-notebooks.XXXXXX")
  say "running the job: bin/province-compare run --out $tmp/out"
  (cd "$repo" && bin/province-compare run --out "$tmp/out") \
    || { say "the job failed, so the notebooks cannot run (set PROVINCE_COMPARE_OUT to reuse an existing run)"; exit 1; }
  export PROVINCE_COMPARE_OUT=$tmp/out
fi
export PROVINCE_COMPARE_OUT
[ -f "$PROVINCE_COMPARE_OUT/current/manifest.json" ] \
  || { say "$PROVINCE_COMPARE_OUT has no published run (expected current/manifest.json)"; exit 1; }

# 4. Execute; figures land beside the executed copies.
rm -rf "$executed"
mkdir -p "$executed"
export PROVINCE_COMPARE_FIGURES=$executed
say "executing ${#notebooks[@]} notebook(s) against $PROVINCE_COMPARE_OUT/current"
"$python" execute_notebooks.py "$executed" "${notebooks[@]}"
say "executed copies and figures in $executed"
