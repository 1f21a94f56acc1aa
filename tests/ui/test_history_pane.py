"""The History pane on the real window: folders, pins, rename, delete with Undo, search
with highlighted snippets and filters, opening a hit, export, import and backups."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QMessageBox,
    QScrollBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.storage.exchange import ExchangeError
from app.storage.history import ConversationRecord, HistoryStore, MessageRecord
from app.ui.main_window import MainWindow
from app.ui.panes.history import CONVERSATION, FOLDER, HistoryPane, _key


def conversation(store: HistoryStore, pane: str, title: str, *texts: str, model: str = "m") -> int:
    """A conversation with alternating user/assistant messages (the first is the user's)."""
    cid = store.create_conversation(pane, title, model)
    parent = None
    for n, text in enumerate(texts):
        parent = store.add_message(cid, "user" if n % 2 == 0 else "assistant", text, parent, model=model)
    return cid


def show_history(window: MainWindow) -> HistoryPane:
    window.show_pane(4)
    pane = window.history
    pane.refresh()
    return pane


def rows(pane: HistoryPane) -> list[tuple[str, str, list[str]]]:
    """The list as (kind, title, child titles) per top-level row."""
    out = []
    for i in range(pane.tree.topLevelItemCount()):
        item = pane.tree.topLevelItem(i)
        assert item is not None
        children = [item.child(j).text(0) for j in range(item.childCount())]
        out.append(((_key(item) or ("", 0))[0], item.text(0), children))
    return out


def select(pane: HistoryPane, *conversation_ids: int) -> None:
    pane.tree.clearSelection()
    for cid in conversation_ids:
        item = pane._find((CONVERSATION, cid))
        assert item is not None
        item.setSelected(True)
        pane.tree.setCurrentItem(item, 0, pane.tree.selectionModel().SelectionFlag.NoUpdate)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` key by key (QTest only knows Latin-1 keys: other characters arrive
    as an input method would insert them)."""
    for char in text:
        if ord(char) < 128:
            qtbot.keyClick(widget, char)
        else:
            widget.insert(char)  # type: ignore[attr-defined]


def export(pane: HistoryPane, path: Path, ids: list[int] | None = None) -> Path:
    """Export on the pane's worker thread and wait for the file."""
    assert pane.export_to(path, ids)
    result = pane.wait_for_transfer()
    assert result is not None and result.ok, result
    assert isinstance(result.value, Path)
    return result.value


def search(qtbot: QtBot, pane: HistoryPane, text: str) -> None:
    """Type into the search box like a user and wait for the debounced search."""
    pane.search.clear()
    pane.search.setFocus()
    type_text(qtbot, pane.search, text)
    qtbot.waitUntil(
        lambda: not pane._search_timer.isActive() and pane.pages.currentIndex() == 1, timeout=5000
    )


def test_folders_pins_and_rename(qtbot: QtBot, window: MainWindow) -> None:
    store = window.store
    old = conversation(store, "chat", "Trip plan", "Plan a trip to Kyoto 京都")
    story = conversation(store, "story", "Lighthouse", "The lighthouse keeper")
    newest = conversation(store, "qa", "Boiling point", "Boiling point of water?")
    pane = show_history(window)
    assert rows(pane) == [(CONVERSATION, t, []) for t in ("Boiling point", "Lighthouse", "Trip plan")]

    # a folder, and a conversation moved into it: folders come first, then the rest
    folder = pane.new_folder("Writing 写作")
    assert folder is not None and store.get_folder(folder) is not None
    select(pane, story)
    pane.move_selected(folder)
    assert store.get_conversation(story).folder_id == folder  # type: ignore[union-attr]
    assert rows(pane) == [
        (FOLDER, "Writing 写作", ["Lighthouse"]),
        (CONVERSATION, "Boiling point", []),
        (CONVERSATION, "Trip plan", []),
    ]

    # pinning puts the oldest first among the conversations; the button says Unpin
    select(pane, old)
    qtbot.mouseClick(pane.pin_button, Qt.MouseButton.LeftButton)
    assert store.get_conversation(old).pinned  # type: ignore[union-attr]
    assert [r[1] for r in rows(pane)][1:] == ["Trip plan", "Boiling point"]
    select(pane, old)
    assert pane.pin_button.text().replace("&", "") == "Unpin"
    pane.tree.setFocus()
    qtbot.keyClick(pane.tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # Ctrl+P unpins
    assert not store.get_conversation(old).pinned  # type: ignore[union-attr]
    assert [r[1] for r in rows(pane)][1:] == ["Boiling point", "Trip plan"]

    # F2 renames in place, Enter keeps the new title
    select(pane, newest)
    pane.tree.setFocus()
    qtbot.keyClick(pane.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not pane.tree
    qtbot.keySequence(editor, "Ctrl+A")
    type_text(qtbot, editor, "Boiling point 沸点")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.get_conversation(newest).title == "Boiling point 沸点")  # type: ignore[union-attr]

    # folders rename too, and deleting one moves its conversations to the top level
    pane.rename_folder(folder, "Stories")
    assert rows(pane)[0][:2] == (FOLDER, "Stories")
    folder_item = pane._find((FOLDER, folder))
    assert folder_item is not None
    pane.tree.setCurrentItem(folder_item)
    assert pane.delete_button.text().replace("&", "") == "Delete folder"
    assert pane.delete_folder(folder, confirm=False) == 1
    assert store.get_folder(folder) is None
    assert store.get_conversation(story).folder_id is None  # type: ignore[union-attr]
    assert sorted(r[1] for r in rows(pane)) == ["Boiling point 沸点", "Lighthouse", "Trip plan"]
    assert all(kind == CONVERSATION for kind, _title, _children in rows(pane))
    assert "1 conversation" in pane.info_label.text()


def test_delete_several_with_undo(qtbot: QtBot, window: MainWindow) -> None:
    store = window.store
    a = conversation(store, "chat", "First", "one")
    b = conversation(store, "poetry", "Second", "two")
    c = conversation(store, "chat", "Third", "three")
    pane = show_history(window)
    deleted: list[int] = []
    restored: list[int] = []
    pane.deleted.connect(deleted.append)
    pane.restored.connect(restored.append)
    select(pane, a, c)
    assert pane.selected_ids() == [c, a]  # list order: newest first
    pane.tree.setFocus()
    qtbot.keyClick(pane.tree, Qt.Key.Key_Delete)  # no question: Undo is the safety net
    assert sorted(deleted) == [a, c]
    assert [s.id for s in store.list_conversations()] == [b]
    assert {s.id for s in store.list_deleted()} == {a, c}
    assert pane.info_bar.isVisible() and pane.undo_button.isVisible()
    assert "2 conversation" in pane.info_label.text()
    qtbot.mouseClick(pane.undo_button, Qt.MouseButton.LeftButton)
    assert sorted(restored) == [a, c]
    assert sorted(s.id for s in store.list_conversations()) == sorted([a, b, c])
    assert sorted(pane.selected_ids()) == sorted([a, c])  # they come back selected
    assert not pane.undo_button.isVisible()

    # the Undo bar goes away by itself; the delete then stays (until the trash is purged)
    pane._undo_timer.setInterval(50)
    select(pane, b)
    pane.delete_selected()
    qtbot.waitUntil(lambda: not pane.info_bar.isVisible(), timeout=60_000)
    assert pane.undo_delete() == []
    assert store.get_conversation(b) is None
    assert store.get_conversation(b, include_deleted=True) is not None


def test_search_finds_chinese_emoji_and_english_with_highlights(qtbot: QtBot, window: MainWindow) -> None:
    store = window.store
    conversation(store, "chat", "Dinner", "我想在北京吃北京烤鸭。", "好主意！")
    conversation(store, "story", "Launch", "The rocket 🚀 lifted off at dawn.")
    conversation(store, "qa", "Keeper", "Who was the LIGHTHOUSE keeper of <Pharos>?")
    pane = show_history(window)

    window.show_pane(0)  # Ctrl+F belongs to the History pane only while it is shown
    qtbot.keyClick(window.chat.input, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is not pane.search
    window.show_pane(4)
    qtbot.keyClick(pane.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is pane.search

    search(qtbot, pane, "北京烤鸭")
    assert [h.title for h in pane.hits()] == ["Dinner"]
    shown = pane.hit_html(0)
    assert ">北京烤鸭</b>" in shown and "background-color" in shown
    assert "1 message" in pane.results_label.text()

    search(qtbot, pane, "烤鸭")  # two characters: below the trigram index, still found
    assert [h.title for h in pane.hits()] == ["Dinner"]
    assert ">烤鸭</b>" in pane.hit_html(0)

    search(qtbot, pane, "🚀")
    assert [h.title for h in pane.hits()] == ["Launch"]
    assert ">🚀</b>" in pane.hit_html(0)

    search(qtbot, pane, "lighthouse")  # case-insensitive; the snippet's text is escaped
    assert [h.title for h in pane.hits()] == ["Keeper"]
    shown = pane.hit_html(0)
    assert ">LIGHTHOUSE</b>" in shown and "&lt;Pharos&gt;" in shown and "<Pharos>" not in shown

    search(qtbot, pane, "no such words anywhere")
    assert pane.hits() == [] and "No message matches" in pane.results_label.text()

    qtbot.keyClick(pane.search, Qt.Key.Key_Escape)  # Esc clears and shows the list again
    assert pane.search.text() == "" and pane.pages.currentIndex() == 0


def test_filters_narrow_the_results(qtbot: QtBot, window: MainWindow) -> None:
    store = window.store
    chat = conversation(store, "chat", "Chat apples", "apple pie", model="tiny-chat")
    story = conversation(store, "story", "Story apples", "an apple tree", model="big-story")
    folder = store.create_folder("Orchard")
    store.move_conversation(story, folder)
    day = time.mktime((2020, 5, 17, 12, 0, 0, 0, 0, -1))
    store.insert_conversations(
        [
            ConversationRecord(
                title="Old apples",
                pane="chat",
                created_at=day,
                updated_at=day,
                model="tiny-chat",
                messages=(MessageRecord(1, None, "user", "apple cider", day, day, model="tiny-chat"),),
            )
        ]
    )
    pane = show_history(window)
    search(qtbot, pane, "apple")
    assert sorted(h.title for h in pane.hits()) == ["Chat apples", "Old apples", "Story apples"]

    pane.pane_filter.setCurrentIndex(pane.pane_filter.findData("story"))
    assert [h.title for h in pane.hits()] == ["Story apples"]
    assert [r[1] for r in rows(pane)] == ["Orchard"]  # the list follows the filters too
    pane.pane_filter.setCurrentIndex(0)

    assert pane.model_filter.findData("big-story") > 0 and pane.model_filter.findData("tiny-chat") > 0
    pane.model_filter.setCurrentIndex(pane.model_filter.findData("tiny-chat"))
    assert sorted(h.title for h in pane.hits()) == ["Chat apples", "Old apples"]
    pane.model_filter.setCurrentIndex(0)

    pane.folder_filter.setCurrentIndex(pane.folder_filter.findData(folder))
    assert [h.conversation_id for h in pane.hits()] == [story]
    pane.folder_filter.setCurrentIndex(0)

    pane.date_filter.setChecked(True)
    pane.date_from.setDate(QDate(2020, 5, 1))
    pane.date_to.setDate(QDate(2020, 5, 31))
    assert [h.title for h in pane.hits()] == ["Old apples"]
    pane.date_from.setDate(QDate.currentDate())
    pane.date_to.setDate(QDate.currentDate())  # the last day is included
    assert sorted(h.conversation_id for h in pane.hits()) == sorted([chat, story])
    pane.date_filter.setChecked(False)
    assert len(pane.hits()) == 3


def test_activating_a_hit_opens_at_its_message(qtbot: QtBot, window: MainWindow) -> None:
    store = window.store
    cid = store.create_conversation("chat", "Recipes", "m")
    first = store.add_message(cid, "user", "How do I roast a duck?")
    target = store.add_message(cid, "assistant", "Peking duck: 北京烤鸭 is roasted in a closed oven.", first)
    store.add_message(cid, "user", "Thanks!", target)
    pane = show_history(window)
    search(qtbot, pane, "北京烤鸭")
    pane.results.setFocus()
    pane.results.setCurrentRow(0)
    with qtbot.waitSignal(pane.open_at_message, timeout=60_000) as blocker:
        qtbot.keyClick(pane.results, Qt.Key.Key_Return)
    assert blocker.args == [cid, "chat", target]

    window.show_pane(4)
    rect = pane.results.visualItemRect(pane.results.item(0))
    with qtbot.waitSignal(pane.open_at_message, timeout=60_000) as blocker:
        qtbot.mouseClick(pane.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [cid, "chat", target]

    window.show_pane(4)  # while searching, Open opens the current hit; list actions wait
    assert pane.open_button.isEnabled() and not pane.pin_button.isEnabled()
    with qtbot.waitSignal(pane.open_at_message, timeout=60_000) as blocker:
        qtbot.mouseClick(pane.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [cid, "chat", target]


def test_export_json_markdown_html(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    store = window.store
    keep = conversation(store, "chat", "Safe <b>title</b>", "Show me <script>alert(1)</script> 北京烤鸭 🦆")
    other = conversation(store, "qa", "Other", "Something else entirely")
    pane = show_history(window)
    select(pane, keep)
    for suffix in (".json", ".md", ".html"):
        path = export(pane, tmp_path / f"export{suffix}")  # the selection
        assert path.exists()
        text = path.read_text(encoding="utf-8")
        assert "北京烤鸭 🦆" in text and "Something else" not in text
    data = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))
    assert [c["title"] for c in data["conversations"]] == ["Safe <b>title</b>"]
    assert "Show me <script>alert(1)</script>" in (tmp_path / "export.md").read_text(encoding="utf-8")
    page = (tmp_path / "export.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page

    pane.tree.clearSelection()  # nothing selected: everything
    everything = json.loads(export(pane, tmp_path / "all.json").read_text(encoding="utf-8"))
    assert len(everything["conversations"]) == 2

    folder = pane.new_folder("Only this")
    assert folder is not None
    store.move_conversation(other, folder)
    pane.refresh()
    folder_item = pane._find((FOLDER, folder))
    assert folder_item is not None
    pane.tree.setCurrentItem(folder_item)  # a folder selected: its conversations
    only = json.loads(export(pane, tmp_path / "folder.json").read_text(encoding="utf-8"))
    assert [c["title"] for c in only["conversations"]] == ["Other"]


def test_import_an_export_and_report_a_bad_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = window.store
    a = conversation(store, "chat", "Round trip 往返", "first 第一", "reply 🙂")
    b = conversation(store, "story", "Second", "Once upon a time")
    pane = show_history(window)
    path = export(pane, tmp_path / "both.json", [a, b])
    assert pane.import_from(path, report=True)  # both are still here: nothing doubles
    result = pane.wait_for_transfer()
    assert result is not None and result.ok and result.value == 0 and result.skipped == 2
    assert "already in your history" in pane.info_label.text()
    assert sorted(s.title for s in store.list_conversations()) == ["Round trip 往返", "Second"]
    store.soft_delete_conversation(a)  # deleted: the file brings it back, as a copy
    assert pane.import_from(path)
    result = pane.wait_for_transfer()
    assert result is not None and result.ok and result.value == 1 and result.skipped == 1
    titles = sorted(s.title for s in store.list_conversations())
    assert titles == ["Round trip 往返", "Second"]
    assert sorted(r[1] for r in rows(pane)) == titles
    copy = next(s for s in store.list_conversations() if s.title == "Round trip 往返")
    assert copy.id != a and [m.content for m in store.thread(copy.id)] == ["first 第一", "reply 🙂"]

    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "penwright-history", "version": 1, "conversations": [{"title": 5}]}', "utf-8")
    assert pane.import_from(bad)
    result = pane.wait_for_transfer()
    assert (
        result is not None and isinstance(result.error, ExchangeError) and "broken.json" in str(result.error)
    )
    assert len(store.list_conversations()) == 2  # nothing imported

    # through the dialog: the error is shown in plain words, nothing changes
    shown: list[str] = []
    monkeypatch.setattr("app.ui.panes.history.QFileDialog.getOpenFileName", lambda *_a, **_k: (str(bad), ""))
    monkeypatch.setattr(
        "app.ui.panes.history.QMessageBox.warning",
        lambda _parent, _title, text, *_a: shown.append(text) or QMessageBox.StandardButton.Ok,
    )
    assert pane.import_dialog()
    assert pane.wait_for_transfer() is not None
    assert shown and "broken.json" in shown[0] and "Nothing was imported" in shown[0]
    monkeypatch.setattr("app.ui.panes.history.QFileDialog.getOpenFileName", lambda *_a, **_k: (str(path), ""))
    notices: list[str] = []
    pane.notice.connect(notices.append)
    store.soft_delete_conversation(copy.id)
    assert pane.import_dialog()
    result = pane.wait_for_transfer()
    assert result is not None and result.value == 1
    assert "Imported 1 conversation" in pane.info_label.text() and notices


def test_back_up_now_makes_a_database_copy(qtbot: QtBot, window: MainWindow) -> None:
    store = window.store
    for n in range(3):
        conversation(store, "chat", f"Chat {n}", f"message {n} 消息")
    pane = show_history(window)
    folder = store.path.parent / "backups"
    before = set(folder.iterdir()) if folder.exists() else set()  # e.g. the daily copy
    notices: list[str] = []
    pane.notice.connect(notices.append)
    qtbot.mouseClick(pane.backup_button, Qt.MouseButton.LeftButton)
    assert not pane.backup_button.isEnabled()  # one at a time, on a worker thread
    assert pane.wait_for_transfer() is not None and pane.backup_button.isEnabled()
    assert notices and "backups" in notices[-1]
    clicked = set(folder.iterdir()) - before
    assert len(clicked) == 1 and str(next(iter(clicked))) in notices[-1]  # says where
    assert pane.back_up_now()
    result = pane.wait_for_transfer()
    assert result is not None and isinstance(result.value, Path)
    copy = result.value
    assert copy.parent == folder and copy.exists()
    assert copy not in clicked | before  # each backup is a new file
    opened = HistoryStore(copy)
    try:
        assert opened.integrity_check() == "ok"
        assert len(opened.list_conversations()) == len(store.list_conversations()) == 3
    finally:
        opened.close()


def test_every_control_is_named_and_reachable(qtbot: QtBot, window: MainWindow) -> None:
    pane = show_history(window)
    missing = []
    for widget in pane.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(pane):
            continue
        part_of = (QAbstractSpinBox, QAbstractItemView)
        if isinstance(widget, QScrollBar) or isinstance(widget.parent(), part_of):
            continue  # parts of a named control
        if not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}")
    assert missing == []


def test_titles_start_at_the_edge_and_model_names_are_not_cut(qtbot: QtBot, window: MainWindow) -> None:
    store = window.store
    conversation(store, "chat", "Plain", "hello", model="SmolLM2 135M Instruct (Q4_1)")
    pane = show_history(window)
    pane.refresh()
    assert not pane.tree.rootIsDecorated()  # no folders: no empty branch indent
    model_column = 2
    assert pane.tree.header().sectionSize(model_column) >= pane.tree.sizeHintForColumn(model_column)
    folder = store.create_folder("Drafts")
    pane.refresh()
    assert pane.tree.rootIsDecorated() and pane._find((FOLDER, folder)) is not None
