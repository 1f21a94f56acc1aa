"""Benchmarks: figures, not pass/fail tests.

Run them all with ``make bench`` (or ``python -m tests.benchmarks.run_all``); each
``bench_*.py`` module also runs alone (``python -m tests.benchmarks.bench_load``). The
files are named ``bench_*.py`` so pytest never collects them. Every figure is a ratio
against a baseline measured in the same run, with peak memory beside the time.
"""
