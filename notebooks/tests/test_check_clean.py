"""Tests of the pre-flight checks and of the executor's failure report (python -m unittest, run by run-notebooks.sh)."""
import contextlib
import io
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import check_clean

NOTEBOOKS = Path(__file__).resolve().parents[1]
REPO = NOTEBOOKS.parent
TILE_GRID = REPO / "data" / "reference" / "tile_grid_vn63.csv"
GSO_SQL = REPO.parent / "shared" / "data" / "reference" / "ImportData_vn_units.v2.4.1.provinces_only.sql"


def notebook(*cells):
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": list(cells)}


def code_cell(source, outputs=(), count=None):
    return {"cell_type": "code", "id": "c", "metadata": {}, "source": source, "outputs": list(outputs),
            "execution_count": count}


MARKDOWN = {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# title"}
STREAM = {"output_type": "stream", "name": "stdout", "text": "hi\n"}


class Workdir(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()

    def write(self, name, text):
        path = self.dir / name
        path.write_text(text, encoding="utf-8")
        return str(path)


class NotebookCleanTest(Workdir):
    def test_clean_notebook_passes(self):
        path = self.write("a.ipynb", json.dumps(notebook(MARKDOWN, code_cell("x = 1"))))
        self.assertEqual(check_clean.notebook_problems(path), [])

    def test_outputs_are_reported_with_notebook_and_cell(self):
        # Cell 1 is markdown, cell 2 the code cell holding one output.
        path = self.write("b.ipynb", json.dumps(notebook(MARKDOWN, code_cell("print('hi')", outputs=[STREAM]))))
        self.assertEqual(check_clean.notebook_problems(path), [
            f"{path}: cell 2 has 1 output(s); commit notebooks without outputs (Kernel > Restart & Clear Output)"])

    def test_execution_count_is_reported(self):
        path = self.write("c.ipynb", json.dumps(notebook(code_cell("x = 1", count=3))))
        self.assertEqual(check_clean.notebook_problems(path), [
            f"{path}: cell 1 has execution_count 3; commit notebooks with execution counts cleared (null)"])

    def test_unreadable_notebook_is_reported(self):
        path = self.write("d.ipynb", "{not json")
        [problem] = check_clean.notebook_problems(path)
        self.assertTrue(problem.startswith(f"{path}: not a readable notebook ("), problem)

    def test_committed_notebooks_are_clean(self):
        committed = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
        self.assertEqual(len(committed), 3)
        for path in committed:
            self.assertEqual(check_clean.notebook_problems(path), [], path.name)

    def test_main_exit_codes(self):
        clean = self.write("e.ipynb", json.dumps(notebook(code_cell("x = 1"))))
        dirty = self.write("f.ipynb", json.dumps(notebook(code_cell("x = 1", count=1))))
        self.assertEqual(check_clean.main([clean]), 0)
        with contextlib.redirect_stderr(io.StringIO()) as report:
            self.assertEqual(check_clean.main([clean, dirty]), 1)
        self.assertEqual(report.getvalue(), f"{dirty}: cell 1 has execution_count 1; "
                         "commit notebooks with execution counts cleared (null)\n")
        with contextlib.redirect_stderr(io.StringIO()) as usage:
            self.assertEqual(check_clean.main([]), 2)
        self.assertIn("check_clean.py NOTEBOOK...", usage.getvalue())


class TileGridTest(Workdir):
    HEADER = "unit_code,row,col\n"

    def test_committed_grid_places_63_provinces_in_distinct_cells(self):
        self.assertEqual(check_clean.tile_grid_problems(TILE_GRID), [])
        lines = TILE_GRID.read_text(encoding="utf-8").splitlines()
        self.assertEqual(len(lines), 1 + 63)
        # Orientation asked for by the issue: Hà Giang (02) and Cao Bằng (04) are the top row (0), Cà Mau (96)
        # is on the bottom row, and Lào Cai (10) is in the north-west corner region.
        cells = {code: (int(r), int(c)) for code, r, c in (line.split(",") for line in lines[1:])}
        rows = [r for r, _ in cells.values()]
        self.assertEqual({code for code, (r, _) in cells.items() if r == min(rows)}, {"02", "04"})
        self.assertEqual(cells["96"][0], max(rows))
        self.assertEqual(cells["10"], (1, 1))

    @unittest.skipUnless(GSO_SQL.is_file(), "../shared is not beside the repository")
    def test_committed_grid_has_exactly_the_gso_codes(self):
        self.assertEqual(len(check_clean.gso_codes(GSO_SQL)), 63)
        self.assertEqual(check_clean.tile_grid_problems(TILE_GRID, GSO_SQL), [])

    def test_duplicate_code_names_both_lines(self):
        path = self.write("g.csv", self.HEADER + "01,0,0\n02,0,1\n01,1,0\n")
        self.assertIn(f"{path}: line 4: field unit_code '01' already placed on line 2",
                      check_clean.tile_grid_problems(path))

    def test_two_units_in_one_cell(self):
        path = self.write("h.csv", self.HEADER + "01,0,0\n02,0,0\n")
        self.assertIn(f"{path}: line 3: cell (row 0, col 0) already holds the unit of line 2",
                      check_clean.tile_grid_problems(path))

    def test_bad_fields_name_line_field_and_what_is_valid(self):
        path = self.write("i.csv", self.HEADER + "1,0,0\n02,x,0\n03,0\n")
        self.assertEqual(check_clean.tile_grid_problems(path), [
            f"{path}: line 2: field unit_code '1' is not a two-digit GSO code",
            f"{path}: line 3: field row 'x' is not a whole number >= 0",
            f"{path}: line 4: 2 fields, expected 3 (unit_code,row,col)",
        ])

    def test_wrong_header(self):
        path = self.write("j.csv", "code,row,col\n01,0,0\n")
        self.assertEqual(check_clean.tile_grid_problems(path), [
            f"{path}: line 1: header is ['code', 'row', 'col'], expected unit_code,row,col"])

    def test_incomplete_grid_is_counted(self):
        # 62 valid rows: codes 10..71 on a 62-cell diagonal.
        path = self.write("k.csv", self.HEADER + "".join(f"{c},{i},{i}\n" for i, c in enumerate(range(10, 72))))
        self.assertEqual(check_clean.tile_grid_problems(path), [
            f"{path}: 62 provinces placed, expected 63 (frame VN63)"])

    def test_codes_are_compared_with_the_unit_list(self):
        sql = self.write("u.sql", "INSERT INTO provinces(code,name) VALUES\n('01','Hà Nội'),\n('02','Hà Giang');\n")
        path = self.write("l.csv", self.HEADER + "01,0,0\n03,0,1\n")
        problems = check_clean.tile_grid_problems(path, sql)
        self.assertIn(f"{path}: VN63 codes of {sql} not placed: 02", problems)
        self.assertIn(f"{path}: codes not in {sql}: 03", problems)


class ExecutorFailureTest(Workdir):
    def test_failing_cell_is_named_and_exit_is_non_zero(self):
        nb = notebook(MARKDOWN, code_cell("x = 1"), code_cell("raise ValueError('column rank is missing')"))
        path = self.write("broken.ipynb", json.dumps(nb))
        executed = self.dir / "executed"
        result = subprocess.run([sys.executable, str(NOTEBOOKS / "execute_notebooks.py"), str(executed), path],
                                capture_output=True, text=True, timeout=300)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("FAIL  broken.ipynb: cell 3 (\"raise ValueError('column rank is missing')\") failed: "
                      "ValueError: column rank is missing\n", result.stderr)
        self.assertTrue((executed / "broken.ipynb").is_file())


if __name__ == "__main__":
    unittest.main()
