#!/usr/bin/env python3
"""The independent oracle for predicates: pyarrow.compute evaluates each
predicate over the unfiltered scan and the rows it keeps are compared, as a
multiset, with our filtered scan.

  predicate_oracle.py CASES.json

CASES.json: {"unfiltered": "all.arrows", "cases": [{"name": ..., "predicate":
<tree>, "filtered": "case.arrows", "limit": n or null}]}; a tree is
{"op", "column": [names], "literals": [...], "children": [...]} as
predicate_it_test.cc writes it. Prints one JSON line per case: name,
expected and got row counts, and ok. The SQL semantics pyarrow does not share
are spelled out here: NaN is equal to itself and above every number (as Fluss
and Flink compare), and a field of a NULL ROW is NULL.
"""
import collections
import datetime
import decimal
import json
import sys

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc as ipc

decimal.getcontext().prec = 80  # DECIMAL(38) literals and their quantize


def read(path):
    with open(path, "rb") as f:
        return ipc.open_stream(f).read_all()


def column(table, names):
    """The pyarrow array of a column path, NULL where any ROW on the way is."""
    arr = table.column(names[0]).combine_chunks()
    for name in names[1:]:
        valid = pc.is_valid(arr)
        child = pc.struct_field(arr, name)
        arr = pc.if_else(valid, child, pa.scalar(None, type=child.type))
    return arr


UNIT_NS = {"s": 10**9, "ms": 10**6, "us": 10**3, "ns": 1}


def literal(lit, t):
    """A pyarrow scalar for `lit` typed for a column of arrow type `t`, or
    ("nan",) for a NaN compared with a float column."""
    k = lit["kind"]
    if k == "null":
        return pa.scalar(None, type=t)
    if k == "boolean":
        return pa.scalar(lit["value"], type=pa.bool_())
    if k in ("integer", "decimal", "double"):
        if k == "integer":
            v = decimal.Decimal(lit["value"])
        elif k == "decimal":
            v = decimal.Decimal(lit["unscaled"]).scaleb(-lit["scale"])
        else:
            f = float(lit["value"])
            if f != f:
                return ("nan",)
            v = f
        if pa.types.is_floating(t) or (k == "double" and (pa.types.is_integer(t) or pa.types.is_decimal(t))):
            # A double literal, or any number against a float column: compared as doubles
            # (exact for the values the test uses).
            return pa.scalar(float(v), type=pa.float64())
        if pa.types.is_decimal(t):
            d = decimal.Decimal(v)
            assert d == d.quantize(decimal.Decimal(1).scaleb(-t.scale)), "literal finer than the column's scale"
            return pa.scalar(d, type=pa.decimal128(38, t.scale))
        d = decimal.Decimal(v)
        if d != int(d):
            # A fraction against an integer column: compared as decimals.
            return pa.scalar(d, type=pa.decimal128(38, max(0, -d.as_tuple().exponent)))
        return pa.scalar(int(d), type=pa.int64())
    if k == "string" and pa.types.is_date(t):  # '2024-01-01' against a DATE column
        return pa.scalar(datetime.date.fromisoformat(lit["value"]), type=pa.date32())
    if k == "string":
        return pa.scalar(lit["value"], type=pa.string())
    if k == "bytes":
        return pa.scalar(bytes.fromhex(lit["hex"]), type=pa.binary())
    if k == "date":
        return pa.scalar(lit["days"], type=pa.int32()).cast(pa.date32())
    if k == "time":
        return pa.scalar(lit["nanos"], type=pa.time64("ns"))
    if k == "timestamp":
        ns = lit["millis"] * 10**6 + lit["nanos_of_milli"]
        unit = UNIT_NS[t.unit]
        assert ns % unit == 0, "timestamp literal finer than the column's unit"
        return pa.scalar(ns // unit, type=pa.int64()).cast(pa.timestamp(t.unit, tz=t.tz))
    raise ValueError("literal kind " + k)


def comparable(arr):
    t = arr.type
    if pa.types.is_fixed_size_binary(t):
        return arr.cast(pa.binary())
    if pa.types.is_time(t):
        return arr.cast(pa.time64("ns"))
    if pa.types.is_integer(t):
        return arr.cast(pa.int64())
    if pa.types.is_floating(t):
        return arr.cast(pa.float64())
    if pa.types.is_decimal(t):
        return arr.cast(pa.decimal128(38, t.scale))
    return arr


CMP = {"eq": pc.equal, "ne": pc.not_equal, "lt": pc.less, "le": pc.less_equal, "gt": pc.greater,
       "ge": pc.greater_equal}
SIGN_OK = {"eq": lambda c: c == 0, "ne": lambda c: c != 0, "lt": lambda c: c < 0, "le": lambda c: c <= 0,
           "gt": lambda c: c > 0, "ge": lambda c: c >= 0}


def compare(arr, op, lit_json):
    lit = literal(lit_json, arr.type)
    x = comparable(arr)
    if not isinstance(lit, tuple) and lit.is_valid:
        if pa.types.is_floating(lit.type) and not pa.types.is_floating(x.type):
            x = x.cast(pa.float64())
        elif pa.types.is_decimal(lit.type) and pa.types.is_integer(x.type):
            x = x.cast(lit.type)
    n = len(x)
    if not pa.types.is_floating(x.type):
        return CMP[op](x, lit)
    # NaN: equal to itself, above every number.
    is_nan = pc.is_nan(x)
    if isinstance(lit, tuple):
        return pc.if_else(is_nan, pa.scalar(SIGN_OK[op](0)), pa.scalar(SIGN_OK[op](-1)))
    if not lit.is_valid:
        return pa.nulls(n, pa.bool_())
    return pc.if_else(is_nan, pa.scalar(SIGN_OK[op](1)), CMP[op](x, lit))


def like_pattern(pattern, escape):
    """Our LIKE pattern in Arrow's match_like syntax (backslash escapes)."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if escape and ch == escape:
            nxt = pattern[i + 1]
            out.append("\\" + nxt if nxt in "%_\\" else nxt)
            i += 2
            continue
        out.append("\\\\" if ch == "\\" else ch)
        i += 1
    return "".join(out)


def evaluate(table, node):
    op = node["op"]
    if op in ("and", "or"):
        parts = [evaluate(table, c) for c in node["children"]]
        acc = parts[0]
        for p in parts[1:]:
            acc = pc.and_kleene(acc, p) if op == "and" else pc.or_kleene(acc, p)
        return acc
    if op == "not":
        return pc.invert(evaluate(table, node["children"][0]))
    arr = column(table, node["column"])
    lits = node["literals"]
    if op == "is_null":
        return pc.is_null(arr)
    if op == "is_not_null":
        return pc.is_valid(arr)
    if op in CMP:
        return compare(arr, op, lits[0])
    if op == "between":
        return pc.and_kleene(compare(arr, "ge", lits[0]), compare(arr, "le", lits[1]))
    if op in ("in", "not_in"):
        acc = compare(arr, "eq", lits[0])
        for lit in lits[1:]:
            acc = pc.or_kleene(acc, compare(arr, "eq", lit))
        return pc.invert(acc) if op == "not_in" else acc
    if op == "like":
        escape = lits[1]["value"] if len(lits) > 1 else None
        return pc.match_like(arr, like_pattern(lits[0]["value"], escape))
    raise ValueError("op " + op)


def rows(table):
    return collections.Counter(json.dumps(r, default=repr, sort_keys=True) for r in table.to_pylist())


def main():
    spec = json.load(open(sys.argv[1]))
    everything = read(spec["unfiltered"])
    failed = False
    for case in spec["cases"]:
        mask = evaluate(everything, case["predicate"])
        expected = everything.filter(pc.fill_null(mask, False))
        got = read(case["filtered"])
        expected = expected.select(got.column_names)
        want, have = rows(expected), rows(got)
        if case.get("limit") is not None:
            # Any `limit` rows of the expected ones (or all, if fewer).
            ok = sum(have.values()) == min(case["limit"], sum(want.values())) and not (have - want)
        else:
            ok = want == have
        failed |= not ok
        print(json.dumps({"name": case["name"], "expected": expected.num_rows, "got": got.num_rows,
                          "ok": ok}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
