"""Writes tests/data/paimon10: Paimon tables laid out as Fluss 1.0 tiers them
(FIP-27), i.e. only the table's own columns, without Fluss's __bucket,
__offset and __timestamp system columns, written by pypaimon; and
expected.json, pypaimon's own read of each table (the oracle).

  pk10   primary-key table, 2 buckets, two commits (an update of id 2)
  log10  bucket-unaware append table (bucket -1), as a Fluss log table
         without bucket keys is tiered

Run: python3 testing/lake10/gen_lake_v10.py (not run in CI).
"""
import json
import os
import shutil
import sys

import pyarrow as pa
from pypaimon import CatalogFactory, Schema

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "tests", "data", "paimon10")
shutil.rmtree(out, ignore_errors=True)
cat = CatalogFactory.create({"warehouse": out})
cat.create_database("db", False)
expected = {}


def commit(table, data, schema):
    wb = table.new_batch_write_builder()
    w = wb.new_write()
    c = wb.new_commit()
    w.write_arrow(pa.table(data, schema=schema))
    c.commit(w.prepare_commit())
    w.close()
    c.close()


def oracle(name, table, key):
    rb = table.new_read_builder()
    rows = rb.new_read().to_arrow(rb.new_scan().plan().splits()).sort_by(key).to_pylist()
    expected[name] = rows


pk_schema = pa.schema([pa.field("id", pa.int32(), nullable=False), ("name", pa.string()), ("amount", pa.int64())])
cat.create_table("db.pk10", Schema.from_pyarrow_schema(
    pk_schema, primary_keys=["id"], options={"bucket": "2", "file.format": "parquet"}), False)
pk = cat.get_table("db.pk10")
commit(pk, {"id": pa.array([1, 2, 3, 4, 5], pa.int32()), "name": ["a", "b", None, "d", "e"],
            "amount": [10, 20, 30, 40, 50]}, pk_schema)
commit(pk, {"id": pa.array([2, 6], pa.int32()), "name": ["b2", "f"], "amount": [21, 60]}, pk_schema)
oracle("pk10", pk, "id")

log_schema = pa.schema([("id", pa.int32()), ("msg", pa.string())])
cat.create_table("db.log10", Schema.from_pyarrow_schema(
    log_schema, options={"bucket": "-1", "file.format": "parquet"}), False)
log = cat.get_table("db.log10")
commit(log, {"id": pa.array([1, 2, 3], pa.int32()), "msg": ["x", "y", None]}, log_schema)
commit(log, {"id": pa.array([4], pa.int32()), "msg": ["z"]}, log_schema)
oracle("log10", log, "id")

with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
    f.write("\n")
