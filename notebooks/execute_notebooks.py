#!/usr/bin/env python3
"""Executes notebooks top to bottom and writes the executed copies; run by run-notebooks.sh in the bin/python-env interpreter.

    execute_notebooks.py EXECUTED_DIR NOTEBOOK...

The kernel inherits the environment (PROVINCE_COMPARE_OUT, PROVINCE_COMPARE_FIGURES, ...) and runs with the
notebook's own folder as working directory, as Jupyter does. Every notebook runs even after one fails, so one
run reports every failure; the exit status is 1 if any cell failed, naming the notebook and the cell.
"""
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

CELL_TIMEOUT_SECONDS = 600
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # IPython colours its tracebacks


def failing_cell(nb):
    """(1-based index, first source line) of the cell whose output is an error, if any."""
    for i, cell in enumerate(nb.cells, start=1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return i, cell.source.splitlines()[0] if cell.source else ""
    return None


def run(path, executed_dir):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT_SECONDS, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            # The kernel listens on loopback only; its warning about unencrypted TCP is noise here.
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    started = time.monotonic()
    error = None
    try:
        client.execute()
    except CellExecutionError as e:
        error = e
    except (CellTimeoutError, DeadKernelError) as e:
        error = e
    finally:
        nbformat.write(nb, executed_dir / path.name)
    if error is None:
        print(f"ok    {path.name} ({time.monotonic() - started:.1f} s)")
        return True
    where = failing_cell(nb)
    cell = f"cell {where[0]} ({where[1]!r})" if where else "a cell"
    # The error's own text carries the traceback; its last line names the exception and message.
    lines = [l for l in ANSI_COLOUR.sub("", str(error)).strip().splitlines() if l.strip()]
    print(f"FAIL  {path.name}: {cell} failed: {lines[-1] if lines else type(error).__name__}", file=sys.stderr)
    print(f"      executed copy with the traceback: {executed_dir / path.name}", file=sys.stderr)
    return False


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    executed_dir = Path(argv[0])
    executed_dir.mkdir(parents=True, exist_ok=True)
    results = [run(Path(p).resolve(), executed_dir) for p in argv[1:]]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
