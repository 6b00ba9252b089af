"""The garbage collector paused while a file is built (``exchange.collector``)."""

import gc
import threading

import pytest

from wagtail_events.exchange import collector


@pytest.fixture(autouse=True)
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_and_enabled_after_the_last_block():
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still runs
    assert gc.isenabled()


def test_a_process_without_the_collector_keeps_running_without_it():
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_blocks_that_keep_overlapping_collect_after_the_longest_pause(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(collector.time, "monotonic", lambda: clock[0])
    collected = []
    monkeypatch.setattr(collector.gc, "collect", lambda: collected.append(clock[0]))
    first = collector.paused()
    first.__enter__()
    # Threads building files one after another, always one running.
    for _ in range(30):
        clock[0] += 1
        with collector.paused():
            pass
    first.__exit__(None, None, None)
    assert gc.isenabled()
    # Once every MAX_PAUSE seconds (10 here), not after every block.
    assert collected == [1011.0, 1022.0]


def test_threads_share_one_pause():
    inside = threading.Barrier(3)
    leave = threading.Event()

    def build():
        with collector.paused():
            inside.wait()
            leave.wait()

    threads = [threading.Thread(target=build) for _ in range(2)]
    for thread in threads:
        thread.start()
    inside.wait()
    assert not gc.isenabled()
    leave.set()
    for thread in threads:
        thread.join()
    assert gc.isenabled()
