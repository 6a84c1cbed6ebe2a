#!/usr/bin/env python3
"""Writes the Arrow IPC test vectors for tests/unit/arrow_ipc_reader_test.cc.

For each case this writes one encapsulated RecordBatch message per body
compression (<case>.<codec>.arrows: continuation word, metadata, body; no
Schema message, as Fluss sends it) and <case>.json holding the Fluss ROW type
(DataTypeJsonSerde form) and the expected rows in the conventions of
src/format/arrow/array_json.h.

Run from anywhere: python3 tests/data/arrow/gen.py  (pyarrow pinned in
tests/data/arrow/requirements.txt). Output is deterministic.
"""
import decimal
import json
import os

import pyarrow as pa

OUT = os.path.dirname(os.path.abspath(__file__))
CODECS = {"none": None, "lz4": "lz4", "zstd": "zstd"}


# --- type helpers: each returns (pyarrow type, Fluss JSON type) -------------

def t(name, pa_type, nullable=True, **extra):
    j = {"type": name, **extra}
    if not nullable:
        j["nullable"] = False
    return pa_type, j, nullable


def array_of(elem, nullable=True):
    pt, jt, en = elem
    j = {"type": "ARRAY", "element_type": jt}
    if not nullable:
        j["nullable"] = False
    return pa.list_(pa.field("element", pt, nullable=en)), j, nullable


def map_of(key, value, nullable=True):
    kt, kj, _ = key
    vt, vj, _ = value
    j = {"type": "MAP", "key_type": kj, "value_type": vj}
    if not nullable:
        j["nullable"] = False
    return pa.map_(kt, vt), j, nullable


def row_of(fields, nullable=True):
    pa_fields = [pa.field(n, f[0], nullable=f[2]) for n, f in fields]
    j = {"type": "ROW", "fields": [{"name": n, "field_type": f[1]} for n, f in fields]}
    if not nullable:
        j["nullable"] = False
    return pa.struct(pa_fields), j, nullable


def dec(s):
    return None if s is None else decimal.Decimal(s)


def hexs(b):
    return None if b is None else b.hex()


# --- expected-value conversion ----------------------------------------------

def expect(jtype, v):
    """Converts a Python input value to the JSON our renderer produces."""
    if v is None:
        return None
    kind = jtype["type"]
    if kind == "DECIMAL":
        return str(v)
    if kind in ("BINARY", "BYTES"):
        return v.hex()
    if kind == "ARRAY":
        return [expect(jtype["element_type"], x) for x in v]
    if kind == "MAP":
        return [[expect(jtype["key_type"], k), expect(jtype["value_type"], x)] for k, x in v]
    if kind == "ROW":
        return {f["name"]: expect(f["field_type"], v.get(f["name"])) for f in jtype["fields"]}
    return v


def null_every(values, k, offset=0):
    return [None if (i + offset) % k == 0 else v for i, v in enumerate(values)]


def batch_message(batch, compression):
    """The encapsulated RecordBatch message alone, without the Schema message."""
    sink = pa.BufferOutputStream()
    opts = pa.ipc.IpcWriteOptions(compression=compression)
    with pa.ipc.new_stream(sink, batch.schema, options=opts) as writer:
        writer.write_batch(batch)
    reader = pa.ipc.MessageReader.open_stream(sink.getvalue())
    schema_msg = reader.read_next_message()
    assert schema_msg.type == "schema"
    msg = reader.read_next_message()
    assert msg.type == "record batch"
    return msg.serialize().to_pybytes()


def write_case(name, columns, rows):
    """columns: list of (name, typespec); rows: dict column -> list of values."""
    fields = [pa.field(n, spec[0], nullable=spec[2]) for n, spec in columns]
    arrays = [pa.array(rows[n], type=spec[0]) for n, spec in columns]
    batch = pa.RecordBatch.from_arrays(arrays, schema=pa.schema(fields))
    for codec, comp in CODECS.items():
        with open(os.path.join(OUT, f"{name}.{codec}.arrows"), "wb") as f:
            f.write(batch_message(batch, comp))
    row_type = {"type": "ROW", "fields": [{"name": n, "field_type": s[1]} for n, s in columns]}
    n_rows = batch.num_rows
    expected = [
        {n: expect(s[1], rows[n][i]) for n, s in columns} for i in range(n_rows)
    ]
    with open(os.path.join(OUT, f"{name}.json"), "w") as f:
        json.dump({"type": row_type, "rows": expected}, f, indent=1, sort_keys=True)
        f.write("\n")


def primitives(n):
    cols = [
        ("b", t("BOOLEAN", pa.bool_())),
        ("i8", t("TINYINT", pa.int8())),
        ("i16", t("SMALLINT", pa.int16())),
        ("i32", t("INTEGER", pa.int32())),
        ("i64", t("BIGINT", pa.int64())),
        ("f32", t("FLOAT", pa.float32())),
        ("f64", t("DOUBLE", pa.float64())),
        ("dec", t("DECIMAL", pa.decimal128(10, 2), precision=10, scale=2)),
        ("dec38", t("DECIMAL", pa.decimal128(38, 10), precision=38, scale=10)),
        ("s", t("STRING", pa.string())),
        ("c", t("CHAR", pa.string(), length=3)),
        ("bin", t("BINARY", pa.binary(3), length=3)),
        ("bytes", t("BYTES", pa.binary())),
        ("d", t("DATE", pa.date32())),
        ("t0", t("TIME_WITHOUT_TIME_ZONE", pa.time32("s"), precision=0)),
        ("t3", t("TIME_WITHOUT_TIME_ZONE", pa.time32("ms"), precision=3)),
        ("t6", t("TIME_WITHOUT_TIME_ZONE", pa.time64("us"), precision=6)),
        ("t9", t("TIME_WITHOUT_TIME_ZONE", pa.time64("ns"), precision=9)),
        ("ts0", t("TIMESTAMP_WITHOUT_TIME_ZONE", pa.timestamp("s"), precision=0)),
        ("ts3", t("TIMESTAMP_WITHOUT_TIME_ZONE", pa.timestamp("ms"), precision=3)),
        ("ts6", t("TIMESTAMP_WITHOUT_TIME_ZONE", pa.timestamp("us"), precision=6)),
        ("ts9", t("TIMESTAMP_WITHOUT_TIME_ZONE", pa.timestamp("ns"), precision=9)),
        ("ltz3", t("TIMESTAMP_WITH_LOCAL_TIME_ZONE", pa.timestamp("ms"), precision=3)),
        ("ltz6", t("TIMESTAMP_WITH_LOCAL_TIME_ZONE", pa.timestamp("us"), precision=6)),
        ("nn", t("INTEGER", pa.int32(), nullable=False)),
    ]
    r = range(n)
    rows = {
        "b": null_every([i % 3 == 0 for i in r], 4),
        "i8": null_every([(i * 37) % 256 - 128 for i in r], 5),
        "i16": null_every([(i * 1237) % 65536 - 32768 for i in r], 6),
        "i32": null_every([i * 100003 - 2**31 if i % 2 else 2**31 - 1 - i for i in r], 7),
        "i64": null_every([(i * 7919) ** 3 - 2**62 for i in r], 3),
        "f32": null_every([i * 0.25 - 1.5 for i in r], 4, 1),
        "f64": null_every([i * 1.125e10 - 3.5 for i in r], 5, 2),
        "dec": null_every([dec(f"{i * 12345 - 99999}.{i % 100:02d}") for i in r], 3, 1),
        "dec38": null_every([dec(f"{'-' if i % 2 else ''}{i}{'9' * 20}.{i:010d}") for i in r], 4, 2),
        "s": null_every(["" if i == 1 else "héllo-" * (i % 4) + str(i) for i in r], 5, 3),
        "c": null_every([f"c{i % 10:02d}" for i in r], 6),
        "bin": null_every([bytes([i, 255 - i, i * 3 % 256]) for i in r], 4, 3),
        "bytes": null_every([bytes(range(i % 7)) for i in r], 3, 2),
        "d": null_every([i * 1000 - 5000 for i in r], 5, 1),
        "t0": null_every([i * 3600 % 86400 for i in r], 4),
        "t3": null_every([i * 3600123 % 86400000 for i in r], 4, 1),
        "t6": null_every([i * 3600123456 % 86400000000 for i in r], 4, 2),
        "t9": null_every([i * 3600123456789 % 86400000000000 for i in r], 4, 3),
        "ts0": null_every([1700000000 + i for i in r], 6),
        "ts3": null_every([1700000000123 + i for i in r], 6, 1),
        "ts6": null_every([-1700000000123456 + i for i in r], 6, 2),
        "ts9": null_every([1700000000123456789 + i for i in r], 6, 3),
        "ltz3": null_every([1700000000999 - i for i in r], 7),
        "ltz6": null_every([1700000000999999 - i for i in r], 7, 3),
        "nn": list(r),
    }
    return cols, rows


def nested():
    row_inner = row_of([
        ("c", t("STRING", pa.string())),
        ("d", map_of(t("INTEGER", pa.int32(), nullable=False), t("BYTES", pa.binary()))),
    ])
    cols = [
        ("arr", array_of(t("INTEGER", pa.int32()))),
        ("arr2", array_of(array_of(t("STRING", pa.string())))),
        ("m", map_of(t("STRING", pa.string(), nullable=False), t("INTEGER", pa.int32()))),
        ("r", row_of([("a", t("INTEGER", pa.int32())), ("b", array_of(row_inner))])),
        ("mr", map_of(t("INTEGER", pa.int32(), nullable=False),
                      row_of([("x", t("DOUBLE", pa.float64())),
                              ("y", array_of(t("DATE", pa.date32())))]))),
        ("nn_arr", array_of(t("BIGINT", pa.int64(), nullable=False), nullable=False)),
    ]
    rows = {
        "arr": [[1, 2, None], None, [], [3], [None], [4, 5, 6, 7, 8, 9, 10, 11, 12], None,
                [13]],
        "arr2": [[["a", None], None, []], None, [], [[""]], [None, ["b", "c"]], [["d"]], None,
                 [[None]]],
        "m": [[("k1", 1), ("k2", None)], None, [], [("", 0)], [("x", 7)], None,
              [("a", 1), ("b", 2), ("c", 3)], []],
        "r": [
            {"a": 1, "b": [{"c": "x", "d": [(1, b"\x00\x01")]}, None]},
            None,
            {"a": None, "b": None},
            {"a": 4, "b": []},
            {"a": 5, "b": [{"c": None, "d": None}, {"c": "y", "d": []}]},
            {"a": 6, "b": [{"c": "z", "d": [(2, None), (3, b"")]}]},
            None,
            {"a": 8, "b": [None]},
        ],
        "mr": [[(1, {"x": 1.5, "y": [1, None]})], None, [(2, None)], [],
               [(3, {"x": None, "y": None})], [(4, {"x": -2.0, "y": []})], None,
               [(5, {"x": 0.0, "y": [19000]}), (6, None)]],
        "nn_arr": [[1], [], [2, 3], [4, 5, 6], [], [7], [8], [9, 10]],
    }
    return cols, rows


def main():
    cols, rows = primitives(21)
    write_case("primitives", cols, rows)
    cols, rows = nested()
    write_case("nested", cols, rows)
    cols, rows = primitives(0)
    write_case("empty", cols, rows)
    # A single int column, handy as a compact body for log-batch tests.
    write_case("ints", [("id", t("INTEGER", pa.int32())), ("name", t("STRING", pa.string()))],
               {"id": [1, 2, None, 4, 5], "name": ["a", None, "ccc", "", "eeeee"]})


if __name__ == "__main__":
    main()
