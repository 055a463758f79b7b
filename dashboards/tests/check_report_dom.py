"""Checks the DOM that headless Chromium rendered from a scorecard report (bin/test-dashboards.sh).

    check_report_dom.py DOM_FILE RUN_DIR UNIT_CODE

The numbers a person reads off the sources must be on the page (Lào Cai: PAR INDEX 2024 89.03 and 26/63 per
baolaocai.vn; SIPAS 2024 84.92 and 19/63; the "top 20" target missed by 6 places; online filing at 129 % of its
target, DOMAIN.md), with one rank chart per scorecard indicator that has a ranked year, holding one point per
ranked year, and one bar per target. Prints what it checked; exits 1 naming every failure.
"""
import sys
from html.parser import HTMLParser
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq

# Lào Cai is VN63 10, and VN64 10 before 2008 (data/reference/lineage.csv: VN64,10,VN63,10,unchanged), so its
# trajectories include both frames' rows.
FRAMES = ["VN63", "VN64"]

EXPECTED_TEXT = {
    "10": ["89,03", "26/63", "84,92", "19/63", "-6 places", "129%",
           "Lào Cai xếp thứ 26/63 về PAR INDEX năm 2024",
           "Lào Cai ranked 26/63 on PAR INDEX in 2024"],
}


class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text = []
        self.figures = {}      # indicator -> number of points
        self.current = None
        self.gap_bars = 0
        self.scripts = 0
        self.external = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class", "")
        if tag == "script":
            self.scripts += 1
        for key in ("src", "href"):
            if key in a:
                self.external.append(f"<{tag} {key}={a[key]}>")
        if tag == "figure" and "rank-chart" in cls:
            self.current = a.get("data-indicator")
            self.figures[self.current] = 0
        if tag == "circle" and "point" in cls and self.current:
            self.figures[self.current] += 1
        if tag == "rect" and "gap-bar" in cls:
            self.gap_bars += 1

    def handle_endtag(self, tag):
        if tag == "figure":
            self.current = None

    def handle_data(self, data):
        self.text.append(data)


def main(dom_file, run_dir, unit):
    run = Path(run_dir)
    dom = Dom()
    dom.feed(Path(dom_file).read_text(encoding="utf-8"))
    text = "".join(dom.text)
    failures = []

    card = pq.read_table(run / "scorecard", filters=[("unit_frame", "=", "VN63"), ("unit_code", "=", unit)])
    indicators = card.column("indicator_code").to_pylist()
    ranks = pq.read_table(run / "rankings", filters=[("unit_frame", "in", FRAMES), ("unit_code", "=", unit)])
    ranks = ranks.filter(pc.invert(pc.is_null(ranks.column("rank"))))
    targets = pq.read_table(run / "target_gaps", filters=[("unit_frame", "=", "VN63"), ("unit_code", "=", unit)])

    ranked = {ind: pc.sum(pc.equal(ranks.column("indicator_code"), ind)).as_py() or 0 for ind in indicators}
    # A chart for every scorecard indicator with a ranked year (operational indicators have none).
    charted = sorted(ind for ind, n in ranked.items() if n > 0)
    if sorted(dom.figures) != charted:
        failures.append(f"rank charts for {sorted(dom.figures)}, ranked scorecard indicators {charted}")
    for ind in charted:
        expected = ranked[ind]
        if dom.figures.get(ind) != expected:
            failures.append(f"rank chart {ind}: {dom.figures.get(ind)} points, {expected} ranked years in rankings")
    if dom.gap_bars != targets.num_rows:
        failures.append(f"target chart: {dom.gap_bars} bars, {targets.num_rows} targets in target_gaps")
    for needle in EXPECTED_TEXT.get(unit, []):
        if needle not in text:
            failures.append(f"'{needle}' is not on the rendered page")
    if dom.scripts:
        failures.append(f"{dom.scripts} <script> elements")
    if dom.external:
        failures.append(f"references to load: {dom.external}")

    print(f"check_report_dom: {len(dom.figures)} rank charts, {sum(dom.figures.values())} points, "
          f"{dom.gap_bars} target bars, {len(EXPECTED_TEXT.get(unit, []))} hand-checked texts")
    for f in failures:
        print(f"check_report_dom: FAILED: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
