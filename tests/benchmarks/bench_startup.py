"""Start-up time: Penwright's window against a bare PySide6 window.

Both run as new processes with ``QT_QPA_PLATFORM=offscreen`` and a temporary
``PENWRIGHT_HOME``, timed from just before the launch to the first pass of the event
loop after ``show()`` (the child prints the time; both clocks are the same wall clock).

- Penwright: ``_app_probe.py`` runs the real entry point, ``app.__main__.main()``, with
  ``MainWindow.show`` wrapped to report; it also reports when the default model has
  loaded in the engine host (time to a usable window), then quits the normal way.
- Baseline: ``_bare_window.py``, a QApplication and an empty QMainWindow.

One warm-up run of each first (the first Penwright run also creates the home: settings,
model library, history database), so the figures are a returning user's start. Peak RSS:
each window process reports its own as it exits (``ru_maxrss``), and psutil (plus
``VmHWM`` on Linux) samples it and, for Penwright, the engine host it spawns.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.benchmarks._common import (
    MIB,
    ROOT,
    Figure,
    OtherLoad,
    PeakRss,
    Report,
    add_load_note,
    alternate,
    bench_arguments,
    default_model,
    environment,
    log,
    pick,
    summary,
    temporary_home,
)

HERE = Path(__file__).resolve().parent
TIMEOUT_S = 120


def _child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PENWRIGHT_HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def _launch(script: Path, home: Path) -> dict[str, Any]:
    """Run a probe; return its reported times (seconds after launch) and peak RSS."""
    started = time.time()
    proc = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=_child_env(home),
    )
    with PeakRss(proc.pid, descendants=True) as rss:
        try:
            out, err = proc.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            raise RuntimeError(f"{script.name} did not finish in {TIMEOUT_S} s: {err[-2000:]}") from None
        exited = time.time() - started
    result: dict[str, Any] = {"exit_code": proc.returncode, "exit_s": exited}
    host_pid, reported_peak = 0, 0
    for line in out.splitlines():
        word, *rest = line.split()
        if word == "SHOWN":
            result["shown_s"] = float(rest[0]) - started
        elif word == "BUILT":
            result["built_s"] = float(rest[0]) - started
        elif word == "READY":
            result["ready_s"] = float(rest[0]) - started
            host_pid = int(rest[1])
        elif word == "PEAK":
            reported_peak = int(rest[0])
        elif word in ("NOMODEL", "FAILED"):
            result["problem"] = line
    if "shown_s" not in result or proc.returncode != 0:
        raise RuntimeError(f"{script.name} failed (exit {proc.returncode}): {out[-1000:]} {err[-2000:]}")
    result["peak_rss"] = max(rss.peak(), reported_peak)
    result["host_peak_rss"] = rss.peak(host_pid) if host_pid else None
    return result


def run(repeats: int, stat: str = "best") -> Report:
    model = default_model()
    report = Report(
        name="startup",
        description="launch to window shown: `python -m app` (real entry point) vs a bare PySide6 window",
        settings={"repeats": repeats, "statistic": stat, "qpa_platform": "offscreen"},
        environment=environment(model),
    )
    other_load = OtherLoad()
    app_runs: list[dict[str, Any]] = []
    bare_runs: list[dict[str, Any]] = []
    app_probe, bare_probe = HERE / "_app_probe.py", HERE / "_bare_window.py"
    with temporary_home() as home:
        log("startup: warm-up (the first Penwright run creates its home)")
        first = _launch(app_probe, home)
        _launch(bare_probe, home)
        report.samples["first_run"] = first
        if "problem" in first:
            report.notes.append(f"the app did not load a model: {first['problem']}")

        def app_side(i: int) -> None:
            app_runs.append(_launch(app_probe, home))
            r = app_runs[-1]
            ready, built = r.get("ready_s", float("nan")), r.get("built_s", float("nan"))
            log(
                f"startup: Penwright {i + 1}/{repeats}: shown {r['shown_s']:.3f} s, "
                f"built {built:.3f} s, ready {ready:.3f} s"
            )

        def bare_side(i: int) -> None:
            bare_runs.append(_launch(bare_probe, home))
            log(f"startup: bare window {i + 1}/{repeats}: shown {bare_runs[-1]['shown_s']:.3f} s")

        alternate(repeats, app_side, bare_side)

    app_shown = [r["shown_s"] for r in app_runs]
    bare_shown = [r["shown_s"] for r in bare_runs]
    app_ready = [r["ready_s"] for r in app_runs if "ready_s" in r]
    app_built = [r["built_s"] for r in app_runs if "built_s" in r]
    host_peaks = [r["host_peak_rss"] for r in app_runs if r.get("host_peak_rss")]
    bare_value = pick(bare_shown, "lower", stat)
    report.add(
        Figure(
            "launch to window shown",
            "s",
            pick(app_shown, "lower", stat),
            bare_value,
            "python -m app",
            "bare PySide6 window",
        ),
        Figure(
            "launch to window built (Chat pane usable)",
            "s",
            pick(app_built, "lower", stat) if app_built else None,
            bare_value,
            "python -m app",
            "bare window shown",
        ),
        Figure(
            "launch to model ready",
            "s",
            pick(app_ready, "lower", stat) if app_ready else None,
            bare_value,
            "python -m app",
            "bare window shown",
        ),
        Figure(
            "peak RSS, window process",
            "MiB",
            max(r["peak_rss"] for r in app_runs) / MIB,
            max(r["peak_rss"] for r in bare_runs) / MIB,
            "Penwright window",
            "bare PySide6 window",
        ),
        Figure(
            "peak RSS, engine host",
            "MiB",
            max(host_peaks) / MIB if host_peaks else None,
            None,
            "engine host process",
            "none",
        ),
    )
    report.samples |= {
        "app_shown_s": summary(app_shown),
        "app_built_s": summary(app_built),
        "app_ready_s": summary(app_ready),
        "bare_shown_s": summary(bare_shown),
        "app_runs": app_runs,
        "bare_runs": bare_runs,
    }
    add_load_note(report, other_load)
    return report


def main(argv: list[str] | None = None) -> int:
    args = bench_arguments("start-up benchmark", engine_options=False).parse_args(argv)
    run(args.repeats, args.stat).save(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
