"""The dashboard contract, checked with readers that share no code with the job: DuckDB (through
dashboards/views.sql, exactly as docs/dashboards.md tells a user to) and pyarrow, on a real run's output.

Run by bin/test-dashboards.sh; by hand:
    PROVINCE_COMPARE_OUT=out $(bin/python-env) -m unittest discover -s dashboards/tests -v

Expected values were read by a person off the sources, not off this product's output:
  - PAR INDEX 2024, Lào Cai: 89.03 points, 26th of 63 (baolaocai.vn, data/raw/published/lao_cai_published_facts.csv
    line 5); target "top 20" missed by 20 - 26 = -6 places (DOMAIN.md, worked example).
  - SIPAS 2024, Lào Cai: 84.92 %, 19th of 63 (same article, line 7); against the 90 % target
    84.92 / 90 x 100 = 94.36 % of target; against "top 25": 25 - 19 = +6 places.
  - PAPI 2023, Lào Cai: 42.1075 (UNDP's 2023 table, data/raw/papi-undp/PAPI-2015-2023(eng).xlsm__2023.csv,
    row "Unweighted PAPI Score", column of province code 10: 42.10750198364258).
  - PCI 2011, Lào Cai: 73.53 and 1st of 63 (vietnamnews.vn, lao_cai_published_facts.csv line 10).
  - Online filing and settlement, Lào Cai: 64.5 % against a 50 % target: 64.5 / 50 x 100 = 129 % (DOMAIN.md).
"""
import csv
import io
import json
import os
import shutil
import tempfile
import unittest
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[2]
VIEWS_SQL = REPO / "dashboards" / "views.sql"
SNAPSHOTS = REPO / "jobs" / "src" / "test" / "resources" / "schema-snapshot"
# The published tables are those with a schema snapshot (the contract); views.sql must have a view for each.
TABLES = sorted(p.stem for p in SNAPSHOTS.glob("*.json"))

# The snapshot's Spark type names and the Arrow types the written Parquet must read back as.
ARROW_TYPE = {"string": pa.string(), "int": pa.int32(), "bigint": pa.int64(), "double": pa.float64(),
              "boolean": pa.bool_(), "date": pa.date32()}


def output_dir() -> Path:
    out = os.environ.get("PROVINCE_COMPARE_OUT")
    if not out:
        raise unittest.SkipTest("set PROVINCE_COMPARE_OUT to an output directory of bin/province-compare")
    return Path(out).resolve()


class PublishedTablesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = output_dir()
        cls.run_dir = (cls.out / "current").resolve()
        cls.manifest = json.loads((cls.run_dir / "manifest.json").read_text(encoding="utf-8"))
        # The user's situation: DuckDB started in a directory that holds out/ (the repository root).
        cls.cwd = Path(tempfile.mkdtemp(prefix="pc-dashboards-"))
        (cls.cwd / "out").symlink_to(cls.out)
        cls.old_cwd = os.getcwd()
        os.chdir(cls.cwd)
        cls.db = duckdb.connect()
        cls.db.execute(VIEWS_SQL.read_text(encoding="utf-8"))

    @classmethod
    def tearDownClass(cls):
        cls.db.close()
        os.chdir(cls.old_cwd)
        shutil.rmtree(cls.cwd)

    def one(self, sql, *params):
        rows = self.db.execute(sql, list(params)).fetchall()
        self.assertEqual(len(rows), 1, f"{sql} {params}: {rows}")
        return rows[0]

    def test_views_sql_creates_one_view_per_table_and_the_manifest(self):
        views = {r[0] for r in self.db.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        self.assertEqual(views, set(TABLES) | {"run_manifest"})
        self.assertEqual(self.one("SELECT run_id FROM run_manifest")[0], self.run_dir.name)

    def test_duckdb_and_pyarrow_count_the_rows_the_manifest_states(self):
        for t in TABLES:
            with self.subTest(table=t):
                expected = self.manifest["row_counts"][t]
                self.assertGreater(expected, 0)
                self.assertEqual(self.one(f"SELECT count(*) FROM {t}")[0], expected)
                self.assertEqual(pq.read_table(self.run_dir / t).num_rows, expected)

    def test_every_table_has_a_schema_version_in_the_manifest(self):
        for t in TABLES:
            with self.subTest(table=t):
                snapshot = json.loads((SNAPSHOTS / f"{t}.json").read_text(encoding="utf-8"))
                self.assertEqual(self.manifest["schema_versions"][t], snapshot["schema_version"])

    def test_written_columns_are_the_snapshot_with_reader_safe_types(self):
        for t in TABLES:
            with self.subTest(table=t):
                snapshot = json.loads((SNAPSHOTS / f"{t}.json").read_text(encoding="utf-8"))
                expected = [(c["name"], ARROW_TYPE[c["type"]]) for c in snapshot["columns"]]
                schema = ds.dataset(self.run_dir / t, format="parquet").schema
                self.assertEqual([(f.name, f.type) for f in schema], expected)

    def test_parquet_files_hold_no_int96_and_no_decimal(self):
        for t in TABLES:
            with self.subTest(table=t):
                rows = self.db.execute(
                    "SELECT name, type, converted_type, logical_type::VARCHAR FROM parquet_schema(?)",
                    [str(self.run_dir / t / "*.parquet")]).fetchall()
                self.assertTrue(rows)
                for name, physical, converted, logical in rows:
                    self.assertNotEqual(physical, "INT96", f"{t}.{name}")
                    self.assertNotIn("DECIMAL", str(converted).upper(), f"{t}.{name}")
                    self.assertNotIn("DECIMAL", str(logical).upper(), f"{t}.{name}")

    def test_hand_checked_rankings(self):
        value, rank, n = self.one("SELECT value, rank, n_ranked FROM rankings WHERE unit_frame = 'VN63' "
                                  "AND unit_code = '10' AND indicator_code = 'PAR_INDEX' AND year = 2024")
        self.assertAlmostEqual(value, 89.03, places=6)
        self.assertEqual((rank, n), (26, 63))
        value, rank, n = self.one("SELECT value, rank, n_ranked FROM rankings WHERE unit_frame = 'VN63' "
                                  "AND unit_code = '10' AND indicator_code = 'SIPAS' AND year = 2024")
        self.assertAlmostEqual(value, 84.92, places=6)
        self.assertEqual((rank, n), (19, 63))
        value, rank, n = self.one("SELECT value, rank, n_ranked FROM rankings WHERE unit_frame = 'VN63' "
                                  "AND unit_code = '10' AND indicator_code = 'PCI' AND year = 2011")
        self.assertAlmostEqual(value, 73.53, delta=0.005)
        self.assertEqual((rank, n), (1, 63))

    def test_hand_checked_indicator_value(self):
        (value,) = self.one("SELECT value FROM indicator_values WHERE unit_frame = 'VN63' AND unit_code = '10' "
                            "AND indicator_code = 'PAPI' AND year = 2023 AND is_preferred")
        self.assertAlmostEqual(value, 42.1075, delta=1e-4)

    def test_hand_checked_target_gaps(self):
        gap, unit, met = self.one("SELECT gap, gap_unit, is_met FROM target_gaps "
                                  "WHERE target_id = 'LCI-2025-PAR_INDEX-RANK'")
        self.assertEqual((gap, unit, met), (-6.0, "places", False))
        gap, unit, met = self.one("SELECT gap, gap_unit, is_met FROM target_gaps "
                                  "WHERE target_id = 'LCI-2025-SIPAS-RANK'")
        self.assertEqual((gap, unit, met), (6.0, "places", True))
        (pct,) = self.one("SELECT pct_of_target FROM target_gaps WHERE target_id = 'LCI-2025-SIPAS-VALUE'")
        self.assertAlmostEqual(pct, 94.36, delta=0.005)
        (pct,) = self.one("SELECT pct_of_target FROM target_gaps "
                          "WHERE target_id = 'LCI-2025-OP_ONLINE_FILING_AND_SETTLEMENT-VALUE'")
        self.assertAlmostEqual(pct, 129.0, places=9)

    def test_hive_partitioned_tables_read_through_the_same_views(self):
        # The same run with rankings rewritten in key=value folders (indicator_code=PAR_INDEX/...), as a partitioned
        # writer would lay it out; the other tables are the run's own.
        mirror = Path(tempfile.mkdtemp(prefix="pc-hive-"))
        try:
            current = mirror / "out" / "current"
            current.mkdir(parents=True)
            for t in TABLES:
                if t != "rankings":
                    (current / t).symlink_to(self.run_dir / t)
            shutil.copy(self.run_dir / "manifest.json", current / "manifest.json")
            ds.write_dataset(pq.read_table(self.run_dir / "rankings"), current / "rankings", format="parquet",
                             partitioning=["indicator_code"], partitioning_flavor="hive")
            self.assertTrue((current / "rankings" / "indicator_code=PAR_INDEX").is_dir())
            db = duckdb.connect()
            os.chdir(mirror)
            try:
                db.execute(VIEWS_SQL.read_text(encoding="utf-8"))
                self.assertEqual(db.execute("SELECT count(*) FROM rankings").fetchone()[0],
                                 self.manifest["row_counts"]["rankings"])
                rank = db.execute("SELECT rank FROM rankings WHERE unit_frame = 'VN63' AND unit_code = '10' "
                                  "AND indicator_code = 'PAR_INDEX' AND year = 2024").fetchall()
                self.assertEqual(rank, [(26,)])
                types = dict(db.execute("SELECT column_name, column_type FROM (DESCRIBE rankings)").fetchall())
                self.assertEqual(types["indicator_code"], "VARCHAR")
            finally:
                os.chdir(self.cwd)
                db.close()
        finally:
            shutil.rmtree(mirror)

    def test_views_follow_the_current_pointer(self):
        # A view re-reads out/current on every query: repoint a copy of the output at an older "run" and the same
        # connection sees it at once.
        other = Path(tempfile.mkdtemp(prefix="pc-pointer-"))
        try:
            runs = other / "runs"
            runs.mkdir()
            (runs / "new").symlink_to(self.run_dir)
            old = runs / "old"
            old.mkdir()
            for t in TABLES:
                (old / t).symlink_to(self.run_dir / t)
            (old / "dq_results").unlink()
            (old / "dq_results").mkdir()
            pq.write_table(pq.read_table(self.run_dir / "dq_results").slice(0, 1), old / "dq_results" / "part-0.parquet")
            shutil.copy(self.run_dir / "manifest.json", old / "manifest.json")
            (other / "current").symlink_to(Path("runs") / "new")
            db = duckdb.connect()
            os.chdir(other.parent)
            try:
                db.execute(VIEWS_SQL.read_text(encoding="utf-8").replace("'out/current/", f"'{other.name}/current/"))
                self.assertEqual(db.execute("SELECT count(*) FROM dq_results").fetchone()[0],
                                 self.manifest["row_counts"]["dq_results"])
                tmp_link = other / "current.tmp"
                tmp_link.symlink_to(Path("runs") / "old")
                os.replace(tmp_link, other / "current")  # what the job does: an atomic rename of the link
                self.assertEqual(db.execute("SELECT count(*) FROM dq_results").fetchone()[0], 1)
            finally:
                os.chdir(self.cwd)
                db.close()
        finally:
            shutil.rmtree(other)

    def test_csv_copies_are_utf8_with_bom_and_match_the_tables(self):
        csv_dir = self.run_dir / "csv"
        if not csv_dir.is_dir():
            self.skipTest("this run was made without --csv")
        for t in TABLES:
            with self.subTest(table=t):
                raw = (csv_dir / f"{t}.csv").read_bytes()
                self.assertEqual(raw[:3], b"\xef\xbb\xbf")
                rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
                header = [f.name for f in ds.dataset(self.run_dir / t, format="parquet").schema]
                self.assertEqual(rows[0], header)
                self.assertEqual(len(rows) - 1, self.manifest["row_counts"][t])
        with open(csv_dir / "rankings.csv", encoding="utf-8-sig", newline="") as f:
            par = [r for r in csv.DictReader(f) if r["unit_frame"] == "VN63" and r["unit_code"] == "10"
                   and r["indicator_code"] == "PAR_INDEX" and r["year"] == "2024"]
        self.assertEqual(len(par), 1)
        self.assertEqual((par[0]["unit_name_vi"], par[0]["value"], par[0]["rank"]), ("Lào Cai", "89.03", "26"))


if __name__ == "__main__":
    unittest.main()
