#!/usr/bin/env python3
"""fluss_native's side of bench/python: Table.scan(tier=TIER).to_arrow() of a
whole table, one warm-up, then RUNS measured reads; one JSON line each:
{"rows":..,"cpu_s":..,"wall_s":..} (cpu_s: time.process_time(), all threads).

Usage: fluss_native_scan.py BOOTSTRAP DB.TABLE [RUNS [TIER]]
"""
import json
import sys
import time

import fluss_native


def main():
    bootstrap, name = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    tier = sys.argv[4] if len(sys.argv) > 4 else "auto"
    table = fluss_native.connect(bootstrap).table(name)
    table.scan(tier=tier).to_arrow()  # warm-up: connections, metadata
    for _ in range(runs):
        cpu0, wall0 = time.process_time(), time.perf_counter()
        rows = table.scan(tier=tier).to_arrow().num_rows
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        print(json.dumps({"rows": rows, "cpu_s": round(cpu, 4), "wall_s": round(wall, 4)}), flush=True)


if __name__ == "__main__":
    main()
