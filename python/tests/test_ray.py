"""fluss_native.ray.read_fluss on a local Ray cluster (2 worker processes):
the union of the blocks is the single-process scan, and more than one
worker process read splits. Skipped without ray."""
import os
import time

import pyarrow as pa
import pytest

from helpers import sorted_rows

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": os.environ.get("PYTHONPATH", "")}})

    @ray.remote(num_cpus=1)
    def warm_up():
        time.sleep(1.0)
        return os.getpid()

    # Two worker processes up before the reads (a loaded box starts them slowly).
    ray.get([warm_up.remote() for _ in range(2)])
    yield
    ray.shutdown()


def _tag_reader_pid(batch):
    # Runs fused with the read task, in the worker that read the split;
    # the pause makes the two workers overlap.
    time.sleep(0.5)
    return batch.append_column("reader_pid", pa.array([os.getpid()] * batch.num_rows, pa.int64()))


def test_read_fluss_partitioned_lake_table(local_ray, bootstrap, client):
    from fluss_native.ray import FlussDatasource, read_fluss

    path = "fn_lake.log_part"
    table = client.table(path)
    assert table.is_partitioned and table.datalake_enabled
    want = table.scan(tier="union").to_arrow()

    source = FlussDatasource(bootstrap, path, tier="union")
    assert source.plan.tier == "union" and len(source.plan.splits) > 1
    tasks = source.get_read_tasks(2)
    assert len(tasks) == len(source.plan.splits)
    estimated = [t.metadata.num_rows for t in tasks]
    assert all(n is not None for n in estimated) and sum(estimated) >= want.num_rows

    # Which worker runs which task is Ray's choice: on a loaded box one
    # worker may take them all, so up to three reads may be needed to see
    # two (each read's rows are checked).
    pids = set()
    for _ in range(3):
        ds = read_fluss(bootstrap, path, tier="union").map_batches(_tag_reader_pid, batch_format="pyarrow")
        blocks = ray.get(ds.to_arrow_refs())
        got = pa.concat_tables([b for b in blocks if b.num_rows > 0])
        pids |= set(got.column("reader_pid").to_pylist())
        got = got.drop_columns(["reader_pid"])
        assert got.schema.equals(want.schema, check_metadata=False)
        assert sorted_rows(got) == sorted_rows(want)
        if len(pids) > 1:
            break
    assert len(pids) > 1, pids


def test_read_fluss_with_columns_and_filter(local_ray, bootstrap, client):
    from fluss_native.ray import read_fluss

    ds = read_fluss(bootstrap, "fn_lake.log_part", columns=["id", "region"], filter="id > 3")
    got = pa.concat_tables([b for b in ray.get(ds.to_arrow_refs()) if b.num_rows > 0])
    want = client.table("fn_lake.log_part").scan(columns=["id", "region"], filter="id > 3").to_arrow()
    assert sorted_rows(got) == sorted_rows(want)
