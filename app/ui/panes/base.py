"""What every generating pane shares: the engine hub, the history, a controller."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.core.presets import DEFAULT_PRESETS
from app.core.types import GenerationParams, Pane
from app.engines.base import Capabilities
from app.storage.history import HistoryStore
from app.ui.engine_bridge import EngineHub, GenerationController


class PaneBase(QWidget):
    """Base of the Chat, Story, Poetry and Q&A panes.

    Signals:
        history_changed(): a conversation was created, changed or deleted.
        busy_changed(bool): a generation started (True) or ended (False).
        notice(str): something to tell the user in the status bar.
    """

    PANE: Pane  # set by each pane class

    history_changed = Signal()
    busy_changed = Signal(bool)
    notice = Signal(str)

    def __init__(self, hub: EngineHub, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.store = store
        self.controller = GenerationController(hub, self)
        self.controller.notice.connect(self.notice)
        self.conversation_id: int | None = None
        #: the sampling values used for the next generation (shown in the inspector)
        self.params: GenerationParams = DEFAULT_PRESETS[self.PANE]

    def model_name(self) -> str:
        """What the reply is stored under: the library name or "provider · model"."""
        return self.hub.label if self.hub.model is not None else ""

    def set_capabilities(self, capabilities: Capabilities) -> None:
        """Grey out actions the active engine cannot do, with the reason as tooltip."""

    def ensure_model(self) -> bool:
        """True if a model is loaded; otherwise tell the user and return False."""
        if self.hub.model is not None:
            return True
        self.notice.emit(
            self.tr("No model is loaded yet. Wait for it to load, or choose one in the status bar.")
        )
        return False

    def is_generating(self) -> bool:
        return self.controller.is_running()

    def stop(self) -> None:
        self.controller.stop()

    def start_or_stop(self, start: Callable[[], None]) -> None:
        """The pane's main button: Stop while writing, otherwise ``start``."""
        if self.is_generating():
            self.stop()
        else:
            start()

    def focus_main(self) -> None:
        """Give the keyboard to the pane's main field (its input or editor)."""
        raise NotImplementedError

    def open_conversation(self, conversation_id: int) -> None:
        raise NotImplementedError

    def new_conversation(self) -> None:
        raise NotImplementedError
