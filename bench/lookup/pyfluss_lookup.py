#!/usr/bin/env python3
"""pyfluss's side of bench/lookup: latency of pyfluss's Lookuper (fluss-rust).
Each iteration looks up BATCH keys (round-robin over KEYS_FILE, JSON lines of
primary-key arrays) concurrently (asyncio.gather) and waits for all; prints one
JSON line like the other peers.

Usage: pyfluss_lookup.py BOOTSTRAP DB.TABLE KEYS_FILE BATCH ITERATIONS WARMUP
"""
import asyncio
import json
import sys
import time

import fluss


async def main():
    bootstrap, name, keys_file = sys.argv[1], sys.argv[2], sys.argv[3]
    batch, iterations, warmup = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    keys = [json.loads(l) for l in open(keys_file) if l.strip()]
    db, tbl = name.split(".", 1)
    conn = await fluss.FlussConnection.create(fluss.Config({"bootstrap.servers": bootstrap}))
    table = await conn.get_table(fluss.TablePath(db, tbl))
    lookuper = table.new_lookup().create_lookuper()
    lat, nxt, found, start = [], 0, 0, 0.0
    for it in range(-warmup, iterations):
        if it == 0:
            start = time.perf_counter()
        batch_keys = []
        for _ in range(batch):
            batch_keys.append(keys[nxt])
            nxt = (nxt + 1) % len(keys)
        t0 = time.perf_counter()
        rows = await asyncio.gather(*(lookuper.lookup(k) for k in batch_keys))
        t1 = time.perf_counter()
        if it >= 0:
            found += sum(1 for r in rows if r is not None)
            lat.append(t1 - t0)
    seconds = time.perf_counter() - start
    lat.sort()
    pct = lambda p: int(lat[min(len(lat) - 1, int(len(lat) * p))] * 1e6)
    print(json.dumps({"peer": "pyfluss", "batch": batch, "iterations": iterations, "p50_us": pct(0.5),
                      "p99_us": pct(0.99), "p999_us": pct(0.999),
                      "lookups_per_s": int(iterations * batch / seconds), "rows_found": found}), flush=True)
    await conn.close()


if __name__ == "__main__":
    asyncio.run(main())
