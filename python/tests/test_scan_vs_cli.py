"""Table.scan(...).to_arrow() equals the C++ CLI's Arrow IPC output of the same query
(fluss-native --output-ipc), for log, lake, union and primary-key tables, every
type including nested ones, with projection, filter and limit."""
import pytest

import fluss_native as fn
from fluss_native import col
from helpers import assert_same_table, sorted_rows

# (id, SQL for the CLI, Table.scan keywords, tier)
CASES = [
    ("log_all_types", "SELECT * FROM fn_types.log_all_types", dict(), "auto"),
    ("log_nested", "SELECT * FROM fn_types.log_nested", dict(), "auto"),
    ("log_lake_union", "SELECT * FROM fn_types.log_lake", dict(), "union"),
    ("log_lake_lake", "SELECT * FROM fn_types.log_lake", dict(), "lake"),
    ("log_lake_log", "SELECT * FROM fn_types.log_lake", dict(), "log"),
    ("lake_log_types", "SELECT * FROM fn_lake.log_types", dict(), "auto"),
    ("lake_log_part", "SELECT * FROM fn_lake.log_part", dict(), "auto"),
    ("pk_lake_union", "SELECT * FROM fn_lake.pk", dict(), "auto"),
    ("pk_part_union", "SELECT * FROM fn_lake.pk_part", dict(), "auto"),
    ("pk_all_types", "SELECT * FROM fn_types.pk_all_types", dict(), "auto"),
    ("pk_composite_log", "SELECT * FROM fn_types.pk_composite", dict(), "auto"),
    ("union_pk_ts9", "SELECT * FROM fn_union.pk_ts9", dict(), "auto"),
    ("union_log_ttl", "SELECT * FROM fn_union.log_ttl", dict(), "auto"),
    ("union_pk_part_drop", "SELECT * FROM fn_union.pk_part_drop", dict(), "auto"),
    ("parts_pk_row", "SELECT * FROM fn_parts.pk_part_region", dict(), "auto"),
    ("parts_pk_map", "SELECT * FROM fn_parts.pk_part_auto_day", dict(), "auto"),
    ("parts_log_array", "SELECT * FROM fn_parts.log_part_region", dict(), "auto"),
    ("parts_multi_filter", "SELECT * FROM fn_parts.log_part_multi WHERE yr >= 2024",
     dict(filter=col("yr") >= 2024), "auto"),
    ("projection", "SELECT amount, id FROM fn_lake.log_bkey", dict(columns=["amount", "id"]), "auto"),
    ("filter_text", "SELECT id, k, amount FROM fn_lake.log_bkey WHERE id > 5 AND flag = TRUE",
     dict(columns=["id", "k", "amount"], filter="id > 5 AND flag = TRUE"), "auto"),
    ("filter_expr", "SELECT id, k, amount FROM fn_lake.log_bkey WHERE id > 5 AND flag = TRUE",
     dict(columns=["id", "k", "amount"], filter=(col("id") > 5) & (col("flag") == True)), "auto"),  # noqa: E712
    ("filter_in_null", "SELECT * FROM fn_lake.pk WHERE id IN (1, 2, 3, 40) OR name IS NULL",
     dict(filter=col("id").isin([1, 2, 3, 40]) | col("name").is_null()), "auto"),
    ("filter_between_not", "SELECT name, id FROM fn_lake.pk WHERE NOT (id BETWEEN 2 AND 50)",
     dict(columns=["name", "id"], filter=~col("id").between(2, 50)), "auto"),
    ("filter_nested_types", "SELECT * FROM fn_types.log_nested WHERE id >= 2",
     dict(filter=col("id") >= 2), "auto"),
    ("limit_log", "SELECT id, ts FROM fn_types.log_big LIMIT 100", dict(columns=["id", "ts"], limit=100), "auto"),
    ("limit_lake", "SELECT * FROM fn_lake.log_bkey LIMIT 7", dict(limit=7), "lake"),
    ("filter_limit_union", "SELECT id, amount FROM fn_lake.log_bkey WHERE amount > 10 LIMIT 5",
     dict(columns=["id", "amount"], filter="amount > 10", limit=5), "union"),
]


@pytest.mark.parametrize("sql,kwargs,tier", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_scan_equals_cli(client, cli_ipc, sql, kwargs, tier):
    table = sql.split(" FROM ")[1].split()[0]
    got = client.table(table).scan(tier=tier, **kwargs).to_arrow()
    want = cli_ipc(sql, tier=tier)
    assert_same_table(got, want, ordered=True, what=sql)


def test_indexed_log_is_refused_like_the_cli(client, cli, bootstrap):
    # INDEXED logs are not read (the library says so rather than misread).
    import subprocess

    with pytest.raises(fn.Unsupported) as e:
        client.table("fn_types.log_indexed").scan().to_arrow()
    assert "INDEXED" in str(e.value)
    proc = subprocess.run([cli, "--bootstrap", bootstrap, "-e", "SELECT * FROM fn_types.log_indexed"],
                          capture_output=True, text=True)
    assert proc.returncode != 0 and "INDEXED" in proc.stderr


def test_fixture_tables_have_rows(client):
    # The comparisons above mean something only if the tables are not empty.
    for t in ["fn_types.log_all_types", "fn_types.log_nested", "fn_types.log_lake", "fn_lake.pk",
              "fn_union.pk_ts9", "fn_lake.log_bkey"]:
        assert client.table(t).scan().to_arrow().num_rows > 0, t


def test_schema_is_the_scans_schema(client):
    for t in ["fn_types.log_all_types", "fn_types.log_nested", "fn_lake.pk_part", "fn_parts.pk_part_region"]:
        table = client.table(t)
        assert table.schema.equals(table.scan(limit=1).to_arrow().schema, check_metadata=False), t
        assert fn.Scan.__arrow_c_schema__  # the protocol is there


def test_progress_read_equals_plain_read(client, capsys):
    scan = client.table("fn_lake.log_part").scan(filter="n >= 0")
    plain = scan.to_arrow()
    with_progress = scan.to_arrow(progress=True)
    assert sorted_rows(with_progress) == sorted_rows(plain)
    limited = client.table("fn_lake.log_bkey").scan(limit=5).to_arrow(progress=True)
    assert limited.num_rows == 5


def test_progress_without_tqdm_prints_a_plain_line(client, capsys, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm raises ImportError
    scan = client.table("fn_lake.log_part").scan(tier="union")
    got = scan.to_arrow(progress=True)
    err = capsys.readouterr().err
    n = len(scan.plan().splits)
    assert "%d/%d splits, %d rows" % (n, n, got.num_rows) in err
