"""CPU time per request of each page of the HTTP benchmark, in one process: steady on a busy machine.

    DATABASE_URL=postgres://... python bench/page_cpu.py [--requests 300] [--reuse] [--profile chair_responses]

wrk's throughput moves with whatever else runs on the machine; the CPU a request costs the web process
(`time.process_time`) hardly does. This drives the benchmark's pages (bench/http_bench.py: same data,
same users, same paths, the bare view first) through Django's test client against
`<DATABASE_URL>_bench`, and prints each page's median CPU time per request and the ratio
bare / page, which is what the HTTP ratios tend to when PostgreSQL's share is small. Pages are
measured in turns (a request of each, again and again), so a slow spell weighs on all of them alike.
The database's own CPU is not counted (another process): see the query counts for that side.

--reuse keeps the data of an earlier run (otherwise the database is dropped, migrated and filled as
`bench/run.py http` does); --profile NAME prints cProfile's top functions for that page (repeatable).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_database_url, bench_env, reset_database, setup_django

PROJECT_CODE = rf"{Path(__file__).resolve().parent.parent}/(?!\.venv)"
DATA_FILE = Path("/tmp/advisory-page-cpu-data.json")  # what --reuse needs from the run that filled the database


def client_for(session: str, csrf: str):
    from django.test import Client

    client = Client()
    client.cookies["sessionid"] = session
    client.cookies["csrftoken"] = csrf
    return client


class Page:
    """One page of the benchmark with a client of its own; POSTs save as the benchmark's autosave does."""

    def __init__(self, name: str, path: str, sessions: list[str], method: str, csrf: str) -> None:
        self.name, self.path, self.method = name, path, method
        self.client = client_for(sessions[0], csrf)
        self.version = 0
        self.flip = 0

    def request(self) -> None:
        if self.method == "GET":
            response = self.client.get(self.path)
        else:
            self.flip = 1 - self.flip
            response = self.client.post(
                self.path,
                {"version": self.version, "q_ease": 3 + self.flip, "q_change": f"Pre-fill and export {self.flip}"},
                headers={"X-Requested-With": "XMLHttpRequest"},
            )
            self.version = json.loads(response.content)["version"]
        if response.status_code != 200:
            sys.exit(f"{self.name} answered {response.status_code}")


def measure(pages: list[Page], requests: int) -> dict[str, float]:
    """Median CPU seconds per request of each page, the pages taken in turns."""
    for page in pages:  # warm: the worker's caches, the connection's prepared statements
        for _ in range(20):
            page.request()
    times: dict[str, list[float]] = {page.name: [] for page in pages}
    for _ in range(requests):
        for page in pages:
            started = time.process_time()
            page.request()
            times[page.name].append(time.process_time() - started)
    return {name: median(values) for name, values in times.items()}


def profile(page: Page, requests: int, top: int = 30) -> None:
    profiler = cProfile.Profile(time.process_time)  # CPU, not wall time: waits on PostgreSQL or the machine left out
    profiler.enable()
    for _ in range(requests):
        page.request()
    profiler.disable()
    # cProfile's own overhead inflates small functions: read its shares, and time a change with measure().
    print(f"\n--- cProfile: {page.name}, {requests} requests, the project's code (cumulative CPU seconds)")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(f"^{PROJECT_CODE}", top)
    print(f"--- {page.name}: everything, by own time")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def split(page: Page, names: list[str], requests: int) -> None:
    """CPU per request spent inside each named function (`module:Class.method`), outermost calls only."""
    import importlib

    for _ in range(20):  # warm, as measure() does: a first request builds caches (the anonymizer, templates)
        page.request()
    spent: dict[str, float] = dict.fromkeys(names, 0.0)
    for name in names:
        module_name, _, qualname = name.partition(":")
        owner = importlib.import_module(module_name)
        *parents, attribute = qualname.split(".")
        for parent in parents:
            owner = getattr(owner, parent)
        original = owner.__dict__[attribute]
        function = original.__func__ if isinstance(original, staticmethod | classmethod) else original

        def timed(*args, __function=function, __name=name, **kwargs):
            if timed.depth[__name]:
                return __function(*args, **kwargs)
            timed.depth[__name] += 1
            started = time.process_time()
            try:
                return __function(*args, **kwargs)
            finally:
                spent[__name] += time.process_time() - started
                timed.depth[__name] -= 1

        timed.depth = dict.fromkeys(names, 0)
        wrapped = type(original)(timed) if isinstance(original, staticmethod | classmethod) else timed
        setattr(owner, attribute, wrapped)
    started = time.process_time()
    for _ in range(requests):
        page.request()
    total = time.process_time() - started
    print(f"\n--- {page.name}: {1000 * total / requests:.2f} ms a request, of which")
    for name, seconds in spent.items():
        print(f"{1000 * seconds / requests:>8.2f} ms  {name}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--profile", action="append", default=[])
    parser.add_argument("--split", nargs="+", default=[], help="module:function names to time on the --profile pages")
    parser.add_argument("--only", action="append", default=[], help="measure only these pages (and the bare view)")
    args = parser.parse_args()
    url = bench_database_url()
    if not args.reuse:
        reset_database(url)
    os.environ.update(bench_env(url, DJANGO_SETTINGS_MODULE="bench.settings"))
    setup_django()
    from bench.http_bench import forget_drafts, pages_under_test, prepare

    if args.reuse:
        data = json.loads(DATA_FILE.read_text())
    else:
        data = prepare()
        DATA_FILE.write_text(json.dumps(data))
    forget_drafts(data["round"])  # the autosave starts at version 0
    pages = [Page(*page, data["csrf"]) for page in pages_under_test(data)]
    chosen = [page for page in pages if page.name == "bare" or not args.only or page.name in args.only]
    results = measure(chosen, args.requests)
    bare = results["bare"]
    print(f"{'page':<18}{'CPU ms':>9}{'bare/page':>11}")
    for name, seconds in results.items():
        print(f"{name:<18}{1000 * seconds:>9.2f}{bare / seconds:>11.2f}")
    for name in args.profile:
        page = next(page for page in pages if page.name == name)
        if args.split:
            split(page, args.split, args.requests)
        else:
            profile(page, max(50, args.requests // 2))


if __name__ == "__main__":
    main()
