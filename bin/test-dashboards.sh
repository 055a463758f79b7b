#!/usr/bin/env bash
# The dashboard contract and the scorecard report, checked on one real run of the bundled data (bin/test calls it):
#   1. headless Chromium (Debian packages chromium, chromium-driver), installed with apt-get where missing; if it
#      cannot be installed this script fails: it never skips the browser check
#   2. a run: the caller's PROVINCE_COMPARE_OUT when its current run has report/ and csv/ (made with --report
#      --csv), else one fresh `bin/province-compare run --report --csv` into a temporary directory
#   3. independent readers (pyarrow and DuckDB of the project's Python environment, bin/python-env) run
#      dashboards/views.sql as docs/dashboards.md says and check row counts, types and hand-checked values
#   4. Chromium opens the report of Lào Cai (report/10.html) with every network lookup blocked, dumps the rendered
#      DOM (checked by dashboards/tests/check_report_dom.py) and saves a screenshot in dashboards/browser-check/
#
#   bin/test-dashboards.sh
#   PROVINCE_COMPARE_OUT=out bin/test-dashboards.sh        reuse out/ (run with --report --csv first)
# Environment: PYTHON (default python3, what bin/python-env makes the environment from); CHROMIUM (default: chromium
# on PATH).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
here=$repo/dashboards
say() { echo "test-dashboards: $*" >&2; }
die() { say "FAILED: $*"; exit 1; }

# 1. The browser.
chromium=${CHROMIUM:-}
if [ -z "$chromium" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    say "chromium is missing: installing the Debian packages chromium and chromium-driver"
    sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq || die "apt-get update failed; install chromium by hand (apt-get install chromium chromium-driver)"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null \
      || die "apt-get install chromium chromium-driver failed; the report cannot be checked in a browser"
  fi
  chromium=$(command -v chromium) || die "chromium is still not on PATH after installing it"
fi
"$chromium" --version >/dev/null 2>&1 || die "$chromium does not start ($chromium --version failed)"

# 2. The readers' Python environment (created once per change of requirements.lock).
python=$("$repo/bin/python-env")

# 3. One run with the report and the CSV copies.
tmp=
cleanup() { [ -z "$tmp" ] || rm -rf "$tmp"; }
trap cleanup EXIT
out=${PROVINCE_COMPARE_OUT:-}
if [ -n "$out" ] && [ -f "$out/current/report/10.html" ] && [ -d "$out/current/csv" ]; then
  out=$(cd "$out" && pwd)
  say "reusing the run in $out/current"
else
  [ -z "$out" ] || say "$out/current has no report/10.html or csv/ (not run with --report --csv): running the job"
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/province-compare-dashboards.XXXXXX")
  out=$tmp/out
  say "running the job: bin/province-compare run --report --csv --out $out"
  (cd "$repo" && bin/province-compare run --report --csv --out "$out") >&2 || die "the job failed"
fi

say "readers: DuckDB through dashboards/views.sql, and pyarrow"
log=$(mktemp "${TMPDIR:-/tmp}/province-compare-readers.XXXXXX")
PROVINCE_COMPARE_OUT=$out "$python" -m unittest discover -s "$here/tests" -v 2>&1 | tee "$log" >&2 \
  || { rm -f "$log"; die "the published tables break the dashboard contract (see above)"; }
readers=$(sed -n 's/^Ran \([0-9]*\) tests\{0,1\} .*/\1/p' "$log")
rm -f "$log"
[ -n "$readers" ] && [ "$readers" -gt 0 ] || die "the reader tests ran no test"

# 4. The report in a real browser. Every host lookup fails, so a page that needed the network would show it.
report=$out/current/report/10.html
[ -f "$report" ] || die "no report for Lào Cai at $report"
shots=$here/browser-check
mkdir -p "$shots"
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions
  --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$shots/.profile" --window-size=1200,4200)
say "rendering $report in $("$chromium" --version)"
"$chromium" "${flags[@]}" --dump-dom "file://$report" > "$shots/10.dom.html" 2> "$shots/chromium.log" \
  || die "chromium could not render $report (see $shots/chromium.log)"
[ -s "$shots/10.dom.html" ] || die "chromium rendered an empty page for $report"
"$chromium" "${flags[@]}" --screenshot="$shots/10.png" "file://$report" >> "$shots/chromium.log" 2>&1 \
  || die "chromium could not take a screenshot of $report (see $shots/chromium.log)"
[ -s "$shots/10.png" ] || die "no screenshot written"
"$python" "$here/tests/check_report_dom.py" "$shots/10.dom.html" "$out/current" 10 \
  || die "the report rendered in Chromium lacks what it must show (see above)"
rm -rf "$shots/.profile"
say "screenshot: $shots/10.png"
echo "test-dashboards: $((readers + 1)) passed, 0 failed"
