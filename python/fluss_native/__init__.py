"""fluss_native: read Apache Fluss tables into pyarrow, pandas, polars, DuckDB and Ray.

    import fluss_native as fn
    client = fn.connect("127.0.0.1:9123")
    table = client.table("db.orders")
    scan = table.scan(columns=["id", "amount"], filter=fn.col("amount") > 100)
    arrow_table = scan.to_arrow()            # or to_pandas(), to_polars()
    duckdb.sql("SELECT count(*) FROM scan")  # any Arrow PyCapsule consumer

Reads are union reads (lake snapshot + log tail) where the table has a
readable lake snapshot; ``tier=`` chooses. Errors are FlussError
subclasses named after the library's status codes (NotFound,
InvalidArgument, Network, Timeout, Cancelled, ...).
"""

from ._errors import (
    AlreadyExists,
    Authentication,
    Authorization,
    Cancelled,
    Corruption,
    FlussError,
    Internal,
    InvalidArgument,
    Network,
    NotFound,
    NotLeader,
    OutOfRange,
    ResourceExhausted,
    Schema,
    ServerError,
    Timeout,
    Unsupported,
)
from ._expr import Column, Expression, col
from ._client import Client, Plan, Scan, Split, Table, connect

__version__ = "0.1.0"

__all__ = [
    "connect", "Client", "Table", "Scan", "Plan", "Split", "col", "Column", "Expression",
    "FlussError", "InvalidArgument", "NotFound", "AlreadyExists", "Authentication", "Authorization",
    "Schema", "Network", "Timeout", "NotLeader", "Corruption", "Unsupported", "OutOfRange",
    "Cancelled", "ServerError", "Internal", "ResourceExhausted",
]
