"""Reading the published run and saving figures, shared by the notebooks.

Only plumbing lives here (where the run is, which columns a notebook relies on, where PNGs go); every number a
notebook shows comes from the published tables as they are.
"""
import json
import os
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pyarrow.dataset as ds

# DejaVu Sans ships with matplotlib and has every Vietnamese diacritic (ạ, ế, ỗ, ự...), so names render on any
# machine without a system font.
matplotlib.rcParams["font.family"] = "DejaVu Sans"
matplotlib.rcParams["figure.dpi"] = 100
matplotlib.rcParams["savefig.dpi"] = 120
matplotlib.rcParams["axes.titlesize"] = 12

HERE = Path.cwd()


def out_dir():
    """The job's --out directory: PROVINCE_COMPARE_OUT, else ../out (the default of bin/province-compare run)."""
    return Path(os.environ.get("PROVINCE_COMPARE_OUT", "../out")).resolve()


def figure_dir():
    """Where PNGs go: PROVINCE_COMPARE_FIGURES (set by run-notebooks.sh), else executed/ beside the notebook."""
    d = Path(os.environ.get("PROVINCE_COMPARE_FIGURES", HERE / "executed"))
    d.mkdir(parents=True, exist_ok=True)
    return d


def current_run(out):
    """The newest complete run: <out>/current, the symlink the job moves only after a run is whole."""
    run = Path(out) / "current"
    if not (run / "manifest.json").is_file():
        raise FileNotFoundError(
            f"no published run at {run} (expected {run}/manifest.json); run `bin/province-compare run --out {out}` "
            "or set PROVINCE_COMPARE_OUT to a directory the job wrote")
    return run.resolve()


def manifest(run):
    return json.loads((Path(run) / "manifest.json").read_text(encoding="utf-8"))


def read_table(run, table, columns):
    """One published table as a DataFrame, after checking that every column the notebook uses is there.

    A renamed column fails here, with the table, the missing names and the columns that do exist, rather than as a
    KeyError deep inside a plotting cell.
    """
    path = Path(run) / table
    if not path.is_dir():
        raise FileNotFoundError(f"table '{table}' is not in run {run} (expected a directory of Parquet files)")
    # pyarrow skips Spark's _SUCCESS and .crc files (names starting with '_' or '.').
    dataset = ds.dataset(path, format="parquet")
    present = dataset.schema.names
    missing = [c for c in columns if c not in present]
    assert not missing, (f"table '{table}' of {run} lacks column(s) {missing} that this notebook uses; "
                         f"it has: {present}")
    return dataset.to_table(columns=list(columns)).to_pandas()


def savefig(fig, name):
    """Saves a figure as <figure_dir>/<name>.png at a readable size; returns the path."""
    path = figure_dir() / f"{name}.png"
    fig.savefig(path, bbox_inches="tight")
    return path
