"""Long work off the GUI thread, one way: :class:`Operation`.

The window never waits on the keychain, a server, a file or the engine. An
:class:`Operation` (modelled on Anki's ``QueryOp``/``CollectionOp`` and napari's
``thread_worker``) runs ``work(progress)`` on a daemon thread and delivers, on the GUI
thread through queued signals: progress reports ``(done, total)`` (rate-limited), then
exactly one of success(result), failure(exception) or cancelled(). If the object that
owns it is destroyed first (the window closed), nothing is delivered. ``work`` checks
``progress.cancelled`` between steps; :meth:`Operation.cancel` sets it.

A ``work`` may also stream: items it hands to :meth:`Progress.put`, or yields when it is
a generator (napari's ``thread_worker`` ``yielded``; the generator's ``return`` value is the
result, and Cancel closes it between two yields), reach :meth:`Operation.on_yielded` on the
GUI thread in batches (at most one batch per interval, all before the outcome), never one
event per item.

``run_in_thread`` is the short form for a call with no progress or Cancel.
"""

from __future__ import annotations

import contextlib
import inspect
import math
import threading
import time
from collections.abc import Callable, Generator
from typing import Any, Generic, TypeVar, overload

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal

T = TypeVar("T")
R = TypeVar("R")

#: Default shortest time between two batches of yielded items, in milliseconds (about 30
#: per second: a view repaints at most that often while a stream flows).
YIELD_INTERVAL_MS = 30


class Progress:
    """Handed to an operation's ``work``: report progress, see whether Cancel was pressed.

    Reports closer together than ``interval_s`` are dropped (the first, and each one that
    reaches ``total``, always pass), so a fast worker does not flood the event loop.
    """

    def __init__(
        self, emit: Callable[[int, int], None], interval_s: float, put: Callable[[object], None] | None = None
    ) -> None:
        self._emit = emit
        self._interval = interval_s
        self._last = -float("inf")
        self._put = put
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

    def put(self, item: object) -> None:
        """Hand ``item`` to the operation's :meth:`Operation.on_yielded` callback (batched,
        GUI thread, in order); what a generator ``work`` does with each ``yield``. Any
        thread; never blocks."""
        if self._put is not None:
            self._put(item)


class OperationCancelled(Exception):
    """Raised by ``work`` (or :meth:`Progress.check`) to end an operation as cancelled."""


class _OperationRelay(QObject):
    """Lives on the GUI thread; its signals, emitted from the worker, arrive queued."""

    progressed = Signal(int, int)
    yielded = Signal()  # items wait in the operation's buffer (sent once until it is drained)
    finished = Signal(object, object, bool)  # result, exception, cancelled


class Operation(Generic[T]):
    """One long piece of work with progress, Cancel and typed success/failure callbacks.

    Usage::

        Operation(self, lambda progress: count_tokens(text), name="penwright-count")
            .on_success(self._show_count)
            .on_failure(self._show_error)
            .run()

    A streaming one (a generator ``work``; its ``return`` value is the result)::

        def work(progress):
            for event in engine.stream(request, cancel):
                yield event
            return "done"

        Operation(self, work).on_yielded(self._show_events).on_success(self._ended).run()

    Args:
        parent: owns the operation; if it is destroyed first, nothing is delivered.
        work: called on the worker thread with a :class:`Progress`; returns the result.
            Raising :class:`OperationCancelled` (or returning after :meth:`cancel`) ends it
            as cancelled; any other exception goes to the failure callback. If it returns
            a generator, the generator is run there: each item it yields goes to
            :meth:`on_yielded`, its ``return`` value is the result, and after
            :meth:`cancel` it is closed at its next yield (the operation ends as cancelled).
        name: the thread's name (shows in py-spy and logs).
        progress_interval_s: shortest time between two delivered progress reports.
    """

    @overload
    def __init__(
        self: Operation[R],
        parent: QObject,
        work: Callable[[Progress], Generator[Any, None, R]],
        name: str = ...,
        progress_interval_s: float = ...,
    ) -> None: ...

    @overload
    def __init__(
        self: Operation[R],
        parent: QObject,
        work: Callable[[Progress], R],
        name: str = ...,
        progress_interval_s: float = ...,
    ) -> None: ...

    def __init__(
        self,
        parent: QObject,
        work: Callable[[Progress], Any],
        name: str = "penwright-operation",
        progress_interval_s: float = 0.05,
    ) -> None:
        self._relay = _OperationRelay(parent)
        self._work = work
        self._name = name
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[Exception], None] | None = None
        self._cancelled: Callable[[], None] | None = None
        self._yielded: Callable[[list[Any]], None] | None = None
        self._items_lock = threading.Lock()
        self._items: list[object] = []
        self._wake_sent = False  # a `yielded` signal is on its way: the next items ride on it
        self._batch_interval_s = YIELD_INTERVAL_MS / 1000
        self._last_batch = -float("inf")
        self._batch_timer: QTimer | None = None
        #: what the worker left (result, exception, cancelled), for :meth:`finish`
        self._outcome: tuple[object, Exception | None, bool] | None = None
        self._delivered = False
        self.progress = Progress(self._emit_progress, progress_interval_s, self._put)
        self.thread: threading.Thread | None = None
        # a lambda, not the bound method: the connection then holds this operation until the
        # relay goes (PySide keeps no reference to a plain object's method: a use-after-free)
        self._relay.finished.connect(lambda result, error, cancelled: self._deliver(result, error, cancelled))
        self._relay.yielded.connect(lambda: self._items_waiting())

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

    def on_yielded(
        self, callback: Callable[[list[Any]], None], interval_ms: int = YIELD_INTERVAL_MS
    ) -> Operation[T]:
        """``callback(items)`` on the GUI thread with the items the work yielded (or
        :meth:`Progress.put`) since the last call, in order, never empty.

        The first item after a quiet spell is handed over at once; the ones that follow
        wait until ``interval_ms`` after the last call (a one-shot timer, armed only while
        items wait), so a fast stream costs one call per interval, not one per item. All
        items are handed over before the outcome callback. Call it before :meth:`run`.
        """
        self._yielded = callback
        self._batch_interval_s = interval_ms / 1000
        timer = self._batch_timer = QTimer(self._relay)
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)  # never before the interval
        timer.timeout.connect(lambda: self._hand_over_items())
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
                if inspect.isgenerator(result):
                    result = self._drain(result)
            except OperationCancelled:
                self.progress.cancel_event.set()
            except Exception as exc:  # handed to the GUI thread, which shows it
                error = exc
            self._outcome = (result, error, self.progress.cancelled and error is None)
            with contextlib.suppress(RuntimeError):  # the owner was deleted (window closed)
                self._relay.finished.emit(*self._outcome)

        self.thread = threading.Thread(target=run, name=self._name, daemon=True)
        self.thread.start()
        return self

    def _drain(self, generator: Generator[object, Any, object]) -> object:
        """Worker thread: run a generator ``work``, putting each item it yields; return its
        ``return`` value. Cancel closes it at its next yield."""
        while not self.progress.cancelled:
            try:
                item = next(generator)
            except StopIteration as stop:
                return stop.value
            self._put(item)
        generator.close()
        raise OperationCancelled

    def _put(self, item: object) -> None:
        """Worker thread: queue ``item``; the first one since the last batch wakes the GUI."""
        if self._yielded is None:
            return  # nobody asked for the items
        with self._items_lock:
            self._items.append(item)
            wake, self._wake_sent = not self._wake_sent, True
        if wake:
            with contextlib.suppress(RuntimeError):  # the owner was deleted (window closed)
                self._relay.yielded.emit()

    def _items_waiting(self) -> None:
        """GUI thread: hand the items over now, or when the interval since the last batch ends."""
        if self._delivered or self._batch_timer is None or self._batch_timer.isActive():
            return
        wait_s = self._last_batch + self._batch_interval_s - time.monotonic()
        if wait_s <= 0:
            self._hand_over_items()
        else:
            self._batch_timer.start(math.ceil(wait_s * 1000))

    def _hand_over_items(self) -> None:
        """GUI thread: give the waiting items to the ``on_yielded`` callback."""
        with self._items_lock:
            items, self._items, self._wake_sent = self._items, [], False
        if items and self._yielded is not None:
            self._last_batch = time.monotonic()
            self._yielded(items)

    def cancel(self) -> None:
        """Ask the work to stop; it ends as cancelled at its next check."""
        self.progress.cancel_event.set()

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def finish(self, timeout: float | None = None) -> bool:
        """GUI thread: wait up to ``timeout`` seconds for the work to end, then deliver now
        what it left (the items still waiting, then the outcome) instead of at the next
        turn of the event loop, which then delivers nothing. For a window that closes.

        Returns:
            True if the work has ended (its outcome delivered now or before, or dropped
            because the owner is gone); False if it is still running or never ran.
        """
        if self.thread is None:
            return False
        self.thread.join(timeout)
        if self.thread.is_alive():
            return False
        if not self._delivered and self._outcome is not None:
            self._deliver(*self._outcome)
        return True

    def _deliver(self, result: object, error: object, cancelled: bool) -> None:
        if self._delivered or not shiboken6.isValid(self._relay):
            return  # delivered already by finish(), or the owner is gone (window closed)
        self._delivered = True
        try:
            if self._batch_timer is not None:
                self._batch_timer.stop()
            self._hand_over_items()
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
