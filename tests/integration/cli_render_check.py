#!/usr/bin/env python3
"""Checks the CLI's rendering of DATE/TIME/TIMESTAMP/TIMESTAMP_LTZ values
against Python's datetime and zoneinfo (an oracle we did not write).

  cli_render_check.py JAVA_ROWS.jsonl CLI_ROWS.jsonl ZONE META.json TABLE

JAVA_ROWS: the testing tool's dump-rows of a log table (dates in days, times
in milliseconds of the day, timestamps in epoch nanoseconds); CLI_ROWS: the
CLI's `--format jsonl --time-zone ZONE` output of `SELECT * FROM t$log`.
META: the testing tool's dump-meta (the column types of TABLE, db.tbl).
Rows are matched by (__bucket, __offset). Prints the number of values checked;
exits 1 with the first mismatches."""
import datetime as dt
import json
import re
import sys
from zoneinfo import ZoneInfo

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def fraction(nanos, p):
    return "" if p == 0 else "." + f"{nanos:09d}"[:p]


def offset_text(delta):
    s = int(delta.total_seconds())
    sign = "-" if s < 0 else "+"
    s = abs(s)
    out = f"{sign}{s // 3600:02d}:{s // 60 % 60:02d}"
    return out + (f":{s % 60:02d}" if s % 60 else "")


def expected(kind, p, v, zone):
    if kind == "DATE":
        return (dt.date(1970, 1, 1) + dt.timedelta(days=v)).isoformat()
    if kind == "TIME":
        ms = v
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}" + fraction(ms % 1000 * 1000000, p)
    seconds, nanos = divmod(v, 1_000_000_000)
    t = EPOCH + dt.timedelta(seconds=seconds)
    if kind == "TIMESTAMP":
        return t.strftime("%Y-%m-%dT%H:%M:%S").rjust(19, "0") + fraction(nanos, p)
    local = t.astimezone(zone)
    return local.strftime("%Y-%m-%dT%H:%M:%S") + fraction(nanos, p) + offset_text(local.utcoffset())


def column_kinds(columns):
    """{column: (kind, precision)} of the temporal columns of dump-meta's list."""
    kinds = {}
    for c in columns:
        name, t = c["name"], c["type"].replace(" NOT NULL", "")
        m = re.fullmatch(r"(DATE|TIME|TIMESTAMP)(?:\((\d)\))?( WITH LOCAL TIME ZONE)?", t)
        if m:
            kind = "TIMESTAMP_LTZ" if m.group(3) else m.group(1)
            kinds[name] = (kind, int(m.group(2) or 0))
    return kinds


def main():
    java_path, cli_path, zone_name, meta_path, table = sys.argv[1:6]
    zone = ZoneInfo(zone_name)
    kinds = column_kinds(json.load(open(meta_path, encoding="utf-8"))["tables"][table]["columns"])
    java = {}
    for line in open(java_path, encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            java[(r["bucket"], r["offset"])] = r["row"]
    checked, bad = 0, []
    cli_rows = [json.loads(l) for l in open(cli_path, encoding="utf-8") if l.strip()]
    for r in cli_rows:
        jrow = java[(r["__bucket"], r["__offset"])]
        for col, (kind, p) in kinds.items():
            want = None if jrow[col] is None else expected(kind, p, jrow[col], zone)
            checked += 1
            if r[col] != want:
                bad.append(f"{col} at bucket {r['__bucket']} offset {r['__offset']}: cli {r[col]!r}, expected {want!r}")
    if len(cli_rows) != len(java):
        bad.append(f"cli returned {len(cli_rows)} rows, java {len(java)}")
    if bad:
        print("\n".join(bad[:10]))
        sys.exit(1)
    print(checked)


if __name__ == "__main__":
    main()
