"""Shared by the load benchmarks: logged-in sessions made without a password, and a server started and awaited."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from typing import Any

from bench.common import PROJECT


def logged_in_session(user: Any, device: Any = None) -> str:
    """A session cookie value for `user` (and a verified second factor when `device` is given)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "participants.backends.EmailBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if device is not None:
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return store.session_key


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"the server on port {port} did not start")


def start_gunicorn(application: str, port: int, workers: int) -> subprocess.Popen:
    """gunicorn's sync workers, as deployed (README, "Deploying for real"), with this process's environment."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            application,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--no-control-socket",
            # A worker's first request imports every view (scikit-learn included): on a busy machine that
            # takes longer than gunicorn's default 30 s.
            "--timeout",
            "180",
            "--log-level",
            "warning",
        ],
        cwd=PROJECT,
        env=dict(os.environ),
    )
    wait_for(port)
    return server


def stop(server: subprocess.Popen) -> None:
    """Ask the server to stop; kill it if it is still busy a minute later."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
