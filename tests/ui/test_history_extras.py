"""History around the window: titles from the model, the daily backup, and the start-up
report of a migrated database."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.core.prompts import clean_title, title_from_text
from app.core.types import GenerationParams
from app.engines.base import Done
from app.runtime import Runtime
from app.storage.history import SCHEMA_VERSION, HistoryStore
from app.ui.main_window import MainWindow
from tests.ui.conftest import REPLY_TIMEOUT_MS

FIXTURE_V1 = Path(__file__).resolve().parents[1] / "fixtures" / "history_v1.db"


def test_the_local_model_titles_a_new_chat_unless_the_user_renamed_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    chat = window.chat
    chat.params = GenerationParams(temperature=0.0, max_tokens=24, seed=1)
    chat.input.setPlainText("Can you suggest three names for a small grey cat?")
    with qtbot.waitSignal(window.hub.title_ready, timeout=REPLY_TIMEOUT_MS) as titled:
        with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
            chat.send()
        assert isinstance(blocker.args[0], Done)
    conversation, answer = titled.args
    assert conversation == chat.conversation_id
    expected = clean_title(answer) or title_from_text("Can you suggest three names for a small grey cat?")
    assert window.store.get_conversation(conversation).title == expected  # type: ignore[union-attr]
    assert chat.conversations.item(0).text() == expected

    # a title the user chose is never replaced by a late suggestion
    window.store.rename_conversation(conversation, "Cat names (mine)")
    chat._title_ready(conversation, "Feline Nomenclature")
    assert window.store.get_conversation(conversation).title == "Cat names (mine)"  # type: ignore[union-attr]


def test_model_answers_become_clean_titles() -> None:
    assert clean_title('Title: "Naming a Grey Cat."\nMore text') == "Naming a Grey Cat"
    assert clean_title("标题：猫的名字。") == "猫的名字"
    assert clean_title("  \n\n") == ""


def test_a_daily_backup_is_made_at_start(qtbot: QtBot, window: MainWindow) -> None:
    folder = window.store.backup_dir
    qtbot.waitUntil(lambda: any(folder.glob("*-daily-*")), timeout=60_000)
    (copy,) = folder.glob("*-daily-*")
    backup = HistoryStore(copy)
    try:
        assert backup.integrity_check() == "ok"
    finally:
        backup.close()


def test_a_first_schema_history_is_upgraded_backed_up_and_reported(
    qtbot: QtBot, penwright_home: Path
) -> None:
    runtime = Runtime.start()
    shutil.copyfile(FIXTURE_V1, runtime.paths.history_db)
    window = MainWindow(runtime)
    qtbot.addWidget(window)
    window.show()
    QTest.qWaitForWindowExposed(window)
    try:
        with qtbot.waitSignal(window.hub.model_loaded, timeout=REPLY_TIMEOUT_MS):
            window.start()
        assert window.store.schema_version() == SCHEMA_VERSION and window.store.migrated_from == 1
        backup = window.store.backups[0]  # the untouched first-schema file
        assert backup.exists() and "upgraded" in " ".join(runtime.warnings)
        assert window.store.list_conversations()  # the old conversations are all there
        titles = [c.title for c in window.store.list_conversations()]
        window.show_pane(4)
        window.history.refresh()
        assert titles
    finally:
        window.shutdown()
