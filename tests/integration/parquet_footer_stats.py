#!/usr/bin/env python3
"""Footer statistics of Parquet files, read by pyarrow (the oracle the
pruning test checks our counters against).

    parquet_footer_stats.py [--distinct] COLUMN FILE...

prints one JSON object per line: {"path", "row_groups": [{"rows", "min",
"max", "nulls"}]} for COLUMN (min/max null when the footer has none); with
--distinct each row group also lists its distinct non-null values of COLUMN
as pyarrow reads them ("distinct"). "dictionary": the chunk has a
dictionary page.
"""
import json
import sys

import pyarrow.parquet as pq


def main():
    args = sys.argv[1:]
    distinct = args[0] == "--distinct"
    if distinct:
        args = args[1:]
    column = args[0]
    for path in args[1:]:
        pf = pq.ParquetFile(path)
        meta = pf.metadata
        groups = []
        for i in range(meta.num_row_groups):
            rg = meta.row_group(i)
            entry = {"rows": rg.num_rows, "min": None, "max": None, "nulls": None, "dictionary": False}
            for c in range(rg.num_columns):
                col = rg.column(c)
                if col.path_in_schema != column:
                    continue
                st = col.statistics
                if st is not None and st.has_min_max:
                    entry["min"], entry["max"] = st.min, st.max
                if st is not None and st.has_null_count:
                    entry["nulls"] = st.null_count
                entry["dictionary"] = bool(col.has_dictionary_page)
            if distinct:
                values = pf.read_row_group(i, columns=[column]).column(0).to_pylist()
                entry["distinct"] = sorted({v for v in values if v is not None})
            groups.append(entry)
        print(json.dumps({"path": path, "row_groups": groups}))


if __name__ == "__main__":
    main()
