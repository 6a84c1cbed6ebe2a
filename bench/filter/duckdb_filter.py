#!/usr/bin/env python3
"""DuckDB running a WHERE over Parquet files (the same Paimon files
fluss-native reads), timed: prints one JSON line like filter_bench's.

    duckdb_filter.py FILES_LIST WHERE [REPEAT]

FILES_LIST holds one path a line; WHERE may be empty (no filter). CPU is
this process's (DuckDB's threads included); bytes are what the process read
through read(2)/pread(2) (/proc/self/io rchar).
"""
import json
import resource
import sys
import time

import duckdb


def rchar():
    with open("/proc/self/io") as f:
        for line in f:
            if line.startswith("rchar:"):
                return int(line.split()[1])
    return 0


def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def main():
    files = [l.strip() for l in open(sys.argv[1]) if l.strip()]
    where = sys.argv[2]
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    con = duckdb.connect()
    con.execute("SET threads TO 1")  # one core, as fluss-native's scan uses
    listing = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"
    sql = f"SELECT * FROM read_parquet({listing})" + (f" WHERE {where}" if where else "")
    for _ in range(repeat):
        b0, c0, t0 = rchar(), cpu(), time.perf_counter()
        table = con.execute(sql).fetch_arrow_table()
        wall, c1, b1 = time.perf_counter() - t0, cpu(), rchar()
        print(json.dumps({"rows": table.num_rows, "wall_s": round(wall, 4), "cpu_s": round(c1 - c0, 4),
                          "bytes_read": b1 - b0}))


if __name__ == "__main__":
    main()
