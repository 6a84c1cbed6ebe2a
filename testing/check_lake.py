#!/usr/bin/env python3
"""Cross-checks a fixture DIR: every recorded lake round (DIR/lake/<db.t>.<id>.jsonl) must equal the
Fluss changelog (DIR/rows/<db.t>.jsonl, from dump-rows) cut at that round's pinned log offsets
(DIR/lake/summary.json), applied by primary key for PK tables. Ignores __timestamp, MAP entry order,
and __offset -1 (rows tiered from a KV snapshot). Usage: check_lake.py DIR; exit 1 on mismatch."""
import json
import sys
D = sys.argv[1]
summ = json.load(open(f"{D}/lake/summary.json"))
meta = json.load(open(f"{D}/meta.json"))
def norm(v):
    if isinstance(v, dict): return {k: norm(x) for k, x in v.items()}
    if isinstance(v, list):
        l = [norm(x) for x in v]
        if l and all(isinstance(x, list) and len(x) == 2 for x in l):
            try: return sorted(l, key=lambda p: json.dumps(p))
            except Exception: pass
        return l
    return v
allok = True
for name, s in summ.items():
    t = meta["tables"][name]
    pk = t["primary_key"]
    recs = [json.loads(l) for l in open(f"{D}/rows/{name}.jsonl")]
    for rnd, (sid, offs) in enumerate(zip(s["snapshot_ids"], s["log_offsets"]), 1):
        lim = {(o["partition"], o["bucket"]): o["offset"] for o in offs}
        sel = [r for r in recs if r["offset"] < lim.get((r["partition"], r["bucket"]), 0)]
        if pk:
            st = {}
            for r in sel:
                k = json.dumps([r["row"][c] for c in pk])
                if r["change_type"] in ("-D", "-U"): st.pop(k, None)
                else: st[k] = r
            exp = sorted(json.dumps(norm(dict(r["row"], __bucket=r["bucket"], __offset=r["offset"])), sort_keys=True) for r in st.values())
        else:
            exp = sorted(json.dumps(norm(dict(r["row"], __bucket=r["bucket"], __offset=r["offset"])), sort_keys=True) for r in sel)
        gl = [{k: v for k, v in json.loads(l).items() if k != "__timestamp"} for l in open(f"{D}/lake/{name}.{sid}.jsonl")]
        neg = sum(1 for g in gl if g["__offset"] == -1)
        if pk and neg:
            offs_of = {json.dumps([r["row"][c] for c in pk]): r["offset"] for r in st.values()}
            for g in gl:
                if g["__offset"] == -1: g["__offset"] = offs_of.get(json.dumps([g[c] for c in pk]))
        got = sorted(json.dumps(norm(g), sort_keys=True) for g in gl)
        ok = exp == got
        allok &= ok
        print(name, "round", rnd, "snapshot", sid, "rows", len(got), "== Fluss changelog cut at round offsets:", ok, "(__offset -1:", neg, ")")
print("ALL OK" if allok else "MISMATCH")
sys.exit(0 if allok else 1)
