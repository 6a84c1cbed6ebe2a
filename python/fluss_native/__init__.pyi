from ._client import Client as Client, Plan as Plan, Scan as Scan, Split as Split, Table as Table, connect as connect
from ._errors import (
    AlreadyExists as AlreadyExists, Authentication as Authentication, Authorization as Authorization,
    Cancelled as Cancelled, Corruption as Corruption, FlussError as FlussError, Internal as Internal,
    InvalidArgument as InvalidArgument, Network as Network, NotFound as NotFound, NotLeader as NotLeader,
    OutOfRange as OutOfRange, ResourceExhausted as ResourceExhausted, Schema as Schema,
    ServerError as ServerError, Timeout as Timeout, Unsupported as Unsupported,
)
from ._expr import Column as Column, Expression as Expression, col as col

__version__: str
