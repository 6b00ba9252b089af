#!/usr/bin/env python3
"""The whole production stack on one machine, from Debian packages, with no
container: the example site behind gunicorn (several worker processes, each
with threads), a Redis server of its own as the shared cache, PostgreSQL (the
one at ``DATABASE_URL``, Debian's ``postgresql`` service), the task worker
(django-tasks-db's ``db_worker``) and the periodic jobs of ``deploy/crontab``,
run on their schedule.

``make stack`` runs it in the foreground (Ctrl-C stops everything); the tests
of ``tests/stack/`` and ``benchmarks/registration_load.py`` start it through
the same ``Stack`` class, so the deployment guide (docs/deployment.md) is what
the tests follow:

1. ``migrate`` and ``collectstatic`` (what every upgrade runs first; at the same
   time, they do not depend on each other);
2. the web processes (gunicorn), the task worker, the periodic jobs.

Stopping is the other way round: the periodic jobs, the web processes, the
worker (it finishes the task at hand), Redis.

Usage: ``python deploy/stack.py [--database-url URL] [--port 8000] [--demo]``.
Every setting the site reads comes from the environment (docs/deployment.md);
this script sets the stack's own (``REDIS_URL``, ``TASKS_BACKEND=database``)
and passes the rest through.
"""

import argparse
import contextlib
import datetime
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


ROOT = Path(__file__).resolve().parent.parent
CRONTAB = ROOT / "deploy" / "crontab"
MANAGE_PY = ROOT / "example_site" / "manage.py"
DEFAULT_DATABASE_URL = (
    "postgres://wagtail_events:wagtail_events@127.0.0.1:5432/wagtail_events"
)


# --- The periodic jobs: deploy/crontab -------------------------------------


class CronJob:
    """One line of a crontab: five time fields and a shell command."""

    RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6))

    def __init__(self, line):
        fields = line.split(None, 5)
        if len(fields) != 6:
            raise ValueError(f"not a crontab line: {line!r}")
        self.line = line
        self.schedule = fields[:5]
        self.command = fields[5]
        self._sets = [
            _cron_field(field, low, high)
            for field, (low, high) in zip(self.schedule, self.RANGES, strict=True)
        ]

    def due(self, moment):
        """Whether cron would start the job in ``moment``'s minute (day of month
        and day of week both restricted: either matches, as in cron)."""
        minutes, hours, days, months, weekdays = self._sets
        weekday = moment.isoweekday() % 7  # cron: 0 is Sunday
        day_ok = moment.day in days
        weekday_ok = weekday in weekdays
        if self.schedule[2] != "*" and self.schedule[4] != "*":
            day_matches = day_ok or weekday_ok
        else:
            day_matches = day_ok and weekday_ok
        return (
            moment.minute in minutes
            and moment.hour in hours
            and moment.month in months
            and day_matches
        )


def _cron_field(field, low, high):
    values = set()
    for part in field.split(","):
        spec, _, step = part.partition("/")
        if spec == "*":
            start, end = low, high
        elif "-" in spec:
            start, end = (int(v) for v in spec.split("-", 1))
        else:
            start = end = int(spec)
        if not (low <= start <= end <= high):
            raise ValueError(f"cron field {field!r} outside {low}-{high}")
        values.update(range(start, end + 1, int(step or 1)))
    return values


def read_crontab(path=CRONTAB):
    """The crontab's variables (``NAME=value`` lines, quotes removed as cron
    does) and its jobs."""
    variables, jobs = {}, []
    for raw in Path(path).read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, equals, value = line.partition("=")
        if equals and name.strip().isidentifier() and " " not in name.strip():
            value = value.strip()
            if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            variables[name.strip()] = value
        else:
            jobs.append(CronJob(line))
    return variables, jobs


# --- Helpers -----------------------------------------------------------------


def free_port():
    """A loopback TCP port nobody listens on (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_command(program, port, directory):
    """``redis-server`` on loopback ``port``, keeping nothing on disk (a cache
    and a task broker that start empty): the stack's and the tests' own."""
    return [
        program,
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(directory),
    ]


def wait_for_port(port, *, timeout=60.0, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the process ended with {process.returncode}")
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=0.5),
        ):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


def stack_database_url(url=None, suffix="_stack"):
    """A PostgreSQL database next to the one ``url`` names (default:
    ``$POSTGRES_URL``, ``$DATABASE_URL``), ``<name>_stack``, created when
    missing: the stack's tests and benchmark run there, never in the database
    ``url`` names itself. The stack migrates it, as every deployment does."""
    import psycopg  # noqa: PLC0415 -- optional dependency

    url = url or os.environ.get("POSTGRES_URL") or os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise RuntimeError(
            "The stack's tests and benchmark need PostgreSQL: set POSTGRES_URL (or "
            f"DATABASE_URL) to postgres://...; got {url!r}."
        )
    name = parts.path.lstrip("/") + suffix
    with psycopg.connect(url, autocommit=True, connect_timeout=10) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path="/" + name))


# --- The stack ---------------------------------------------------------------


class Stack:
    """Start with ``start()`` (or ``with Stack(...) as stack:``), stop with
    ``stop()``. ``env``: more settings for every process (the site's settings
    come from the environment, docs/deployment.md)."""

    def __init__(
        self,
        database_url,
        *,
        port=None,
        web_workers=4,
        web_threads=4,
        task_workers=1,
        periodic=True,
        env=None,
        data_dir=None,
        python=sys.executable,
        foreground=False,
    ):
        self.database_url = database_url
        self.port = port or free_port()
        self.web_workers = web_workers
        self.web_threads = web_threads
        self.task_workers = task_workers
        self.periodic = periodic
        self.python = python
        self.foreground = foreground
        self._tmp = None
        if data_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="wagtail-events-stack-")
            data_dir = self._tmp.name
        self.data_dir = Path(data_dir)
        self.log_dir = self.data_dir / "logs"
        self.extra_env = dict(env or {})
        self.processes = {}
        self._logs = []
        self._scheduler = None
        self._stopping = threading.Event()
        self.redis_url = None

    # The environment every process of the site gets.
    @property
    def env(self):
        return {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
            ),
            "DJANGO_SETTINGS_MODULE": "example_site.settings",
            "EXAMPLE_SITE_DATA": str(self.data_dir),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url or "",
            "TASKS_BACKEND": "database",
            # Each web thread and the worker keep their database connection.
            "CONN_MAX_AGE": "60",
            "WAGTAILADMIN_BASE_URL": self.url(""),
            **self.extra_env,
        }

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"

    def manage_command(self):
        return [self.python, str(MANAGE_PY)]

    def manage(self, *args, check=True, capture=True):
        """Run ``manage.py`` with the stack's settings; returns the finished
        process (its output in ``stdout``)."""
        return subprocess.run(
            [*self.manage_command(), *args],
            env=self.env,
            cwd=ROOT,
            check=check,
            text=True,
            capture_output=capture and not self.foreground,
        )

    def _spawn(self, name, command, env=None):
        if self.foreground:
            output = None
        else:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            output = open(self.log_dir / f"{name}.log", "w")
            self._logs.append(output)
        process = subprocess.Popen(
            command,
            env={**self.env, **(env or {})},
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT if output else None,
            # Its own process group: Ctrl-C in the terminal reaches this
            # script, which stops each process in order.
            start_new_session=True,
        )
        self.processes[name] = process
        return process

    def log(self, name):
        """What a process wrote (its log file), for a failing test to show."""
        path = self.log_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start(self, *, demo=False):
        try:
            self._start(demo)
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self, demo):
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._start_redis()
        # What every deployment runs before the new code serves: the
        # database's migrations and the static files. They do not touch each
        # other's data: both at once, the migrations in this process's wait.
        static = self._spawn(
            "collectstatic",
            [*self.manage_command(), "collectstatic", "--noinput", "-v", "0"],
        )
        try:
            self.manage("migrate", "--noinput", "-v", "0")
        finally:
            collected = static.wait()
            self.processes.pop("collectstatic", None)
        if collected != 0:
            raise RuntimeError(f"collectstatic failed:\n{self.log('collectstatic')}")
        if demo:
            self.manage("load_demo_content")
            self.manage("ensure_demo_admin")
        web = self._spawn("web", self.web_command(self.port))
        for number in range(1, self.task_workers + 1):
            self._spawn(
                f"worker-{number}",
                [
                    *self.manage_command(),
                    "db_worker",
                    "--interval",
                    "0.1",
                    "--no-startup-delay",
                    "--worker-id",
                    f"stack-worker-{number}",
                ],
            )
        wait_for_port(self.port, process=web)
        if self.periodic:
            self._scheduler = threading.Thread(
                target=self._run_periodic, name="cron", daemon=True
            )
            self._scheduler.start()

    def web_command(self, port, workers=None):
        """gunicorn: ``web_workers`` (or ``workers``) processes of
        ``web_threads`` threads."""
        return [
            self.python,
            "-m",
            "gunicorn",
            "example_site.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers or self.web_workers),
            "--threads",
            str(self.web_threads),
            "--worker-class",
            "gthread",
            "--timeout",
            "60",
            "--graceful-timeout",
            "10",
            "--access-logfile",
            "-",
        ]

    @contextlib.contextmanager
    def more_web(self, name, env, workers=None):
        """More web processes (``workers``, else as many as the stack's) on a
        port of their own, on the same database, Redis and worker, with settings
        of their own (``env``); yields their address. For tests that need other
        settings than the stack's."""
        port = free_port()
        process = self._spawn(name, self.web_command(port, workers), env)
        try:
            wait_for_port(port, process=process)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
            self.processes.pop(name, None)

    def _start_redis(self):
        program = shutil.which("redis-server")
        if program is None:
            raise RuntimeError(
                "redis-server is not installed (Debian: apt-get install redis-server)"
            )
        port = free_port()
        redis_dir = self.data_dir / "redis"
        redis_dir.mkdir(parents=True, exist_ok=True)
        redis = self._spawn("redis", redis_command(program, port, redis_dir))
        wait_for_port(port, process=redis)
        self.redis_url = f"redis://127.0.0.1:{port}/0"

    # The periodic jobs, for local use: each crontab line when it is due.
    def periodic_environment(self):
        """The crontab's variables, with ``MANAGE`` this machine's
        ``manage.py``, over the stack's environment."""
        variables, _jobs = read_crontab()
        return {
            **self.env,
            **variables,
            "MANAGE": shlex.join(self.manage_command()),
        }

    def run_job(self, job):
        """Run one crontab command as cron would (``/bin/sh -c``)."""
        return subprocess.run(
            ["/bin/sh", "-c", job.command],
            env=self.periodic_environment(),
            cwd=ROOT,
            text=True,
            capture_output=True,
            check=False,
        )

    def _run_periodic(self):
        _variables, jobs = read_crontab()
        last = None
        while not self._stopping.is_set():
            minute = datetime.datetime.now().replace(second=0, microsecond=0)
            if minute != last:
                last = minute
                for job in jobs:
                    if job.due(minute) and not self._stopping.is_set():
                        result = self.run_job(job)
                        if result.returncode:
                            print(
                                f"periodic job failed ({result.returncode}): "
                                f"{job.command}\n{result.stdout}{result.stderr}",
                                file=sys.stderr,
                            )
            self._stopping.wait(1)

    def stop(self):
        self._stopping.set()
        if self._scheduler is not None:
            self._scheduler.join(timeout=120)
        # The web first (no new tasks), then the worker (it finishes the task
        # at hand), Redis last.
        order = ["web", *sorted(n for n in self.processes if n.startswith("worker"))]
        order += [n for n in self.processes if n not in order]
        for name in order:
            process = self.processes.get(name)
            if process is None or process.poll() is not None:
                continue
            # gunicorn's quick shutdown (SIGINT): what it was asked is answered
            # by now; the worker's SIGTERM lets it finish the task at hand.
            quick = name == "web" and not self.foreground
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGINT if quick else signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        self.processes.clear()
        for log in self._logs:
            log.close()
        self._logs.clear()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "DATABASE_URL", os.environ.get("POSTGRES_URL", DEFAULT_DATABASE_URL)
        ),
        help="The site's database (default: $DATABASE_URL, $POSTGRES_URL, or "
        "the local PostgreSQL of docs/development.md).",
    )
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--web-threads", type=int, default=4)
    parser.add_argument("--task-workers", type=int, default=1)
    parser.add_argument(
        "--data-dir",
        default=str(ROOT / ".stack-data"),
        help="Static and media files, logs, Redis's directory.",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="Load the demo content and the admin user (admin / admin).",
    )
    args = parser.parse_args(argv)
    stack = Stack(
        args.database_url,
        port=args.port,
        web_workers=args.web_workers,
        web_threads=args.web_threads,
        task_workers=args.task_workers,
        data_dir=args.data_dir,
        foreground=True,
    )
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    try:
        stack.start(demo=args.demo)
        print(f"\n  The stack serves {stack.url()} (Ctrl-C stops it)\n", flush=True)
        while not stopped.is_set():
            for name, process in stack.processes.items():
                if process.poll() is not None:
                    print(f"{name} stopped ({process.returncode})", file=sys.stderr)
                    stopped.set()
            stopped.wait(1)
    except KeyboardInterrupt:
        pass
    finally:
        print("Stopping the stack...", file=sys.stderr)
        stack.stop()


if __name__ == "__main__":
    main()
