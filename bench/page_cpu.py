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
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        page.request()
    profiler.disable()
    print(f"\n--- cProfile: {page.name}, {requests} requests (cumulative seconds)")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)
    print(f"--- {page.name}: by own time")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--profile", action="append", default=[])
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
    if args.only:
        pages = [page for page in pages if page.name == "bare" or page.name in args.only]
    results = measure(pages, args.requests)
    bare = results["bare"]
    print(f"{'page':<18}{'CPU ms':>9}{'bare/page':>11}")
    for name, seconds in results.items():
        print(f"{name:<18}{1000 * seconds:>9.2f}{bare / seconds:>11.2f}")
    for name in args.profile:
        profile(next(page for page in pages if page.name == name), max(50, args.requests // 2))


if __name__ == "__main__":
    main()
