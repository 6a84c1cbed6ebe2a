"""DuckDB, pandas and polars read a Scan (Arrow PyCapsule stream) and get
pyarrow's result; the batches are handed over without a copy."""
import pyarrow as pa
import pyarrow.compute as pc
import pytest

import fluss_native as fn

duckdb = pytest.importorskip("duckdb")


def _rows(table, key):
    return sorted(table.to_pylist(), key=lambda r: r[key])


def test_duckdb_select_equals_pyarrow(client):
    scan = client.table("fn_lake.log_bkey").scan(columns=["id", "k", "amount", "flag"])
    want = scan.to_arrow()
    got = duckdb.sql("SELECT id, k, amount, flag FROM scan").arrow()
    if isinstance(got, pa.RecordBatchReader):  # duckdb >= 1.4 returns a reader
        got = got.read_all()
    assert _rows(got, "id") == _rows(want, "id")


def test_duckdb_where_equals_fluss_filter(client):
    table = client.table("fn_lake.pk")
    scan = table.scan()
    got = duckdb.sql("SELECT id, name FROM scan WHERE id BETWEEN 2 AND 50 ORDER BY id").fetchall()
    want = table.scan(columns=["id", "name"], filter=fn.col("id").between(2, 50)).to_arrow().sort_by("id")
    assert got == [tuple(r.values()) for r in want.to_pylist()]


def test_duckdb_aggregate_over_union_read_equals_pyarrow(client):
    table = client.table("fn_lake.log_bkey")
    scan = table.scan(tier="union")
    assert table.plan(tier="union").tier == "union"
    got = duckdb.sql("SELECT k, count(*) AS n, sum(amount) AS total, max(id) AS top FROM scan "
                     "GROUP BY k ORDER BY k NULLS FIRST").fetchall()
    arrow = scan.to_arrow()
    agg = arrow.group_by("k").aggregate([([], "count_all"), ("amount", "sum"), ("id", "max")])
    want = sorted(((r["k"], r["count_all"], r["amount_sum"], r["id_max"]) for r in agg.to_pylist()),
                  key=lambda t: (t[0] is not None, t[0] or ""))
    assert got == want
    assert sum(n for _, n, _, _ in got) == arrow.num_rows > 0


def test_pandas_equals_pyarrow(client):
    import pandas as pd

    scan = client.table("fn_types.log_all_types").scan()
    pd.testing.assert_frame_equal(scan.to_pandas(), scan.to_arrow().to_pandas())
    # and pandas through DuckDB agrees on a simple projection
    scan2 = client.table("fn_lake.pk").scan(columns=["id", "score"])
    via_duckdb = duckdb.sql("SELECT id, score FROM scan2 ORDER BY id").df()
    via_arrow = scan2.to_arrow().sort_by("id").to_pandas()
    pd.testing.assert_frame_equal(via_duckdb.reset_index(drop=True), via_arrow, check_dtype=False)


def test_polars_equals_pyarrow(client):
    pl = pytest.importorskip("polars")
    scan = client.table("fn_types.log_nested").scan()
    want = pl.from_arrow(scan.to_arrow())
    assert scan.to_polars().equals(want)
    # polars' own PyCapsule import of the stream
    assert pl.DataFrame(scan).equals(want)


def _buffer_addresses(array):
    out = []
    for b in array.buffers():
        if b is not None:
            out.append(b.address)
    return out


def test_to_arrow_does_not_copy_buffers(client):
    # The ArrowArray buffers the library hands out are the pyarrow batches' buffers.
    scan = client.table("fn_types.log_all_types").scan()
    reader = scan._reader()
    schema = reader.schema_capsule
    seen = 0
    while True:
        got = reader.next_with_addresses()
        if got is None:
            break
        capsule, c_addresses = got
        batch = pa.RecordBatch._import_from_c_capsule(schema(), capsule)
        arrow_addresses = set()
        for column in batch.columns:
            arrow_addresses.update(_buffer_addresses(column))
        # every buffer of the C struct array's children is one pyarrow uses (the struct's own
        # validity buffer, if any, is dropped by the import of a record batch)
        missing = [a for a in c_addresses if a not in arrow_addresses]
        assert len(missing) <= 1, missing
        assert len(c_addresses) - len(missing) >= batch.num_columns
        seen += 1
    assert seen > 0


def test_to_arrow_table_keeps_batches_as_read(client):
    scan = client.table("fn_lake.log_bkey").scan(columns=["id"])
    table = scan.to_arrow()
    batches = list(scan.to_batches())
    assert table.column("id").num_chunks == len(batches)


def test_polars_shares_buffers_with_pyarrow(client):
    pl = pytest.importorskip("polars")
    table = client.table("fn_lake.log_bkey").scan(columns=["id"]).to_arrow().combine_chunks()
    frame = pl.from_arrow(table, rechunk=False)
    arrow_values = table.column("id").chunk(0).buffers()[1].address
    polars_values = frame["id"]._get_buffer_info()[0]
    assert polars_values == arrow_values


def test_reader_from_stream_capsule(client):
    scan = client.table("fn_lake.pk").scan()
    via_reader = scan.to_reader().read_all()
    assert via_reader.equals(scan.to_arrow())
    assert pa.table(scan).equals(via_reader)  # pyarrow's PyCapsule import
