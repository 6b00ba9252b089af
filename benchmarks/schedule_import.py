"""Peak memory of reading a schedule file for the import (``frab.load_schedule``:
the size limit, parsing and the checks), for files up to the size limit.

Each file is read in a fresh process (peak RSS is a high-water mark), and the
table gives the file's size, its events, the time to read it and the process's
peak RSS after Django's set-up and after reading:

    python benchmarks/schedule_import.py           # ~20 s
    python benchmarks/schedule_import.py --import  # also import (slow: pages)

The files are built from the frab camp 2019 example (../shared/frab/, a real
file: about 2.7 kB an event), its events repeated with new guids, and one
hostile file of the same size made of small objects (the parser's worst case).
"""

import argparse
import copy
import json
import os
import resource
import subprocess
import sys
import time
import uuid
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
CAMP = ROOT.parent / "shared" / "frab" / "example-frab-camp2019.json"


def real_like(size):
    data = json.loads(CAMP.read_text())
    info = data["schedule"]["conference"]
    events = [
        event
        for day in info["days"]
        for room_events in day["rooms"].values()
        for event in room_events
    ]
    room = info["days"][0]["rooms"].setdefault("Extra", [])
    text = json.dumps(data)
    n = 0
    while len(text) < size:
        for _ in range(200):
            event = copy.deepcopy(events[n % len(events)])
            event["guid"] = str(uuid.uuid4())
            room.append(event)
            n += 1
        text = json.dumps(data)
    while len(text.encode()) > size:
        room.pop()
        text = json.dumps(data)
    return text.encode()


def small_objects(size, count=None):
    """The camp file with one event's links made of small objects: ``count`` of
    them (four values each), else as many as fill ``size``, and a description
    that fills the rest."""
    data = json.loads(CAMP.read_text())
    event = next(
        e
        for day in data["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for e in events
    )
    link = {"a": "x", "b": "y", "c": "z", "d": "w"}
    text = json.dumps(data)
    fill = (size - len(text)) // len(json.dumps(link) + ", ")
    event["links"] = [link] * (count or fill)
    text = json.dumps(data)
    event["description"] = "x" * (size - len(text) - 1)
    return json.dumps(data).encode()


def measure(path, do_import):
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    import django

    django.setup()
    from wagtail_events.exchange import frab

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        with open(path, "rb") as file:
            frab.load_schedule(file)
    except frab.ScheduleError as error:
        print(json.dumps({"refused": str(error)}))
        return
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"before": before, "after": after, "seconds": seconds}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--measure")
    parser.add_argument("--import", dest="do_import", action="store_true")
    args = parser.parse_args()
    if args.measure:
        return measure(args.measure, args.do_import)
    from tempfile import TemporaryDirectory

    limit = 10 * 1024 * 1024
    rows = []
    with TemporaryDirectory() as tmp:
        files = [
            ("frab camp 2019 (real)", CAMP.read_bytes()),
            ("camp events, 2.5 MB", real_like(limit // 4)),
            ("camp events, 10 MB (the limit)", real_like(limit)),
            ("95,000 small objects, 10 MB (accepted)", small_objects(limit, 95_000)),
            ("small objects only, 10 MB (hostile)", small_objects(limit)),
        ]
        for name, content in files:
            path = Path(tmp) / "schedule.json"
            path.write_bytes(content)
            events = content.count(b'"guid"')
            out = subprocess.run(  # noqa: S603 -- this script, a file of its own
                [sys.executable, __file__, "--measure", str(path)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            figures = json.loads(out.strip().splitlines()[-1])
            rows.append((name, len(content), events, figures))
    print(
        "| File | Size (MB) | guids | Read (s) | Peak RSS before (MiB) | after (MiB) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, size, events, fig in rows:
        if "refused" in fig:
            print(f"| {name} | {size / 1024 / 1024:.1f} | {events:,} | refused | | |")
            continue
        print(
            f"| {name} | {size / 1024 / 1024:.1f} | {events:,} | {fig['seconds']:.2f} "
            f"| {fig['before'] / 1024:.0f} | {fig['after'] / 1024:.0f} |"
        )


if __name__ == "__main__":
    main()
