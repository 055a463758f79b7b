#!/usr/bin/env python3
"""Checks run before the notebooks execute; standard library only, so it runs before the venv exists.

  check_clean.py NOTEBOOK...          every committed notebook is clean: no outputs, no execution counts
  check_clean.py --tile-grid CSV [SQL] the tile grid has 63 provinces in 63 distinct cells (and, given the
                                       GSO unit list, exactly its codes)

Exit 0 when everything passes, 1 with one line per problem on stderr otherwise.
"""
import csv
import json
import re
import sys
from pathlib import Path

TILE_GRID_COLUMNS = ["unit_code", "row", "col"]
VN63_UNITS = 63


def notebook_problems(path):
    """Why a committed notebook is not clean (outputs and counts belong to executed copies only)."""
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"{path}: not a readable notebook ({e})"]
    problems = []
    for i, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"{path}: cell {i} has {len(cell['outputs'])} output(s); "
                            "commit notebooks without outputs (Kernel > Restart & Clear Output)")
        if cell.get("execution_count") is not None:
            problems.append(f"{path}: cell {i} has execution_count {cell['execution_count']}; "
                            "commit notebooks with execution counts cleared (null)")
    return problems


def gso_codes(sql_path):
    """The province codes of the thanglequoc INSERT statements: ('01','Hà Nội',...)."""
    text = Path(sql_path).read_text(encoding="utf-8")
    return set(re.findall(r"^\('(\d{2})',", text, flags=re.MULTILINE))


def tile_grid_problems(csv_path, sql_path=None):
    """Why a tile grid cannot be drawn: a bad cell, a province twice, two provinces in one cell, a gap."""
    problems = []
    with open(csv_path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header != TILE_GRID_COLUMNS:
            return [f"{csv_path}: line 1: header is {header}, expected {','.join(TILE_GRID_COLUMNS)}"]
        by_code, by_cell = {}, {}
        for line, row in enumerate(reader, start=2):
            if len(row) != 3:
                problems.append(f"{csv_path}: line {line}: {len(row)} fields, expected 3 (unit_code,row,col)")
                continue
            code, r, c = row
            if not re.fullmatch(r"\d{2}", code):
                problems.append(f"{csv_path}: line {line}: field unit_code '{code}' is not a two-digit GSO code")
                continue
            cell = []
            for field, text in (("row", r), ("col", c)):
                if not re.fullmatch(r"\d+", text):
                    problems.append(f"{csv_path}: line {line}: field {field} '{text}' is not a whole number >= 0")
                else:
                    cell.append(int(text))
            if len(cell) != 2:
                continue
            if code in by_code:
                problems.append(f"{csv_path}: line {line}: field unit_code '{code}' already placed on line "
                                f"{by_code[code]}")
            by_code.setdefault(code, line)
            if tuple(cell) in by_cell:
                problems.append(f"{csv_path}: line {line}: cell (row {cell[0]}, col {cell[1]}) already holds the "
                                f"unit of line {by_cell[tuple(cell)]}")
            by_cell.setdefault(tuple(cell), line)
    if not problems and len(by_code) != VN63_UNITS:
        problems.append(f"{csv_path}: {len(by_code)} provinces placed, expected {VN63_UNITS} (frame VN63)")
    if sql_path is not None:
        expected = gso_codes(sql_path)
        missing, unknown = sorted(expected - set(by_code)), sorted(set(by_code) - expected)
        if missing:
            problems.append(f"{csv_path}: VN63 codes of {sql_path} not placed: {', '.join(missing)}")
        if unknown:
            problems.append(f"{csv_path}: codes not in {sql_path}: {', '.join(unknown)}")
    return problems


def main(argv):
    if argv[:1] == ["--tile-grid"] and len(argv) in (2, 3):
        problems = tile_grid_problems(argv[1], argv[2] if len(argv) == 3 else None)
    elif argv and not argv[0].startswith("-"):
        problems = [p for path in argv for p in notebook_problems(path)]
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
