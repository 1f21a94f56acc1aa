"""Panes are plug-ins: one declaration (``app.core.panes`` + ``app.ui.panes.registry``) puts
a pane in the navigation, its shortcut, the History filter and labels, presets and exports,
with no other edit; and panes are built when first shown, not at start-up."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.core.panes import PaneSpec, conversation_panes, register_pane, unregister_pane
from app.core.types import GenerationParams
from app.runtime import Runtime
from app.storage import exchange
from app.storage.presets import PresetStore
from app.ui.main_window import MainWindow
from app.ui.panes.registry import PaneEntry, PaneHost, register_pane_entry, unregister_pane_entry

SCRATCH = "scratch"
SCRATCH_PARAMS = GenerationParams(temperature=0.35, max_tokens=77)


class ScratchPane(QWidget):
    """A throwaway pane: a label, and what the window gave it."""

    def __init__(self, host: PaneHost) -> None:
        super().__init__()
        self.host = host
        self.label = QLabel("scratch pane", self)
        QVBoxLayout(self).addWidget(self.label)
        self.focused = False

    def focus_main(self) -> None:
        self.focused = True


@pytest.fixture
def scratch_pane() -> Iterator[list[ScratchPane]]:
    """Registers the throwaway pane for one test; yields the panes its factory built."""
    built: list[ScratchPane] = []

    def factory(host: PaneHost) -> QWidget:
        built.append(ScratchPane(host))
        return built[-1]

    register_pane(PaneSpec(SCRATCH, "Scratch", SCRATCH_PARAMS, opens_conversations=True))
    register_pane_entry(PaneEntry(SCRATCH, factory, "A throwaway pane"))
    try:
        yield built
    finally:
        unregister_pane_entry(SCRATCH)
        unregister_pane(SCRATCH)


def test_a_declared_pane_appears_in_navigation_history_presets_and_exports(
    qtbot: QtBot, penwright_home: object, scratch_pane: list[ScratchPane]
) -> None:
    win = MainWindow(Runtime.start())
    qtbot.addWidget(win)
    try:
        labels = [win.nav.item(i).text() for i in range(win.nav.count())]
        assert labels[-1] == "Scratch" and len(labels) == 7
        assert not scratch_pane  # not built before it is shown
        win.show_pane(labels.index("Scratch"))
        assert len(scratch_pane) == 1 and win.stack.currentWidget() is scratch_pane[0]
        assert scratch_pane[0].focused and scratch_pane[0].host is win
        win.show_pane(0)
        win.show_pane(labels.index("Scratch"))
        assert len(scratch_pane) == 1  # built once
        # presets: the declared default
        assert PresetStore(win.runtime.paths.presets_file).get(SCRATCH) == SCRATCH_PARAMS
        # History: the filter offers it and its conversations show its label
        assert SCRATCH in conversation_panes()
        cid = win.store.create_conversation(SCRATCH, "Notes from the scratch pane", "m")
        win.store.add_message(cid, "user", "hello", None)
        history = win.history
        filters = {
            history.pane_filter.itemData(i): history.pane_filter.itemText(i)
            for i in range(history.pane_filter.count())
        }
        assert filters[SCRATCH] == "Scratch"
        win.show_pane(labels.index("History"))
        rows = [history.tree.topLevelItem(i) for i in range(history.tree.topLevelItemCount())]
        assert any(row is not None and row.text(1) == "Scratch" for row in rows)
        # exports name the pane
        assert "Scratch" in exchange.export_markdown(win.store, [cid])
    finally:
        win.shutdown()


def test_panes_are_built_when_first_shown(qtbot: QtBot, penwright_home: object) -> None:
    """Start-up builds only the pane shown first; the rest wait until shown (fast start)."""
    win = MainWindow(Runtime.start())
    qtbot.addWidget(win)
    try:
        assert set(win.built_panes()) == {"chat"}
        win.show_pane(4)  # History
        assert set(win.built_panes()) == {"chat", "history"}
        assert win.stack.currentWidget() is win.history
    finally:
        win.shutdown()


def test_a_pane_id_cannot_be_declared_twice() -> None:
    with pytest.raises(ValueError, match="already registered"):
        register_pane(PaneSpec("chat", "Another chat"))
