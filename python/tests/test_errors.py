"""Errors are fluss_native exceptions typed by the library's Status code, with its message."""
import socket

import pytest

import fluss_native as fn


def test_unknown_table(client):
    with pytest.raises(fn.NotFound) as e:
        client.table("fn_types.no_such_table")
    assert "no_such_table" in str(e.value)
    assert e.value.code == "NotFound"
    assert isinstance(e.value, fn.FlussError) and isinstance(e.value, LookupError)


def test_unknown_database(client):
    with pytest.raises(fn.NotFound) as e:
        client.list_tables("no_such_db")
    assert "no_such_db" in str(e.value)


def test_bad_column(client):
    scan = client.table("fn_lake.log_bkey").scan(columns=["id", "no_such_column"])
    with pytest.raises(fn.InvalidArgument) as e:
        scan.to_arrow()
    assert "no_such_column" in str(e.value)
    assert "fn_lake.log_bkey" in str(e.value)


def test_bad_column_in_filter(client):
    with pytest.raises(fn.InvalidArgument) as e:
        client.table("fn_lake.log_bkey").scan(filter=fn.col("nope") > 1).to_arrow()
    assert "nope" in str(e.value)


def test_bad_predicate_text(client):
    with pytest.raises(fn.InvalidArgument) as e:
        client.table("fn_lake.log_bkey").scan(filter="id > AND").to_arrow()
    msg = str(e.value)
    assert "position" in msg or "expected" in msg, msg


def test_predicate_type_mismatch(client):
    with pytest.raises(fn.InvalidArgument) as e:
        client.table("fn_lake.log_bkey").scan(filter=fn.col("id") == "x").to_arrow()
    assert "id" in str(e.value)


def test_bad_tier(client):
    with pytest.raises(fn.InvalidArgument) as e:
        client.table("fn_lake.log_bkey").scan(tier="sideways").to_arrow()
    assert "sideways" in str(e.value)


def test_lake_tier_of_a_table_without_lake(client):
    with pytest.raises(fn.FlussError) as e:
        client.table("fn_types.log_all_types").scan(tier="lake").to_arrow()
    assert "log_all_types" in str(e.value)


def _closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_cluster_down():
    port = _closed_port()
    with pytest.raises((fn.Network, fn.Timeout)) as e:
        fn.connect("127.0.0.1:%d" % port, **{"client.connect-timeout": "1s", "client.call-timeout": "3s",
                                              "client.retries": "1"})
    assert "127.0.0.1:%d" % port in str(e.value)
    assert e.value.retriable


def test_bad_config_value():
    with pytest.raises(fn.InvalidArgument) as e:
        fn.connect("127.0.0.1:1", **{"client.request-timeout": "soon"})
    assert "client.request-timeout" in str(e.value)


def test_secrets_are_not_in_repr(client, bootstrap):
    c = fn.connect(bootstrap, sasl_username="alice", sasl_password="s3cr3t-pw",
                   **{"client.request-timeout": "20s"})
    text = repr(c)
    assert "s3cr3t-pw" not in text and "alice" in text and "***" in text


def test_lookup_on_log_table(client):
    with pytest.raises(fn.InvalidArgument):
        client.table("fn_lake.log_bkey").lookup([1])


def test_corrupt_split_bytes(client):
    with pytest.raises((fn.Corruption, fn.InvalidArgument)):
        fn.Split.from_thrift(b"\x0b\x00\x01garbage")


def test_sasl_against_a_plaintext_cluster_fails_without_echoing_the_password(bootstrap):
    with pytest.raises(fn.Authentication) as e:
        fn.connect(bootstrap, security_protocol="SASL", sasl_username="alice", sasl_password="s3cr3t-pw",
                   **{"client.connect-timeout": "2s", "client.call-timeout": "5s", "client.retries": "1"})
    assert "s3cr3t-pw" not in str(e.value) and "s3cr3t-pw" not in repr(e.value)
    assert "SASL" in str(e.value)
