#!/usr/bin/env python3
"""Cross-checks the union-read oracle of a union fixture directory (union-tail + union-read.sh
output, e.g. DIR/union/): for every table of the spec, Fluss's union read (union.<db.t>.jsonl)
must equal the Paimon oracle of the readable lake snapshot (<db.t>.lake.jsonl, system columns
dropped) plus the Fluss log tail from the Java LogScanner (<db.t>.rows.jsonl, records at offsets
>= that snapshot's offset of the bucket; all records of buckets the snapshot lacks), applied by
primary key for PK tables. MAP entry order is ignored. A table whose union read failed
(union.<db.t>.error) is reported as such. Tables with "union_read_known_bad" in the spec (defects
of Fluss 0.9.1's union read) are reported KNOWN, or FIXED? if they match. Usage: check_union.py DIR
SPEC; exit 1 on any other mismatch or error."""
import json
import os
import sys

D, SPEC = sys.argv[1], sys.argv[2]
spec = json.load(open(SPEC))
tail = json.load(open(f"{D}/tail-summary.json"))
SYS = ("__bucket", "__offset", "__timestamp")


def norm(v):
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    if isinstance(v, list):
        l = [norm(x) for x in v]
        if l and all(isinstance(x, list) and len(x) == 2 for x in l):
            return sorted(l, key=lambda p: json.dumps(p))
        return l
    return v


def canon(row):
    return json.dumps(norm(row), sort_keys=True)


allok = True
nknown = 0
for db in spec["databases"]:
    for t in db["tables"]:
        name = f"{db['name']}.{t['name']}"
        pk = t.get("primary_key", [])
        known = t.get("union_read_known_bad")
        lake = []
        if os.path.exists(f"{D}/{name}.lake.jsonl"):
            lake = [{k: v for k, v in json.loads(l).items() if k not in SYS}
                    for l in open(f"{D}/{name}.lake.jsonl")]
        lake_off = {(o["partition"], o["bucket"]): o["lake_log_offset"]
                    for o in tail[name]["offsets"]}
        recs = [json.loads(l) for l in open(f"{D}/{name}.rows.jsonl")]
        tail_recs = [r for r in recs
                     if lake_off.get((r["partition"], r["bucket"])) is None
                     or r["offset"] >= lake_off[(r["partition"], r["bucket"])]]
        if pk:
            st = {json.dumps([r[c] for c in pk]): r for r in lake}
            for r in tail_recs:
                k = json.dumps([r["row"][c] for c in pk])
                if r["change_type"] in ("-D", "-U"):
                    st.pop(k, None)
                else:
                    st[k] = r["row"]
            exp = sorted(canon(r) for r in st.values())
        else:
            exp = sorted([canon(r) for r in lake] + [canon(r["row"]) for r in tail_recs])
        # The lake-plus-tail rows, for readers checked where Fluss's own union read is wrong.
        with open(f"{D}/expected.{name}.jsonl", "w") as out:
            out.writelines(r + "\n" for r in exp)
        if os.path.exists(f"{D}/union.{name}.error"):
            first = open(f"{D}/union.{name}.error").read().strip().splitlines()[-1]
            print(f"{name}: union read FAILED ({first}){' KNOWN' if known else ''}")
            allok &= bool(known)
            nknown += bool(known)
            continue
        got = sorted(canon(json.loads(l)["row"]) for l in open(f"{D}/union.{name}.jsonl"))
        ok = exp == got
        allok &= ok or bool(known)
        nknown += bool(known) and not ok
        extra = ""
        if not ok:
            e, g = set(exp), set(got)
            extra = f" missing {sorted(e - g)[:2]} unexpected {sorted(g - e)[:2]}"
        print(f"{name}: union rows {len(got)}, lake {len(lake)} + tail {len(tail_recs)} records"
              f" -> {len(exp)}: {('FIXED?' if known else 'OK') if ok else ('KNOWN' if known else 'MISMATCH')}{extra}")
print(("ALL OK" + (f" ({nknown} known Fluss 0.9.1 defects)" if nknown else "")) if allok else "MISMATCH")
sys.exit(0 if allok else 1)
