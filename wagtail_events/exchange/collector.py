"""Python's cyclic garbage collector paused while a large document is built.

Building an index's feed creates tens of thousands of objects that all stay
alive until the file is written (the pages, their dates, the events): none of
them is garbage, yet each time enough of them have piled up the collector
walks every object of the process, the whole of Django and Wagtail included.
At 10,000 events that was a quarter of the feed's time, and the share grew
with the number of events (benchmarks/README.md, "Beside CodeRed CMS"). Paused, the
objects freed as usual (by reference counting) are freed at once, and whatever
cyclic garbage the process makes meanwhile is collected when it resumes.

Contract: ``paused()`` disables the collector for the duration of the block and
enables it again when the last of the blocks running at the same time (threads
of one process) ends, but only if it was enabled when the first began: a
process that runs without the collector keeps running without it. Threads that
keep building files one after another could keep it paused for good, and the
cyclic garbage of every other request with it: so a block that ends while
others still run collects once if the collector has been paused longer than
``MAX_PAUSE`` seconds.
"""

import contextlib
import gc
import threading
import time


# Seconds the collector may stay paused by overlapping blocks before one of
# them collects (a feed of 10,000 events takes about two).
MAX_PAUSE = 10.0

_lock = threading.Lock()
_state = {"blocks": 0, "was_enabled": False, "since": 0.0}


@contextlib.contextmanager
def paused():
    with _lock:
        if _state["blocks"] == 0:
            _state["was_enabled"] = gc.isenabled()
            _state["since"] = time.monotonic()
            gc.disable()
        _state["blocks"] += 1
    try:
        yield
    finally:
        collect = False
        with _lock:
            _state["blocks"] -= 1
            if _state["blocks"] == 0:
                if _state["was_enabled"]:
                    gc.enable()
            elif _state["was_enabled"]:
                now = time.monotonic()
                if now - _state["since"] > MAX_PAUSE:
                    _state["since"] = now
                    collect = True
        if collect:
            gc.collect()
