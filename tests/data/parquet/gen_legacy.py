#!/usr/bin/env python3
"""Hand-assembles legacy_lists.parquet, a file in the shapes old writers
(parquet-mr before LIST was specified) produced and pyarrow cannot write:

  message m {
    optional group a (LIST) { repeated int32 array; }           # 2-level list
    repeated int32 b;                                           # bare repeated
    optional group c (LIST) {                                   # 2-level list
      repeated group bag { optional int64 x; optional binary y (UTF8); }
    }
  }

Rows:  a=[1, 2]  b=[7]     c=[{x:1, y:"p"}, {x:null, y:"q"}]
       a=null    b=[]      c=[]
       a=[]      b=[8, 9]  c=null

A minimal Thrift compact-protocol writer serializes the footer; pages are
uncompressed v1 pages with PLAIN values and bit-packed RLE levels. pyarrow
reads it back as the oracle (legacy_lists.json), like gen.py.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402  (for expected())

I32, I64, BINARY, LIST, STRUCT = 5, 6, 8, 9, 12


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def zigzag(n):
    return varint((n << 1) ^ (n >> 63))


def struct_(fields):
    """fields: list of (id, type, value) in increasing id order."""
    out = bytearray()
    last = 0
    for fid, ftype, value in fields:
        out.append(((fid - last) << 4) | ftype)
        last = fid
        out += encode(ftype, value)
    out.append(0)
    return bytes(out)


def encode(ftype, value):
    if ftype in (I32, I64):
        return zigzag(value)
    if ftype == BINARY:
        b = value.encode() if isinstance(value, str) else value
        return varint(len(b)) + b
    if ftype == STRUCT:
        return value  # already encoded
    if ftype == LIST:
        etype, items = value
        return bytes([(len(items) << 4) | etype]) + b"".join(encode(etype, i) for i in items)
    raise ValueError(ftype)


def levels(values, bit_width):
    """One bit-packed run, prefixed by its 4-byte length (v1 pages)."""
    if bit_width == 0:
        return b""
    padded = list(values) + [0] * (-len(values) % 8)
    acc, nbits, out = 0, 0, bytearray()
    for v in padded:
        acc |= v << nbits
        nbits += bit_width
        while nbits >= 8:
            out.append(acc & 0xFF)
            acc >>= 8
            nbits -= 8
    run = varint(((len(padded) // 8) << 1) | 1) + bytes(out)
    return struct.pack("<I", len(run)) + run


def plain(ptype, values):
    if ptype == 1:
        return b"".join(struct.pack("<i", v) for v in values)
    if ptype == 2:
        return b"".join(struct.pack("<q", v) for v in values)
    return b"".join(struct.pack("<I", len(v)) + v for v in values)


# (path, physical type, max_rep, max_def, rep levels, def levels, values)
COLUMNS = [
    (["a", "array"], 1, 1, 2, [0, 1, 0, 0], [2, 2, 0, 1], [1, 2]),
    (["b"], 1, 1, 1, [0, 0, 0, 1], [1, 0, 1, 1], [7, 8, 9]),
    (["c", "bag", "x"], 2, 1, 3, [0, 1, 0, 0], [3, 2, 1, 0], [1]),
    (["c", "bag", "y"], 6, 1, 3, [0, 1, 0, 0], [3, 3, 1, 0], [b"p", b"q"]),
]

REQUIRED, OPTIONAL, REPEATED = 0, 1, 2
UTF8, LIST_CT = 0, 3


def schema_element(name, ptype=None, rep=None, children=None, converted=None):
    f = []
    if ptype is not None:
        f.append((1, I32, ptype))
    if rep is not None:
        f.append((3, I32, rep))
    f.append((4, BINARY, name))
    if children is not None:
        f.append((5, I32, children))
    if converted is not None:
        f.append((6, I32, converted))
    return struct_(f)


def main(out_dir):
    body = bytearray(b"PAR1")
    chunks = []
    for path, ptype, max_rep, max_def, reps, defs, values in COLUMNS:
        page = levels(reps, max_rep.bit_length()) + levels(defs, max_def.bit_length()) + plain(ptype, values)
        header = struct_([(1, I32, 0), (2, I32, len(page)), (3, I32, len(page)),
                          (5, STRUCT, struct_([(1, I32, len(defs)), (2, I32, 0), (3, I32, 3), (4, I32, 3)]))])
        offset = len(body)
        body += header + page
        size = len(header) + len(page)
        meta = struct_([(1, I32, ptype), (2, LIST, (I32, [0, 3])), (3, LIST, (BINARY, path)), (4, I32, 0),
                        (5, I64, len(defs)), (6, I64, size), (7, I64, size), (9, I64, offset)])
        chunks.append(struct_([(2, I64, offset), (3, STRUCT, meta)]))
    schema = [
        schema_element("m", children=3),
        schema_element("a", rep=OPTIONAL, children=1, converted=LIST_CT),
        schema_element("array", ptype=1, rep=REPEATED),
        schema_element("b", ptype=1, rep=REPEATED),
        schema_element("c", rep=OPTIONAL, children=1, converted=LIST_CT),
        schema_element("bag", rep=REPEATED, children=2),
        schema_element("x", ptype=2, rep=OPTIONAL),
        schema_element("y", ptype=6, rep=OPTIONAL, converted=UTF8),
    ]
    row_group = struct_([(1, LIST, (STRUCT, chunks)), (2, I64, len(body) - 4), (3, I64, 3)])
    footer = struct_([(1, I32, 1), (2, LIST, (STRUCT, schema)), (3, I64, 3), (4, LIST, (STRUCT, [row_group]))])
    body += footer + struct.pack("<I", len(footer)) + b"PAR1"
    path = os.path.join(out_dir, "legacy_lists.parquet")
    with open(path, "wb") as f:
        f.write(body)
    import json
    with open(os.path.join(out_dir, "legacy_lists.json"), "w") as f:
        json.dump(gen.expected(path), f, separators=(",", ":"), sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
