"""Peer for bench/files.bench.ts: reading a 200k-row sheet with pandas.

Usage: python3 bench/peers/xlsx_read_pandas.py BOOK.xlsx SAME.csv
With openpyxl installed, pandas reads the .xlsx (read_excel, engine openpyxl). Without it pandas cannot
read .xlsx at all; it then reads the same rows from a CSV, and says so. Prints one JSON line:
{"seconds": ..., "rows": ..., "engine": "openpyxl" | "csv (openpyxl not installed)", "pandas": "x.y.z"}.
"""
import json
import sys
import time

import pandas as pd


def main() -> None:
    try:
        import openpyxl  # noqa: F401

        engine = "openpyxl"
    except ImportError:
        engine = "csv (openpyxl not installed)"
    t0 = time.perf_counter()
    if engine == "openpyxl":
        df = pd.read_excel(sys.argv[1], engine="openpyxl")
    else:
        df = pd.read_csv(sys.argv[2])
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "rows": len(df), "engine": engine, "pandas": pd.__version__}))


if __name__ == "__main__":
    main()
