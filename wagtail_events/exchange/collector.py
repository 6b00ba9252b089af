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
process that runs without the collector keeps running without it.
"""

import contextlib
import gc
import threading


_lock = threading.Lock()
_state = {"blocks": 0, "was_enabled": False}


@contextlib.contextmanager
def paused():
    with _lock:
        if _state["blocks"] == 0:
            _state["was_enabled"] = gc.isenabled()
            gc.disable()
        _state["blocks"] += 1
    try:
        yield
    finally:
        with _lock:
            _state["blocks"] -= 1
            if _state["blocks"] == 0 and _state["was_enabled"]:
                gc.enable()
