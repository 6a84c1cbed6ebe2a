"""Expression objects render to the predicate grammar (no cluster needed):
the library's parser reads them back as the same predicate as the text."""
import datetime as dt
import decimal

import pytest

import fluss_native as fn
from fluss_native import _native, col


@pytest.mark.parametrize("expr,text", [
    (col("id") > 5, "id > 5"),
    ((col("a") == 1) & (col("b") != "x"), "a = 1 AND b <> 'x'"),
    ((col("a") < 1.5) | ~col("b").is_null(), "a < 1.5E0 OR NOT b IS NULL"),
    (col("id").isin([1, 2, None]), "id IN (1, 2, NULL)"),
    (col("id").not_in([1]), "id NOT IN (1)"),
    (col("d").between(dt.date(2024, 1, 1), dt.date(2024, 2, 1)),
     "d BETWEEN DATE '2024-01-01' AND DATE '2024-02-01'"),
    (col("ts") >= dt.datetime(2024, 1, 1, 12, 0, 0, 123456), "ts >= TIMESTAMP '2024-01-01 12:00:00.123456'"),
    (col("p") == decimal.Decimal("12.50"), "p = 12.50"),
    (col("b") == b"\x00\xff", "b = X'00ff'"),
    (col("s").like("a%"), "s LIKE 'a%'"),
    (col("addr", "city") == "it's", "addr.city = 'it''s'"),
    (col("weird name") == True, '"weird name" = TRUE'),  # noqa: E712
    (col("x") == float("nan"), "x = CAST('NaN' AS DOUBLE)"),
])
def test_expression_parses_like_text(expr, text):
    assert _native.normalise_predicate(expr.to_sql()) == _native.normalise_predicate(text)


def test_no_truth_value():
    with pytest.raises(TypeError):
        bool(col("a") > 1)
    with pytest.raises(TypeError):
        (col("a") > 1) and (col("b") > 2)


def test_bad_text_is_invalid_argument():
    with pytest.raises(fn.InvalidArgument) as e:
        _native.normalise_predicate("id >")
    assert e.value.code == "InvalidArgument"


def test_split_pickles():
    import pickle

    s = fn.Split(b"abc")
    assert pickle.loads(pickle.dumps(s)).to_thrift() == b"abc"
