#!/usr/bin/env python3
"""Dump a Paimon table with pypaimon (an oracle we did not write).

    dump_lake.py --warehouse DIR --table db.t [--snapshot ID] [--sort-keys]
                 [--option KEY=VALUE ...] --out F.jsonl
    dump_lake.py --warehouse DIR --table db.t --list-snapshots

Opens the filesystem-catalog warehouse DIR, reads every row of table db.t at
snapshot ID (default: latest; primary-key tables are merged on read by
pypaimon) and writes one compact JSON object per row, all columns (system
columns such as Fluss' __bucket/__offset/__timestamp included), values in the
canonical encoding of testing/README.md. Lines are sorted. See README.md here.
"""

import argparse
import decimal
import math
import re
import sys

import numpy as np
import pyarrow as pa

from pypaimon import CatalogFactory
from pypaimon.schema.data_types import ArrayType, AtomicType, MapType, RowType

try:  # MULTISET exists in newer pypaimon only
    from pypaimon.schema.data_types import MultisetType
except ImportError:  # pragma: no cover
    MultisetType = None


# ---------------------------------------------------------------- floats


def _java_format(digits, exp10, negative):
    """Java Double/Float.toString layout for the decimal 0.<digits> * 10^exp10.

    digits: shortest significant digits (no leading/trailing zeros, non-empty);
    the value is d1.d2d3... * 10^(exp10 - 1)."""
    sign = "-" if negative else ""
    sci = exp10 - 1  # exponent of the first digit
    if -3 <= sci < 7:  # 1e-3 <= |v| < 1e7: plain notation
        if sci >= 0:
            intpart = digits[: sci + 1].ljust(sci + 1, "0")
            frac = digits[sci + 1:] or "0"
        else:
            intpart = "0"
            frac = "0" * (-sci - 1) + digits
        return sign + intpart + "." + frac
    frac = digits[1:] or "0"
    return sign + digits[0] + "." + frac + "E" + str(sci)


def _shortest(sci_text):
    """'d.dddde[+-]x' (numpy/repr scientific) -> (digits, exp10)."""
    mant, exp = sci_text.lower().split("e")
    digits = mant.replace(".", "").replace("-", "").rstrip("0") or "0"
    return digits, int(exp) + 1


def _floating(x, single):
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    negative = math.copysign(1.0, x) < 0
    if x == 0:
        return RawNumber("-0.0" if negative else "0.0")
    # shortest digits that round-trip in the column's own width
    v = np.float32(abs(x)) if single else np.float64(abs(x))
    text = np.format_float_scientific(v, unique=True, trim="k")
    digits, exp10 = _shortest(text)
    if len(digits) == 1:
        # Java prints at least 2 significant digits and takes the 2-digit decimal
        # closest to the exact binary value: Double.MIN_VALUE is 4.9E-324 (not
        # 5.0E-324), Float.MIN_VALUE 1.4E-45; 1e-300 stays 1.0E-300.
        with decimal.localcontext(decimal.Context(prec=2000)):
            exact = decimal.Decimal(float(v))  # float32 -> float64 is exact
            adj = exact.adjusted()
            q = exact.scaleb(-adj).quantize(decimal.Decimal("0.1"), decimal.ROUND_HALF_EVEN)
            if q >= 10:
                q, adj = decimal.Decimal("1.0"), adj + 1
        digits = str(q).replace(".", "").rstrip("0") or "0"
        exp10 = adj + 1
    return RawNumber(_java_format(digits, exp10, negative))


class RawNumber(str):
    """A number already formatted as JSON text (Java float/double layout)."""


# ---------------------------------------------------------------- values


def _type_name(t):
    return re.sub(r"\s+NOT NULL$", "", t.type.strip(), flags=re.I).upper()


def _scale(type_name):
    m = re.fullmatch(r"(?:DECIMAL|NUMERIC|DEC)(?:\((\d+)(?:,\s*(\d+))?\))?", type_name)
    if not m:
        raise ValueError("not a decimal type: " + type_name)
    return int(m.group(2) or 0)


_NANOS = {"s": 1_000_000_000, "ms": 1_000_000, "us": 1_000, "ns": 1}


def convert(arr, ptype):
    """Arrow array (not chunked) + Paimon type -> list of canonical Python values."""
    if isinstance(arr, pa.ChunkedArray):
        out = []
        for c in arr.chunks:
            out.extend(convert(c, ptype))
        return out
    n = len(arr)
    valid = arr.is_valid().to_pylist() if arr.null_count else [True] * n

    if isinstance(ptype, ArrayType) or (MultisetType and isinstance(ptype, MultisetType)):
        if isinstance(ptype, ArrayType):
            offsets = arr.offsets.to_pylist()
            values = convert(arr.values, ptype.element)
            return [values[offsets[i]:offsets[i + 1]] if valid[i] else None for i in range(n)]
        # MULTISET<T> = MAP<T, INT>
        return _map(arr, valid, ptype.element, AtomicType("INT"))
    if isinstance(ptype, MapType):
        return _map(arr, valid, ptype.key, ptype.value)
    if isinstance(ptype, RowType):
        if not pa.types.is_struct(arr.type):
            raise ValueError("ROW column read as %s" % arr.type)
        children = arr.flatten()  # applies the struct's offset
        cols = [(f.name, convert(children[k], f.type)) for k, f in enumerate(ptype.fields)]
        return [{name: col[i] for name, col in cols} if valid[i] else None for i in range(n)]
    if not isinstance(ptype, AtomicType):
        raise ValueError("unsupported Paimon type %s" % ptype)

    name = _type_name(ptype)
    at = arr.type
    if name == "BOOLEAN":
        return arr.to_pylist()
    if name in ("TINYINT", "SMALLINT", "INT", "INTEGER", "BIGINT"):
        return [None if v is None else int(v) for v in arr.to_pylist()]
    if name in ("FLOAT", "DOUBLE"):
        single = name == "FLOAT"
        return [None if v is None else _floating(v, single) for v in arr.to_pylist()]
    if name.startswith(("DECIMAL", "NUMERIC", "DEC")):
        s = _scale(name)
        q = decimal.Decimal(1).scaleb(-s)
        with decimal.localcontext(decimal.Context(prec=100)):
            return [None if v is None else format(decimal.Decimal(v).quantize(q), "f")
                    for v in arr.to_pylist()]
    if name == "STRING" or name.startswith(("CHAR", "VARCHAR")):
        if pa.types.is_binary(at) or pa.types.is_large_binary(at):
            return [None if v is None else v.decode("utf-8") for v in arr.to_pylist()]
        return arr.to_pylist()
    if name in ("BYTES", "BLOB") or name.startswith(("BINARY", "VARBINARY")):
        return [None if v is None else bytes(v).hex() for v in arr.to_pylist()]
    if name == "DATE":
        if pa.types.is_date64(at):
            return [None if v is None else v // 86_400_000
                    for v in arr.cast(pa.int64()).to_pylist()]
        return arr.cast(pa.int32()).to_pylist()
    if name.startswith("TIMESTAMP"):
        if not pa.types.is_timestamp(at):
            raise ValueError("%s column read as %s" % (name, at))
        f = _NANOS[at.unit]
        return [None if v is None else v * f for v in arr.cast(pa.int64()).to_pylist()]
    if name.startswith("TIME"):
        if pa.types.is_time32(at):
            f = {"s": 1000, "ms": 1}[at.unit]
            return [None if v is None else v * f for v in arr.cast(pa.int32()).to_pylist()]
        if pa.types.is_time64(at):
            d = {"us": 1000, "ns": 1_000_000}[at.unit]
            return [None if v is None else v // d for v in arr.cast(pa.int64()).to_pylist()]
        if pa.types.is_integer(at):  # already millis of day
            return arr.to_pylist()
        raise ValueError("TIME column read as %s" % at)
    raise ValueError("unsupported Paimon type %s (arrow %s)" % (ptype, at))


def _map(arr, valid, ktype, vtype):
    offsets = arr.offsets.to_pylist()
    keys = convert(arr.keys, ktype)
    vals = convert(arr.items, vtype)
    return [[[keys[j], vals[j]] for j in range(offsets[i], offsets[i + 1])] if valid[i] else None
            for i in range(len(arr))]


# ---------------------------------------------------------------- JSON


def _quote(s):
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ch < " ":
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def compact(v, sort_keys):
    """Compact JSON as testing/.../Json.java writes it (same escapes, Java float text)."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, RawNumber):
        return str(v)
    if isinstance(v, str):
        return _quote(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, dict):
        items = sorted(v.items(), key=lambda kv: java_key(kv[0])) if sort_keys else v.items()
        return "{" + ",".join(_quote(k) + ":" + compact(x, sort_keys) for k, x in items) + "}"
    if isinstance(v, list):
        return "[" + ",".join(compact(x, sort_keys) for x in v) + "]"
    raise TypeError("not JSON-able: %r" % type(v))


def java_key(s):
    """Sort key equal to Java String.compareTo (UTF-16 code units)."""
    return s.encode("utf-16-be", "surrogatepass")


# ---------------------------------------------------------------- main


def open_table(warehouse, table):
    catalog = CatalogFactory.create({"warehouse": warehouse})
    return catalog.get_table(table)


def snapshot_ids(table):
    return sorted(s.id for s in table.snapshot_manager().list_snapshots())


_NANO_TS = re.compile(r"TIMESTAMP(?:_LTZ)?\(([7-9])\)", re.I)


def _nano_columns(fields, prefix=""):
    """Columns (dotted paths) holding a TIMESTAMP/TIMESTAMP_LTZ with precision 7..9."""
    out = []
    for f in fields:
        if isinstance(f.type, RowType):
            out += _nano_columns(f.type.fields, prefix + f.name + ".")
        elif _NANO_TS.search(str(f.type)):
            out.append(prefix + f.name)
    return out


def _warn_merge_nanos(table, fields, splits):
    """pypaimon's primary-key merge path goes through Python datetime rows and drops
    the sub-microsecond digits of TIMESTAMP(7..9); raw (non-merged) splits keep them."""
    if not table.is_primary_key_table:
        return
    cols = _nano_columns(fields)
    merged = [s for s in splits if not getattr(s, "raw_convertible", False)]
    if cols and merged:
        print("WARNING: %d of %d splits are merged by pypaimon, which truncates %s to "
              "microseconds (see README.md)" % (len(merged), len(splits), ", ".join(cols)),
              file=sys.stderr)


def read_rows(table, snapshot=None, sort_keys=False, options=None):
    dyn = dict(options or {})
    if snapshot is not None:
        dyn["scan.snapshot-id"] = str(snapshot)
    if dyn:
        table = table.copy(dyn)
    fields = table.table_schema.fields
    rb = table.new_read_builder()
    splits = rb.new_scan().plan().splits()
    _warn_merge_nanos(table, fields, splits)
    data = rb.new_read().to_arrow(splits)
    names = [f.name for f in fields]
    if data is None:
        return []
    missing = [x for x in names if x not in data.schema.names]
    if missing:
        raise ValueError("pypaimon result lacks columns %s (has %s)" % (missing, data.schema.names))
    cols = [convert(data.column(f.name), f.type) for f in fields]
    lines = [compact({names[k]: cols[k][i] for k in range(len(names))}, sort_keys)
             for i in range(data.num_rows)]
    lines.sort(key=java_key)
    return lines


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--warehouse", required=True, help="Paimon filesystem warehouse directory")
    ap.add_argument("--table", required=True, help="db.table")
    ap.add_argument("--snapshot", type=int, help="snapshot id (default: latest)")
    ap.add_argument("--out", help="output JSON lines file ('-' = stdout)")
    ap.add_argument("--sort-keys", action="store_true",
                    help="sort object keys (README canonical order) instead of Paimon schema order")
    ap.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                    help="dynamic Paimon table option for the read (repeatable), e.g. "
                         "deletion-vectors.merge-on-read=true")
    ap.add_argument("--list-snapshots", action="store_true",
                    help="print the JSON array of snapshot ids and exit")
    a = ap.parse_args(argv)
    options = {}
    for kv in a.option:
        if "=" not in kv:
            ap.error("--option wants KEY=VALUE, got " + kv)
        k, v = kv.split("=", 1)
        options[k] = v
    table = open_table(a.warehouse, a.table)
    if a.list_snapshots:
        print(compact(snapshot_ids(table), False))
        return 0
    if not a.out:
        ap.error("--out is required unless --list-snapshots")
    if a.snapshot is None and table.snapshot_manager().get_latest_snapshot() is None:
        lines = []  # table without any commit
    else:
        lines = read_rows(table, a.snapshot, a.sort_keys, options)
    text = "".join(line + "\n" for line in lines)
    if a.out == "-":
        sys.stdout.write(text)
    else:
        with open(a.out, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    print("%s: %d rows" % (a.table, len(lines)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
