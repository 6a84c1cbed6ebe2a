#!/usr/bin/env python3
"""Adds Parquet files that Paimon wrote (through Fluss's real tiering job) to
the conformance corpus, with pyarrow's reading of each as <name>.json.

Run after the integration fixture has tiered the fn_lake tables:
  python3 gen_paimon.py WAREHOUSE [out_dir]
e.g. WAREHOUSE = build/it-cluster/warehouse. Takes the smallest data file of
the tables below (every Fluss type, nested ones, and a primary-key file
with Paimon's _KEY_/_SEQUENCE_NUMBER/_VALUE_KIND columns).
"""
import glob
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import expected  # noqa: E402  (same JSON conventions as the corpus)

import json

TABLES = ["log_types", "pk_types", "pk_part"]


def main():
    warehouse = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
    for t in TABLES:
        files = glob.glob(os.path.join(warehouse, "fn_lake.db", t, "**", "*.parquet"), recursive=True)
        if not files:
            sys.exit("no data files for fn_lake.%s under %s" % (t, warehouse))
        src = min(files, key=os.path.getsize)
        dst = os.path.join(out, "paimon_%s.parquet" % t)
        shutil.copyfile(src, dst)
        with open(os.path.join(out, "paimon_%s.json" % t), "w") as f:
            json.dump(expected(dst), f, separators=(",", ":"), sort_keys=True)
        print("%s <- %s (%d bytes)" % (dst, src, os.path.getsize(dst)))


if __name__ == "__main__":
    main()
