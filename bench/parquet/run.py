#!/usr/bin/env python3
"""Compares single-threaded Parquet decode CPU of fluss-native, pyarrow and
DuckDB on the same lake file, projecting one column and all columns.

  python3 bench/parquet/run.py [--paimon | --synthetic | --file F.parquet]
      [--driver build/bench/parquet/parquet_bench] [--rows 2000000]
      [--reps 3] [--regen]

--paimon (default): a file written by Paimon 1.3.1's own Java writer (the
  version Fluss 0.9.1 tiers with), via bench/parquet/GenPaimonLakeFile.java:
  an append table with mixed columns plus Fluss's __bucket/__offset/
  __timestamp, Paimon's default parquet options (zstd, parquet-mr). Needs
  java and testing/target/classpath.txt (built by testing/build.sh, which is
  run if the class path is missing). Cached under /tmp.
--synthetic: a Paimon-style file written by pyarrow (ZSTD, 1M-row row
  groups, the same user columns). Cached under /tmp.

Reports CPU seconds per GB of *uncompressed* column data (the footer's
total_uncompressed_size of the projected column chunks), for one column and
for all columns, and the ratios to fluss-native. Before timing, checks that
the three decoders agree on the row count and on a per-column checksum
(null count and a position-weighted value hash; see parquet_bench.cc) of
every projected column. Versions: see tests/data/parquet/requirements.txt.
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
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


REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def generate_paimon(warehouse, rows):
    """Writes the lake table with Paimon's Java writer; returns the data file."""
    classpath = os.path.join(REPO, "testing", "target", "classpath.txt")
    if not os.path.exists(classpath):
        subprocess.run([os.path.join(REPO, "testing", "build.sh")], check=True)
    with open(classpath) as f:
        cp = f.read().strip()
    shutil.rmtree(warehouse, ignore_errors=True)
    src = os.path.join(REPO, "bench", "parquet", "GenPaimonLakeFile.java")
    # -Xmx keeps the single writer thread's heap modest on a shared machine.
    out = subprocess.run(["java", "-Xmx2g", "-cp", cp, src, warehouse, str(rows)], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return out.strip().splitlines()[-1]


def paimon_file(rows, regen):
    warehouse = f"/tmp/fn_parquet_bench_paimon_{rows}"
    found = glob.glob(os.path.join(warehouse, "bench.db", "lake", "bucket-*", "data-*.parquet"))
    if regen or len(found) != 1:
        print(f"writing {rows} rows with Paimon's Java writer into {warehouse} ...", flush=True)
        return generate_paimon(warehouse, rows)
    return found[0]


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


def checksum(arr, nulls_sum=None):
    """Same definition as parquet_bench.cc: returns [nulls, sum mod 2^64]."""
    if isinstance(arr, pa.ChunkedArray):
        chunks = arr.chunks
    else:
        chunks = [arr]
    state = nulls_sum or {"nulls": 0, "sum": np.uint64(0), "rows": 0, "child": None}
    for a in chunks:
        n = len(a)
        valid = a.is_valid().to_numpy(zero_copy_only=False)
        state["nulls"] += int(n - valid.sum())
        t = a.type
        if pa.types.is_boolean(t):
            h = np.where(a.fill_null(False).to_numpy(zero_copy_only=False), 1, 2).astype(np.uint64)
        elif pa.types.is_floating(t):
            v = a.fill_null(0).to_numpy(zero_copy_only=False)
            h = v.view(np.uint64 if v.dtype == np.float64 else np.uint32).astype(np.uint64)
        elif pa.types.is_decimal(t):
            words = np.frombuffer(a.buffers()[1], dtype=np.uint64).reshape(-1, 2)
            h = words[a.offset:a.offset + n, 0].copy()
        elif pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_binary(t) or \
                pa.types.is_large_binary(t):
            large = pa.types.is_large_string(t) or pa.types.is_large_binary(t)
            offs = np.frombuffer(a.buffers()[1], dtype=np.int64 if large else np.int32)[a.offset:a.offset + n + 1]
            data = np.frombuffer(a.buffers()[2], dtype=np.uint8) if a.buffers()[2] is not None else \
                np.zeros(0, np.uint8)
            cs = np.concatenate([[0], np.cumsum(data, dtype=np.uint64)])
            h = (cs[offs[1:]] - cs[offs[:-1]]) * np.uint64(1000003) + (offs[1:] - offs[:-1]).astype(np.uint64)
        elif pa.types.is_list(t) or pa.types.is_large_list(t):
            offs = a.offsets.to_numpy()
            h = (offs[1:] - offs[:-1]).astype(np.uint64)
            if state["child"] is None:
                state["child"] = {"nulls": 0, "sum": np.uint64(0), "rows": 0, "child": None}
            checksum(a.values.slice(offs[0], offs[-1] - offs[0]), state["child"])
        elif pa.types.is_integer(t) or pa.types.is_temporal(t):
            width = t.bit_width
            v = a.view(pa.int64() if width == 64 else pa.int32() if width == 32 else pa.int16()
                       if width == 16 else pa.int8())
            h = v.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64).view(np.uint64)
        else:
            raise ValueError(f"no checksum for {t}")
        r = np.arange(state["rows"] + 1, state["rows"] + n + 1, dtype=np.uint64)
        with np.errstate(over="ignore"):
            state["sum"] = np.uint64(state["sum"] + np.sum(np.where(valid, r * h, np.uint64(0)),
                                                           dtype=np.uint64))
        state["rows"] += n
    if nulls_sum is not None:
        return None
    nulls, total, c = state["nulls"], state["sum"], state["child"]
    while c is not None:
        nulls += c["nulls"]
        with np.errstate(over="ignore"):
            total = np.uint64(total + c["sum"])
        c = c["child"]
    return [nulls, int(total)]


def table_checks(table, like=None):
    out = {}
    for name in table.column_names:
        col = table.column(name)
        if like is not None:
            # DuckDB returns e.g. microsecond timestamps for millisecond
            # columns; compare in the file's own units (pyarrow's types).
            col = col.cast(like.schema.field(name).type)
        out[name] = checksum(col)
    return out


def run_ours(driver, path, columns, reps, check=False):
    arg = "all" if columns is None else ",".join(columns)
    cmd = [driver, path, arg, str(reps)] + (["65536", "check"] if check else [])
    out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    return out if check else out["cpu_seconds"]


def verify(driver, path, columns):
    """The three decoders agree on rows and per-column checksums."""
    ours = run_ours(driver, path, columns, 1, check=True)
    arrow_tbl = pq.read_table(path, columns=columns, use_threads=False)
    con = duckdb.connect()
    con.execute("SET threads=1")
    sel = "*" if columns is None else ", ".join(columns)
    duck_tbl = con.execute(f"SELECT {sel} FROM read_parquet('{path}')").fetch_arrow_table()
    results = {
        "fluss-native": (ours["rows"], ours["checks"]),
        "pyarrow": (arrow_tbl.num_rows, table_checks(arrow_tbl)),
        "duckdb": (duck_tbl.num_rows, table_checks(duck_tbl, like=arrow_tbl)),
    }
    ref = results["pyarrow"]
    ok = True
    for name, got in results.items():
        if got != ref:
            ok = False
            print(f"  MISMATCH {name}: rows {got[0]} vs {ref[0]}", file=sys.stderr)
            for col in ref[1]:
                if got[1].get(col) != ref[1][col]:
                    print(f"    {col}: {got[1].get(col)} vs pyarrow {ref[1][col]}", file=sys.stderr)
    if not ok:
        sys.exit(1)
    return ref[0], len(ref[1])


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
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--paimon", action="store_true", help="Paimon-written lake file (default)")
    mode.add_argument("--synthetic", action="store_true", help="pyarrow-written Paimon-style file")
    mode.add_argument("--file", help="an existing Parquet file")
    ap.add_argument("--driver", default=os.path.join(REPO, "build", "bench", "parquet", "parquet_bench"))
    ap.add_argument("--rows", type=int, default=2_000_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--regen", action="store_true", help="rewrite the cached file")
    ap.add_argument("--per-column", action="store_true",
                    help="also time every column alone (fluss-native vs pyarrow)")
    args = ap.parse_args()
    if args.file:
        path = args.file
    elif args.synthetic:
        path = f"/tmp/fn_parquet_bench_synthetic_{args.rows}.parquet"
        if args.regen or not os.path.exists(path):
            generate(path, args.rows)
    else:
        path = paimon_file(args.rows, args.regen)
    md = pq.ParquetFile(path).metadata
    print(f"file: {path}\n  {os.path.getsize(path) / 1e6:.1f} MB, {md.num_rows} rows, "
          f"{md.num_row_groups} row groups, {md.num_columns} leaf columns, {md.created_by}")
    for label, cols in [("one column (name)", ["name"]), ("one column (id)", ["id"]), ("all columns", None)]:
        rows, ncols = verify(args.driver, path, cols)
        gb = uncompressed_bytes(path, cols) / 1e9
        ours = run_ours(args.driver, path, cols, args.reps)
        arrow = run_pyarrow(path, cols, args.reps)
        duck = run_duckdb(path, cols, args.reps)
        print(f"{label}: {gb * 1e3:.0f} MB uncompressed; {rows} rows, {ncols} column checksums agree")
        for name, t in [("fluss-native", ours), ("pyarrow", arrow), ("duckdb", duck)]:
            print(f"  {name:13s} {t:7.3f} s CPU  {t / gb:6.2f} s/GB  ratio vs fluss-native {t / ours:5.2f}",
                  flush=True)
    if args.per_column:
        print("per column (s/GB uncompressed; pyarrow/fluss-native > 1 means fluss-native is faster):")
        for name in pq.ParquetFile(path).schema_arrow.names:
            gb = uncompressed_bytes(path, [name]) / 1e9
            ours = run_ours(args.driver, path, [name], args.reps)
            arrow = run_pyarrow(path, [name], args.reps)
            print(f"  {name:12s} {gb * 1e3:6.1f} MB  fluss-native {ours / gb:6.2f}  pyarrow {arrow / gb:6.2f}  "
                  f"ratio {arrow / ours:5.2f}", flush=True)


if __name__ == "__main__":
    main()
