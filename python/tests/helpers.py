"""Table comparison that treats NaN as equal to NaN (pyarrow's equals does not)."""
import math


def _canon(v):
    if isinstance(v, float) and math.isnan(v):
        return ("NaN",)
    if isinstance(v, dict):
        return {k: _canon(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_canon(x) for x in v]
    return v


def rows(table):
    """The rows as dicts, NaN made comparable."""
    return [_canon(r) for r in table.to_pylist()]


def sorted_rows(table):
    return sorted(rows(table), key=repr)


def assert_same_table(got, want, ordered=True, what=""):
    assert got.schema.equals(want.schema, check_metadata=False), "%s\n%s\n---\n%s" % (what, got.schema, want.schema)
    assert got.num_rows == want.num_rows, what
    if got.equals(want):
        return
    if ordered:
        assert rows(got) == rows(want), what
    else:
        assert sorted_rows(got) == sorted_rows(want), what
