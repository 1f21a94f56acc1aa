"""What every generating pane shares: the engine hub, the history, a controller."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.core.presets import DEFAULT_PRESETS
from app.core.types import GenerationParams, Pane
from app.storage.history import HistoryStore
from app.ui.engine_bridge import EngineHub, GenerationController


class PaneBase(QWidget):
    """Base of the Chat, Story, Poetry and Q&A panes.

    Signals:
        history_changed(): a conversation was created, changed or deleted.
        busy_changed(bool): a generation started (True) or ended (False).
    """

    PANE: Pane  # set by each pane class

    history_changed = Signal()
    busy_changed = Signal(bool)

    def __init__(self, hub: EngineHub, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.store = store
        self.controller = GenerationController(hub, self)
        self.conversation_id: int | None = None
        #: the sampling values used for the next generation (shown in the inspector)
        self.params: GenerationParams = DEFAULT_PRESETS[self.PANE]

    def model_name(self) -> str:
        return self.hub.model_label if self.hub.model is not None else ""

    def is_generating(self) -> bool:
        return self.controller.is_running()

    def stop(self) -> None:
        self.controller.stop()

    def open_conversation(self, conversation_id: int) -> None:
        raise NotImplementedError

    def new_conversation(self) -> None:
        raise NotImplementedError
