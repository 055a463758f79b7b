#!/usr/bin/env python3
"""Compares two compare outputs table by table: rankings, changes, target_gaps.

Each side is a folder holding one sub-folder per table (a run's `current/` folder, or the output folder of the
DuckDB peer), each with Parquet files read in file-name order (Spark's part-00000, part-00001, ... are the sorted
order). For every table it checks:

  - the same columns with the same types, in the same order;
  - the same row count;
  - the same keys in the same order (rankings, changes: unit_frame, indicator_code, year, unit_code; target_gaps:
    target_id; the tables' sort keys); when a side has several files (each sorted, the table not), the rows are
    compared in key order instead;
  - nulls in the same places;
  - non-double columns exactly equal;
  - double columns equal within a tolerance (default 1e-9: |a - b| <= 1e-9 x max(1, |a|, |b|), relative above 1,
    absolute below, so that a 0 computed as 5.7e-14 by another order of additions is still 0); it also
    reports how many doubles are not bit-identical and the largest absolute difference, so a difference in the
    last digit is visible even when it passes.

Prints a per-table, per-column summary with example keys of the mismatches; exit code 1 on any mismatch,
2 when a table folder is missing or unreadable.

Usage: bench/compare_tables.py LEFT RIGHT [--tables rankings,changes,target_gaps] [--rel-tol 1e-9] [--examples 3]
"""
import argparse
import os
import sys

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

KEYS = {
    "rankings": ["unit_frame", "indicator_code", "year", "unit_code"],
    "changes": ["unit_frame", "indicator_code", "year", "unit_code"],
    "target_gaps": ["target_id"],
}


class Unreadable(Exception):
    pass


def read_table(root, name):
    folder = os.path.join(root, name)
    if not os.path.isdir(folder):
        raise Unreadable(f"{folder}: no such table folder (expected {name}/ with Parquet files)")
    files = sorted(f for f in os.listdir(folder)
                   if f.endswith(".parquet") and not f.startswith((".", "_")))
    if not files:
        raise Unreadable(f"{folder}: no .parquet file")
    tables = [pq.read_table(os.path.join(folder, f)) for f in files]
    schema = tables[0].schema
    for f, t in zip(files[1:], tables[1:]):
        if not t.schema.equals(schema):
            raise Unreadable(f"{folder}/{f}: schema differs from {files[0]}")
    return pa.concat_tables(tables).combine_chunks(), len(files)


def key_text(table, keys, i):
    return "(" + ", ".join(f"{k}={table.column(k)[i].as_py()!r}" for k in keys) + ")"


def compare_column(left, right, name, rel_tol):
    """Returns (mismatch_positions, doubles_info); doubles_info is None for non-double columns."""
    a, b = left.column(name), right.column(name)
    a_null = np.asarray(pc.is_null(a), dtype=bool)
    b_null = np.asarray(pc.is_null(b), dtype=bool)
    bad = a_null != b_null
    both = ~a_null & ~b_null
    info = None
    if pa.types.is_floating(a.type) and pa.types.is_floating(b.type):
        av = np.asarray(a.fill_null(0.0), dtype=np.float64)
        bv = np.asarray(b.fill_null(0.0), dtype=np.float64)
        both_nan = np.isnan(av) & np.isnan(bv)
        with np.errstate(invalid="ignore", over="ignore"):
            diff = np.abs(av - bv)
            # Relative above 1, absolute below: a slope of 0 summed as 5.7e-14 is the same slope.
            scale = np.maximum(1.0, np.maximum(np.abs(av), np.abs(bv)))
            close = (av == bv) | both_nan | (diff <= rel_tol * scale)
        bad |= both & ~close
        not_bit = both & ~(av.view(np.int64) == bv.view(np.int64))
        finite = both & np.isfinite(diff)
        info = (int(not_bit.sum()), float(diff[finite].max()) if finite.any() else 0.0)
    else:
        if a.type != b.type:
            b = b.cast(a.type)
        eq = pc.equal(a, b).fill_null(True)
        bad |= both & ~np.asarray(eq, dtype=bool)
    return np.nonzero(bad)[0], info


def compare(left_root, right_root, name, rel_tol, examples, out):
    """Prints the comparison of one table; returns True when the two agree."""
    try:
        left, lfiles = read_table(left_root, name)
        right, rfiles = read_table(right_root, name)
    except Unreadable as e:
        print(f"{name}: UNREADABLE: {e}", file=out)
        return None
    keys = KEYS[name]
    ok = True
    print(f"{name}: {left.num_rows:,} rows ({lfiles} file(s)) vs {right.num_rows:,} rows ({rfiles} file(s))", file=out)
    lcols = [(f.name, str(f.type)) for f in left.schema]
    rcols = [(f.name, str(f.type)) for f in right.schema]
    if lcols != rcols:
        ok = False
        print(f"  SCHEMA differs:\n    left:  {lcols}\n    right: {rcols}", file=out)
    if left.num_rows != right.num_rows:
        print(f"  ROW COUNT differs: {left.num_rows:,} vs {right.num_rows:,}", file=out)
        return False
    common = [c for c, _ in lcols if c in dict(rcols)]
    for k in keys:
        if k not in common:
            print(f"  KEY column {k} missing on one side", file=out)
            return False

    def keys_differ(a, b):
        bad = np.zeros(a.num_rows, dtype=bool)
        for k in keys:
            bad[compare_column(a, b, k, rel_tol)[0]] = True
        return bad

    key_bad = keys_differ(left, right)
    if key_bad.any() and (lfiles > 1 or rfiles > 1):
        # Several files (--output-files 0 or N): each file is sorted, the table as a whole is not, so the rows are
        # compared in key order; the stored order is not part of that output's contract (docs/tables.md).
        print(f"  stored order differs ({lfiles} vs {rfiles} files, each sorted); compared in key order", file=out)
        order = [(k, "ascending") for k in keys]
        left, right = left.sort_by(order), right.sort_by(order)
        key_bad = keys_differ(left, right)
    if key_bad.any():
        first = np.nonzero(key_bad)[0][:examples]
        print(f"  KEYS differ at {int(key_bad.sum()):,} positions (order or content); first: "
              + "; ".join(f"row {i}: {key_text(left, keys, i)} vs {key_text(right, keys, i)}" for i in first),
              file=out)
        return False
    print(f"  keys: same {left.num_rows:,} keys in the same order", file=out)
    n_double = 0
    for c in common:
        if c in keys:
            continue
        pos, info = compare_column(left, right, c, rel_tol)
        note = ""
        if info is not None:
            n_double += 1
            note = f" (doubles not bit-identical: {info[0]:,}, max abs diff {info[1]:.3g})"
        if len(pos):
            ok = False
            ex = "; ".join(f"{key_text(left, keys, i)}: {left.column(c)[i].as_py()!r} vs {right.column(c)[i].as_py()!r}"
                           for i in pos[:examples])
            print(f"  MISMATCH {c}: {len(pos):,} rows{note}; e.g. {ex}", file=out)
        elif info is not None and info[0]:
            print(f"  ok {c}{note}", file=out)
    print(f"  {'AGREE' if ok else 'DISAGREE'}: {len(common)} columns compared ({n_double} double, relative tolerance "
          f"{rel_tol:g})", file=out)
    return ok


def parquet_rows(root, name):
    folder = os.path.join(root, name)
    if not os.path.isdir(folder):
        return 0
    return sum(pq.ParquetFile(os.path.join(folder, f)).metadata.num_rows for f in os.listdir(folder)
               if f.endswith(".parquet") and not f.startswith((".", "_")))


def compare_in_duckdb(left_root, right_root, name, rel_tol, out, memory_limit="8GB"):
    """The same checks for tables too large to hold twice in memory (50M rows): one full join on the keys in DuckDB,
    which spills to disk, counting per column the rows that differ (same tolerance). Returns True when they agree."""
    import duckdb
    keys = KEYS[name]
    left, right = (f"read_parquet('{os.path.join(r, name)}/*.parquet')" for r in (left_root, right_root))
    con = duckdb.connect()
    con.execute(f"SET memory_limit='{memory_limit}'")
    con.execute("SET preserve_insertion_order=false")
    lcols = [(d[0], d[1]) for d in con.sql(f"DESCRIBE SELECT * FROM {left}").fetchall()]
    rcols = [(d[0], d[1]) for d in con.sql(f"DESCRIBE SELECT * FROM {right}").fetchall()]
    nl = con.sql(f"SELECT count(*) FROM {left}").fetchall()[0][0]
    nr = con.sql(f"SELECT count(*) FROM {right}").fetchall()[0][0]
    print(f"{name}: {nl:,} rows vs {nr:,} rows (compared in DuckDB, key order)", file=out)
    if lcols != rcols:
        print(f"  SCHEMA differs:\n    left:  {lcols}\n    right: {rcols}", file=out)
        return False
    values = [(c, t) for c, t in lcols if c not in keys]
    counts = ["count(*) FILTER (WHERE a.{k} IS NULL OR b.{k} IS NULL)".format(k=keys[0])]
    for c, t in values:
        if t == "DOUBLE":
            counts.append(f"count(*) FILTER (WHERE (a.{c} IS NULL) <> (b.{c} IS NULL) OR "
                          f"abs(a.{c} - b.{c}) > {rel_tol} * greatest(1, abs(a.{c}), abs(b.{c})))")
        else:
            counts.append(f"count(*) FILTER (WHERE a.{c} IS DISTINCT FROM b.{c})")
    on = " AND ".join(f"a.{k} = b.{k}" for k in keys)
    row = con.sql(f"SELECT {', '.join(counts)} FROM {left} a FULL JOIN {right} b ON {on}").fetchall()[0]
    mismatches = {c: n for (c, _), n in zip(values, row[1:]) if n}
    ok = nl == nr and row[0] == 0 and not mismatches
    if row[0]:
        print(f"  KEYS: {row[0]:,} rows have no partner", file=out)
    for c, n in mismatches.items():
        print(f"  MISMATCH {c}: {n:,} rows", file=out)
    print(f"  {'AGREE' if ok else 'DISAGREE'}: {len(lcols)} columns compared (tolerance {rel_tol:g})", file=out)
    return ok


# Above this many rows on one side, a table is compared in DuckDB: pyarrow holding both sides of a 50M-row table
# (and numpy copies of its columns) was killed by the kernel on a 24 GB machine.
IN_MEMORY_ROWS = 15_000_000


def main(argv=None, out=sys.stdout):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("left", help="a run's current/ folder, or the DuckDB output folder")
    ap.add_argument("right")
    ap.add_argument("--tables", default="rankings,changes,target_gaps")
    ap.add_argument("--rel-tol", type=float, default=1e-9)
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args(argv)
    tables = [t.strip() for t in args.tables.split(",") if t.strip()]
    unknown = [t for t in tables if t not in KEYS]
    if unknown:
        ap.error(f"unknown table(s) {unknown}; valid: {sorted(KEYS)}")
    results = {}
    for t in tables:
        if max(parquet_rows(args.left, t), parquet_rows(args.right, t)) > IN_MEMORY_ROWS:
            results[t] = compare_in_duckdb(args.left, args.right, t, args.rel_tol, out)
        else:
            results[t] = compare(args.left, args.right, t, args.rel_tol, args.examples, out)
    print("summary: " + ", ".join(f"{t} {'agree' if r else 'UNREADABLE' if r is None else 'DISAGREE'}"
                                  for t, r in results.items()), file=out)
    if any(r is None for r in results.values()):
        return 2
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
