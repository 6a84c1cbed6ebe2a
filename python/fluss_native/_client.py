"""Client, Table, Scan and Split: the Python face of include/fluss_native/client.h."""

import datetime as _dt
import sys as _sys

import pyarrow as _pa

from . import _native
from ._expr import Expression, sql_literal

__all__ = ["connect", "Client", "Table", "Scan", "Split", "Plan"]

# Keys whose values never appear in a repr or an error of ours.
_SECRET_WORDS = ("password", "secret", "token", "jaas", "credential")


def _is_secret(key):
    k = key.lower()
    return any(w in k for w in _SECRET_WORDS)


# Python-friendly spellings of the client properties (include/fluss_native/config.h).
_KEY_ALIASES = {
    "sasl_username": "client.security.sasl.username",
    "sasl_password": "client.security.sasl.password",
    "sasl_mechanism": "client.security.sasl.mechanism",
    "security_protocol": "client.security.protocol",
    "username": "client.security.sasl.username",
    "password": "client.security.sasl.password",
    "connect_timeout": "client.connect-timeout",
    "request_timeout": "client.request-timeout",
    "call_timeout": "client.call-timeout",
}


def _property_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.timedelta):
        return "%dms" % int(value.total_seconds() * 1000)
    return str(value)


def connect(bootstrap, config=None, **kwargs):
    """Opens a Client: ``connect("host:port", **config)``.

    ``bootstrap`` is ``host:port[,host:port...]``. Config keys are the
    CLI's and README's properties (``client.request-timeout="10s"``,
    ``lake.paimon.warehouse=...``; a ``fluss.`` prefix is stripped), given
    as a dict in ``config`` or as keywords (``**{"client.security.protocol":
    "SASL"}``), or the short forms ``sasl_username=``, ``sasl_password=``,
    ``sasl_mechanism=``, ``security_protocol=``, ``connect_timeout=``,
    ``request_timeout=``, ``call_timeout=`` (a ``datetime.timedelta`` or
    the config's duration text). A password is never shown in a repr.

    Raises InvalidArgument for a bad value, Network or Timeout when no
    bootstrap server answers.
    """
    props = {}
    for key, value in dict(config or {}, **kwargs).items():
        key = _KEY_ALIASES.get(key, key)
        props[key] = _property_text(value)
    props["bootstrap.servers"] = bootstrap
    native = _native.Client.open(props)
    shown = {k: ("***" if _is_secret(k) else v) for k, v in props.items() if k != "bootstrap.servers"}
    return Client(native, bootstrap, shown)


def _as_ms(value):
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        return int(value.timestamp() * 1000)
    return int(value)


def _filter_text(filter):
    if filter is None:
        return None
    if isinstance(filter, Expression):
        return filter.to_sql()
    if isinstance(filter, str):
        return filter
    raise TypeError("filter must be predicate text or a fluss_native expression, got %r" % (filter,))


def _spec(columns=None, filter=None, limit=None, tier="auto", snapshot_id=None, as_of=None,
          partitions=None, buckets=None, target_split_bytes=None, memory_budget_bytes=None):
    s = _native.SpecArgs()
    if columns is not None:
        if isinstance(columns, str):
            columns = [columns]
        s.columns = list(columns)
    s.filter = _filter_text(filter)
    s.limit = None if limit is None else int(limit)
    s.tier = str(tier)
    s.snapshot_id = snapshot_id
    s.as_of_ms = _as_ms(as_of)
    if partitions is not None:
        if isinstance(partitions, str):
            partitions = [partitions]
        s.partitions = list(partitions)
    if buckets is not None:
        s.buckets = [int(b) for b in buckets]
    s.target_split_bytes = target_split_bytes
    s.memory_budget_bytes = memory_budget_bytes
    return s


class Client:
    """A connection to one Fluss cluster (thread-safe; share it).

    Made by :func:`connect`. Streams opened from it keep what they read
    through, so a scan may outlive its Client.
    """

    def __init__(self, native, bootstrap, shown_config):
        self._native = native
        self._bootstrap = bootstrap
        self._shown = shown_config

    @property
    def bootstrap(self):
        return self._bootstrap

    def __repr__(self):
        extra = "".join(", %s=%r" % kv for kv in sorted(self._shown.items()))
        return "fluss_native.Client(%r%s)" % (self._bootstrap, extra)

    def list_databases(self):
        """The database names."""
        return self._native.list_databases()

    def list_tables(self, database):
        """The table names of ``database`` (NotFound when it does not exist)."""
        return self._native.list_tables(database)

    def table(self, path):
        """The table ``"db.tbl"`` (NotFound when it does not exist)."""
        info = self._native.table_info(path)
        return Table(self, info)

    def read_split(self, split, memory_budget_bytes=None, spill_directory=""):
        """A Scan of one planned split (a :class:`Split` or its Thrift bytes)."""
        thrift = split.to_thrift() if isinstance(split, Split) else bytes(split)
        return Scan(lambda: self._native.open_split(thrift, memory_budget_bytes, spill_directory),
                    description="split " + _native.split_info(thrift)["table"])

    def metrics_text(self):
        """The client's counters, "name value" lines."""
        return self._native.metrics_text()


class Table:
    """A table's description, and the entry to its scans, plans and lookups."""

    def __init__(self, client, info):
        self._client = client
        self._info = info
        self._schema = None

    @property
    def path(self):
        """``"db.tbl"``."""
        return "%s.%s" % (self._info["database"], self._info["table"])

    database = property(lambda self: self._info["database"])
    name = property(lambda self: self._info["table"])
    table_id = property(lambda self: self._info["table_id"])
    schema_id = property(lambda self: self._info["schema_id"])
    comment = property(lambda self: self._info["comment"])
    primary_key = property(lambda self: list(self._info["primary_key"]), doc="primary-key columns (empty: a log table)")
    partition_keys = property(lambda self: list(self._info["partition_keys"]))
    bucket_keys = property(lambda self: list(self._info["bucket_keys"]))
    bucket_count = property(lambda self: self._info["bucket_count"])
    properties = property(lambda self: dict(self._info["properties"]))
    custom_properties = property(lambda self: dict(self._info["custom_properties"]))
    datalake_enabled = property(lambda self: self._info["datalake_enabled"], doc="table.datalake.enabled")
    log_format = property(lambda self: self._info["log_format"])
    columns = property(lambda self: [dict(c) for c in self._info["columns"]],
                       doc="columns as dicts: name, type (Fluss's text), nullable, comment, id")

    @property
    def has_primary_key(self):
        return bool(self._info["primary_key"])

    @property
    def is_partitioned(self):
        return bool(self._info["partition_keys"])

    @property
    def schema(self):
        """The columns as a ``pyarrow.Schema``: the schema a full scan's batches have."""
        if self._schema is None:
            self._schema = _pa.Schema._import_from_c_capsule(self._client._native.table_schema(self.path))
        return self._schema

    def __arrow_c_schema__(self):
        return self._client._native.table_schema(self.path)

    def lake_snapshot(self, readable=True):
        """The readable (or latest) lake snapshot as a dict (snapshot_id, buckets: [(partition, bucket, log_offset)]), or None."""
        return self._client._native.lake_snapshot(self.path, readable)

    @property
    def lake_snapshot_id(self):
        """The readable lake snapshot's id, or None (not lake-enabled, or nothing tiered yet)."""
        if not self.datalake_enabled:
            return None
        snap = self.lake_snapshot()
        return None if snap is None else snap["snapshot_id"]

    def partitions(self):
        """The partitions: [(id, name, {key: value})], sorted by name."""
        return self._client._native.partitions(self.path)

    def __repr__(self):
        kind = "primary-key" if self.has_primary_key else "log"
        return "fluss_native.Table(%r, %s, buckets=%d%s%s)" % (
            self.path, kind, self.bucket_count,
            ", partitioned by %s" % ",".join(self.partition_keys) if self.is_partitioned else "",
            ", lake" if self.datalake_enabled else "")

    def scan(self, columns=None, filter=None, limit=None, tier="auto", snapshot_id=None, as_of=None,
             partitions=None, buckets=None, *, target_split_bytes=None, memory_budget_bytes=None):
        """A Scan: ``SELECT columns FROM table WHERE filter LIMIT limit``.

        ``filter`` is predicate text (the CLI's grammar, e.g. ``"id > 5 AND
        name LIKE 'a%'"``) or an expression (``col("id") > 5``). ``tier``:
        "auto" (union read where the lake is readable, else the log), "log",
        "lake" or "union". ``snapshot_id``: the lake snapshot (FOR VERSION AS
        OF); ``as_of``: a datetime or epoch millis (FOR TIMESTAMP AS OF).
        ``partitions``: names to read; ``buckets``: bucket ids to read.

        Nothing is read until the Scan is consumed; each consumption plans
        and reads afresh. Errors in the arguments (unknown column, bad
        predicate) are raised then, as InvalidArgument/NotFound.
        """
        spec = dict(columns=columns, filter=filter, limit=limit, tier=tier, snapshot_id=snapshot_id,
                    as_of=as_of, partitions=partitions, buckets=buckets,
                    target_split_bytes=target_split_bytes, memory_budget_bytes=memory_budget_bytes)
        _spec(**spec)  # argument errors (types) now, not at the first read
        return Scan(lambda: self._client._native.scan(self.path, _spec(**spec)),
                    planner=lambda: self.plan(**spec), client=self._client, description=self.path)

    def plan(self, columns=None, filter=None, limit=None, tier="auto", snapshot_id=None, as_of=None,
             partitions=None, buckets=None, *, target_split_bytes=None, memory_budget_bytes=None):
        """Plans the scan now (the lake snapshot and log offsets are pinned):
        a :class:`Plan` whose ``splits`` any process can read with
        ``Client.read_split``."""
        d = self._client._native.plan(self.path, _spec(
            columns=columns, filter=filter, limit=limit, tier=tier, snapshot_id=snapshot_id, as_of=as_of,
            partitions=partitions, buckets=buckets, target_split_bytes=target_split_bytes,
            memory_budget_bytes=memory_budget_bytes))
        return Plan(d)

    def count(self, filter=None, tier="auto", snapshot_id=None, as_of=None, partitions=None, buckets=None):
        """``SELECT COUNT(*)``: from metadata where that is exact, else by reading."""
        return self._client._native.count(self.path, _spec(
            filter=filter, tier=tier, snapshot_id=snapshot_id, as_of=as_of, partitions=partitions,
            buckets=buckets))

    def lookup(self, keys, columns=None):
        """Point reads by primary key (Fluss's Lookup RPC): a ``pyarrow.Table``
        of the rows whose keys exist, in key order.

        ``keys``: one key or a list of keys; a key is a tuple of values in
        primary-key order (partition columns included), or a single value
        for a one-column key, or a dict by column name.
        """
        pk = self._info["primary_key"]
        if not pk:
            from ._errors import InvalidArgument
            raise InvalidArgument("table %s has no primary key: lookup needs one" % self.path)
        if isinstance(keys, (dict, tuple)) or not isinstance(keys, (list,)):
            keys = [keys]
        texts = []
        for k in keys:
            if isinstance(k, dict):
                k = tuple(k[c] for c in pk)
            elif not isinstance(k, (tuple, list)):
                k = (k,)
            texts.append([sql_literal(v) for v in k])
        columns = [columns] if isinstance(columns, str) else list(columns or [])
        reader = self._client._native.lookup(self.path, texts, columns)
        return _read_table(reader)


def _import_batch(schema_capsule, array_capsule):
    return _pa.RecordBatch._import_from_c_capsule(schema_capsule, array_capsule)


def _read_batches(reader):
    """Yields the reader's batches as pyarrow RecordBatches (zero-copy)."""
    try:
        while True:
            got = reader.next_batch()
            if got is None:
                return
            yield _import_batch(*got)
    finally:
        reader.close()


def _read_table(reader):
    schema = _pa.Schema._import_from_c_capsule(reader.schema_capsule())
    return _pa.Table.from_batches(list(_read_batches(reader)), schema=schema)


class _Progress:
    """A progress bar of splits and rows: tqdm when installed, else a plain line on stderr."""

    def __init__(self, total_splits, description):
        self._splits = 0
        self._rows = 0
        self._total = total_splits
        try:
            from tqdm import tqdm
        except ImportError:
            tqdm = None
        if tqdm is not None:
            self._bar = tqdm(total=total_splits, unit="split", desc=description, file=_sys.stderr)
        else:
            self._bar = None
            self._desc = description

    def rows(self, n):
        self._rows += n
        if self._bar is not None:
            self._bar.set_postfix(rows=self._rows, refresh=False)

    def split_done(self):
        self._splits += 1
        if self._bar is not None:
            self._bar.update(1)
        else:
            _sys.stderr.write("\r%s: %d/%d splits, %d rows" % (self._desc, self._splits, self._total, self._rows))
            _sys.stderr.flush()

    def close(self):
        if self._bar is not None:
            self._bar.set_postfix(rows=self._rows)
            self._bar.close()
        else:
            _sys.stderr.write("\n")


class Scan:
    """A query to read: an Arrow stream source (``__arrow_c_stream__``) for
    any engine, plus ``to_arrow``, ``to_pandas``, ``to_polars``,
    ``to_batches`` and ``explain``.

    Each consumption opens a new read of the table (planned then). Reading
    releases the GIL; Ctrl-C cancels the read (KeyboardInterrupt).
    """

    def __init__(self, opener, planner=None, client=None, description="scan"):
        self._open = opener
        self._planner = planner
        self._client = client
        self._description = description
        self._schema = None

    def __repr__(self):
        return "fluss_native.Scan(%s)" % self._description

    def _reader(self):
        return self._open()

    @property
    def schema(self):
        """The batches' ``pyarrow.Schema`` (opens the scan to learn it)."""
        if self._schema is None:
            reader = self._reader()
            try:
                self._schema = _pa.Schema._import_from_c_capsule(reader.schema_capsule())
            finally:
                reader.close()
        return self._schema

    def __arrow_c_schema__(self):
        return self.schema.__arrow_c_schema__()

    def __arrow_c_stream__(self, requested_schema=None):
        """The Arrow PyCapsule stream: DuckDB, polars and pyarrow read it without a copy."""
        reader = self._reader()
        return reader.stream_capsule()

    def to_batches(self):
        """An iterator of ``pyarrow.RecordBatch`` as they are read."""
        return _read_batches(self._reader())

    def to_reader(self):
        """A ``pyarrow.RecordBatchReader`` over the stream."""
        return _pa.RecordBatchReader._import_from_c_capsule(self.__arrow_c_stream__())

    def to_arrow(self, progress=False):
        """Reads everything into a ``pyarrow.Table`` (the batches as read: no copy).

        ``progress=True`` shows splits and rows done (tqdm if installed,
        else a line on stderr).
        """
        if progress and self._planner is not None:
            return self._to_arrow_with_progress()
        return _read_table(self._reader())

    def _to_arrow_with_progress(self):
        # The plan's splits one after another (what Client::Scan does), so
        # that finished splits can be counted; the plan's limit is applied
        # over all of them.
        plan = self._planner()
        bar = _Progress(len(plan.splits), self._description)
        batches = []
        schema = None
        remaining = plan.limit
        try:
            for split in plan.splits:
                if remaining is not None and remaining <= 0:
                    bar.split_done()
                    continue
                reader = self._client._native.open_split(split.to_thrift(), None, "")
                if schema is None:
                    schema = _pa.Schema._import_from_c_capsule(reader.schema_capsule())
                for batch in _read_batches(reader):
                    if remaining is not None:
                        if batch.num_rows > remaining:
                            batch = batch.slice(0, remaining)
                        remaining -= batch.num_rows
                    batches.append(batch)
                    bar.rows(batch.num_rows)
                    if remaining is not None and remaining <= 0:
                        break
                bar.split_done()
        finally:
            bar.close()
        if schema is None:
            schema = self.schema
        return _pa.Table.from_batches(batches, schema=schema)

    def to_pandas(self, **kwargs):
        """Reads into a ``pandas.DataFrame`` (``pyarrow.Table.to_pandas`` keywords apply)."""
        return self.to_arrow().to_pandas(**kwargs)

    def to_polars(self):
        """Reads into a ``polars.DataFrame`` (from the Arrow table, without a copy where polars allows)."""
        import polars as pl

        return pl.from_arrow(self.to_arrow(), rechunk=False)

    def count_rows(self):
        """Reads the scan and counts its rows."""
        reader = self._reader()
        try:
            while reader.next() is not None:
                pass
            return reader.rows
        finally:
            reader.close()

    def explain(self):
        """EXPLAIN's text: the tier read, splits per tier, pinned offsets, lake files, fallbacks."""
        if self._planner is None:
            return "a read of one split (%s)" % self._description
        return self._planner().explain

    def plan(self):
        """Plans this scan: a :class:`Plan`."""
        if self._planner is None:
            raise TypeError("this scan reads one split; it has no plan")
        return self._planner()


class Plan:
    """A planned scan: splits pinned to one lake snapshot and log offsets."""

    def __init__(self, d):
        self._d = d
        self.splits = [Split(b) for b in d["splits"]]

    table = property(lambda self: self._d["table"])
    tier = property(lambda self: self._d["tier"], doc="the tier read: union, log or lake")
    requested_tier = property(lambda self: self._d["requested_tier"])
    lake_snapshot_id = property(lambda self: self._d["lake_snapshot_id"])
    metadata_row_count = property(lambda self: self._d["metadata_row_count"],
                                  doc="COUNT(*) from metadata when exact, else None")
    columns = property(lambda self: list(self._d["columns"]))
    predicate = property(lambda self: self._d["predicate"], doc="the normalised predicate text, or None")
    limit = property(lambda self: self._d["limit"])
    fallbacks = property(lambda self: list(self._d["fallbacks"]), doc="[(scope, reason)] of every fallback taken")
    log_ranges = property(lambda self: [dict(r) for r in self._d["log_ranges"]])
    lake_files = property(lambda self: self._d["lake_files"])
    lake_bytes = property(lambda self: self._d["lake_bytes"])
    explain = property(lambda self: self._d["explain"])

    def __len__(self):
        return len(self.splits)

    def __iter__(self):
        return iter(self.splits)

    def __repr__(self):
        return "fluss_native.Plan(%s, tier=%s, %d splits)" % (self.table, self.tier, len(self.splits))


class Split:
    """One planned split: self-contained (a Thrift TFlussFileDesc), readable
    in any process by ``Client.read_split``. Picklable."""

    __slots__ = ("_thrift", "_info")

    def __init__(self, thrift):
        self._thrift = bytes(thrift)
        self._info = None

    @classmethod
    def from_thrift(cls, data):
        """Decodes (and validates) a split's Thrift bytes, binary or compact protocol."""
        split = cls(_native.split_normalise(bytes(data)))
        return split

    def to_thrift(self):
        """The split as Thrift TFlussFileDesc bytes (binary protocol)."""
        return self._thrift

    def __reduce__(self):
        return (Split, (self._thrift,))

    def __eq__(self, other):
        return isinstance(other, Split) and other._thrift == self._thrift

    def __hash__(self):
        return hash(self._thrift)

    @property
    def info(self):
        """The split's fields as a dict: database, table, bucket, partition_name, tier,
        log_start_offset, log_end_offset, lake_files, lake_bytes, lake_rows, ..."""
        if self._info is None:
            self._info = _native.split_info(self._thrift)
        return dict(self._info)

    table = property(lambda self: "%s.%s" % (self.info["database"], self.info["table"]))
    bucket = property(lambda self: self.info["bucket"])
    partition_name = property(lambda self: self.info["partition_name"])
    tier = property(lambda self: self.info["tier"], doc="LAKE_ONLY, LOG_ONLY or HYBRID")

    def estimated_rows(self):
        """Rows the split reads at most: the lake files' rows plus its log offsets' span (None if unknown)."""
        i = self.info
        rows = i["lake_rows"] if i["lake_files"] else 0
        if rows is None:
            return None
        if i["tier"] != "LAKE_ONLY":
            start, end = i["log_start_offset"], i["log_end_offset"]
            if start is None or end is None or end < 0:
                return None
            rows += max(0, end - start)
        if i["limit"] is not None:
            rows = min(rows, i["limit"])
        return rows

    def estimated_bytes(self):
        """The lake files' bytes (the log part's bytes are not known before reading)."""
        return self.info["lake_bytes"]

    def __repr__(self):
        i = self.info
        part = ", partition=%r" % i["partition_name"] if i["partition_name"] is not None else ""
        return "fluss_native.Split(%s.%s, bucket=%d%s, %s)" % (i["database"], i["table"], i["bucket"], part, i["tier"])
