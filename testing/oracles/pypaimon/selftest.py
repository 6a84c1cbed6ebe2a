#!/usr/bin/env python3
"""Self-test of dump_lake.py without a Fluss cluster.

    selftest.py WAREHOUSE_DIR

Writes a small Paimon warehouse with pypaimon's own write API (database fx):
  fx.log_types  append table, 2 commits, every type dump_lake.py encodes
  fx.pk         primary-key table, 2 buckets, 4 commits with updates and
                deletes (row kinds via 'rowkind.field' = rk)
  fx.pk_dv      the same with deletion vectors enabled (level-0 files only)
  fx.pk_part    partitioned primary-key table, updates + a delete
then runs dump_lake.py (as a subprocess, through its CLI) and compares the
output lines with the literal expectations below. Exit 0 = all passed.
"""

import datetime as dt
import decimal
import json
import os
import subprocess
import sys
import tempfile

import pyarrow as pa

from pypaimon import CatalogFactory, Schema

HERE = os.path.dirname(os.path.abspath(__file__))
D = decimal.Decimal
UTC = dt.timezone.utc


def write(table, data):
    wb = table.new_batch_write_builder()
    w = wb.new_write()
    c = wb.new_commit()
    w.write_arrow(data)
    c.commit(w.prepare_commit())
    w.close()
    c.close()


# ------------------------------------------------------------------ fixtures

LOG_SCHEMA = pa.schema([
    ("id", pa.int32()),
    ("b", pa.bool_()),
    ("i8", pa.int8()),
    ("i16", pa.int16()),
    ("i64", pa.int64()),
    ("f32", pa.float32()),
    ("f64", pa.float64()),
    ("dec", pa.decimal128(10, 4)),
    ("dec38", pa.decimal128(38, 2)),
    ("s", pa.string()),
    ("bin", pa.binary()),
    ("d", pa.date32()),
    ("t", pa.time32("ms")),
    ("ts3", pa.timestamp("ms")),
    ("ts6", pa.timestamp("us")),
    ("ts9", pa.timestamp("ns")),
    ("ltz6", pa.timestamp("us", tz="UTC")),
    ("arr", pa.list_(pa.int32())),
    ("m", pa.map_(pa.string(), pa.int64())),
    ("r", pa.struct([("x", pa.int32()), ("y", pa.string())])),
])


def log_rows_1():
    return [
        dict(id=1, b=True, i8=-128, i16=32767, i64=9223372036854775807,
             f32=-125.154724, f64=1e-300, dec=D("-0.0415"), dec38=D("12"),
             s='h\u00e9llo "q"\n\\\x01', bin=b"\x00\xff\x10",
             d=dt.date(1969, 12, 31), t=dt.time(1, 0, 1),
             ts3=dt.datetime(1969, 12, 31, 23, 59, 59, 999000),
             ts6=dt.datetime(2024, 2, 29, 12, 34, 56, 123456),
             ts9=1234567890123456789,
             ltz6=dt.datetime(2025, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
             arr=[1, None, 3], m=[("a", 1), ("b", None)], r={"x": 7, "y": "z"}),
        dict(id=2, b=None, i8=None, i16=None, i64=None, f32=None, f64=None, dec=None,
             dec38=None, s=None, bin=None, d=None, t=None, ts3=None, ts6=None, ts9=None,
             ltz6=None, arr=None, m=None, r=None),
    ]


def log_rows_2():
    return [
        dict(id=3, b=False, i8=0, i16=-1, i64=-1, f32=float("nan"), f64=-0.0,
             dec=D("123456.0000"), dec38=D("-99999999999999999999999999999999999.99"),
             s="", bin=b"", d=dt.date(2000, 1, 1), t=dt.time(23, 59, 59),
             ts3=dt.datetime(1970, 1, 1), ts6=dt.datetime(1900, 1, 1, 0, 0, 0, 1),
             ts9=-1, ltz6=dt.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
             arr=[], m=[], r={"x": None, "y": None}),
        dict(id=4, b=True, i8=127, i16=-32768, i64=-9223372036854775808,
             f32=3.4028235e38, f64=float("-inf"), dec=D("0"), dec38=D("0.1"),
             s="\u65e5\u672c", bin=b"\xab", d=dt.date(1970, 1, 1), t=dt.time(0, 0, 0),
             ts3=dt.datetime(2262, 4, 11), ts6=dt.datetime(1970, 1, 1, 0, 0, 0, 1),
             ts9=0, ltz6=dt.datetime(1970, 1, 1, tzinfo=UTC),
             arr=[None], m=[("k", -5)], r=None),
        dict(id=5, b=None, i8=None, i16=None, i64=None, f32=1e-5, f64=1e7, dec=None,
             dec38=None, s=None, bin=None, d=None, t=None, ts3=None, ts6=None, ts9=None,
             ltz6=None, arr=None, m=None, r=None),
        dict(id=6, b=None, i8=None, i16=None, i64=None, f32=0.001, f64=123456.789,
             dec=None, dec38=None, s=None, bin=None, d=None, t=None, ts3=None, ts6=None,
             ts9=None, ltz6=None, arr=None, m=None, r=None),
        dict(id=7, b=None, i8=None, i16=None, i64=None, f32=-0.0, f64=0.1, dec=None,
             dec38=None, s=None, bin=None, d=None, t=None, ts3=None, ts6=None, ts9=None,
             ltz6=None, arr=None, m=None, r=None),
        dict(id=8, b=None, i8=None, i16=None, i64=None, f32=1.4e-45, f64=-5e-324, dec=None,
             dec38=None, s=None, bin=None, d=None, t=None, ts3=None, ts6=None, ts9=None,
             ltz6=None, arr=None, m=None, r=None),
    ]


LOG_EXPECTED = [
    # schema order (dump_lake.py default)
    '{"id":1,"b":true,"i8":-128,"i16":32767,"i64":9223372036854775807,"f32":-125.154724,'
    '"f64":1.0E-300,"dec":"-0.0415","dec38":"12.00","s":"h\u00e9llo \\"q\\"\\n\\\\\\u0001",'
    '"bin":"00ff10","d":-1,"t":3601000,"ts3":-1000000,"ts6":1709210096123456000,'
    '"ts9":1234567890123456789,"ltz6":1735689600000001000,"arr":[1,null,3],'
    '"m":[["a",1],["b",null]],"r":{"x":7,"y":"z"}}',
    '{"id":2,"b":null,"i8":null,"i16":null,"i64":null,"f32":null,"f64":null,"dec":null,'
    '"dec38":null,"s":null,"bin":null,"d":null,"t":null,"ts3":null,"ts6":null,"ts9":null,'
    '"ltz6":null,"arr":null,"m":null,"r":null}',
    '{"id":3,"b":false,"i8":0,"i16":-1,"i64":-1,"f32":"NaN","f64":-0.0,"dec":"123456.0000",'
    '"dec38":"-99999999999999999999999999999999999.99","s":"","bin":"","d":10957,'
    '"t":86399000,"ts3":0,"ts6":-2208988799999999000,"ts9":-1,"ltz6":-1000,"arr":[],"m":[],'
    '"r":{"x":null,"y":null}}',
    '{"id":4,"b":true,"i8":127,"i16":-32768,"i64":-9223372036854775808,"f32":3.4028235E38,'
    '"f64":"-Infinity","dec":"0.0000","dec38":"0.10","s":"\u65e5\u672c","bin":"ab","d":0,'
    '"t":0,"ts3":9223286400000000000,"ts6":1000,"ts9":0,"ltz6":0,"arr":[null],"m":[["k",-5]],'
    '"r":null}',
    '{"id":5,"b":null,"i8":null,"i16":null,"i64":null,"f32":1.0E-5,"f64":1.0E7,"dec":null,'
    '"dec38":null,"s":null,"bin":null,"d":null,"t":null,"ts3":null,"ts6":null,"ts9":null,'
    '"ltz6":null,"arr":null,"m":null,"r":null}',
    '{"id":6,"b":null,"i8":null,"i16":null,"i64":null,"f32":0.001,"f64":123456.789,"dec":null,'
    '"dec38":null,"s":null,"bin":null,"d":null,"t":null,"ts3":null,"ts6":null,"ts9":null,'
    '"ltz6":null,"arr":null,"m":null,"r":null}',
    '{"id":7,"b":null,"i8":null,"i16":null,"i64":null,"f32":-0.0,"f64":0.1,"dec":null,'
    '"dec38":null,"s":null,"bin":null,"d":null,"t":null,"ts3":null,"ts6":null,"ts9":null,'
    '"ltz6":null,"arr":null,"m":null,"r":null}',
    # Java: Float.MIN_VALUE = 1.4E-45, -Double.MIN_VALUE = -4.9E-324 (2 digits)
    '{"id":8,"b":null,"i8":null,"i16":null,"i64":null,"f32":1.4E-45,"f64":-4.9E-324,'
    '"dec":null,"dec38":null,"s":null,"bin":null,"d":null,"t":null,"ts3":null,"ts6":null,'
    '"ts9":null,"ltz6":null,"arr":null,"m":null,"r":null}',
]

PK_SCHEMA = pa.schema([
    pa.field("id", pa.int32(), nullable=False),
    ("name", pa.string()),
    ("v", pa.float64()),
    ("rk", pa.string()),
])


def pk_batch(rows):
    return pa.Table.from_pylist(
        [dict(id=i, name=n, v=v, rk=k) for i, n, v, k in rows], schema=PK_SCHEMA)


PK_COMMITS = [
    [(i, "n%d" % i, float(i), "+I") for i in range(1, 9)],
    [(2, "two", 2.5, "+U"), (3, "three", 3.5, "+U"), (4, None, None, "-D")],
    [(5, None, None, "-D"), (6, "six", None, "+U"), (9, "n9", 9.0, "+I")],
    [(2, "TWO", 20.0, "+U"), (9, None, None, "-D"), (4, "four-again", 4.0, "+I")],
]


def pk_expected(upto):
    state = {}
    for commit in PK_COMMITS[:upto]:
        for i, n, v, k in commit:
            if k == "-D":
                state.pop(i, None)
            else:
                state[i] = (n, v, k)

    def js(x):
        if x is None:
            return "null"
        if isinstance(x, float):
            return repr(x)  # the test only uses values where Python == Java text
        return json.dumps(x)
    lines = ['{"id":%d,"name":%s,"v":%s,"rk":%s}' % (i, js(n), js(v), js(k))
             for i, (n, v, k) in state.items()]
    return sorted(lines)


PART_SCHEMA = pa.schema([
    pa.field("dt", pa.string(), nullable=False),
    pa.field("id", pa.int64(), nullable=False),
    ("val", pa.string()),
    ("rk", pa.string()),
])


def part_batch(rows):
    return pa.Table.from_pylist(
        [dict(dt=p, id=i, val=v, rk=k) for p, i, v, k in rows], schema=PART_SCHEMA)


PART_COMMITS = [
    [("2025-01-01", 1, "a", "+I"), ("2025-01-01", 2, "b", "+I"), ("2025-01-02", 1, "c", "+I")],
    [("2025-01-01", 1, "A", "+U"), ("2025-01-02", 1, None, "-D"), ("2025-01-02", 3, "d", "+I")],
]
PART_EXPECTED = [
    '{"dt":"2025-01-01","id":1,"val":"A","rk":"+U"}',
    '{"dt":"2025-01-01","id":2,"val":"b","rk":"+I"}',
    '{"dt":"2025-01-02","id":3,"val":"d","rk":"+I"}',
]


def make_warehouse(wh):
    catalog = CatalogFactory.create({"warehouse": wh})
    catalog.create_database("fx", True)

    catalog.create_table("fx.log_types", Schema.from_pyarrow_schema(LOG_SCHEMA), False)
    t = catalog.get_table("fx.log_types")
    write(t, pa.Table.from_pylist(log_rows_1(), schema=LOG_SCHEMA))
    write(t, pa.Table.from_pylist(log_rows_2(), schema=LOG_SCHEMA))

    catalog.create_table("fx.pk", Schema.from_pyarrow_schema(
        PK_SCHEMA, primary_keys=["id"], options={"bucket": "2", "rowkind.field": "rk"}), False)
    t = catalog.get_table("fx.pk")
    for commit in PK_COMMITS:
        write(t, pk_batch(commit))

    # deletion vectors: batch reads skip level-0 files (as Java Paimon does)
    # unless deletion-vectors.merge-on-read is set for the read
    catalog.create_table("fx.pk_dv", Schema.from_pyarrow_schema(
        PK_SCHEMA, primary_keys=["id"],
        options={"bucket": "2", "rowkind.field": "rk", "deletion-vectors.enabled": "true"}), False)
    t = catalog.get_table("fx.pk_dv")
    for commit in PK_COMMITS:
        write(t, pk_batch(commit))

    catalog.create_table("fx.pk_part", Schema.from_pyarrow_schema(
        PART_SCHEMA, partition_keys=["dt"], primary_keys=["dt", "id"],
        options={"bucket": "1", "rowkind.field": "rk"}), False)
    t = catalog.get_table("fx.pk_part")
    for commit in PART_COMMITS:
        write(t, part_batch(commit))


# ------------------------------------------------------------------ checks

FAILED = []
PASSED = []


def dump(wh, table, *extra):
    out = os.path.join(wh, "..", table + "".join(extra).replace("-", "_") + ".jsonl")
    cmd = [sys.executable, os.path.join(HERE, "dump_lake.py"), "--warehouse", wh,
           "--table", table, "--out", out] + list(extra)
    subprocess.run(cmd, check=True)
    with open(out, encoding="utf-8") as f:
        return f.read().splitlines()


def check(name, got, want):
    if got == want:
        PASSED.append(name)
        print("ok   %s (%d rows)" % (name, len(got)))
        return
    FAILED.append(name)
    print("FAIL %s" % name)
    for line in sorted(set(got) - set(want)):
        print("  unexpected: " + line)
    for line in sorted(set(want) - set(got)):
        print("  missing:    " + line)
    if sorted(got) == sorted(want):
        print("  (same lines, different order)")


def main():
    wh = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="pyp-wh-")
    wh = os.path.join(wh, "warehouse")
    make_warehouse(wh)

    check("log_types latest", dump(wh, "fx.log_types"), sorted(LOG_EXPECTED))
    check("log_types snapshot 1", dump(wh, "fx.log_types", "--snapshot", "1"),
          sorted(LOG_EXPECTED[:2]))
    sorted_keys = dump(wh, "fx.log_types", "--sort-keys")
    check("log_types --sort-keys", [json.dumps(json.loads(x), separators=(",", ":"))
                                    for x in sorted_keys],
          [json.dumps(json.loads(x), sort_keys=True, separators=(",", ":"))
           for x in sorted_keys])

    for snap in range(1, len(PK_COMMITS) + 1):
        check("pk snapshot %d" % snap, dump(wh, "fx.pk", "--snapshot", str(snap)),
              pk_expected(snap))
    check("pk latest", dump(wh, "fx.pk"), pk_expected(len(PK_COMMITS)))
    check("pk_dv latest (level 0 skipped)", dump(wh, "fx.pk_dv"), [])
    check("pk_dv merge-on-read", dump(wh, "fx.pk_dv", "--option",
                                      "deletion-vectors.merge-on-read=true"),
          pk_expected(len(PK_COMMITS)))
    check("pk_part latest", dump(wh, "fx.pk_part"), sorted(PART_EXPECTED))

    ids = subprocess.run([sys.executable, os.path.join(HERE, "dump_lake.py"), "--warehouse", wh,
                          "--table", "fx.pk", "--list-snapshots"],
                         check=True, capture_output=True, text=True).stdout
    check("pk --list-snapshots", [ids.strip()], ["[1,2,3,4]"])

    print("%d passed, %d failed" % (len(PASSED), len(FAILED)))
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
