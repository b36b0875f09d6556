"""`make bench`: every benchmark against PostgreSQL, each comparison measured side by side in one run.

Prints `BENCH <name> <value> <unit>` lines and short tables. Uses a throwaway database named after
DATABASE_URL's with `_bench` appended.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PROJECT, PYTHON, bench_database_url, bench_env, bench_line, reset_database


def section(title: str) -> None:
    print(f"\n=== {title} " + "=" * max(0, 70 - len(title)), flush=True)


def run(args: list[str], url: str, **extra: str) -> str:
    result = subprocess.run(
        [PYTHON, *args], cwd=PROJECT, env=bench_env(url, **extra), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


BUILD_PROBE = """
import time
from feedback.anonymizer import Anonymizer, Identity
registry = [Identity(f"Given{n} Family{n}", f"given{n}@org{n % 300}.org", f"+41 22 {n:07d}", "",
                     f"Organisation number {n % 500}", f"ORG{n % 500}") for n in range(10_000)]
timings = []
for _ in range(3):
    started = time.perf_counter()
    Anonymizer.build(registry)
    timings.append(time.perf_counter() - started)
print(min(timings))
"""


def anonymizer(url: str) -> None:
    section("Anonymizer vs Presidio (same registry, same texts)")
    print(run(["bench/anonymizer_bench.py"], url), end="")
    seconds = float(run(["-c", BUILD_PROBE], url).strip())
    print(bench_line("anonymizer_build_10k_identities_seconds", seconds, "s"))


def summary(url: str) -> None:
    section("Summary of a large round: 10,000 and 100,000 answers")
    results = {}
    for respondents in (2000, 20000):
        round_id = run(["bench/summary_bench.py", "populate", "--respondents", str(respondents)], url).strip()
        results[respondents] = json.loads(run(["bench/summary_bench.py", "measure", round_id], url))
    small, large = results[2000], results[20000]
    print(f"{'answers':>10}{'build s':>10}{'md s':>8}{'docx s':>8}{'total s':>9}{'peak MB':>9}")
    for result in (small, large):
        print(
            f"{result['answers']:>10}{result['build_seconds']:>10.2f}{result['markdown_seconds']:>8.2f}"
            f"{result['docx_seconds']:>8.2f}{result['total_seconds']:>9.2f}{result['peak_mb']:>9.0f}"
        )
    print(bench_line("summary_10k_seconds", small["total_seconds"], "s"))
    print(bench_line("summary_100k_seconds", large["total_seconds"], "s"))
    print(bench_line("summary_100k_peak_mb", large["peak_mb"], "MB"))
    print(bench_line("summary_10k_peak_mb", small["peak_mb"], "MB"))
    print(bench_line("summary_100k_vs_10k_time", large["total_seconds"] / small["total_seconds"], "ratio"))


def _letters(number: int) -> str:
    """Spell a number in letters ("Baab"): names hold no digits (participants/validators.py)."""
    word, number = "", number + 26**3
    while number:
        number, letter = divmod(number, 26)
        word = chr(ord("a") + letter) + word
    return word.capitalize()


def import_participants(url: str) -> None:
    section("import_participants of 10,000 rows")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "participants.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["email", "full_name", "category", "affiliation", "country", "phone", "website", "acronym"])
            for n in range(10_000):
                if n % 2:
                    writer.writerow(
                        [
                            f"import{n}@mfa.example.org",
                            f"Expert {_letters(n)} Import",
                            "state_party",
                            "Norway",
                            "NO",
                            f"+47 22 {n:06d}",
                            "",
                            "",
                        ]
                    )
                else:
                    writer.writerow(
                        [
                            f"import{n}@org.example.org",
                            f"Expert {_letters(n)} Import",
                            "international_organisation",
                            f"Organisation {n}",
                            "",
                            "",
                            "https://org.example.org",
                            f"ORG{n}",
                        ]
                    )
        started = time.perf_counter()
        run(["manage.py", "import_participants", str(path)], url)
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        run(["manage.py", "import_participants", str(path)], url)  # again: every row is an update
        again = time.perf_counter() - started
    print(f"create 10,000: {seconds:.2f} s; re-import (updates, no change): {again:.2f} s")
    print(bench_line("import_10k_participants_seconds", seconds, "s"))
    print(bench_line("reimport_10k_participants_seconds", again, "s"))


def http(url: str) -> None:
    section("HTTP under load")
    print(run(["bench/http_bench.py"], url, DJANGO_SETTINGS_MODULE="bench.settings"), end="")


def rush(url: str) -> None:
    section("Deadline rush: 500 participants on gunicorn + PostgreSQL, 50 on make run's server + SQLite")
    print(run(["bench/rush_bench.py", "--participants", "500"], url), end="")
    print(run(["bench/rush_bench.py", "--participants", "50", "--embedded", "--prefix", "rush_embedded"], url), end="")


def queries(url: str) -> None:
    section("Queries per page at 10 and 1,000 rounds, participants and responses")
    print(run(["bench/query_bench.py"], url), end="")


def themes(url: str) -> None:
    section("Suggested themes for 10,000 answers, and the known topics they recover")
    round_id = run(["bench/themes_bench.py", "populate", "--answers", "10000"], url).strip()
    result = json.loads(run(["bench/themes_bench.py", "measure", round_id], url))
    for label, covered in result["suggestions"]:
        print(f"  {covered:>6}  {label}")
    print(f"recovered: {', '.join(result['recovered'])}")
    print(bench_line("themes_10k_seconds", result["seconds"], "s"))
    print(bench_line("themes_topics_recovered", len(result["recovered"]), f"of {result['topics']}"))


def cycle_report(url: str) -> None:
    section("The Secretariat's cycle report: 10 rounds, 20,000 answers (targets < 30 s, < 300 MB)")
    cycle_id = run(["bench/cycle_report_bench.py", "populate"], url).strip()
    result = json.loads(run(["bench/cycle_report_bench.py", "measure", cycle_id], url))
    print(f"{result['rounds']} rounds, {result['answers']} answers, leaks {result['leaks']}; bytes {result['sizes']}")
    print(bench_line("cycle_report_seconds", result["seconds"], "s"))
    print(bench_line("cycle_report_peak_mb", result["peak_mb"], "MB"))
    print(bench_line("cycle_report_vs_one_summary_time", result["seconds"] / result["one_summary_seconds"], "ratio"))


SECTIONS = {
    "anonymizer": anonymizer,
    "import": import_participants,
    "queries": queries,
    "http": http,
    "rush": rush,
    "summary": summary,
    "themes": themes,
    "cycle_report": cycle_report,
}


def main() -> None:
    """Run every section, or those named on the command line (e.g. `bench/run.py http rush`)."""
    chosen = sys.argv[1:] or list(SECTIONS)
    unknown = set(chosen) - set(SECTIONS)
    if unknown:
        sys.exit(f"Unknown benchmark {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}.")
    started = time.perf_counter()
    url = bench_database_url()
    print(
        f"Benchmarks on {url.rsplit('@', 1)[-1]} (throwaway database); Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs"
    )
    for name in chosen:
        reset_database(url)  # each section starts from an empty, migrated database
        SECTIONS[name](url)
    print(f"\nAll benchmarks took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
