"""Run a blocking call (keychain, network) off the GUI thread and get its result back on it.

The window never waits on the keychain or a server: ``run_in_thread`` starts a daemon
thread and delivers the return value (or the exception raised) to ``done`` through a
queued signal, on the GUI thread.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal


class _Relay(QObject):
    """Lives on the GUI thread; its signal, emitted from the worker, arrives queued."""

    result = Signal(object)

    def __init__(self, done: Callable[[object], None], parent: QObject) -> None:
        super().__init__(parent)
        self._done = done
        self.result.connect(self._deliver)

    def _deliver(self, value: object) -> None:
        try:
            self._done(value)
        finally:
            self.deleteLater()


def run_in_thread(
    parent: QObject, work: Callable[[], object], done: Callable[[object], None], name: str = "penwright-task"
) -> threading.Thread:
    """Call ``work()`` on a new thread; ``done(result_or_exception)`` runs on the GUI thread.

    ``parent`` owns the relay: if it is destroyed first, the result is dropped.
    """
    relay = _Relay(done, parent)

    def run() -> None:
        try:
            value: object = work()
        except Exception as exc:  # handed to the GUI thread, which shows it
            value = exc
        with contextlib.suppress(RuntimeError):  # the relay's owner was deleted (window closed)
            relay.result.emit(value)

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread


class ProgressRelay(QObject):
    """Carries ``(done, total)`` reports from a worker thread to the GUI thread.

    Create it on the GUI thread and hand :meth:`report` to the worker: ``progressed``
    arrives queued, on the GUI thread. Reports closer together than ``interval_s`` are
    dropped (the first, and each one that reaches ``total``, always pass), so a fast
    worker does not flood the event loop. A report after the relay was deleted is dropped.
    """

    progressed = Signal(int, int)

    def __init__(self, parent: QObject, interval_s: float = 0.05) -> None:
        super().__init__(parent)
        self._interval = interval_s
        self._last = -float("inf")

    def report(self, done: int, total: int) -> None:
        """Called on the worker thread."""
        now = time.monotonic()
        if done < total and now - self._last < self._interval:
            return
        self._last = now
        with contextlib.suppress(RuntimeError):  # the relay's owner was deleted
            self.progressed.emit(done, total)
