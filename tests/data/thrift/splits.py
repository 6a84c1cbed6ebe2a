#!/usr/bin/env python3
"""TFlussFileDesc bytes that fluss-native did not write, and a check of the
bytes it does write, both through Apache Thrift's Python library.

  splits.py generate            write <case>.{binary,compact}.bin and expected.json here
  splits.py check ENCODER DIR   run ENCODER expected.json DIR (our C++ encoder),
                                decode its files here and compare every field

The Python code comes from `thrift --gen py` on src/plan/fluss_split.thrift at
run time. `check` exits 77 (ctest's "skipped") without the thrift compiler or
the thrift package.

expected.json lists each case's TFlussFileDesc fields by their IDL names
(unset fields are absent). "unknown" lists fields present in the bytes that
our IDL does not have (written from an extended copy of the IDL, as a newer
planner would); a reader must skip them. "canonical" cases are written
exactly as fluss-native writes them, so its re-encoding must match bytewise.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
IDL = os.path.join(HERE, "..", "..", "..", "src", "plan", "fluss_split.thrift")
SKIP = 77

HDFS = "file:/warehouse/fluss.db/orders"
CASES = [
    {
        "name": "lake_only_append",
        "canonical": True,
        "fields": {
            "database_name": "fluss",
            "table_name": "events",
            "table_id": 17,
            "bucket_id": 2,
            "snapshot_id": 6,
            "bootstrap_servers": "10.0.0.1:9123,10.0.0.2:9123",
            "file_format": "parquet",
            "tier": 0,
            "lake_file_paths": [
                "file:/warehouse/fluss.db/events/bucket-0/data-6a1f-0.parquet",
                "file:/warehouse/fluss.db/events/bucket-0/data-6a1f-1.parquet",
            ],
            "lake_snapshot_id": 6,
            "schema_id": 1,
            "columns": ["id", "payload", "__bucket"],
            "lake_files": [
                {"size_bytes": 104857600, "row_count": 3000000, "schema_id": 0, "level": 0,
                 "min_sequence_number": 0, "max_sequence_number": 2999999},
                {"size_bytes": 4096, "row_count": 12, "schema_id": 1, "level": 0,
                 "min_sequence_number": 3000000, "max_sequence_number": 3000011},
            ],
            "lake_table_location": "file:/warehouse/fluss.db/events",
            "lake_schema_id": 1,
            "lake_bucket_unaware": True,
            "lake_options": {"file.format": "parquet", "fs.local.buffer": "65536"},
            "limit": 1000,
        },
    },
    {
        "name": "lake_only_pk_deletion_vectors",
        "canonical": True,
        "fields": {
            "database_name": "fluss",
            "table_name": "orders",
            "table_id": 23,
            "bucket_id": 1,
            "partition_name": "2024$eu",
            "bootstrap_servers": "fluss-coordinator:9123",
            "file_format": "parquet",
            "tier": 0,
            "lake_file_paths": [
                HDFS + "/dt=2024/region=eu/bucket-1/data-0.parquet",
                HDFS + "/dt=2024/region=eu/bucket-1/data-1.parquet",
                HDFS + "/dt=2024/region=eu/bucket-1/data-2.parquet",
            ],
            "lake_snapshot_id": 12,
            "partition_id": 5,
            "schema_id": 2,
            "columns": ["order_id", "amount", "status"],
            "primary_key": ["dt", "region", "order_id"],
            "bucket_key": ["order_id"],
            "partition_keys": ["dt", "region"],
            "lake_files": [
                {"size_bytes": 9000, "row_count": 500, "schema_id": 2, "level": 5,
                 "min_sequence_number": 0, "max_sequence_number": 499,
                 "deletion_vector": {"index_path": HDFS + "/index/index-8c2e-0", "offset": 1,
                                     "length": 42, "cardinality": 7}},
                {"size_bytes": 7000, "row_count": 300, "schema_id": 1, "level": 4,
                 "min_sequence_number": 500, "max_sequence_number": 799,
                 "deletion_vector": {"index_path": HDFS + "/index/index-8c2e-0", "offset": 51,
                                     "length": 30}},
                {"size_bytes": 1 << 40, "row_count": 1 << 33, "schema_id": 2, "level": 1,
                 "min_sequence_number": 800, "max_sequence_number": (1 << 62)},
            ],
            "lake_table_location": HDFS,
            "lake_schema_id": 2,
            "lake_deletion_vectors": True,
            "lake_merge_engine": "deduplicate",
            "predicate": "amount > 100",
        },
    },
    {
        "name": "log_only",
        "canonical": True,
        "fields": {
            "database_name": "fluss",
            "table_name": "clicks",
            "table_id": 3,
            "bucket_id": 0,
            "bootstrap_servers": "127.0.0.1:9123",
            "tier": 1,
            "log_start_offset": 0,
            "log_end_offset": -1,
            "schema_id": 1,
            "columns": ["user", "url"],
        },
    },
    {
        "name": "hybrid_partitioned",
        "canonical": True,
        "fields": {
            "database_name": "fluss",
            "table_name": "orders",
            "table_id": 23,
            "bucket_id": 0,
            "partition_name": "2025$us",
            "bootstrap_servers": "fluss-coordinator:9123",
            "file_format": "parquet",
            "tier": 2,
            "lake_file_paths": [HDFS + "/dt=2025/region=us/bucket-0/data-9.parquet"],
            "lake_snapshot_id": 12,
            "log_start_offset": 5000,
            "log_end_offset": 7000,
            "partition_id": 6,
            "schema_id": 2,
            "primary_key": ["dt", "region", "order_id"],
            "bucket_key": ["order_id"],
            "partition_keys": ["dt", "region"],
            "lake_files": [{"size_bytes": 2048, "row_count": 20, "schema_id": 2, "level": 5,
                            "min_sequence_number": 0, "max_sequence_number": 19}],
            "lake_table_location": HDFS,
            "lake_schema_id": 2,
            "lake_options": {"deletion-vectors.enabled": "false"},
        },
    },
    {
        # An FE that knows only the Doris-Fluss design's fields 1-8, 10-14.
        "name": "design_fields_only",
        "canonical": True,
        "fields": {
            "database_name": "fluss",
            "table_name": "orders",
            "table_id": 23,
            "bucket_id": 4,
            "partition_name": "2025$us",
            "snapshot_id": 12,
            "bootstrap_servers": "fe-known-host:9123",
            "file_format": "orc",
            "tier": 2,
            "lake_file_paths": [HDFS + "/dt=2025/region=us/bucket-4/data-a.orc",
                                HDFS + "/dt=2025/region=us/bucket-4/data-b.orc"],
            "lake_snapshot_id": 12,
            "log_start_offset": 88,
            "log_end_offset": 120,
        },
    },
    {
        # A newer planner: fields our IDL does not have, at the top level (9,
        # between the design's fields, and 99, a nested struct) and inside a
        # lake file (50).
        "name": "unknown_fields",
        "canonical": False,
        "fields": {
            "database_name": "fluss",
            "table_name": "events",
            "bucket_id": 7,
            "tier": 2,
            "lake_file_paths": ["file:/w/fluss.db/events/bucket-7/data-0.parquet"],
            "log_start_offset": 10,
            "log_end_offset": 10,
            "lake_files": [{"size_bytes": 100, "row_count": 1}],
            "limit": 0,
        },
        "unknown": {
            "future_field_9": "from a newer design",
            "future_field_99": {"names": ["a", "b"], "counts": {"x": -5, "y": 1 << 50},
                                "nested": {"index_path": "p", "offset": 1, "length": 2}},
            "lake_files": [{"future_note": "newer lake file field"}],
        },
    },
]

FUTURE_ADDITIONS = [
    ("    8: optional string file_format\n",
     "    8: optional string file_format\n    9: optional string future_field_9\n"),
    ("    7: optional TFlussDeletionVector deletion_vector\n",
     "    7: optional TFlussDeletionVector deletion_vector\n    50: optional string future_note\n"),
    ("    34: optional i64 limit\n",
     "    34: optional i64 limit\n    99: optional TFlussFuture future_field_99\n"),
    ("struct TFlussFileDesc {",
     "struct TFlussFuture {\n    1: optional list<string> names\n    2: optional map<string, i64> counts\n"
     "    3: optional TFlussDeletionVector nested\n}\n\nstruct TFlussFileDesc {"),
    ("namespace py fluss_split\n", "namespace py fluss_split_future\n"),
]


def generate_modules(tmp):
    """thrift --gen py on our IDL and on an extended copy; returns both modules."""
    with open(IDL) as f:
        text = f.read()
    future = text
    for old, new in FUTURE_ADDITIONS:
        if old not in future:
            raise SystemExit("splits.py: IDL no longer contains %r" % old)
        future = future.replace(old, new)
    future_idl = os.path.join(tmp, "fluss_split_future.thrift")
    with open(future_idl, "w") as f:
        f.write(future)
    for idl in (IDL, future_idl):
        subprocess.run(["thrift", "--gen", "py", "-out", tmp, idl], check=True)
    sys.path.insert(0, tmp)
    import fluss_split.ttypes as ours  # noqa: E402
    import fluss_split_future.ttypes as future_mod  # noqa: E402
    return ours, future_mod


def spec_of(cls):
    return {entry[2]: entry for entry in cls.thrift_spec if entry is not None}


def build(cls, fields):
    """A Thrift object of class cls from a dict of field name -> value."""
    from thrift.Thrift import TType
    obj = cls()
    spec = spec_of(cls)
    for name, value in fields.items():
        entry = spec[name]
        ttype, args = entry[1], entry[3]
        if ttype == TType.STRUCT:
            value = build(args[0], value)
        elif ttype == TType.LIST and args[0] == TType.STRUCT:
            value = [build(args[1][0], v) for v in value]
        setattr(obj, name, value)
    return obj


def to_dict(obj):
    """Field name -> value of every set field, nested structs as dicts."""
    from thrift.Thrift import TType
    out = {}
    for name, entry in spec_of(type(obj)).items():
        value = getattr(obj, name)
        if value is None:
            continue
        ttype, args = entry[1], entry[3]
        if ttype == TType.STRUCT:
            value = to_dict(value)
        elif ttype == TType.LIST and args[0] == TType.STRUCT:
            value = [to_dict(v) for v in value]
        out[name] = value
    return out


def merged(fields, unknown):
    """fields plus the unknown ones (lists of structs merged element-wise)."""
    out = json.loads(json.dumps(fields))
    for name, value in unknown.items():
        if isinstance(value, list) and name in out:
            for mine, extra in zip(out[name], value):
                mine.update(extra)
        else:
            out[name] = value
    return out


def protocols():
    from thrift.protocol import TBinaryProtocol, TCompactProtocol
    return {"binary": TBinaryProtocol.TBinaryProtocolFactory(),
            "compact": TCompactProtocol.TCompactProtocolFactory()}


def generate():
    from thrift.TSerialization import serialize
    with tempfile.TemporaryDirectory() as tmp:
        ours, future = generate_modules(tmp)
        for case in CASES:
            if "unknown" in case:
                obj = build(future.TFlussFileDesc, merged(case["fields"], case["unknown"]))
            else:
                obj = build(ours.TFlussFileDesc, case["fields"])
            for pname, factory in protocols().items():
                with open(os.path.join(HERE, "%s.%s.bin" % (case["name"], pname)), "wb") as f:
                    f.write(serialize(obj, factory))
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump({"cases": CASES}, f, indent=1, sort_keys=True)
        f.write("\n")


def check(encoder, out_dir):
    if shutil.which("thrift") is None:
        print("splits.py: no thrift compiler; skipped")
        return SKIP
    try:
        import thrift  # noqa: F401
    except ImportError:
        print("splits.py: no Python thrift package; skipped")
        return SKIP
    from thrift.TSerialization import deserialize
    os.makedirs(out_dir, exist_ok=True)
    expected_path = os.path.join(HERE, "expected.json")
    subprocess.run([encoder, expected_path, out_dir], check=True)
    with open(expected_path) as f:
        cases = json.load(f)["cases"]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        ours, _ = generate_modules(tmp)
        for case in cases:
            for pname, factory in protocols().items():
                path = os.path.join(out_dir, "%s.%s.bin" % (case["name"], pname))
                with open(path, "rb") as f:
                    data = f.read()
                try:
                    got = to_dict(deserialize(ours.TFlussFileDesc(), data, factory))
                except Exception as e:  # noqa: BLE001 - any decode failure is a mismatch
                    got = "undecodable: %s" % e
                if got != case["fields"]:
                    failures += 1
                    print("MISMATCH %s (%s protocol)\n  expected %s\n  got      %s"
                          % (case["name"], pname, case["fields"], got))
                else:
                    print("ok %s (%s protocol, %d bytes)" % (case["name"], pname, len(data)))
    return 1 if failures else 0


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "generate":
        generate()
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        return check(sys.argv[2], sys.argv[3])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
