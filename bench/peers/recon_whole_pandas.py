"""Peer for bench/files.bench.ts: the whole process of an exact reconciliation in pandas.

Usage: python3 bench/peers/recon_whole_pandas.py LEFT.csv RIGHT.csv OUT.json
Reads both CSVs (header Date,Reference,Description,Amount), matches rows whose Reference and Amount are
the same text (an inner merge, each side's rows numbered as worksheet rows, header on row 1), and writes
the pairs as JSON. Timed from outside as a whole process, as bpo-desk is.
"""
import sys

import pandas as pd


def main() -> None:
    left = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
    right = pd.read_csv(sys.argv[2], dtype=str, keep_default_na=False)
    left["row"] = range(2, len(left) + 2)
    right["row"] = range(2, len(right) + 2)
    merged = left.merge(right, on=["Reference", "Amount"], how="inner", suffixes=("_l", "_r"))
    merged = merged.drop_duplicates(subset=["row_l"]).drop_duplicates(subset=["row_r"])
    out = merged[["row_l", "row_r", "Reference", "Amount"]]
    out.to_json(sys.argv[3], orient="records")
    print(len(out))


if __name__ == "__main__":
    main()
