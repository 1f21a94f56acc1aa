"""Run every benchmark and print a table: ``make bench`` or ``python -m tests.benchmarks.run_all``.

Each ``bench_<name>.py`` runs in its own process (so peak-memory figures do not carry
over from one benchmark to the next) and writes ``out/benchmarks/<name>.json``; this
script then prints every figure with its baseline and the ratio. Ratios are
Penwright / baseline: above 1 is better for tok/s, worse for seconds and MiB (the
"better" column says which; ``x`` rows are themselves ratios, e.g. context's TTFT growth).
About two and a half minutes on 2 cores when the machine is otherwise idle (context:
about a minute, metadata: about 25 s).

Options: ``--only generation load`` runs a subset; ``--stat median`` summarises the
repeats by their median instead of the best run; ``--repeats N``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.benchmarks._common import OUT_DIR, ROOT, temporary_home

BENCHMARKS = (
    "generation",
    "load",
    "startup",
    "context",
    "metadata",
    "remote",
    "history",
    "beam",
    "perplexity",
    "poetry",
)


def _format(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "tokens":
        return f"{value:.0f} tokens"
    return f"{value:.1f} {unit}"


def _cell(value: float | None, unit: str, label: str) -> str:
    return "—" if value is None else f"{_format(value, unit)} ({label})"


def table(reports: list[dict[str, Any]]) -> str:
    """The human summary of the reports (one row per figure)."""
    rows = [("benchmark", "figure", "Penwright", "baseline", "ratio", "better")]
    for report in reports:
        for fig in report["figures"]:
            value_ratio = fig["ratio"]
            rows.append(
                (
                    report["name"],
                    fig["name"],
                    _cell(fig["ours"], fig["unit"], fig["ours_label"]),
                    _cell(fig["baseline"], fig["unit"], fig["baseline_label"]),
                    "—" if value_ratio is None else f"{value_ratio:.2f}x",
                    fig["better"],
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    for report in reports:
        lines.extend(f"note ({report['name']}): {note}" for note in report.get("notes", []))
    return "\n".join(line.rstrip() for line in lines)


def _header(reports: list[dict[str, Any]]) -> str:
    if not reports:
        return ""
    env, settings = reports[0]["environment"], reports[0]["settings"]
    threads = next((r["settings"]["n_threads"] for r in reports if "n_threads" in r["settings"]), "?")
    model = Path(env.get("model", "?")).name
    return (
        f"Penwright benchmarks: {settings.get('statistic', 'best')} of {settings.get('repeats', '?')} runs, "
        f"{model} ({env.get('model_size_mib', '?')} MiB), n_threads {threads}, "
        f"{env['cpu_count']} CPUs, Python {env['python']}, llama-cpp-python {env['llama_cpp_python']}, "
        f"PySide6 {env['pyside6']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run Penwright's benchmarks.")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run only these benchmarks")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR, help="where the JSON reports go")
    parser.add_argument("--stat", choices=("best", "median"), default="best")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    reports: list[dict[str, Any]] = []
    failed: list[str] = []
    with temporary_home():  # the children inherit it; each benchmark also makes its own
        for name in args.only or BENCHMARKS:
            out = args.out_dir / f"{name}.json"
            out.unlink(missing_ok=True)
            print(f"running {name} …", file=sys.stderr, flush=True)
            command = [
                sys.executable,
                "-m",
                f"tests.benchmarks.bench_{name}",
                "--out",
                str(out),
                "--stat",
                args.stat,
                "--repeats",
                str(args.repeats),
            ]
            done = subprocess.run(command, cwd=ROOT, check=False)
            if done.returncode != 0 or not out.exists():
                failed.append(name)
                continue
            reports.append(json.loads(out.read_text(encoding="utf-8")))

    print()
    print(_header(reports))
    print(table(reports))
    print(f"\nJSON: {args.out_dir}/<name>.json · took {time.perf_counter() - started:.0f} s")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
