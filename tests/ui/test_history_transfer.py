"""Import, export and "Back up now" in the History pane run on a worker thread: the event
loop keeps running, Cancel (or closing the window) leaves nothing, a malformed file shows
its error, and the files written are the ones written before. Real SQLite files, real Qt
(offscreen); only the file and message dialogs are answered by the test."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from app.storage import exchange
from app.storage.history import HistoryStore
from app.ui.panes.history import HistoryPane
from tests.unit.test_transfer import EMPTY, chatgpt_export, counts, write_chatgpt

#: Long enough for a few thousand conversations on a loaded 2-core machine (ms).
IMPORT_TIMEOUT_MS = 300_000
#: A ChatGPT export with images, reasoning notes, hidden messages, empty and id-less records (C30).
FIXTURE_C30 = Path(__file__).resolve().parents[1] / "fixtures" / "chatgpt_c30.json"


@pytest.fixture
def shown(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[QMainWindow, HistoryPane]]:
    """A window holding a History pane on a history file of its own (no model needed)."""
    store = HistoryStore(tmp_path / "history.sqlite3")
    window = QMainWindow()
    pane = HistoryPane(store)
    window.setCentralWidget(pane)
    qtbot.addWidget(window)
    window.show()
    yield window, pane
    if pane.transfer_running():
        pane.cancel_transfer()
        pane.wait_for_transfer(IMPORT_TIMEOUT_MS)
    store.close()


def answer_dialogs(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The Open dialog picks ``path``; warnings are collected instead of shown."""
    warnings: list[str] = []
    monkeypatch.setattr("app.ui.panes.history.QFileDialog.getOpenFileName", lambda *_a, **_k: (str(path), ""))
    monkeypatch.setattr(
        "app.ui.panes.history.QMessageBox.warning",
        lambda _parent, _title, text, *_a: warnings.append(text) or QMessageBox.StandardButton.Ok,
    )
    return warnings


def transfer_controls(pane: HistoryPane) -> list[bool]:
    return [
        control.isEnabled()
        for control in (
            pane.import_action,
            pane.export_action,
            pane.backup_action,
            pane.import_button,
            pane.export_button,
            pane.backup_button,
        )
    ]


def test_the_event_loop_keeps_running_during_a_large_import(
    qtbot: QtBot, shown: tuple[QMainWindow, HistoryPane], tmp_path: Path
) -> None:
    _window, pane = shown
    path = write_chatgpt(tmp_path / "conversations.json", 3000, messages=4, words=12)
    ticks = 0

    def tick() -> None:
        nonlocal ticks
        ticks += 1

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(tick)
    labels: list[str] = []
    pane.transfer_progress.valueChanged.connect(lambda _v: labels.append(pane.transfer_label.text()))
    timer.start()
    assert pane.import_from(path)
    started_with = ticks  # the old code imported inside this call: no tick could come
    assert pane.transfer_bar.isVisibleTo(pane) and transfer_controls(pane) == [False] * 6
    assert not pane.import_from(path) and not pane.back_up_now()  # one at a time
    result = pane.wait_for_transfer(IMPORT_TIMEOUT_MS)
    timer.stop()
    assert result is not None and result.ok and result.value == 3000, result
    assert ticks - started_with > 0  # the window was not frozen meanwhile
    total = QLocale().toString(3000)  # "3,000" in English, "3000" in the C locale
    assert labels and labels[-1] == f"Imported {total} of {total} conversations"
    done = [int(re.sub(r"\D", "", text.split()[1])) for text in labels]
    assert done == sorted(done)
    assert pane.tree.topLevelItemCount() == 3000 and len(pane.store.search("quokka")) > 0
    assert not pane.transfer_bar.isVisibleTo(pane) and transfer_controls(pane) == [True] * 6


def test_cancel_imports_nothing(
    qtbot: QtBot, shown: tuple[QMainWindow, HistoryPane], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, pane = shown
    pane.import_chunk_size = 10
    path = write_chatgpt(tmp_path / "conversations.json", 1500, tag="cancelme")
    warnings = answer_dialogs(monkeypatch, path)
    stored: list[int] = []

    def progressed(value: int) -> None:
        if value > 0 and not stored:  # a chunk is in: click Cancel
            stored.append(counts(pane.store.path)["hidden"])
            qtbot.mouseClick(pane.transfer_cancel, Qt.MouseButton.LeftButton)

    pane.transfer_progress.valueChanged.connect(progressed)
    assert pane.import_dialog()
    result = pane.wait_for_transfer(IMPORT_TIMEOUT_MS)
    assert result is not None and result.cancelled and result.value is None
    assert stored and stored[0] >= 10  # it had stored something, hidden
    assert counts(pane.store.path) == EMPTY  # and deleted it all again
    assert pane.tree.topLevelItemCount() == 0 and pane.store.search("cancelme") == []
    assert pane.info_label.text() == "Import cancelled. Nothing was imported." and warnings == []
    assert transfer_controls(pane) == [True] * 6


def test_a_malformed_file_shows_the_error_and_imports_nothing(
    qtbot: QtBot, shown: tuple[QMainWindow, HistoryPane], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, pane = shown
    data = chatgpt_export(200)
    data[150]["mapping"]["m2"]["parent"] = "nowhere"
    bad = tmp_path / "conversations.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    warnings = answer_dialogs(monkeypatch, bad)
    assert pane.import_dialog()
    result = pane.wait_for_transfer(IMPORT_TIMEOUT_MS)
    assert result is not None and result.error is not None and not result.cancelled
    assert len(warnings) == 1 and warnings[0].startswith("Nothing was imported. conversations.json: ")
    assert "conversation 151" in warnings[0] and "'nowhere'" in warnings[0]
    assert pane.info_label.text() == warnings[0]
    assert counts(pane.store.path) == EMPTY


def test_closing_the_window_during_an_import_cancels_it_first(
    qtbot: QtBot, shown: tuple[QMainWindow, HistoryPane], tmp_path: Path
) -> None:
    window, pane = shown
    pane.import_chunk_size = 10
    path = write_chatgpt(tmp_path / "conversations.json", 1500, tag="closing")
    closed_while_running: list[bool] = []

    def progressed(value: int) -> None:
        if value > 0 and not closed_while_running:
            window.close()  # the user closes the window half-way
            closed_while_running.append(window.isVisible())

    pane.transfer_progress.valueChanged.connect(progressed)
    assert pane.import_from(path)
    with qtbot.waitSignal(pane.transfer_finished, timeout=IMPORT_TIMEOUT_MS) as finished:
        pass
    assert closed_while_running == [True]  # it waited for the worker...
    assert finished.args[0].cancelled
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)  # ...then closed
    assert counts(pane.store.path) == EMPTY


def test_export_and_backup_in_the_background_write_the_same_files(
    qtbot: QtBot, shown: tuple[QMainWindow, HistoryPane], tmp_path: Path
) -> None:
    _window, pane = shown
    store = pane.store
    exchange.import_chatgpt(store, json.dumps(chatgpt_export(40, messages=6)))
    ids = exchange.select_conversations(store)
    pane.refresh()
    for suffix in (".json", ".md", ".html"):
        expected = exchange.write_export(store, tmp_path / f"before{suffix}", ids).read_text(encoding="utf-8")
        assert pane.export_to(tmp_path / f"after{suffix}")  # nothing selected: everything
        assert transfer_controls(pane) == [False] * 6
        result = pane.wait_for_transfer()
        assert result is not None and result.ok and result.value == tmp_path / f"after{suffix}"
        written = (tmp_path / f"after{suffix}").read_text(encoding="utf-8")
        if suffix == ".json":
            assert json.loads(written) | {"exported_at": 0} == json.loads(expected) | {"exported_at": 0}
        else:
            assert written == expected

    notices: list[str] = []
    pane.notice.connect(notices.append)
    qtbot.mouseClick(pane.backup_button, Qt.MouseButton.LeftButton)
    assert transfer_controls(pane) == [False] * 6
    result = pane.wait_for_transfer()
    assert (
        result is not None and isinstance(result.value, Path) and result.value.parent == pane.backup_folder()
    )
    assert notices[-1] == f"Backed up the history to {result.value}."
    copy = HistoryStore(result.value)
    try:
        assert copy.integrity_check() == "ok" and len(copy.list_conversations()) == 40
    finally:
        copy.close()


def test_c30_the_import_report_says_what_a_chatgpt_export_left_out(
    qtbot: QtBot, shown: tuple[QMainWindow, HistoryPane], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """C30: the images, reasoning notes and hidden message the import dropped, the
    conversations with no text and the records with no id are counted and named in the
    report (in English here, lists joined as en_US joins them), and carried on the result."""
    _window, pane = shown
    warnings = answer_dialogs(monkeypatch, FIXTURE_C30)
    notices: list[str] = []
    pane.notice.connect(notices.append)
    previous = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    try:
        assert pane.import_dialog()
        result = pane.wait_for_transfer(IMPORT_TIMEOUT_MS)
        assert result is not None and result.ok and result.value == 3 and warnings == []
        left = result.left_out
        assert (left.images, left.reasoning, left.hidden, left.audio, left.tool) == (3, 2, 1, 0, 0)
        assert left.empty == ["conversation 4 ('New chat')", "conversation 5 (untitled)"]
        assert left.no_id == ["conversation 3 ('Recipe ideas')", "conversation 5 (untitled)"]
        # Qt shows the source text when no translation is loaded: "%n image(s)" -> "3 image(s)".
        expected = (
            "Imported 3 conversation(s) from chatgpt_c30.json. "
            "3 image(s), 2 reasoning note(s), and 1 hidden message(s) were not imported. "
            "2 conversation(s) with no text were not imported: "
            "conversation 4 ('New chat') and conversation 5 (untitled). "
            "2 conversation(s) had no id in the file: "
            "conversation 3 ('Recipe ideas') and conversation 5 (untitled)."
        )
        assert pane.info_label.text() == expected and notices[-1] == expected
        # Past ten conversations, the rest are counted, not named.
        many = exchange.LeftOut(images=1, empty=[f"conversation {n} (untitled)" for n in range(1, 13)])
        sentences = pane.transfers.left_out_sentences(many)
        assert sentences[0] == "1 image(s) were not imported."
        assert sentences[1].startswith("12 conversation(s) with no text were not imported: conversation 1")
        assert sentences[1].endswith("conversation 10 (untitled), and 2 more.")
        assert "conversation 11" not in sentences[1] and len(sentences) == 2
    finally:
        QLocale.setDefault(previous)
    assert pane.transfers.left_out_sentences(exchange.LeftOut()) == []

    # A Penwright export leaves nothing out: the report is as before.
    plain = tmp_path / "plain.json"
    exchange.write_export(pane.store, plain, exchange.select_conversations(pane.store)[:1])
    pane.store.soft_delete_conversation(exchange.select_conversations(pane.store)[0])
    answer_dialogs(monkeypatch, plain)
    assert pane.import_dialog()
    result = pane.wait_for_transfer(IMPORT_TIMEOUT_MS)
    assert result is not None and result.ok and result.value == 1 and not result.left_out
    assert pane.info_label.text() == "Imported 1 conversation(s) from plain.json."
