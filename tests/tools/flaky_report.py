"""List the tests that did not pass every run of ``make flaky``.

``make flaky`` runs the integration and UI suites several times in one pytest session
(pytest-repeat's ``--count N --repeat-scope session``) and writes a JUnit XML report.
pytest-repeat names the runs of a test by adding ``i-N`` to its id (``test_x[1-3]``,
``test_x[chat-2-3]``); this script groups the runs of each test and prints every test that
failed or errored in any run, changed outcome between runs (flaky), or did not run N times.
A test skipped in every run is not listed.

Usage::

    python tests/tools/flaky_report.py REPORT.xml --count 3 [--pytest-status STATUS]

Exit status: 0 when every test passed (or was skipped) in all N runs, 1 when some did not,
2 when the report is missing or unreadable or pytest could not run the suites (its exit
status, given with ``--pytest-status``, was neither 0 nor 1).
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from pathlib import Path

#: pytest's exit statuses for "all passed" and "some tests failed"; others mean the run broke.
_RAN = (0, 1)


def split_run(name: str, count: int) -> tuple[str, int | None]:
    """``("test_x[chat]", 2)`` from ``"test_x[chat-2-3]"`` (count 3); ``(name, None)`` when
    the name carries no pytest-repeat suffix."""
    suffix = re.search(rf"(?:(?<=\[)|-)(\d+)-{count}\]$", name)
    if suffix is None:
        return name, None
    base = name[: suffix.start()]
    base = base[:-1] if base.endswith("[") else base + "]"
    return base, int(suffix.group(1))


def outcome(case: ElementTree.Element) -> str:
    """'passed', 'failed', 'error' or 'skipped' for one JUnit ``testcase``."""
    for tag in ("error", "failure", "skipped"):
        if case.find(tag) is not None:
            return {"failure": "failed"}.get(tag, tag)
    return "passed"


def read_runs(report: Path, count: int) -> dict[str, list[str]]:
    """Outcomes of each test (``file-or-class::name``), in the order they ran."""
    runs: dict[str, list[str]] = defaultdict(list)
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        base, _run = split_run(case.get("name", ""), count)
        runs[f"{case.get('classname', '')}::{base}"].append(outcome(case))
    return runs


def not_passing(runs: dict[str, list[str]], count: int) -> list[str]:
    """One line for each test that did not pass all ``count`` runs."""
    lines = []
    for test, outcomes in sorted(runs.items()):
        if set(outcomes) == {"skipped"} and len(outcomes) == count:
            continue
        if set(outcomes) == {"passed"} and len(outcomes) == count:
            continue
        passed = outcomes.count("passed")
        kind = "FLAKY" if passed > 0 else "FAILED"
        lines.append(f"{kind} {test}: {', '.join(outcomes)} ({passed} of {count} passed)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path, help="JUnit XML report of the repeated run")
    parser.add_argument("--count", type=int, default=3, help="runs per test (pytest-repeat's --count)")
    parser.add_argument("--pytest-status", type=int, default=None, help="pytest's exit status")
    args = parser.parse_args(argv)
    if args.pytest_status is not None and args.pytest_status not in _RAN:
        print(f"pytest could not run the suites (exit status {args.pytest_status}).", file=sys.stderr)
        return 2
    try:
        runs = read_runs(args.report, args.count)
    except (OSError, ElementTree.ParseError) as exc:
        print(f"No readable test report at {args.report}: {exc}", file=sys.stderr)
        return 2
    lines = not_passing(runs, args.count)
    for line in lines:
        print(line)
    if lines:
        print(f"{len(lines)} of {len(runs)} tests did not pass all {args.count} runs.")
        return 1
    if args.pytest_status == 1:
        print("pytest reported failures that the report does not show.", file=sys.stderr)
        return 2
    print(f"All {len(runs)} tests passed all {args.count} runs (tests skipped every time excepted).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
