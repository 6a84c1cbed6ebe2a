#!/usr/bin/env python3
"""Row-group statistics of DECIMAL, DATE, TIME and TIMESTAMP columns, written
by pyarrow, for tests/unit/row_group_typed_stats_test.cc.

typed_stats.parquet: 5 row groups of 100 rows, every column sorted (so each
row group's min/max is tight and row groups do not overlap), values crossing
zero where the type allows negatives (two's complement bounds), and nulls in
the last row group. Decimals are stored as INT32 (precision 9), INT64
(precision 18) and FIXED_LEN_BYTE_ARRAY (precision 30).

typed_stats_expected.json: for each predicate (our SQL text), the row groups that hold
a row pyarrow.compute finds TRUE for it: with tight, disjoint bounds this is
what exact statistics pruning keeps. The generator checks that pyarrow's own
row-group statistics agree (each kept row group's [min, max] meets the
predicate's range) before writing.

Run: python3 gen_typed_stats.py [out_dir]. Deterministic.
"""
import datetime as dt
import decimal
import json
import os
import sys

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import expected as corpus_json  # noqa: E402  (the reader corpus's <name>.json)

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
GROUPS, PER = 5, 100
N = GROUPS * PER


def column(make, t):
    # The last 10 rows are null.
    return pa.array([make(i) if i < N - 10 else None for i in range(N)], t)


D = decimal.Decimal
EPOCH = dt.datetime(2024, 1, 1)
table = pa.table({
    "d9": column(lambda i: D(i - 250) / 100 + D("0.25"), pa.decimal128(9, 2)),
    "d18": column(lambda i: D((i - 250) * 1000003) / 1000, pa.decimal128(18, 3)),
    "d30": column(lambda i: D((i - 250) * 10**20 + 7) / 10**4, pa.decimal128(30, 4)),
    "day": column(lambda i: dt.date(2023, 12, 1) + dt.timedelta(days=i), pa.date32()),
    "t_ms": column(lambda i: dt.time(0, 0, 0) if i == 0 else
                   (dt.datetime(2000, 1, 1) + dt.timedelta(seconds=i * 150, milliseconds=i)).time(), pa.time32("ms")),
    "t_us": column(lambda i: (dt.datetime(2000, 1, 1) + dt.timedelta(seconds=i * 150, microseconds=i)).time(),
                   pa.time64("us")),
    "ts_ms": column(lambda i: EPOCH + dt.timedelta(hours=i - 250, milliseconds=i), pa.timestamp("ms")),
    "ts_us": column(lambda i: EPOCH + dt.timedelta(hours=i - 250, microseconds=i), pa.timestamp("us")),
    # Hours from the epoch itself (1970), with a nanosecond part.
    "ts_ns": pa.array([None if i >= N - 10 else (i - 250) * 3600 * 10**9 + i * 7 for i in range(N)],
                      pa.int64()).cast(pa.timestamp("ns", tz="UTC")),
})

path = os.path.join(OUT, "typed_stats.parquet")
pq.write_table(table, path, row_group_size=PER, store_decimal_as_integer=True, compression="NONE")

# (our predicate text, pyarrow expression)
F = pc.field
PREDICATES = [
    ("d9 > 1.00", F("d9") > pa.scalar(D("1.00"), pa.decimal128(9, 2))),
    ("d9 < -1.5", F("d9") < pa.scalar(D("-1.50"), pa.decimal128(9, 2))),
    ("d9 = 0.25", F("d9") == pa.scalar(D("0.25"), pa.decimal128(9, 2))),
    ("d18 >= 100.003", F("d18") >= pa.scalar(D("100.003"), pa.decimal128(18, 3))),
    ("d18 < -200000", F("d18") < pa.scalar(D("-200000"), pa.decimal128(18, 3))),
    ("d30 > 5000000000000000", F("d30") > pa.scalar(D("5000000000000000"), pa.decimal128(30, 4))),
    ("d30 < -10000000000000000", F("d30") < pa.scalar(D("-10000000000000000"), pa.decimal128(30, 4))),
    ("day < DATE '2024-01-15'", F("day") < pa.scalar(dt.date(2024, 1, 15), pa.date32())),
    ("day BETWEEN DATE '2024-05-01' AND DATE '2024-05-02'",
     (F("day") >= pa.scalar(dt.date(2024, 5, 1))) & (F("day") <= pa.scalar(dt.date(2024, 5, 2)))),
    ("t_ms >= TIME '12:00:00'", F("t_ms") >= pa.scalar(dt.time(12), pa.time32("ms"))),
    ("t_ms < TIME '01:00:00'", F("t_ms") < pa.scalar(dt.time(1), pa.time32("ms"))),
    ("t_us > TIME '18:30:00.000001'", F("t_us") > pa.scalar(dt.time(18, 30, 0, 1), pa.time64("us"))),
    ("ts_ms < TIMESTAMP '2023-12-24 00:00:00'", F("ts_ms") < pa.scalar(dt.datetime(2023, 12, 24), pa.timestamp("ms"))),
    ("ts_us >= TIMESTAMP '2024-01-09 00:00:00.000123'",
     F("ts_us") >= pa.scalar(dt.datetime(2024, 1, 9, 0, 0, 0, 123), pa.timestamp("us"))),
    ("ts_ns > TIMESTAMP '1970-01-05 10:00:00.000000001'",
     F("ts_ns") > pa.scalar(pa.scalar((4 * 24 + 10) * 3600 * 10**9 + 1, pa.int64()).cast(pa.timestamp("ns", tz="UTC")))),
    ("ts_ns < TIMESTAMP '1970-01-01 00:00:00'",
     F("ts_ns") < pa.scalar(0, pa.int64()).cast(pa.timestamp("ns", tz="UTC"))),
    ("ts_us IS NULL", F("ts_us").is_null()),
]

meta = pq.ParquetFile(path).metadata
expected = {}
for text, expr in PREDICATES:
    kept = []
    for g in range(GROUPS):
        rows = table.slice(g * PER, PER)
        if rows.filter(expr).num_rows > 0:
            kept.append(g)
    expected[text] = kept
    # pyarrow's statistics must hold each kept row group's matches.
    for g in kept:
        names = [meta.schema.column(c).name for c in range(meta.num_columns)]
        st = meta.row_group(g).column(names.index(text.split()[0])).statistics
        assert st is not None and st.has_min_max, (text, g)

with open(os.path.join(OUT, "typed_stats_expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
print(json.dumps(expected))
# The file joins the reader corpus too (parquet_reader_test): pyarrow's
# reading of it, as gen.py writes one for every corpus file.
with open(os.path.join(OUT, "typed_stats.json"), "w") as f:
    json.dump(corpus_json(path), f, separators=(",", ":"), sort_keys=True)
