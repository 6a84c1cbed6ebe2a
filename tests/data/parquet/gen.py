#!/usr/bin/env python3
"""Generates the Parquet test corpus with pyarrow and dumps pyarrow's own
reading of every file to <name>.json, which the C++ tests compare against.

Run: python3 gen.py [out_dir]   (default: this directory). Deterministic.

JSON conventions (shared with tests/unit/parquet_reader_test.cc):
  null -> null; bool/int -> number; float -> number, NaN -> "NaN";
  string -> string; binary/fixed binary -> lowercase hex string;
  decimal -> unscaled integer as a decimal string; date -> days;
  time/timestamp -> integer in the column's unit; list -> array;
  struct -> object; map -> array of [key, value].
"""
import decimal
import json
import math
import os
import random
import sys

import pyarrow as pa
import pyarrow.parquet as pq

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
N = 400


def to_json(v, t):
    if v is None:
        return None
    if pa.types.is_boolean(t):
        return bool(v)
    if pa.types.is_integer(t):
        return int(v)
    if pa.types.is_floating(t):
        f = float(v)
        if math.isnan(f):
            return "NaN"
        if math.isinf(f):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return v
    if pa.types.is_binary(t) or pa.types.is_fixed_size_binary(t) or pa.types.is_large_binary(t):
        return v.hex()
    if pa.types.is_decimal(t):
        # 38 digits need more than the default 28-digit context.
        return str(int(v.scaleb(t.scale, context=decimal.Context(prec=80))))
    if pa.types.is_map(t):
        return [[to_json(k, t.key_type), to_json(x, t.item_type)] for k, x in v]
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return [to_json(x, t.value_type) for x in v]
    if pa.types.is_struct(t):
        return {t.field(i).name: to_json(v[t.field(i).name], t.field(i).type)
                for i in range(t.num_fields)}
    raise TypeError(f"no JSON rule for {t}")


def raw_values(col):
    """Python values with dates/times/timestamps as integers in their unit."""
    t = col.type
    if pa.types.is_date32(t):
        return col.cast(pa.int32()).to_pylist()
    if pa.types.is_time32(t):
        return col.cast(pa.int32()).to_pylist()
    if pa.types.is_time64(t) or pa.types.is_timestamp(t):
        return col.cast(pa.int64()).to_pylist()
    return col.to_pylist()


def expected(path):
    table = pq.read_table(path, use_threads=False)
    cols = []
    for i, field in enumerate(table.schema):
        col = table.column(i).combine_chunks() if table.num_rows else table.column(i)
        if pa.types.is_temporal(field.type):
            values = [None if v is None else int(v) for v in raw_values(col)]
        else:
            values = [to_json(v, field.type) for v in col.to_pylist()]
        cols.append({"name": field.name, "values": values})
    return {"num_rows": table.num_rows, "columns": cols}


def write(name, table, **kw):
    path = os.path.join(OUT, name + ".parquet")
    pq.write_table(table, path, **kw)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(expected(path), f, separators=(",", ":"), sort_keys=True)
    return path


def maybe_null(r, v, p=0.1):
    return None if r.random() < p else v


def flat_table(r, n=N):
    def col(f, p=0.1):
        return [maybe_null(r, f(i), p) for i in range(n)]
    words = ["alpha", "beta", "gamma", "delta", "", "épsilon", "ζeta"]
    return pa.table({
        "b": pa.array(col(lambda i: r.random() < 0.5), pa.bool_()),
        "i8": pa.array(col(lambda i: r.randint(-128, 127)), pa.int8()),
        "i16": pa.array(col(lambda i: r.randint(-2**15, 2**15 - 1)), pa.int16()),
        "i32": pa.array(col(lambda i: r.randint(-2**31, 2**31 - 1)), pa.int32()),
        "i32_req": pa.array([i * 3 - 500 for i in range(n)], pa.int32()),
        "i64": pa.array(col(lambda i: r.randint(-2**63, 2**63 - 1)), pa.int64()),
        "u16": pa.array(col(lambda i: r.randint(0, 2**16 - 1)), pa.uint16()),
        "u64": pa.array(col(lambda i: r.randint(0, 2**64 - 1)), pa.uint64()),
        "f32": pa.array(col(lambda i: r.choice([1.5, -0.25, float(i), 3.0e38])), pa.float32()),
        "f64": pa.array(col(lambda i: r.uniform(-1e9, 1e9)), pa.float64()),
        "s": pa.array(col(lambda i: r.choice(words) + str(i % 37)), pa.string()),
        "s_req": pa.array([r.choice(words) * (i % 5) for i in range(n)], pa.string()),
        "bin": pa.array(col(lambda i: bytes(r.randrange(256) for _ in range(i % 9))), pa.binary()),
        "fixed": pa.array(col(lambda i: bytes(r.randrange(256) for _ in range(5))), pa.binary(5)),
        "dec9": pa.array(col(lambda i: decimal.Decimal(r.randint(-10**9 + 1, 10**9 - 1)).scaleb(-2)),
                         pa.decimal128(9, 2)),
        "dec18": pa.array(col(lambda i: decimal.Decimal(r.randint(-10**18 + 1, 10**18 - 1)).scaleb(-4)),
                          pa.decimal128(18, 4)),
        "dec38": pa.array(col(lambda i: decimal.Decimal(r.randint(-10**38 + 1, 10**38 - 1)).scaleb(-10)),
                          pa.decimal128(38, 10)),
        "dec_small": pa.array(col(lambda i: decimal.Decimal(r.randint(-999, 999)).scaleb(-1)),
                              pa.decimal128(20, 1)),
        "date": pa.array(col(lambda i: r.randint(-100000, 100000)), pa.int32()).cast(pa.date32()),
        "t_ms": pa.array(col(lambda i: r.randint(0, 86399999)), pa.int32()).cast(pa.time32("ms")),
        "t_us": pa.array(col(lambda i: r.randint(0, 86399999999)), pa.int64()).cast(pa.time64("us")),
        "t_ns": pa.array(col(lambda i: r.randint(0, 86399999999999)), pa.int64()).cast(pa.time64("ns")),
        "ts_ms": pa.array(col(lambda i: r.randint(-2**40, 2**40)), pa.int64()).cast(pa.timestamp("ms")),
        "ts_us": pa.array(col(lambda i: r.randint(-2**50, 2**50)), pa.int64()).cast(pa.timestamp("us")),
        "ts_ns": pa.array(col(lambda i: r.randint(-2**62, 2**62)), pa.int64()).cast(pa.timestamp("ns")),
        "ts_utc": pa.array(col(lambda i: r.randint(-2**50, 2**50)), pa.int64()).cast(pa.timestamp("us", "UTC")),
        "all_null": pa.array([None] * n, pa.int64()),
    })


def nested_table(r, n=N):
    def lst(f, pnull=0.1, maxlen=4):
        if r.random() < pnull:
            return None
        return [f() for _ in range(r.randint(0, maxlen))]
    rows = []
    return pa.table({
        "li": pa.array([lst(lambda: maybe_null(r, r.randint(-9, 9))) for _ in range(n)], pa.list_(pa.int32())),
        "ls": pa.array([lst(lambda: maybe_null(r, "x" * r.randint(0, 5))) for _ in range(n)], pa.list_(pa.string())),
        "lli": pa.array([lst(lambda: lst(lambda: maybe_null(r, r.randint(0, 2**40)))) for _ in range(n)],
                        pa.list_(pa.list_(pa.int64()))),
        "st": pa.array([maybe_null(r, {"a": maybe_null(r, i), "b": maybe_null(r, str(i)),
                                       "c": lst(lambda: r.random())}) for i in range(n)],
                       pa.struct([("a", pa.int32()), ("b", pa.string()), ("c", pa.list_(pa.float64()))])),
        "st_req": pa.array([{"x": i, "y": {"z": maybe_null(r, i * 2)}} for i in range(n)],
                           pa.struct([pa.field("x", pa.int64(), nullable=False),
                                      pa.field("y", pa.struct([("z", pa.int16())]), nullable=False)])),
        "m": pa.array([maybe_null(r, [("k%d" % j, maybe_null(r, j)) for j in range(r.randint(0, 3))])
                       for _ in range(n)], pa.map_(pa.string(), pa.int32())),
        "ml": pa.array([maybe_null(r, [(j, lst(lambda: r.randint(0, 5))) for j in range(r.randint(0, 3))])
                        for _ in range(n)], pa.map_(pa.int64(), pa.list_(pa.int8()))),
        "lst_struct": pa.array([lst(lambda: maybe_null(r, {"p": maybe_null(r, r.randint(0, 100)),
                                                           "q": maybe_null(r, bytes([r.randrange(256)]))}))
                                for _ in range(n)],
                               pa.list_(pa.struct([("p", pa.int64()), ("q", pa.binary())]))),
        "ldec": pa.array([lst(lambda: maybe_null(r, decimal.Decimal(r.randint(-10**6, 10**6)).scaleb(-3)))
                          for _ in range(n)], pa.list_(pa.decimal128(12, 3))),
        "id": pa.array(list(range(n)), pa.int64()),
    })


def encodings_table(r, n=N):
    words = ["prefix_common_%05d" % (i // 3) for i in range(n)]
    return pa.table({
        "dbp32": pa.array([maybe_null(r, r.randint(-2**31, 2**31 - 1) if i % 7 else i) for i in range(n)], pa.int32()),
        "dbp64": pa.array([maybe_null(r, i * 1000 + r.randint(-5, 5)) for i in range(n)], pa.int64()),
        "dbp64_wide": pa.array([r.choice([-2**63, 2**63 - 1, 0, r.randint(-2**63, 2**63 - 1)]) for i in range(n)],
                               pa.int64()),
        "dlba": pa.array([maybe_null(r, "v" * (i % 13) + str(i)) for i in range(n)], pa.string()),
        "dba": pa.array([maybe_null(r, words[i]) for i in range(n)], pa.string()),
        "dba_bin": pa.array([maybe_null(r, words[i].encode() + b"\x00\xff") for i in range(n)], pa.binary()),
        "bss_f32": pa.array([maybe_null(r, r.uniform(-1, 1)) for i in range(n)], pa.float32()),
        "bss_f64": pa.array([maybe_null(r, r.uniform(-1e6, 1e6)) for i in range(n)], pa.float64()),
        "bss_i32": pa.array([maybe_null(r, r.randint(-2**31, 2**31 - 1)) for i in range(n)], pa.int32()),
        "bss_i64": pa.array([maybe_null(r, r.randint(-2**63, 2**63 - 1)) for i in range(n)], pa.int64()),
        "bss_fixed": pa.array([maybe_null(r, bytes(r.randrange(256) for _ in range(3))) for i in range(n)],
                              pa.binary(3)),
        "bss_dec": pa.array([maybe_null(r, decimal.Decimal(r.randint(-10**20, 10**20)).scaleb(-2)) for i in range(n)],
                            pa.decimal128(24, 2)),
        "rle_bool": pa.array([maybe_null(r, (i // 17) % 2 == 0) for i in range(n)], pa.bool_()),
    })


ENCODINGS = {
    "dbp32": "DELTA_BINARY_PACKED", "dbp64": "DELTA_BINARY_PACKED", "dbp64_wide": "DELTA_BINARY_PACKED",
    "dlba": "DELTA_LENGTH_BYTE_ARRAY", "dba": "DELTA_BYTE_ARRAY", "dba_bin": "DELTA_BYTE_ARRAY",
    "bss_f32": "BYTE_STREAM_SPLIT", "bss_f64": "BYTE_STREAM_SPLIT", "bss_i32": "BYTE_STREAM_SPLIT",
    "bss_i64": "BYTE_STREAM_SPLIT", "bss_fixed": "BYTE_STREAM_SPLIT", "bss_dec": "BYTE_STREAM_SPLIT",
    "rle_bool": "RLE",
}


def main():
    os.makedirs(OUT, exist_ok=True)
    small_pages = dict(data_page_size=1024, row_group_size=150, write_statistics=True)
    for codec in ["none", "snappy", "zstd", "gzip", "lz4"]:
        write("flat_v1_" + codec, flat_table(random.Random(1)), compression=codec, **small_pages)
    write("flat_v2_zstd", flat_table(random.Random(2)), compression="zstd", data_page_version="2.0", **small_pages)
    write("flat_v2_none", flat_table(random.Random(3)), compression="none", data_page_version="2.0", **small_pages)
    write("flat_plain_snappy", flat_table(random.Random(4)), compression="snappy", use_dictionary=False,
          **small_pages)
    write("flat_dict_fallback", flat_table(random.Random(5), n=1500), compression="none",
          dictionary_pagesize_limit=256, data_page_size=1024, row_group_size=1500)
    for version in ["1.0", "2.0"]:
        write("encodings_v" + version[0], encodings_table(random.Random(6)), compression="snappy",
              use_dictionary=False, column_encoding=ENCODINGS, data_page_version=version, **small_pages)
        write("nested_v" + version[0], nested_table(random.Random(7)), compression="zstd",
              data_page_version=version, **small_pages)
    write("nested_plain", nested_table(random.Random(8), n=300), compression="none", use_dictionary=False)
    write("int96", pa.table({"ts": pa.array([maybe_null(random.Random(9), i * 86400123456789 - 10**18)
                                             for i in range(100)], pa.int64()).cast(pa.timestamp("ns"))}),
          use_deprecated_int96_timestamps=True)
    write("empty", flat_table(random.Random(10), n=0))
    write("single_rg", pa.table({"x": pa.array(range(10), pa.int32())}))
    # Sorted keys in 10 row groups: min/max statistics prune row groups.
    write("stats", pa.table({
        "k": pa.array(range(1000), pa.int64()),
        "s": pa.array(["key%04d" % i for i in range(1000)], pa.string()),
        "n": pa.array([None if i >= 500 else i for i in range(1000)], pa.int32()),
        "d": pa.array([i / 4 for i in range(1000)], pa.float64()),
    }), row_group_size=100, compression="none")


if __name__ == "__main__":
    main()
