"""Planned splits are self-contained: pickled or as Thrift bytes, read by
Client.read_split, they give what the one-stream scan gives."""
import pickle

import pyarrow as pa
import pytest

import fluss_native as fn
from helpers import sorted_rows

thrift = None


def _union(scans):
    tables = [s.to_arrow() for s in scans]
    return pa.concat_tables(tables) if tables else None


@pytest.mark.parametrize("path,kwargs", [
    ("fn_lake.log_part", dict(tier="union")),
    ("fn_lake.pk_part", dict()),
    ("fn_types.log_nested", dict(columns=["id", "n_arr_int"], filter="id > 1")),
])
def test_splits_read_like_the_scan(client, path, kwargs):
    table = client.table(path)
    plan = table.plan(**kwargs)
    assert len(plan) >= 1
    want = table.scan(**kwargs).to_arrow()
    splits = [pickle.loads(pickle.dumps(s)) for s in plan.splits]
    assert splits == plan.splits
    got = pa.concat_tables([client.read_split(s).to_arrow() for s in splits])
    assert got.schema.equals(want.schema)
    assert sorted_rows(got) == sorted_rows(want)


def test_thrift_round_trip(client):
    plan = client.table("fn_lake.log_bkey").plan(tier="union")
    for s in plan.splits:
        b = s.to_thrift()
        assert isinstance(b, bytes)
        again = fn.Split.from_thrift(b)
        assert again == s and again.to_thrift() == b
        assert again.table == "fn_lake.log_bkey"
        assert again.tier in ("LAKE_ONLY", "LOG_ONLY", "HYBRID")
    assert plan.tier == "union" and plan.lake_snapshot_id is not None
    assert "union" in plan.explain.lower() or "lake" in plan.explain.lower()


def test_split_estimates(client):
    table = client.table("fn_lake.log_bkey")
    plan = table.plan(tier="union")
    total = sum(s.estimated_rows() for s in plan.splits)
    assert total >= table.scan(tier="union").to_arrow().num_rows
    assert sum(s.estimated_bytes() for s in plan.splits) > 0


def test_explain(client):
    text = client.table("fn_lake.pk").scan(filter="id = 3").explain()
    assert "fn_lake.pk" in text


def test_lookup_equals_filtered_scan(client):
    table = client.table("fn_lake.pk")
    all_rows = table.scan().to_arrow().sort_by("id")
    ids = all_rows.column("id").to_pylist()[:3] + [10 ** 6]
    got = table.lookup(ids)
    want = table.scan(filter=fn.col("id").isin(ids)).to_arrow()
    assert got.sort_by("id").equals(want.sort_by("id"))
    assert got.num_rows == 3
    one = table.lookup(ids[0], columns=["name", "id"])
    assert one.column_names == ["name", "id"] and one.column("id").to_pylist() == [ids[0]]


def test_count(client):
    table = client.table("fn_lake.log_bkey")
    assert table.count() == table.scan().to_arrow().num_rows
    assert table.count(filter="id > 5") == table.scan(filter="id > 5").to_arrow().num_rows


def test_table_description(client):
    t = client.table("fn_lake.pk_part")
    assert t.primary_key == ["id", "region"] and t.partition_keys == ["region"]
    assert t.bucket_count == 2 and t.datalake_enabled and t.lake_snapshot_id is not None
    assert [f.name for f in t.schema] == [c["name"] for c in t.columns]
    assert "fn_lake" in client.list_databases()
    assert "pk_part" in client.list_tables("fn_lake")
    assert len(t.partitions()) >= 1
    assert client.table("fn_types.log_all_types").lake_snapshot_id is None
