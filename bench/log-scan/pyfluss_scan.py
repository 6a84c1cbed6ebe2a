#!/usr/bin/env python3
"""pyfluss's side of bench/log-scan: scans a whole log table (all columns,
every bucket, earliest to the latest offsets) with pyfluss's Arrow record-batch
log scanner, counting rows and touching nothing else. One warm-up scan, then
RUNS measured scans; prints one JSON line per measured scan:
{"rows":..,"cpu_s":..,"wall_s":..}, cpu_s being time.process_time() (all
threads of this process, including fluss-rust's tokio runtime) around the scan.

Usage: pyfluss_scan.py BOOTSTRAP DB.TABLE [RUNS]
"""
import asyncio
import json
import sys
import time

import fluss


async def scan_once(table, num_buckets):
    scanner = await table.new_scan().create_record_batch_log_scanner()
    scanner.subscribe_buckets({b: fluss.EARLIEST_OFFSET for b in range(num_buckets)})
    rows = 0
    # to_arrow_batch_reader reads until the latest offsets (taken when it starts)
    for batch in scanner.to_arrow_batch_reader():
        rows += batch.num_rows
    return rows


async def main():
    bootstrap, name = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    db, tbl = name.split(".", 1)
    conn = await fluss.FlussConnection.create(fluss.Config({"bootstrap.servers": bootstrap}))
    table = await conn.get_table(fluss.TablePath(db, tbl))
    num_buckets = table.get_table_info().num_buckets
    await scan_once(table, num_buckets)  # warm-up: connections, metadata
    for _ in range(runs):
        cpu0, wall0 = time.process_time(), time.perf_counter()
        rows = await scan_once(table, num_buckets)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        print(json.dumps({"rows": rows, "cpu_s": round(cpu, 4), "wall_s": round(wall, 4)}), flush=True)
    await conn.close()


if __name__ == "__main__":
    asyncio.run(main())
