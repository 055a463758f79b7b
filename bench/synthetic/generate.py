#!/usr/bin/env python3
"""Writes a SYNTHETIC data folder for benchmarks: never real data, never mixed with it.

One folder per size, laid out like the bundled data/ so the job reads it unchanged:

    <out>/reference/*.csv        a synthetic frame SY01 of N communes (5-digit codes), 6 regions, indicators SYN_001..,
                                 bands (percentile and value), method breaks; every name says "synthetic"
    <out>/targets/targets.csv    targets for every unit (value, rank, band and change kinds)
    <out>/indicator_values/      the canonical indicator_values table (docs/tables/indicator_values.md), Parquet,
                                 one file per block of units
    <out>/SYNTHETIC.md           what this is, the parameters and the exact row counts

Shapes (units x indicators x years, before missing years and extra rank rows):
    0.1m:   500 x  10 x 20       1m:  1,000 x  50 x 20
    10m: 10,000 x  50 x 20      50m: 10,000 x 250 x 20   (communes before 2025 were about 10,600)

What it exercises: ties (values on a 0.1 grid: ~1,000 distinct values for thousands of units), lower-is-better
indicators (every 10th), missing years (2% of unit-indicator-years absent, so year - 1 is sometimes missing), a
method break (the first 5 indicators in 2015), one indicator with thin early coverage (below the 90% rule, so the
published rank is used), a second source that publishes ranks for 2% of keys (not preferred), percentile and value
bands, and 4 targets per unit (one of each kind but value_at_most).

Deterministic: the same size gives the same bytes of data (numpy PCG64 seeded per block of units, so the output does
not depend on how many blocks are written at once).

Usage: bench/synthetic/generate.py --size 1m --out bench/work/syn-1m
"""
import argparse
import csv
import os
import shutil

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

SIZES = {"0.1m": (500, 10, 20), "1m": (1_000, 50, 20), "10m": (10_000, 50, 20), "50m": (10_000, 250, 20)}
FRAME = "SY01"
FIRST_YEAR = 2005
SEED = 20261122
BLOCK_UNITS = 1_000
MISSING_SHARE = 0.02
RANK_SOURCE_SHARE = 0.02
BREAK_YEAR = 2015
THIN_INDICATOR_YEARS = 5          # the last indicator's first 5 years: 40% coverage, published ranks
THIN_COVERAGE = 0.4
PERCENTILE_BANDED = 10            # indicators 1..10 carry quartile bands, 11..15 value bands
VALUE_BANDED = 15

SCHEMA = pa.schema([
    pa.field("unit_frame", pa.string(), False),
    pa.field("unit_code", pa.string(), False),
    pa.field("indicator_code", pa.string(), False),
    pa.field("year", pa.int32(), False),
    pa.field("value", pa.float64(), True),
    pa.field("published_rank", pa.int32(), True),
    pa.field("published_n", pa.int32(), True),
    pa.field("source_id", pa.string(), False),
    pa.field("source_file", pa.string(), True),
    pa.field("source_line", pa.int32(), True),
    pa.field("value_status", pa.string(), False),
    pa.field("is_preferred", pa.bool_(), False),
])


def indicator_code(i):
    return f"SYN_{i + 1:03d}"


def unit_code(u):
    return f"{u + 1:05d}"


def lower_is_better(i):
    return (i + 1) % 10 == 0


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_reference(out, n_units, n_ind, n_years, repo):
    ref = os.path.join(out, "reference")
    last_year = FIRST_YEAR + n_years - 1
    write_csv(os.path.join(ref, "frames.csv"),
              ["frame_code", "name", "valid_from", "valid_to", "first_data_year", "last_data_year", "n_units"],
              [[FRAME, f"SYNTHETIC frame of {n_units} communes (benchmark data, not real)", f"{FIRST_YEAR - 1}-01-01",
                "", FIRST_YEAR, last_year, n_units]])
    write_csv(os.path.join(ref, "regions.csv"), ["region_code", "name_vi", "name_en"],
              [[f"R{r}", f"Vùng tổng hợp {r}", f"Synthetic region {r}"] for r in range(1, 7)])
    write_csv(os.path.join(ref, "units.csv"),
              ["unit_frame", "unit_code", "name_vi", "name_ascii", "name_en", "unit_type", "region_code"],
              [[FRAME, unit_code(u), f"Xã tổng hợp {unit_code(u)}", f"Xa tong hop {unit_code(u)}",
                f"Synthetic commune {unit_code(u)}", "commune", f"R{u % 6 + 1}"] for u in range(n_units)])
    write_csv(os.path.join(ref, "lineage.csv"),
              ["from_frame", "from_code", "to_frame", "to_code", "relation", "effective_date", "source"], [])
    write_csv(os.path.join(ref, "aliases.csv"), ["alias", "unit_frame", "unit_code", "source"], [])
    header = open(os.path.join(repo, "data", "reference", "indicators.csv"), encoding="utf-8").readline().strip()
    cols = header.split(",")
    rows = []
    for i in range(n_ind):
        r = dict.fromkeys(cols, "")
        r.update(indicator_code=indicator_code(i), family="SYNTHETIC", short_name=f"SYN {i + 1}",
                 name_vi=f"Chỉ số tổng hợp {i + 1}", name_en=f"Synthetic indicator {i + 1}", publisher="synthetic",
                 kind="composite", unit="points", value_type="level" if i % 7 == 3 else "index_score",
                 scale_min="0", scale_max="100",
                 direction="lower_is_better" if lower_is_better(i) else "higher_is_better",
                 first_year=str(FIRST_YEAR), merger_combine="never", note="SYNTHETIC benchmark indicator")
        rows.append([r[c] for c in cols])
    write_csv(os.path.join(ref, "indicators.csv"), cols, rows)
    bands = []
    quart = [("Q1", "Nhóm cao nhất", "Highest group", 75, None), ("Q2", "Nhóm trung bình cao", "High-average", 50, 75),
             ("Q3", "Nhóm trung bình thấp", "Low-average", 25, 50), ("Q4", "Nhóm thấp nhất", "Lowest group", None, 25)]
    for i in range(min(PERCENTILE_BANDED, n_ind)):
        for rank, (suffix, vi, en, lo, hi) in enumerate(quart, 1):
            bands.append([indicator_code(i), f"{indicator_code(i)}_{suffix}", rank, vi, en, "percentile",
                          "" if lo is None else lo, "" if hi is None else hi, FIRST_YEAR, "", "synthetic"])
    for i in range(PERCENTILE_BANDED, min(VALUE_BANDED, n_ind)):
        good, fair = (30, 45) if lower_is_better(i) else (70, 55)
        if lower_is_better(i):
            spec = [("GOOD", "Tốt", "Good", None, good), ("FAIR", "Khá", "Fair", good, fair), ("LOW", "Thấp", "Low", fair, None)]
        else:
            spec = [("GOOD", "Tốt", "Good", good, None), ("FAIR", "Khá", "Fair", fair, good), ("LOW", "Thấp", "Low", None, fair)]
        for rank, (suffix, vi, en, lo, hi) in enumerate(spec, 1):
            bands.append([indicator_code(i), f"{indicator_code(i)}_{suffix}", rank, vi, en, "value",
                          "" if lo is None else lo, "" if hi is None else hi, FIRST_YEAR, "", "synthetic"])
    write_csv(os.path.join(ref, "bands.csv"), ["indicator_code", "band_code", "band_rank", "name_vi", "name_en", "basis",
                                               "lower", "upper", "first_year", "last_year", "source"], bands)
    write_csv(os.path.join(ref, "method_breaks.csv"), ["indicator_code", "break_year", "description", "source"],
              [[indicator_code(i), BREAK_YEAR, "synthetic method change", "synthetic"] for i in range(min(5, n_ind))])
    shutil.copy(os.path.join(repo, "data", "reference", "missing_value_codes.csv"), ref)
    return last_year


def write_targets(out, n_units, n_ind, last_year):
    rows = []
    top = max(1, n_units // 10)
    for u in range(n_units):
        code = unit_code(u)
        rows.append([f"SYN-{code}-VALUE", FRAME, code, indicator_code(0), last_year + 1, "value_at_least", 75, "", "",
                     "synthetic", ""])
        rows.append([f"SYN-{code}-RANK", FRAME, code, indicator_code(1 % n_ind), last_year + 1, "rank_at_most", top,
                     "", "", "synthetic", f"top {top}"])
        rows.append([f"SYN-{code}-BAND", FRAME, code, indicator_code(2 % n_ind), last_year + 1, "band_at_least", "",
                     f"{indicator_code(2 % n_ind)}_Q2", "", "synthetic", ""])
        rows.append([f"SYN-{code}-CHANGE", FRAME, code, indicator_code(3 % n_ind), last_year + 1, "change_at_least", 5,
                     "", last_year - 5, "synthetic", ""])
    write_csv(os.path.join(out, "targets", "targets.csv"),
              ["target_id", "unit_frame", "unit_code", "indicator_code", "target_year", "kind", "threshold",
               "band_code", "base_year", "source", "note"], rows)


def block(b, u0, u1, n_units, n_ind, n_years):
    """All rows of units [u0, u1): a pure function of (b, sizes), so blocks can be written in any order."""
    rng = np.random.Generator(np.random.PCG64([SEED, n_units, n_ind, n_years, b]))
    nu = u1 - u0
    units = np.arange(u0, u1)
    unit_level = rng.normal(60, 8, nu)
    ind_offset = rng.normal(0, 5, n_ind)
    slope = rng.normal(0.4, 0.6, (nu, n_ind))
    noise = rng.normal(0, 2.5, (nu, n_ind, n_years))
    years = np.arange(n_years)
    value = unit_level[:, None, None] + ind_offset[None, :, None] + slope[:, :, None] * years[None, None, :] * 0.5 + noise
    value = np.clip(np.round(value, 1), 0.0, 100.0)
    present = rng.random((nu, n_ind, n_years)) >= MISSING_SHARE
    thin = rng.random((nu, THIN_INDICATOR_YEARS)) < THIN_COVERAGE
    present[:, n_ind - 1, :THIN_INDICATOR_YEARS] &= thin
    extra_rank = rng.random((nu, n_ind, n_years)) < RANK_SOURCE_SHARE
    pub_rank = rng.integers(1, n_units + 1, (nu, n_ind, n_years))

    uu, ii, yy = np.nonzero(present)
    n = len(uu)
    is_thin = (ii == n_ind - 1) & (yy < THIN_INDICATOR_YEARS)
    main = {
        "unit_frame": pa.array(np.full(n, FRAME)),
        "unit_code": pa.array(np.char.zfill((units[uu] + 1).astype(str), 5)),
        "indicator_code": pa.array(np.char.add("SYN_", np.char.zfill((ii + 1).astype(str), 3))),
        "year": pa.array((FIRST_YEAR + yy).astype(np.int32)),
        "value": pa.array(value[uu, ii, yy]),
        "published_rank": pa.array(np.where(is_thin, pub_rank[uu, ii, yy], 0).astype(np.int32), mask=~is_thin),
        "published_n": pa.array(np.full(n, n_units, dtype=np.int32), mask=~is_thin),
        "source_id": pa.array(np.full(n, "SYN_MAIN")),
        "source_file": pa.array(np.full(n, "synthetic/main.csv")),
        "source_line": pa.array((u0 * n_ind * n_years + (uu * n_ind + ii) * n_years + yy + 2).astype(np.int32)),
        "value_status": pa.array(np.full(n, "reported")),
        "is_preferred": pa.array(np.ones(n, dtype=bool)),
    }
    eu, ei, ey = np.nonzero(extra_rank & present)
    m = len(eu)
    extra = {
        "unit_frame": pa.array(np.full(m, FRAME)),
        "unit_code": pa.array(np.char.zfill((units[eu] + 1).astype(str), 5)),
        "indicator_code": pa.array(np.char.add("SYN_", np.char.zfill((ei + 1).astype(str), 3))),
        "year": pa.array((FIRST_YEAR + ey).astype(np.int32)),
        "value": pa.nulls(m, pa.float64()),
        "published_rank": pa.array(pub_rank[eu, ei, ey].astype(np.int32)),
        "published_n": pa.array(np.full(m, n_units, dtype=np.int32)),
        "source_id": pa.array(np.full(m, "SYN_RANKS")),
        "source_file": pa.array(np.full(m, "synthetic/ranks.csv")),
        "source_line": pa.array((u0 * n_ind * n_years + (eu * n_ind + ei) * n_years + ey + 2).astype(np.int32)),
        "value_status": pa.array(np.full(m, "rank_only")),
        "is_preferred": pa.array(np.zeros(m, dtype=bool)),
    }
    return pa.concat_tables([pa.table(main, schema=SCHEMA), pa.table(extra, schema=SCHEMA)])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", choices=SIZES, required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = os.path.abspath(args.out)
    if os.path.exists(out):
        if not os.path.exists(os.path.join(out, "SYNTHETIC.md")):
            raise SystemExit(f"generate: {out} exists and is not a synthetic folder this script wrote; not touching it")
        shutil.rmtree(out)
    n_units, n_ind, n_years = SIZES[args.size]
    os.makedirs(out)
    last_year = write_reference(out, n_units, n_ind, n_years, repo)
    write_targets(out, n_units, n_ind, last_year)
    values = os.path.join(out, "indicator_values")
    os.makedirs(values)
    total = 0
    for b, u0 in enumerate(range(0, n_units, BLOCK_UNITS)):
        t = block(b, u0, min(u0 + BLOCK_UNITS, n_units), n_units, n_ind, n_years)
        pq.write_table(t, os.path.join(values, f"part-{b:05d}.parquet"), compression="snappy", row_group_size=1 << 20)
        total += t.num_rows
    with open(os.path.join(out, "SYNTHETIC.md"), "w", encoding="utf-8") as f:
        f.write(f"# SYNTHETIC benchmark data (not real)\n\nWritten by bench/synthetic/generate.py --size {args.size}: "
                f"{n_units:,} units x {n_ind} indicators x {n_years} years ({FIRST_YEAR}-{last_year}), seed {SEED}.\n"
                f"indicator_values rows: {total:,}; targets: {4 * n_units:,}.\n")
    print(f"{args.size}: {total:,} indicator_values rows, {4 * n_units:,} targets -> {out}")


if __name__ == "__main__":
    main()
