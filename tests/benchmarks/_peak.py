"""A process's own peak RSS, with no imports beyond the standard library on POSIX.

The startup probes print it just before they exit: a process that lives a fraction of
a second can peak between two polls from outside, and importing anything bigger here
would itself raise the figure being measured.
"""

from __future__ import annotations

import sys


def self_peak_rss() -> int:
    """This process's peak resident set size in bytes (``ru_maxrss``; ``peak_wset`` on Windows)."""
    try:
        import resource
    except ImportError:  # Windows
        import psutil

        return int(getattr(psutil.Process().memory_info(), "peak_wset", 0))
    peak = int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return peak if sys.platform == "darwin" else peak * 1024  # bytes on macOS, KiB elsewhere
