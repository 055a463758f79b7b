#!/usr/bin/env python3
"""Tests of bench/compare_tables.py on tiny hand-made outputs.

Run: $(bin/python-env) -m unittest bench/test_compare_tables.py
"""
import io
import os
import sys
import tempfile
import unittest

import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare_tables  # noqa: E402


def target_gaps(ids, gaps, met):
    return pa.table({"target_id": pa.array(ids, pa.string()), "gap": pa.array(gaps, pa.float64()),
                     "is_met": pa.array(met, pa.bool_())})


class CompareTablesTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def write(self, side, table, files=1):
        folder = os.path.join(self.tmp.name, side, "target_gaps")
        os.makedirs(folder, exist_ok=True)
        step = -(-table.num_rows // files)
        for i in range(files):
            pq.write_table(table.slice(i * step, step), os.path.join(folder, f"part-{i:05d}.parquet"))
        return os.path.join(self.tmp.name, side)

    def run_compare(self, left, right):
        out = io.StringIO()
        code = compare_tables.main([left, right, "--tables", "target_gaps"], out=out)
        return code, out.getvalue()

    def test_split_files_and_last_digit_differences_agree_and_are_counted(self):
        # 3.0 vs 3.0000000000000004 (1 ulp): relative difference 1.5e-16 <= 1e-9, not bit-identical.
        left = self.write("a", target_gaps(["T1", "T2", "T3"], [-6.0, 3.0, None], [False, True, None]), files=2)
        right = self.write("b", target_gaps(["T1", "T2", "T3"], [-6.0, 3.0000000000000004, None],
                                            [False, True, None]))
        code, text = self.run_compare(left, right)
        self.assertEqual(code, 0, text)
        self.assertIn("target_gaps: 3 rows (2 file(s)) vs 3 rows (1 file(s))", text)
        self.assertIn("ok gap (doubles not bit-identical: 1, max abs diff 4.44e-16)", text)
        self.assertIn("summary: target_gaps agree", text)

    def test_near_zero_the_tolerance_is_absolute(self):
        # 0.0 vs 5.7e-14: |diff| 5.7e-14 <= 1e-9 x max(1, ...) = 1e-9, the same zero slope. 0.0 vs 1e-6 is not.
        left = self.write("a", target_gaps(["T1", "T2"], [0.0, 0.0], [True, True]))
        right = self.write("b", target_gaps(["T1", "T2"], [5.684341886080802e-14, 1e-6], [True, True]))
        code, text = self.run_compare(left, right)
        self.assertEqual(code, 1)
        self.assertIn("MISMATCH gap: 1 rows", text)
        self.assertIn("(target_id='T2'): 0.0 vs 1e-06", text)

    def test_rows_of_several_sorted_files_are_compared_in_key_order(self):
        # Left: two files, each sorted (T2, T3 | T1); right: one sorted file. Same rows, so they agree.
        left = self.write("a", target_gaps(["T2", "T3", "T1"], [2.0, 3.0, 1.0], [True, True, False]), files=2)
        right = self.write("b", target_gaps(["T1", "T2", "T3"], [1.0, 2.0, 3.0], [False, True, True]))
        code, text = self.run_compare(left, right)
        self.assertEqual(code, 0, text)
        self.assertIn("stored order differs (2 vs 1 files, each sorted); compared in key order", text)

    def test_the_duckdb_path_for_large_tables_finds_the_same_mismatches(self):
        # T1: 100 vs 100.00001 (relative 1e-7 > 1e-9); T3: null vs 0.0; T2 equal. Rows in another order agree.
        left = self.write("a", target_gaps(["T3", "T1", "T2"], [None, 100.0, 1.0], [None, True, True]), files=2)
        right = self.write("b", target_gaps(["T1", "T2", "T3"], [100.00001, 1.0, 0.0], [True, True, None]))
        out = io.StringIO()
        self.assertFalse(compare_tables.compare_in_duckdb(left, right, "target_gaps", 1e-9, out))
        self.assertIn("MISMATCH gap: 2 rows", out.getvalue())
        same = self.write("c", target_gaps(["T2", "T1", "T3"], [1.0, 100.0, None], [True, True, None]))
        self.assertTrue(compare_tables.compare_in_duckdb(left, same, "target_gaps", 1e-9, io.StringIO()))

    def test_a_double_beyond_the_tolerance_and_a_null_are_mismatches_with_their_keys(self):
        # 100 vs 100.00001: relative 1e-7 > 1e-9. T3: null vs 0.0.
        left = self.write("a", target_gaps(["T1", "T2", "T3"], [100.0, 1.0, None], [True, True, None]))
        right = self.write("b", target_gaps(["T1", "T2", "T3"], [100.00001, 1.0, 0.0], [True, True, None]))
        code, text = self.run_compare(left, right)
        self.assertEqual(code, 1)
        self.assertIn("MISMATCH gap: 2 rows", text)
        self.assertIn("(target_id='T1'): 100.0 vs 100.00001", text)
        self.assertIn("(target_id='T3'): None vs 0.0", text)
        self.assertIn("summary: target_gaps DISAGREE", text)

    def test_a_boolean_that_differs_is_a_mismatch(self):
        left = self.write("a", target_gaps(["T1"], [0.0], [True]))
        right = self.write("b", target_gaps(["T1"], [0.0], [False]))
        code, text = self.run_compare(left, right)
        self.assertEqual(code, 1)
        self.assertIn("MISMATCH is_met: 1 rows; e.g. (target_id='T1'): True vs False", text)

    def test_keys_in_another_order_disagree(self):
        left = self.write("a", target_gaps(["T1", "T2"], [1.0, 2.0], [True, True]))
        right = self.write("b", target_gaps(["T2", "T1"], [2.0, 1.0], [True, True]))
        code, text = self.run_compare(left, right)
        self.assertEqual(code, 1)
        self.assertIn("KEYS differ at 2 positions", text)

    def test_row_counts_and_types(self):
        left = self.write("a", target_gaps(["T1", "T2"], [1.0, 2.0], [True, True]))
        right = self.write("b", target_gaps(["T1"], [1.0], [True]))
        code, text = self.run_compare(left, right)
        self.assertEqual(code, 1)
        self.assertIn("ROW COUNT differs: 2 vs 1", text)
        other = self.write("c", pa.table({"target_id": ["T1", "T2"], "gap": pa.array([1, 2], pa.int32()),
                                          "is_met": [True, True]}))
        code, text = self.run_compare(left, other)
        self.assertEqual(code, 1)
        self.assertIn("SCHEMA differs", text)

    def test_a_missing_table_folder_is_exit_2(self):
        left = self.write("a", target_gaps(["T1"], [1.0], [True]))
        code, text = self.run_compare(left, os.path.join(self.tmp.name, "nothing"))
        self.assertEqual(code, 2)
        self.assertIn("nothing/target_gaps: no such table folder", text)


if __name__ == "__main__":
    unittest.main()
