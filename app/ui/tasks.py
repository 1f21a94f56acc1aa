"""Long work off the GUI thread, one way: :class:`Operation`.

The window never waits on the keychain, a server, a file or the engine. An
:class:`Operation` (modelled on Anki's ``QueryOp``/``CollectionOp`` and napari's
``thread_worker``) runs ``work(progress)`` on a daemon thread and delivers, on the GUI
thread through queued signals: progress reports ``(done, total)`` (rate-limited), then
exactly one of success(result), failure(exception) or cancelled(). If the object that
owns it is destroyed first (the window closed), nothing is delivered. ``work`` checks
``progress.cancelled`` between steps; :meth:`Operation.cancel` sets it.

``run_in_thread`` is the short form for a call with no progress or Cancel.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Signal

T = TypeVar("T")


class Progress:
    """Handed to an operation's ``work``: report progress, see whether Cancel was pressed.

    Reports closer together than ``interval_s`` are dropped (the first, and each one that
    reaches ``total``, always pass), so a fast worker does not flood the event loop.
    """

    def __init__(self, emit: Callable[[int, int], None], interval_s: float) -> None:
        self._emit = emit
        self._interval = interval_s
        self._last = -float("inf")
        self.cancel_event = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def report(self, done: int, total: int) -> None:
        """``done`` of ``total`` steps (any unit the operation names: bytes, items)."""
        now = time.monotonic()
        if done < total and now - self._last < self._interval:
            return
        self._last = now
        self._emit(done, total)


class OperationCancelled(Exception):
    """Raised by ``work`` (or :meth:`Progress.check`) to end an operation as cancelled."""


class _OperationRelay(QObject):
    """Lives on the GUI thread; its signals, emitted from the worker, arrive queued."""

    progressed = Signal(int, int)
    finished = Signal(object, object, bool)  # result, exception, cancelled


class Operation(Generic[T]):
    """One long piece of work with progress, Cancel and typed success/failure callbacks.

    Usage::

        Operation(self, lambda progress: count_tokens(text), name="penwright-count")
            .on_success(self._show_count)
            .on_failure(self._show_error)
            .run()

    Args:
        parent: owns the operation; if it is destroyed first, nothing is delivered.
        work: called on the worker thread with a :class:`Progress`; returns the result.
            Raising :class:`OperationCancelled` (or returning after :meth:`cancel`) ends it
            as cancelled; any other exception goes to the failure callback.
        name: the thread's name (shows in py-spy and logs).
        progress_interval_s: shortest time between two delivered progress reports.
    """

    def __init__(
        self,
        parent: QObject,
        work: Callable[[Progress], T],
        name: str = "penwright-operation",
        progress_interval_s: float = 0.05,
    ) -> None:
        self._relay = _OperationRelay(parent)
        self._work = work
        self._name = name
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[Exception], None] | None = None
        self._cancelled: Callable[[], None] | None = None
        self.progress = Progress(self._emit_progress, progress_interval_s)
        self.thread: threading.Thread | None = None
        # a lambda, not the bound method: the connection then holds this operation until the
        # relay goes (PySide keeps no reference to a plain object's method: a use-after-free)
        self._relay.finished.connect(lambda result, error, cancelled: self._deliver(result, error, cancelled))

    def _emit_progress(self, done: int, total: int) -> None:
        with contextlib.suppress(RuntimeError):  # the owner was deleted (window closed)
            self._relay.progressed.emit(done, total)

    def on_success(self, callback: Callable[[T], None]) -> Operation[T]:
        self._success = callback
        return self

    def on_failure(self, callback: Callable[[Exception], None]) -> Operation[T]:
        self._failure = callback
        return self

    def on_cancelled(self, callback: Callable[[], None]) -> Operation[T]:
        self._cancelled = callback
        return self

    def on_progress(self, callback: Callable[[int, int], None]) -> Operation[T]:
        """``callback(done, total)`` on the GUI thread."""
        self._relay.progressed.connect(callback)
        return self

    def run(self) -> Operation[T]:
        """Start the work on a daemon thread (once)."""
        if self.thread is not None:
            raise RuntimeError("an operation runs once")

        def run() -> None:
            result: object = None
            error: Exception | None = None
            try:
                result = self._work(self.progress)
            except OperationCancelled:
                self.progress.cancel_event.set()
            except Exception as exc:  # handed to the GUI thread, which shows it
                error = exc
            with contextlib.suppress(RuntimeError):  # the owner was deleted (window closed)
                self._relay.finished.emit(result, error, self.progress.cancelled and error is None)

        self.thread = threading.Thread(target=run, name=self._name, daemon=True)
        self.thread.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop; it ends as cancelled at its next check."""
        self.progress.cancel_event.set()

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def _deliver(self, result: object, error: object, cancelled: bool) -> None:
        try:
            if cancelled:
                if self._cancelled is not None:
                    self._cancelled()
            elif isinstance(error, Exception):
                if self._failure is not None:
                    self._failure(error)
            elif self._success is not None:
                self._success(result)  # type: ignore[arg-type]
        finally:
            self._relay.deleteLater()


def run_in_thread(
    parent: QObject, work: Callable[[], object], done: Callable[[object], None], name: str = "penwright-task"
) -> threading.Thread:
    """Call ``work()`` on a new thread; ``done(result_or_exception)`` runs on the GUI thread.

    The short form of :class:`Operation` for a call with no progress or Cancel.
    ``parent`` owns the relay: if it is destroyed first, the result is dropped.
    """
    operation: Operation[object] = Operation(parent, lambda _progress: work(), name)
    operation.on_success(done).on_failure(done).run()
    assert operation.thread is not None
    return operation.thread
