"""Filter expressions: ``col("id") > 5``, ``&``, ``|``, ``~``, ``isin``,
``is_null``, ``between``, ``like``.

They render to the predicate grammar the CLI and ``filter="..."`` take
(include/fluss_native/predicate.h), so one parser checks both: an
expression is nothing but a safer way to write that text (names are
quoted, literals are typed from their Python values).
"""

import datetime as _dt
import decimal as _decimal
import math as _math

__all__ = ["col", "Column", "Expression", "sql_literal", "quote_identifier"]


def quote_identifier(name):
    """`name`, with backticks doubled: safe for any column name."""
    return "`" + str(name).replace("`", "``") + "`"


def _timestamp_text(value):
    if value.tzinfo is not None:
        value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return value.strftime("%Y-%m-%d %H:%M:%S") + ".%06d" % value.microsecond


def sql_literal(value):
    """A Python value as a literal of the predicate grammar.

    None → NULL, bool → TRUE/FALSE, int → integer, float → DOUBLE (NaN and
    infinities as CAST('NaN' AS DOUBLE)), decimal.Decimal → exact DECIMAL,
    str → string, bytes → X'..', date → DATE, datetime → TIMESTAMP (an
    aware one in UTC, for TIMESTAMP_LTZ columns), time → TIME.
    """
    if hasattr(value, "item") and not isinstance(value, (bytes, str)):  # numpy scalars
        value = value.item()
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if _math.isnan(value):
            return "CAST('NaN' AS DOUBLE)"
        if _math.isinf(value):
            return "CAST('%s' AS DOUBLE)" % ("Infinity" if value > 0 else "-Infinity")
        return repr(value) + ("" if "e" in repr(value) else "E0")
    if isinstance(value, _decimal.Decimal):
        if not value.is_finite():
            raise ValueError("a DECIMAL literal must be finite, got %r" % value)
        return format(value, "f")
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "X'" + bytes(value).hex() + "'"
    if isinstance(value, _dt.datetime):
        return "TIMESTAMP '" + _timestamp_text(value) + "'"
    if isinstance(value, _dt.date):
        return "DATE '" + value.isoformat() + "'"
    if isinstance(value, _dt.time):
        return "TIME '%02d:%02d:%02d.%06d'" % (value.hour, value.minute, value.second, value.microsecond)
    raise TypeError("no fluss_native literal for %s %r" % (type(value).__name__, value))


class Expression:
    """A predicate: combine with ``&`` (AND), ``|`` (OR) and ``~`` (NOT)."""

    __slots__ = ("_sql",)

    def __init__(self, sql):
        self._sql = sql

    def to_sql(self):
        """The predicate's text, as ``filter="..."`` takes it."""
        return self._sql

    def __and__(self, other):
        return Expression("(%s AND %s)" % (self._sql, _as_sql(other)))

    def __rand__(self, other):
        return Expression("(%s AND %s)" % (_as_sql(other), self._sql))

    def __or__(self, other):
        return Expression("(%s OR %s)" % (self._sql, _as_sql(other)))

    def __ror__(self, other):
        return Expression("(%s OR %s)" % (_as_sql(other), self._sql))

    def __invert__(self):
        return Expression("(NOT %s)" % self._sql)

    def __bool__(self):
        raise TypeError("a fluss_native expression has no truth value: use & | ~, not and/or/not")

    def __str__(self):
        return self._sql

    def __repr__(self):
        return "Expression(%r)" % self._sql


def _as_sql(e):
    if isinstance(e, Expression):
        return e.to_sql()
    if isinstance(e, str):
        return "(" + e + ")"
    raise TypeError("expected a fluss_native expression or predicate text, got %r" % (e,))


class Column:
    """A column (or a field of a ROW column: ``col("addr", "city")``)."""

    __slots__ = ("_path",)

    def __init__(self, *names):
        if not names:
            raise ValueError("col() needs a column name")
        self._path = ".".join(quote_identifier(n) for n in names)

    def _cmp(self, op, value):
        return Expression("%s %s %s" % (self._path, op, sql_literal(value)))

    def __eq__(self, value):  # noqa: D105
        return self._cmp("=", value)

    def __ne__(self, value):
        return self._cmp("<>", value)

    def __lt__(self, value):
        return self._cmp("<", value)

    def __le__(self, value):
        return self._cmp("<=", value)

    def __gt__(self, value):
        return self._cmp(">", value)

    def __ge__(self, value):
        return self._cmp(">=", value)

    __hash__ = None

    def isin(self, values):
        """``column IN (values...)`` (SQL semantics: a NULL among them makes a miss UNKNOWN)."""
        values = list(values)
        if not values:
            raise ValueError("isin() needs at least one value")
        return Expression("%s IN (%s)" % (self._path, ", ".join(sql_literal(v) for v in values)))

    def not_in(self, values):
        """``column NOT IN (values...)``."""
        values = list(values)
        if not values:
            raise ValueError("not_in() needs at least one value")
        return Expression("%s NOT IN (%s)" % (self._path, ", ".join(sql_literal(v) for v in values)))

    def is_null(self):
        return Expression("%s IS NULL" % self._path)

    def is_not_null(self):
        return Expression("%s IS NOT NULL" % self._path)

    def between(self, low, high):
        """``low <= column AND column <= high``."""
        return Expression("%s BETWEEN %s AND %s" % (self._path, sql_literal(low), sql_literal(high)))

    def like(self, pattern, escape=None):
        """``column LIKE pattern`` (``%`` any run, ``_`` one character)."""
        text = "%s LIKE %s" % (self._path, sql_literal(str(pattern)))
        if escape is not None:
            text += " ESCAPE " + sql_literal(str(escape))
        return Expression(text)

    def __repr__(self):
        return "col(%s)" % self._path


def col(*names):
    """A column to build a filter from: ``col("id") > 5``."""
    return Column(*names)
