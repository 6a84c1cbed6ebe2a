"""Ray Data: ``read_fluss(bootstrap, "db.tbl", ...)`` → ``ray.data.Dataset``.

The scan is planned once, on the driver: the lake snapshot and the log
offsets are pinned there, so every worker reads the same snapshot. Each
planned split becomes one read task carrying only the split's Thrift bytes
(self-contained: table, bucket, tier, files, offsets, projection,
predicate); a worker opens its own Client (one per process and bootstrap,
reused by later tasks) and reads the split. Each task's metadata gives the
rows and bytes the split is estimated to hold (lake files' row counts and
sizes plus the log offsets' span).
"""

import inspect as _inspect
import os as _os

import pyarrow as _pa

from . import _client

__all__ = ["read_fluss", "FlussDatasource"]

try:
    from ray.data.block import BlockMetadata as _BlockMetadata
    from ray.data.datasource import Datasource as _Datasource
    from ray.data.datasource import ReadTask as _ReadTask
except ImportError:  # pragma: no cover - ray is optional
    _Datasource = object
    _ReadTask = None
    _BlockMetadata = None

# One client per worker process and configuration (a Client is
# thread-safe and owns its connections; tasks in the same worker share it).
_WORKER_CLIENTS = {}


def _worker_client(bootstrap, config):
    key = (bootstrap, tuple(sorted(config.items())), _os.getpid())
    client = _WORKER_CLIENTS.get(key)
    if client is None:
        client = _client.connect(bootstrap, **config)
        _WORKER_CLIENTS[key] = client
    return client


def _read_split_task(bootstrap, config, thrift):
    def read():
        client = _worker_client(bootstrap, config)
        table = client.read_split(thrift).to_arrow()
        return [table]

    return read


def _metadata(rows, size_bytes):
    # BlockMetadata's fields changed across Ray versions: pass what this one takes.
    params = _inspect.signature(_BlockMetadata).parameters
    values = dict(num_rows=rows, size_bytes=size_bytes, schema=None, input_files=None, exec_stats=None)
    return _BlockMetadata(**{k: v for k, v in values.items() if k in params})


class FlussDatasource(_Datasource):
    """A Ray Data source over one planned fluss_native scan."""

    def __init__(self, bootstrap, table, columns=None, filter=None, tier="auto", limit=None,
                 snapshot_id=None, as_of=None, partitions=None, buckets=None, config=None,
                 target_split_bytes=None):
        if _ReadTask is None:
            raise ImportError("fluss_native.ray needs ray (pip install 'ray[data]')")
        self._bootstrap = bootstrap
        self._config = dict(config or {})
        client = _client.connect(bootstrap, **self._config)
        t = client.table(table)
        self._plan = t.plan(columns=columns, filter=filter, limit=limit, tier=tier, snapshot_id=snapshot_id,
                            as_of=as_of, partitions=partitions, buckets=buckets,
                            target_split_bytes=target_split_bytes)
        self._schema = t.schema if not columns else _pa.schema([t.schema.field(c) for c in self._plan.columns])
        self._name = "Fluss(%s)" % table

    @property
    def plan(self):
        """The driver's plan (a fluss_native.Plan)."""
        return self._plan

    def get_name(self):
        return self._name

    def estimate_inmemory_data_size(self):
        return sum(s.estimated_bytes() for s in self._plan.splits) or None

    def get_read_tasks(self, parallelism, **kwargs):
        # One task per split: splits are the unit the planner balanced
        # (a large lake bucket is already split by files).
        tasks = []
        for split in self._plan.splits:
            meta = _metadata(split.estimated_rows(), split.estimated_bytes() or None)
            tasks.append(_ReadTask(_read_split_task(self._bootstrap, self._config, split.to_thrift()), meta))
        return tasks


def read_fluss(bootstrap, table, columns=None, filter=None, tier="auto", limit=None, snapshot_id=None,
               as_of=None, partitions=None, buckets=None, config=None, **read_kwargs):
    """Reads ``table`` ("db.tbl") as a ``ray.data.Dataset``, one read task per planned split.

    ``columns``, ``filter`` (predicate text or ``fluss_native.col`` expressions)
    and ``tier`` are Table.scan's; ``config`` is connect()'s properties.
    """
    import ray.data

    source = FlussDatasource(bootstrap, table, columns=columns, filter=filter, tier=tier, limit=limit,
                             snapshot_id=snapshot_id, as_of=as_of, partitions=partitions, buckets=buckets,
                             config=config)
    return ray.data.read_datasource(source, **read_kwargs)
