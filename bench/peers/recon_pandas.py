"""Peer for bench/recon.bench.ts: pandas merge on the same exact-key data.

Usage: python3 bench/peers/recon_pandas.py LEFT.csv RIGHT.csv
Each CSV has the header `ref,cents`. Loading is not timed; only the inner merge on (ref, cents)
is, best of 3 runs. Prints one JSON line: {"merge_s": ..., "rows": ..., "pandas": "x.y.z"}.
"""
import json
import sys
import time

import pandas as pd


def main() -> None:
    left = pd.read_csv(sys.argv[1], dtype={"ref": str, "cents": "int64"})
    right = pd.read_csv(sys.argv[2], dtype={"ref": str, "cents": "int64"})
    best = float("inf")
    rows = 0
    for _ in range(3):
        t0 = time.perf_counter()
        merged = left.merge(right, on=["ref", "cents"], how="inner")
        best = min(best, time.perf_counter() - t0)
        rows = len(merged)
    print(json.dumps({"merge_s": best, "rows": rows, "pandas": pd.__version__}))


if __name__ == "__main__":
    main()
