"""Exceptions: one class per fluss-native StatusCode, all FlussError.

The native module raises these by name (StatusCodeName: "NotFound", ...);
the message is the library's own, naming what failed and where (table,
bucket, offset, file, column). Where a builtin exception means the same,
the class is also one (NotFound is a LookupError, Timeout a TimeoutError,
...), so generic handlers keep working.
"""


class FlussError(Exception):
    """Base of every fluss_native error.

    Attributes: ``code`` (the StatusCode's name, e.g. "NotFound"),
    ``retriable`` (repeating the call later may succeed) and
    ``server_error_code`` (Fluss's wire error code, 0 when not the server's).
    """

    code = "Unknown"
    retriable = False
    server_error_code = 0


class InvalidArgument(FlussError, ValueError):
    """Bad user input: a statement, predicate, column, property or address."""


class NotFound(FlussError, LookupError):
    """A database, table, partition or snapshot does not exist."""


class AlreadyExists(FlussError):
    """What was to be created exists."""


class Authentication(FlussError, PermissionError):
    """SASL failed or is missing."""


class Authorization(FlussError, PermissionError):
    """The principal may not do this."""


class Schema(FlussError):
    """A schema is missing or incompatible."""


class Network(FlussError, ConnectionError):
    """Connecting, reading or writing failed, or the connection closed."""


class Timeout(FlussError, TimeoutError):
    """A deadline passed."""


class NotLeader(FlussError):
    """A bucket's leader moved or is unavailable."""


class Corruption(FlussError):
    """Bytes from a server or a file failed validation."""


class Unsupported(FlussError):
    """A feature or format fluss-native refuses rather than misreads."""


class OutOfRange(FlussError):
    """An offset is out of range."""


class Cancelled(FlussError):
    """The scan was cancelled."""


class ServerError(FlussError):
    """Another error the server reported."""


class Internal(FlussError):
    """A bug in fluss-native."""


class ResourceExhausted(FlussError, MemoryError):
    """Out of memory, or over the scan's memory budget."""


_BY_NAME = {c.__name__: c for c in FlussError.__subclasses__()}


def error_class(name):
    """The exception class of a StatusCode name (FlussError when unknown)."""
    return _BY_NAME.get(name, FlussError)
