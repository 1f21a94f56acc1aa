"""One way to run long work: :class:`app.ui.tasks.Operation` delivers progress and exactly one
outcome on the GUI thread, honours Cancel, and delivers nothing once its owner is gone."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

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
    qtbot.waitUntil(lambda: any(kind == "success" for kind, _, _ in seen), timeout=10_000)
    assert [value for kind, value, _ in seen if kind == "progress"] == [(1, 3), (2, 3), (3, 3)]
    assert seen[-1][:2] == ("success", 42) and all(on_gui for _, _, on_gui in seen)
    assert operation.thread is not None and operation.thread.name == "penwright-operation"


def test_failure_goes_to_the_failure_callback_only(qtbot: QtBot) -> None:
    owner = QObject()
    outcomes: list[object] = []

    def work(_progress: Progress) -> int:
        raise OSError("disk full")

    Operation(owner, work).on_success(outcomes.append).on_failure(outcomes.append).run()
    qtbot.waitUntil(lambda: bool(outcomes), timeout=10_000)
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
    qtbot.waitUntil(lambda: bool(outcomes), timeout=10_000)
    assert outcomes == [("cancelled", None)]


def test_nothing_is_delivered_after_the_owner_is_destroyed(qtbot: QtBot) -> None:
    """The window closed while the work ran: its callbacks must not run on dead widgets."""
    owner = QObject()
    release, outcomes = threading.Event(), list[int]()

    def work(_progress: Progress) -> int:
        release.wait(10)
        return 1

    operation = Operation(owner, work).on_success(outcomes.append).run()
    owner.deleteLater()
    qtbot.waitUntil(lambda: _deleted(owner), timeout=10_000)
    release.set()
    assert operation.thread is not None
    operation.thread.join(10)
    assert not operation.thread.is_alive()
    QApplication.processEvents()
    assert outcomes == []


def _deleted(obj: QObject) -> bool:
    try:
        obj.objectName()
    except RuntimeError:
        return True
    QApplication.processEvents()
    return False
