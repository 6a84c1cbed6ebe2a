#!/usr/bin/env python3
"""Footer statistics of Parquet files, read by pyarrow (the oracle the
pruning test checks our counters against).

    parquet_footer_stats.py COLUMN FILE...

prints one JSON object per line: {"path", "row_groups": [{"rows", "min",
"max", "nulls"}]} for COLUMN (min/max null when the footer has none).
"""
import json
import sys

import pyarrow.parquet as pq


def main():
    column = sys.argv[1]
    for path in sys.argv[2:]:
        meta = pq.ParquetFile(path).metadata
        groups = []
        for i in range(meta.num_row_groups):
            rg = meta.row_group(i)
            entry = {"rows": rg.num_rows, "min": None, "max": None, "nulls": None}
            for c in range(rg.num_columns):
                col = rg.column(c)
                if col.path_in_schema != column:
                    continue
                st = col.statistics
                if st is not None and st.has_min_max:
                    entry["min"], entry["max"] = st.min, st.max
                if st is not None and st.has_null_count:
                    entry["nulls"] = st.null_count
            groups.append(entry)
        print(json.dumps({"path": path, "row_groups": groups}))


if __name__ == "__main__":
    main()
