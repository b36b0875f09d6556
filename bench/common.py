"""Shared by the benchmarks: a throwaway PostgreSQL database, Django set up against it, BENCH lines."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse, urlunparse

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# The local PostgreSQL of a development machine, when DATABASE_URL is not set.
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/advisory"


def bench_database_url() -> str:
    """DATABASE_URL with `_bench` appended to the database name: benchmarks never touch real data."""
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "make bench needs DATABASE_URL pointing at PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/advisory"
        )
    parsed = urlparse(url)
    name = parsed.path.lstrip("/") or "advisory"
    name = name if name.endswith("_bench") else f"{name}_bench"  # the sections run with it already set
    return urlunparse(parsed._replace(path=f"/{name}"))


def reset_database(url: str) -> None:
    """Drop and create the bench database, then migrate it."""
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    run_manage(url, "migrate", "--noinput", "-v0")
    run_manage(url, "collectstatic", "--noinput", "-v0")  # production storage needs its manifest


def bench_env(url: str, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("DEBUG", "REDIS_URL")}
    env.update(
        DATABASE_URL=url,
        SECRET_KEY="bench-" + "k" * 60,
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",
        SITE_URL="http://127.0.0.1",
        HUEY_SQLITE_PATH="/tmp/advisory-bench-huey.sqlite3",
        LOG_LEVEL="WARNING",
    )
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", **extra})
    return env


def run_manage(url: str, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=PROJECT, env=bench_env(url), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def setup_django() -> None:
    """Inside a bench subprocess: settings from the environment that bench_env() prepared."""
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def timed(results: dict, key: str):
    start = time.perf_counter()
    yield
    results[key] = time.perf_counter() - start


def bench_line(name: str, value: float, unit: str) -> str:
    return f"BENCH {name} {value:.3f} {unit}" if isinstance(value, float) else f"BENCH {name} {value} {unit}"


def registered(now) -> dict[str, object]:
    """What an approved participant has given at registration (§4, §11, §12): without it the site holds
    them on their profile page, and a benchmark would measure that redirect instead of the page."""
    return {
        "email_confirmed_at": now,
        "personal_capacity_acknowledged_at": now,
        "confidentiality_acknowledged_at": now,
        "statement": "Years of preparing my country's annual reports; two days a month for consultations.",
    }
