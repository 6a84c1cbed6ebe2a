#!/usr/bin/env python3
"""A file with a page index (ColumnIndex/OffsetIndex) and many pages per
column, for tests/unit/page_index_test.cc.

page_index.parquet: 5 row groups of 100 rows; dictionaries off and a 1-byte
data page size, so pyarrow cuts a page after every write batch: pages of
exactly 20 rows in every column but n (the test checks this through the
offset index), whose all-null batches join the next page. Columns:
  k    int64, sorted within a row group, with a gap at row 60 of each
       (rows 60..99 hold k + 100), so footer bounds cover values no page holds;
  d    decimal(9,2), sorted across the file;
  ts   timestamp(us), sorted across the file;
  s    string, sorted ("s000".."s499");
  n    int32, null on rows 100..139, else i;
  u    int64, unsorted (hash of i): prunes nothing.

page_index_dict.parquet: the same rows with dictionaries and Snappy.

page_index_expected.json: per predicate (our SQL text), from pyarrow alone:
  "rows": the indexes of the rows pyarrow.compute finds TRUE;
  "row_groups": those whose footer min/max (pyarrow's statistics) may match;
  "pages_total": 5 x (predicate columns) x len(row_groups);
  "pages_kept": (predicate columns) x the 20-row pages of those row groups that
  hold a matching row (every predicate below is a range over sorted pages,
  or an OR of such, so tight page bounds keep exactly those).

Run: python3 gen_page_index.py [out_dir]. Deterministic.
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
GROUPS, PER, PAGE = 5, 100, 20
N = GROUPS * PER
D = decimal.Decimal
EPOCH = dt.datetime(2024, 1, 1)

table = pa.table({
    "k": pa.array([i + (100 if i % PER >= 60 else 0) for i in range(N)], pa.int64()),
    "d": pa.array([D(i - 250) / 100 for i in range(N)], pa.decimal128(9, 2)),
    "ts": pa.array([EPOCH + dt.timedelta(minutes=i) for i in range(N)], pa.timestamp("us")),
    "s": pa.array(["s%03d" % i for i in range(N)], pa.string()),
    "n": pa.array([None if 100 <= i < 140 else i for i in range(N)], pa.int32()),
    "u": pa.array([(i * 2654435761) % 1000 for i in range(N)], pa.int64()),
})
path = os.path.join(OUT, "page_index.parquet")
pq.write_table(table, path, row_group_size=PER, write_page_index=True, use_dictionary=False,
               data_page_size=1, write_batch_size=PAGE, compression="NONE", store_decimal_as_integer=True)

# The same rows dictionary-encoded and compressed, as Paimon's writer does:
# page skipping must still find each column's dictionary (reader tests only).
pq.write_table(table, os.path.join(OUT, "page_index_dict.parquet"), row_group_size=PER, write_page_index=True,
               use_dictionary=True, data_page_size=1, write_batch_size=PAGE, compression="SNAPPY",
               store_decimal_as_integer=True)

meta = pq.ParquetFile(path).metadata
for g in range(GROUPS):
    for c in range(meta.num_columns):
        col = meta.row_group(g).column(c)
        assert col.has_offset_index and col.has_column_index, (g, c)

F = pc.field


def dec(x):
    return pa.scalar(D(x), pa.decimal128(9, 2))


def ts(minutes):
    return pa.scalar(EPOCH + dt.timedelta(minutes=minutes), pa.timestamp("us"))


# (text, pyarrow expression, predicate columns, may-match over {column: (min, max, null_count)})
PREDICATES = [
    ("k = 130", F("k") == 130, ["k"], lambda s: s["k"][0] <= 130 <= s["k"][1]),
    ("k >= 130 AND k < 150", (F("k") >= 130) & (F("k") < 150), ["k"],
     lambda s: s["k"][1] >= 130 and s["k"][0] < 150),
    ("k BETWEEN 400 AND 420", (F("k") >= 400) & (F("k") <= 420), ["k"],
     lambda s: s["k"][1] >= 400 and s["k"][0] <= 420),
    ("d > 2.10", F("d") > dec("2.10"), ["d"], lambda s: s["d"][1] > D("2.10")),
    ("d <= -2.31", F("d") <= dec("-2.31"), ["d"], lambda s: s["d"][0] <= D("-2.31")),
    ("ts < TIMESTAMP '2024-01-01 00:30:00'", F("ts") < ts(30), ["ts"], lambda s: s["ts"][0] < EPOCH + dt.timedelta(minutes=30)),
    ("s >= 's455'", F("s") >= "s455", ["s"], lambda s: s["s"][1] >= "s455"),
    ("n IS NULL", F("n").is_null(), ["n"], lambda s: s["n"][2] > 0),
    ("n IS NOT NULL AND n < 150", F("n").is_valid() & (F("n") < 150), ["n"],
     lambda s: s["n"][2] < PER and s["n"][0] < 150),
    ("k < 10 OR d > 2.40", (F("k") < 10) | (F("d") > dec("2.40")), ["k", "d"],
     lambda s: s["k"][0] < 10 or s["d"][1] > D("2.40")),
    ("u = 7", F("u") == 7, ["u"], lambda s: s["u"][0] <= 7 <= s["u"][1]),
]

def bound(st, which):
    # pyarrow cannot convert INT32-stored decimal statistics; their raw
    # value is the unscaled integer (scale 2 here).
    try:
        return getattr(st, which)
    except pa.ArrowNotImplementedError:
        return D(getattr(st, which + "_raw")) / 100


names = [meta.schema.column(c).name for c in range(meta.num_columns)]
expected = {}
for text, expr, columns, may in PREDICATES:
    flags = [False] * N
    with_index = table.append_column("__i", pa.array(range(N), pa.int64()))
    rows = with_index.filter(expr).column("__i").to_pylist()
    for r in rows:
        flags[r] = True
    groups = []
    for g in range(GROUPS):
        stats = {}
        for c in columns:
            st = meta.row_group(g).column(names.index(c)).statistics
            lo, hi = (bound(st, "min"), bound(st, "max")) if st.has_min_max else (None, None)
            stats[c] = (lo, hi, st.null_count)
        if may(stats):
            groups.append(g)
    kept = 0
    for g in groups:
        for p in range(PER // PAGE):
            lo = g * PER + p * PAGE
            if any(flags[lo:lo + PAGE]):
                kept += 1
    expected[text] = {
        "rows": rows,
        "row_groups": groups,
        "pages_total": len(columns) * (PER // PAGE) * len(groups),
        "pages_kept": len(columns) * kept,
        # u is unsorted: its page bounds keep pages without a match too.
        # n's all-null write batches are too small to end a page, so its
        # pages are not 20 rows each. Only kept <= total holds for them.
        "pages_exact": columns not in (["u"], ["n"]),
    }

with open(os.path.join(OUT, "page_index_expected.json"), "w") as f:
    json.dump(expected, f, sort_keys=True)
for t, e in expected.items():
    print(t, e["row_groups"], e["pages_kept"], "/", e["pages_total"], len(e["rows"]))
# The file joins the reader corpus too (parquet_reader_test): pyarrow's
# reading of it, as gen.py writes one for every corpus file.
with open(os.path.join(OUT, "page_index.json"), "w") as f:
    json.dump(corpus_json(path), f, separators=(",", ":"), sort_keys=True)
with open(os.path.join(OUT, "page_index_dict.json"), "w") as f:
    json.dump(corpus_json(os.path.join(OUT, "page_index_dict.parquet")), f, separators=(",", ":"), sort_keys=True)
