"""Real services for the tests that need them: a Redis server of the test's own.

The tests that prove what one process cannot (a shared cache counted atomically,
several web processes, a task worker) start Debian's ``redis-server`` on a free
loopback port, with no disk persistence, and stop it afterwards. A missing
``redis-server`` is a failure, never a skip: `.ci/run` installs it.
"""

import contextlib
import shutil
import subprocess
import tempfile

# One way to start Redis, find a free port and wait for a server: the
# deployment script's.
from deploy.stack import free_port, redis_command, wait_for_port


@contextlib.contextmanager
def redis_server():
    """Start ``redis-server`` on a free port; yield its URL (``redis://...``)."""
    program = shutil.which("redis-server")
    if program is None:
        raise RuntimeError(
            "redis-server is not installed (Debian: apt-get install redis-server); "
            "the tests of the shared cache need it and are never skipped"
        )
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="wagtail-events-redis-") as directory:
        process = subprocess.Popen(
            redis_command(program, port, directory),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_port(port, timeout=20.0, process=process)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            process.terminate()
            process.wait(timeout=10)
