"""Ctrl-C (KeyboardInterrupt) cancels a blocked scan: no hang.

The blocked scan is a real split of a real log table whose stop offset is
moved far past the log's end: the reader waits for rows that never come
(up to 600 empty fetches, about a minute, before it would fail), so only
the cancellation can end it quickly.
"""
import struct
import threading
import time
import _thread

import pytest

import fluss_native as fn

I64_FIELD_14 = b"\x0a\x00\x0e"  # TBinaryProtocol field header: type i64 (10), id 14 (log_end_offset)


def _blocking_split(client):
    plan = client.table("fn_types.log_default_buckets").plan(tier="log")
    split = plan.splits[0]
    assert split.tier == "LOG_ONLY"
    data = split.to_thrift()
    end = split.info["log_end_offset"]
    field = I64_FIELD_14 + struct.pack(">q", end)
    assert data.count(field) == 1
    far = end + 10 ** 9
    patched = fn.Split.from_thrift(data.replace(field, I64_FIELD_14 + struct.pack(">q", far)))
    assert patched.info["log_end_offset"] == far and patched.info["log_start_offset"] == split.info["log_start_offset"]
    return patched


def _interrupt_after(seconds):
    t = threading.Timer(seconds, _thread.interrupt_main)
    t.start()
    return t


def test_keyboard_interrupt_cancels_blocked_to_arrow(client):
    scan = client.read_split(_blocking_split(client))
    timer = _interrupt_after(1.0)
    start = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            scan.to_arrow()
    finally:
        timer.cancel()
    elapsed = time.monotonic() - start
    assert 0.9 <= elapsed < 10, elapsed


def test_keyboard_interrupt_cancels_blocked_batches(client):
    reader = client._native.open_split(_blocking_split(client).to_thrift(), None, "")
    assert reader.next() is not None  # the rows that exist come first
    timer = _interrupt_after(0.5)
    start = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            while reader.next() is not None:
                pass
    finally:
        timer.cancel()
    assert time.monotonic() - start < 10
    assert reader.cancelled
    with pytest.raises(fn.Cancelled):
        reader.next()


def test_cancel_from_another_thread(client):
    reader = client._native.open_split(_blocking_split(client).to_thrift(), None, "")
    threading.Timer(0.5, reader.cancel).start()
    start = time.monotonic()
    with pytest.raises(fn.Cancelled):
        while reader.next() is not None:
            pass
    assert time.monotonic() - start < 10


def test_keyboard_interrupt_through_the_arrow_stream(client):
    # pyarrow drains the C stream without the GIL; the stream reports the
    # cancellation and KeyboardInterrupt follows at the interpreter's next check.
    scan = client.read_split(_blocking_split(client))
    timer = _interrupt_after(1.0)
    start = time.monotonic()
    raised = None
    try:
        try:
            scan.to_reader().read_all()
        except BaseException as e:  # noqa: B902 - the pyarrow error or the KeyboardInterrupt
            raised = e
        try:
            for _ in range(20):
                time.sleep(0.01)  # the pending KeyboardInterrupt, if not raised yet
        except KeyboardInterrupt as e:
            raised = raised or e
    finally:
        timer.cancel()
    assert raised is not None
    assert time.monotonic() - start < 10


def test_closing_a_blocked_scan_does_not_hang(client):
    # The read-ahead thread is blocked in get_next; closing cancels and joins it.
    reader = client._native.open_split(_blocking_split(client).to_thrift(), None, "")
    assert reader.next() is not None
    time.sleep(0.3)  # the producer is now waiting for rows that never come
    start = time.monotonic()
    reader.close()
    assert time.monotonic() - start < 5
    with pytest.raises(fn.InvalidArgument):
        reader.next()


def test_a_partly_read_scan_can_be_dropped(client):
    batches = client.table("fn_types.log_big").scan().to_batches()
    first = next(batches)
    assert first.num_rows > 0
    start = time.monotonic()
    batches.close()
    assert time.monotonic() - start < 5
