"""Wait until a process has worked for a while: a point inside a long computation that
sends no events (a prompt being read, a beam search), found without guessing a time."""

from __future__ import annotations

import time

import psutil


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of process ``pid``, all its threads (seconds)."""
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def wait_for_cpu(pid: int, since: float, seconds: float, timeout: float = 120.0) -> None:
    """Return once process ``pid`` has used ``seconds`` of CPU after its total was ``since``
    (from :func:`cpu_seconds`). CPU time, unlike wall time, does not grow while a loaded
    machine holds the process back. Raises AssertionError after ``timeout`` wall seconds."""
    deadline = time.monotonic() + timeout
    while cpu_seconds(pid) - since < seconds:
        assert time.monotonic() < deadline, f"process {pid} did not work {seconds} s within {timeout} s"
        time.sleep(0.002)
