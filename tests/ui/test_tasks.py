"""One way to run long work: :class:`app.ui.tasks.Operation` delivers progress and exactly one
outcome on the GUI thread, honours Cancel, and delivers nothing once its owner is gone."""

from __future__ import annotations

import threading
import time
from collections.abc import Generator

from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from app.ui.tasks import Operation, OperationCancelled, Progress


def test_success_and_progress_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    owner = QObject()
    seen: list[tuple[str, object, bool]] = []
    gui = QApplication.instance().thread()  # type: ignore[union-attr]

    def on_gui() -> bool:
        return QThread.currentThread() is gui

    def work(progress: Progress) -> int:
        for i in range(1, 4):
            progress.report(i, 3)
        return 42

    operation = (
        Operation(owner, work, progress_interval_s=0.0)
        .on_progress(
            lambda done, total: seen.append(("progress", (done, total), QThread.currentThread() is gui))
        )
        .on_success(lambda value: seen.append(("success", value, on_gui())))
        .on_failure(lambda exc: seen.append(("failure", exc, True)))
        .run()
    )
    qtbot.waitUntil(lambda: any(kind == "success" for kind, _, _ in seen), timeout=60_000)
    assert [value for kind, value, _ in seen if kind == "progress"] == [(1, 3), (2, 3), (3, 3)]
    assert seen[-1][:2] == ("success", 42) and all(on_gui for _, _, on_gui in seen)
    assert operation.thread is not None and operation.thread.name == "penwright-operation"


def test_failure_goes_to_the_failure_callback_only(qtbot: QtBot) -> None:
    owner = QObject()
    outcomes: list[object] = []

    def work(_progress: Progress) -> int:
        raise OSError("disk full")

    Operation(owner, work).on_success(outcomes.append).on_failure(outcomes.append).run()
    qtbot.waitUntil(lambda: bool(outcomes), timeout=60_000)
    assert len(outcomes) == 1 and isinstance(outcomes[0], OSError) and str(outcomes[0]) == "disk full"


def test_cancel_ends_as_cancelled_not_success(qtbot: QtBot) -> None:
    owner = QObject()
    started, outcomes = threading.Event(), list[tuple[str, object]]()

    def work(progress: Progress) -> str:
        started.set()
        while not progress.cancelled:  # ends only when Cancel is pressed
            progress.cancel_event.wait(0.01)
        raise OperationCancelled

    operation = (
        Operation(owner, work)
        .on_success(lambda value: outcomes.append(("success", value)))
        .on_cancelled(lambda: outcomes.append(("cancelled", None)))
        .run()
    )
    assert started.wait(10)
    operation.cancel()
    qtbot.waitUntil(lambda: bool(outcomes), timeout=60_000)
    assert outcomes == [("cancelled", None)]


def test_nothing_is_delivered_after_the_owner_is_destroyed(qtbot: QtBot) -> None:
    """The window closed while the work ran: its callbacks must not run on dead widgets."""
    owner = QObject()
    release, outcomes = threading.Event(), list[int]()

    def work(_progress: Progress) -> int:
        release.wait(10)
        return 1

    operation = Operation(owner, work).on_success(outcomes.append).run()
    Shiboken.delete(owner)  # the C++ object goes now (deleteLater waits for an event loop pass)
    assert _deleted(owner)
    release.set()
    assert operation.thread is not None
    operation.thread.join(10)
    assert not operation.thread.is_alive()
    QApplication.processEvents()
    assert outcomes == []


def test_a_generator_s_items_arrive_in_order_on_the_gui_thread_before_its_return_value(
    qtbot: QtBot,
) -> None:
    """A streaming operation (napari's ``yielded``): every item, in order, on the GUI
    thread, then the generator's ``return`` value as the result."""
    owner = QObject()
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    seen: list[tuple[str, object]] = []

    def work(_progress: Progress) -> Generator[int, None, str]:
        yield from range(500)
        return "the end"

    def got(items: list[int]) -> None:
        assert QThread.currentThread() is gui and items  # never an empty batch
        seen.append(("items", items))

    def ended(value: str) -> None:
        assert QThread.currentThread() is gui
        seen.append(("success", value))

    Operation(owner, work).on_yielded(got).on_success(ended).run()
    qtbot.waitUntil(lambda: bool(seen) and seen[-1][0] == "success", timeout=60_000)
    assert seen[-1] == ("success", "the end")
    batches = [items for kind, items in seen[:-1]]
    assert [kind for kind, _ in seen[:-1]] == ["items"] * len(batches)
    assert [item for batch in batches for item in batch] == list(range(500))  # type: ignore[attr-defined]


def test_items_that_follow_within_the_interval_wait_and_come_as_one_batch(qtbot: QtBot) -> None:
    """The first item after a quiet spell comes at once; the ones yielded within the interval
    after it wait for it to end (one call, not one per item). With a 60 s interval they can
    only come with the outcome, so the batches cannot vary with the machine's speed."""
    owner = QObject()
    first_seen = threading.Event()
    batches: list[list[int]] = []
    results: list[str] = []

    def work(_progress: Progress) -> Generator[int, None, str]:
        yield 0
        assert first_seen.wait(10)  # the GUI has the first item
        yield from range(1, 100)
        return "done"

    def got(items: list[int]) -> None:
        batches.append(items)
        first_seen.set()

    Operation(owner, work).on_yielded(got, interval_ms=60_000).on_success(results.append).run()
    qtbot.waitUntil(lambda: bool(results), timeout=60_000)
    assert batches == [[0], list(range(1, 100))] and results == ["done"]


def test_held_items_come_when_the_interval_ends_while_the_work_goes_on(qtbot: QtBot) -> None:
    """Items held back are handed over by the interval's end, not only with the outcome: the
    work below ends only once its second item has been seen."""
    owner = QObject()
    seen: list[tuple[float, list[str]]] = []
    first_seen, second_seen = threading.Event(), threading.Event()

    def work(_progress: Progress) -> Generator[str, None, str]:
        yield "a"
        assert first_seen.wait(10)  # the first item is handed over at once
        yield "b"
        assert second_seen.wait(10)  # and the second one before the work ends
        return "done"

    def got(items: list[str]) -> None:
        seen.append((time.monotonic(), items))
        (second_seen if "b" in items else first_seen).set()

    results: list[str] = []
    Operation(owner, work).on_yielded(got, interval_ms=200).on_success(results.append).run()
    qtbot.waitUntil(lambda: bool(results), timeout=60_000)
    assert [items for _, items in seen] == [["a"], ["b"]]
    assert seen[1][0] - seen[0][0] >= 0.2 - 0.02  # held for the interval (a precise timer)


def test_put_streams_items_from_a_work_that_is_not_a_generator(qtbot: QtBot) -> None:
    """``Progress.put`` is the same stream for work that reports through a callback."""
    owner = QObject()
    items: list[str] = []
    results: list[int] = []

    def work(progress: Progress) -> int:
        for word in ("one", "two", "three"):
            progress.put(word)
        return 3

    Operation(owner, work).on_yielded(items.extend).on_success(results.append).run()
    qtbot.waitUntil(lambda: bool(results), timeout=60_000)
    assert items == ["one", "two", "three"] and results == [3]


def test_cancel_closes_the_generator_at_its_next_yield(qtbot: QtBot) -> None:
    """Cancel ends an endless stream as cancelled: the generator is closed (its ``finally``
    runs) and the items it yielded before are handed over first."""
    owner = QObject()
    closed = threading.Event()
    outcomes: list[tuple[str, object]] = []

    def work(_progress: Progress) -> Generator[int, None, None]:
        try:
            n = 0
            while True:  # ends only when Cancel is pressed
                yield n
                n += 1
                time.sleep(0.001)
        finally:
            closed.set()

    operation = (
        Operation(owner, work)
        .on_yielded(lambda items: outcomes.append(("items", items)))
        .on_success(lambda value: outcomes.append(("success", value)))
        .on_cancelled(lambda: outcomes.append(("cancelled", None)))
    )
    operation.run()
    qtbot.waitUntil(lambda: bool(outcomes), timeout=60_000)
    operation.cancel()
    qtbot.waitUntil(lambda: outcomes[-1][0] == "cancelled", timeout=60_000)
    assert closed.is_set()
    streamed = [n for kind, items in outcomes[:-1] for n in items]  # type: ignore[attr-defined]
    assert streamed == list(range(len(streamed))) and streamed
    assert [kind for kind, _ in outcomes[:-1]] == ["items"] * (len(outcomes) - 1)


def test_an_error_in_the_generator_fails_after_its_items(qtbot: QtBot) -> None:
    owner = QObject()
    outcomes: list[object] = []

    def work(_progress: Progress) -> Generator[str, None, None]:
        yield "kept"
        raise OSError("the disk went away")

    Operation(owner, work).on_yielded(outcomes.extend).on_failure(outcomes.append).run()
    qtbot.waitUntil(lambda: len(outcomes) == 2, timeout=60_000)
    assert outcomes[0] == "kept" and isinstance(outcomes[1], OSError)


def test_finish_delivers_at_once_and_the_event_loop_delivers_nothing_more(qtbot: QtBot) -> None:
    """A closing window settles an operation without the event loop: ``finish`` hands over
    the waiting items and the outcome now, once."""
    owner = QObject()
    outcomes: list[object] = []

    def work(_progress: Progress) -> Generator[str, None, str]:
        yield "a"
        yield "b"
        return "done"

    operation = Operation(owner, work).on_yielded(outcomes.extend).on_success(outcomes.append).run()
    assert operation.finish(10)  # no event was processed since run()
    assert outcomes == ["a", "b", "done"]
    QApplication.processEvents()
    qtbot.wait(50)
    assert outcomes == ["a", "b", "done"]


def test_no_item_is_delivered_after_the_owner_is_destroyed(qtbot: QtBot) -> None:
    owner = QObject()
    release, items = threading.Event(), list[str]()

    def work(_progress: Progress) -> Generator[str, None, str]:
        release.wait(10)
        yield "late"
        return "done"

    operation = Operation(owner, work).on_yielded(items.extend).on_success(items.append).run()
    Shiboken.delete(owner)  # the C++ object goes now (deleteLater waits for an event loop pass)
    assert _deleted(owner)
    release.set()
    assert operation.thread is not None
    operation.thread.join(10)
    assert not operation.thread.is_alive() and operation.finish(0)
    QApplication.processEvents()
    assert items == []


def _deleted(obj: QObject) -> bool:
    try:
        obj.objectName()
    except RuntimeError:
        return True
    QApplication.processEvents()
    return False
