#!/usr/bin/env python3
"""Compares single-threaded Parquet decode CPU of fluss-native, pyarrow and
DuckDB on a lake-like file (Paimon-style: ZSTD, ~1M-row row groups, mixed
types with nulls and one list column).

  python3 bench/parquet/run.py --driver BUILD/bench/parquet/parquet_bench \
      [--rows 3000000] [--file /tmp/fn_parquet_bench.parquet] [--reps 3]

Reports CPU seconds per GB of *uncompressed* column data (the footer's
total_uncompressed_size of the projected column chunks), for one column and
for all columns, and the ratios to fluss-native. Versions: see
tests/data/parquet/requirements.txt.
"""
import argparse
import json
import os
import subprocess
import time

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq


def generate(path, rows):
    rng = np.random.default_rng(42)
    nulls = rng.random(rows) < 0.1
    cats = np.array(["books", "games", "garden", "music", "outdoor", "toys", "food", "tools"])
    tags = pa.array([["t%d" % (i % 7), "u%d" % (i % 3)] if i % 5 else None for i in range(min(rows, 200000))] *
                    (rows // min(rows, 200000) + 1))[:rows]
    table = pa.table({
        "id": pa.array(np.arange(rows, dtype=np.int64)),
        "ts": pa.array(1_700_000_000_000_000 + np.arange(rows, dtype=np.int64) * 1000).cast(pa.timestamp("us")),
        "user_id": pa.array(rng.integers(0, 100_000, rows, dtype=np.int32)),
        "price": pa.array(rng.integers(0, 10**9, rows, dtype=np.int64)).cast(pa.decimal128(23, 4))
                 .cast(pa.decimal128(18, 4)),
        "amount": pa.array(rng.random(rows) * 1000, mask=nulls),
        "category": pa.array(cats[rng.integers(0, len(cats), rows)]),
        "name": pa.array(["user-%08d" % x for x in rng.integers(0, 10**8, rows)]),
        "flag": pa.array(rng.random(rows) < 0.3),
        "qty": pa.array(rng.integers(0, 1000, rows, dtype=np.int32), mask=~nulls),
        "tags": tags,
    })
    # Paimon stores DECIMAL(p <= 18) as INT64, like store_decimal_as_integer.
    pq.write_table(table, path, compression="zstd", row_group_size=1_000_000, store_decimal_as_integer=True)


def uncompressed_bytes(path, columns):
    md = pq.ParquetFile(path).metadata
    total = 0
    for rg in range(md.num_row_groups):
        g = md.row_group(rg)
        for c in range(g.num_columns):
            col = g.column(c)
            if columns is None or col.path_in_schema.split(".")[0] in columns:
                total += col.total_uncompressed_size
    return total


def best_cpu(fn, reps):
    best = float("inf")
    for _ in range(reps):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def run_ours(driver, path, columns, reps):
    arg = "all" if columns is None else ",".join(columns)
    out = subprocess.run([driver, path, arg, str(reps)], check=True, capture_output=True, text=True).stdout
    return json.loads(out)["cpu_seconds"]


def run_pyarrow(path, columns, reps):
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    return best_cpu(lambda: pq.read_table(path, columns=columns, use_threads=False, pre_buffer=False), reps)


def run_duckdb(path, columns, reps):
    con = duckdb.connect()
    con.execute("SET threads=1")
    sel = "*" if columns is None else ", ".join(columns)
    q = f"SELECT {sel} FROM read_parquet('{path}')"
    return best_cpu(lambda: con.execute(q).fetch_arrow_table(), reps)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--driver", required=True)
    ap.add_argument("--rows", type=int, default=3_000_000)
    ap.add_argument("--file", default="/tmp/fn_parquet_bench.parquet")
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    if not os.path.exists(args.file):
        generate(args.file, args.rows)
    print(f"file: {args.file} ({os.path.getsize(args.file) / 1e6:.1f} MB, "
          f"{pq.ParquetFile(args.file).metadata.num_rows} rows)")
    for label, cols in [("one column (name)", ["name"]), ("one column (id)", ["id"]), ("all columns", None)]:
        gb = uncompressed_bytes(args.file, cols) / 1e9
        ours = run_ours(args.driver, args.file, cols, args.reps)
        arrow = run_pyarrow(args.file, cols, args.reps)
        duck = run_duckdb(args.file, cols, args.reps)
        print(f"{label}: {gb * 1e3:.0f} MB uncompressed")
        for name, t in [("fluss-native", ours), ("pyarrow", arrow), ("duckdb", duck)]:
            print(f"  {name:13s} {t:7.3f} s CPU  {t / gb:6.2f} s/GB  ratio vs fluss-native {t / ours:5.2f}")


if __name__ == "__main__":
    main()
