#!/usr/bin/env python3
"""Writes a small MADE-UP output directory shaped like the job's, to exercise the notebooks without Spark.

    $(bin/python-env) notebooks/tests/fixture_out.py /tmp/pc-fixture
    PROVINCE_COMPARE_OUT=/tmp/pc-fixture notebooks/run-notebooks.sh

The numbers are invented (six provinces, PAR INDEX 2021-2023 and PCI 2012, 2016, each with two children, one SIPAS rank): they only have to
follow the published schemas of docs/ARCHITECTURE.md and the issue, with a tie, a missing year, an unranked
(withheld) province, a rank mismatch, a method break and a quarantined row, so that every chart has something to
draw. It is never product data and is never written into the repository.
"""
import json
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

S, I, D, B = pa.string(), pa.int32(), pa.float64(), pa.bool_()
RUN_ID = "20250101T000000.000Z"
FRAME = "VN63"
UNITS = {  # code: (name_vi, region_code)
    "01": ("Hà Nội", "R2"), "02": ("Hà Giang", "R1"), "10": ("Lào Cai", "R1"),
    "15": ("Yên Bái", "R1"), "79": ("Hồ Chí Minh", "R5"), "96": ("Cà Mau", "R6"),
}
# (indicator, year) -> {unit: (value, rank)}; n_ranked is the number of units with a rank that year
# (made up out of 63, as if the other 57 were ranked too).
VALUES = {
    ("PAR_INDEX", 2021): {"01": (87.1, 20), "02": (80.2, 58), "10": (88.44, 11), "15": (84.0, 40), "79": (86.0, 28), "96": (82.0, 50)},
    ("PAR_INDEX", 2022): {"01": (88.0, 15), "02": (81.0, 57), "10": (88.9, 11), "15": (85.0, 38), "79": (86.5, 30), "96": (83.0, 49)},
    ("PAR_INDEX", 2023): {"01": (90.5, 5), "02": (82.0, 56), "10": (90.1, 7), "15": (86.0, 35), "79": (90.1, 7), "96": (84.0, 47)},
    ("PAR_INDEX_F1", 2021): {"01": (8.0, 30), "10": (9.1, 4), "15": (8.5, 20)},
    ("PAR_INDEX_F1", 2022): {"01": (8.2, 25), "10": (9.0, 6), "15": (8.6, 18)},
    ("PAR_INDEX_F1", 2023): {"01": (8.9, 10), "10": (8.7, 14), "15": (8.4, 25)},
    ("PAR_INDEX_F2", 2021): {"01": (7.0, 12), "10": (6.1, 50), "15": (6.5, 40)},
    ("PAR_INDEX_F2", 2022): {"01": (7.1, 11), "10": (6.6, 41), "15": (6.4, 45)},
    ("PAR_INDEX_F2", 2023): {"01": (7.5, 6), "10": (7.2, 19), "15": (6.9, 30)},
    ("PCI", 2012): {"01": (68.0, 10), "02": (61.0, 55), "10": (66.5, 18), "15": (63.0, 40), "79": (None, None), "96": (64.0, 33)},
    ("PCI", 2016): {"01": (69.0, 9), "02": (62.0, 54), "10": (65.0, 25), "15": (63.5, 38), "79": (67.0, 14), "96": (64.0, 33)},
    ("PCI_ENTRY", 2012): {"01": (7.5, 20), "10": (8.1, 5), "15": (7.0, 41)},
    ("PCI_ENTRY", 2016): {"01": (7.6, 22), "10": (7.9, 9), "15": (7.1, 40)},
    ("PCI_LAND", 2012): {"01": (5.5, 60), "10": (6.9, 12), "15": (6.0, 44)},
    ("PCI_LAND", 2016): {"01": (5.8, 58), "10": (6.5, 20), "15": (6.2, 35)},
    ("SIPAS", 2022): {"10": (85.0, 30)},  # a published rank only, with no n_ranked
}
BANDS = {"PAR_INDEX": [(90, "PAR_GROUP_A", 1), (80, "PAR_GROUP_B", 2)],
         "PCI": [(68, "PCI_VERY_GOOD", 1), (65, "PCI_GOOD", 2), (62, "PCI_FAIR", 3), (0, "PCI_AVERAGE", 4)]}
SHORT = {"PAR_INDEX": "PAR INDEX", "PCI": "PCI"}


def band(ind, value):
    for lower, code, rank in BANDS.get(ind, []):
        if value is not None and value >= lower:
            return code, rank
    return None, None


def write(run, name, schema, rows):
    d = run / name
    d.mkdir(parents=True)
    cols = {f.name: [r.get(f.name) for r in rows] for f in schema}
    pq.write_table(pa.table(cols, schema=schema), d / "part-00000.parquet")
    (d / "_SUCCESS").write_text("")


def schema(spec):
    return pa.schema([(n, t) for n, t in spec])


def main(out):
    out = Path(out)
    run = out / "runs" / RUN_ID
    run.mkdir(parents=True)
    iv, rk = [], []
    for (ind, year), by_unit in VALUES.items():
        for u, (v, r) in by_unit.items():
            published = r + 1 if (ind, year, u) == ("PAR_INDEX", 2022, "15") else r  # one mismatch
            iv.append(dict(unit_frame=FRAME, unit_code=u, indicator_code=ind, year=year, value=v,
                           published_rank=published, published_n=63 if published else None, source_id="fixture",
                           source_file="fixture.csv", source_line=len(iv) + 2,
                           value_status="reported" if v is not None else "rank_only", is_preferred=True))
            bc, br = band(ind, v)
            rk.append(dict(unit_frame=FRAME, unit_code=u, unit_name_vi=UNITS[u][0], region_code=UNITS[u][1],
                           indicator_code=ind, year=year, value=v, direction="higher_is_better", rank=r,
                           rank_source="published" if ind == "SIPAS" else "computed" if r else "none",
                           n_ranked=None if ind == "SIPAS" else 62 if ind == "PCI" and year == 2012 else 63,
                           percentile=None if r is None else 100.0 * (63 - r) / 62, region_rank=None, region_n=None,
                           band_code=bc, band_rank=br, national_mean=None, national_median=None, leader_value=None,
                           gap_to_leader=None, gap_to_median=None, published_rank=published,
                           published_n=63 if published else None,
                           is_rank_mismatch=None if r is None else published != r))
    write(run, "indicator_values", schema([("unit_frame", S), ("unit_code", S), ("indicator_code", S), ("year", I),
                                           ("value", D), ("published_rank", I), ("published_n", I), ("source_id", S),
                                           ("source_file", S), ("source_line", I), ("value_status", S),
                                           ("is_preferred", B)]), iv)
    write(run, "rankings", schema([("unit_frame", S), ("unit_code", S), ("unit_name_vi", S), ("region_code", S),
                                   ("indicator_code", S), ("year", I), ("value", D), ("direction", S), ("rank", I),
                                   ("rank_source", S), ("n_ranked", I), ("percentile", D), ("region_rank", I),
                                   ("region_n", I), ("band_code", S), ("band_rank", I), ("national_mean", D),
                                   ("national_median", D), ("leader_value", D), ("gap_to_leader", D),
                                   ("gap_to_median", D), ("published_rank", I), ("published_n", I),
                                   ("is_rank_mismatch", B)]), rk)
    by_key = {(r["unit_code"], r["indicator_code"], r["year"]): r for r in rk}
    ch = []
    for r in rk:
        prev = by_key.get((r["unit_code"], r["indicator_code"], r["year"] - 1))
        ch.append(dict(unit_frame=FRAME, unit_code=r["unit_code"], indicator_code=r["indicator_code"], year=r["year"],
                       value=r["value"], rank=r["rank"], n_ranked=r["n_ranked"], band_code=r["band_code"],
                       prev_year=r["year"] - 1, is_prev_year_missing=prev is None,
                       prev_rank=prev["rank"] if prev else None,
                       rank_change=(prev["rank"] - r["rank"]) if prev and prev["rank"] and r["rank"] else None,
                       is_method_break=r["indicator_code"].startswith("PAR_INDEX") and r["year"] == 2022,
                       is_n_ranked_changed=False))
    write(run, "changes", schema([("unit_frame", S), ("unit_code", S), ("indicator_code", S), ("year", I),
                                  ("value", D), ("rank", I), ("n_ranked", I), ("band_code", S), ("prev_year", I),
                                  ("is_prev_year_missing", B), ("prev_rank", I), ("rank_change", I),
                                  ("is_method_break", B), ("is_n_ranked_changed", B)]), ch)
    write(run, "quarantine", schema([("source_id", S), ("source_file", S), ("line", I), ("field", S),
                                     ("raw_record", S), ("reason_code", S), ("level", S), ("message", S)]), [
        dict(source_id="fixture", source_file="fixture.csv", line=7, field="value", raw_record="Lào Cai,2021,PCI,KCDL",
             reason_code="missing_value_code", level="info", message="KCDL means no data"),
        dict(source_id="fixture", source_file="fixture.csv", line=9, field="unit", raw_record="Hà Tây,2021,PCI,60",
             reason_code="unit_out_of_frame", level="error", message="Hà Tây is not a VN63 unit"),
        dict(source_id="other", source_file="other.csv", line=3, field="value", raw_record="Cà Mau,2023,PAR_INDEX,64,5",
             reason_code="not_a_number", level="error", message="'64,5' is not a number"),
    ])
    write(run, "dq_results", schema([("check_name", S), ("level", S), ("status", S), ("failed_count", I),
                                     ("description", S)]), [
        dict(check_name="unit_known", level="error", status="failed", failed_count=1, description="unit resolves"),
        dict(check_name="value_numeric", level="error", status="failed", failed_count=1, description="value parses"),
        dict(check_name="value_on_scale", level="error", status="passed", failed_count=0, description="in scale"),
    ])
    latest = {(u, i): max(y for (ii, y), bu in VALUES.items() if ii == i and u in bu and bu[u][1]) for u in UNITS
              for i in ("PAR_INDEX", "PCI")}
    tg = []
    for tid, ind, kind, thr, unit in (("LC-PAR-VALUE", "PAR_INDEX", "value_at_least", 80.0, "points"),
                                      ("LC-PAR-TOP20", "PAR_INDEX", "rank_at_most", 20.0, "places"),
                                      ("LC-PCI-TOP15", "PCI", "rank_at_most", 15.0, "places")):
        y = latest[("10", ind)]
        v, r = VALUES[(ind, y)]["10"]
        gap = v - thr if unit == "points" else thr - r
        tg.append(dict(target_id=tid, unit_frame=FRAME, unit_code="10", unit_name_vi="Lào Cai", indicator_code=ind,
                       kind=kind, threshold=thr, target_year=2025, latest_year=y, latest_value=v, latest_rank=r,
                       latest_n_ranked=63, gap=gap, gap_unit=unit, latest_band_code=band(ind, v)[0], pct_of_target=100.0 * v / thr if unit == "points"
                       else None, is_met=gap >= 0, is_on_track=gap >= 0))
    tg.append(dict(target_id="LC-PAR-GROUP-A", unit_frame=FRAME, unit_code="10", unit_name_vi="Lào Cai",
                   indicator_code="PAR_INDEX", kind="band_at_least", threshold=None, target_band_code="PAR_GROUP_A",
                   target_year=2025, latest_year=2023, latest_value=90.1, latest_rank=7, latest_n_ranked=63,
                   latest_band_code="PAR_GROUP_A", gap=0.0, gap_unit="bands", is_met=True, is_on_track=None))
    write(run, "target_gaps", schema([("target_id", S), ("unit_frame", S), ("unit_code", S), ("unit_name_vi", S),
                                      ("indicator_code", S), ("kind", S), ("threshold", D), ("target_band_code", S),
                                      ("target_year", I), ("latest_band_code", S),
                                      ("latest_year", I), ("latest_value", D), ("latest_rank", I),
                                      ("latest_n_ranked", I), ("gap", D), ("gap_unit", S), ("pct_of_target", D),
                                      ("is_met", B), ("is_on_track", B)]), tg)
    sc = []
    for ind in ("PAR_INDEX", "PCI"):
        y = latest[("10", ind)]
        v, r = VALUES[(ind, y)]["10"]
        sc.append(dict(unit_frame=FRAME, unit_code="10", unit_name_vi="Lào Cai", indicator_code=ind,
                       short_name=SHORT[ind], latest_year=y, value=v, rank=r, n_ranked=63,
                       sentence_vi=f"Lào Cai xếp thứ {r}/63 về {SHORT[ind]} năm {y} (dữ liệu mẫu).",
                       sentence_en=f"Lào Cai ranked {r}/63 on {SHORT[ind]} in {y} (fixture)."))
    write(run, "scorecard", schema([("unit_frame", S), ("unit_code", S), ("unit_name_vi", S), ("indicator_code", S),
                                    ("short_name", S), ("latest_year", I), ("value", D), ("rank", I),
                                    ("n_ranked", I), ("sentence_vi", S), ("sentence_en", S)]), sc)
    write(run, "peers", schema([("unit_frame", S), ("unit_code", S), ("indicator_code", S), ("year", I),
                                ("peer_group", S)]), [])
    (run / "manifest.json").write_text(json.dumps({
        "run_id": RUN_ID, "created_at": "2025-01-01T00:00:00Z", "config": {"fixture": True},
        "row_counts": {"rankings": len(rk)}, "schema_versions": {}, "accounting": {}, "timings": {}}, indent=2))
    (out / "current").symlink_to(Path("runs") / RUN_ID)
    (out / "CURRENT").write_text(RUN_ID + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2 or Path(sys.argv[1]).exists():
        sys.exit("usage: fixture_out.py NEW_DIRECTORY (it must not exist yet)")
    main(sys.argv[1])
