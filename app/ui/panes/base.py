"""What every generating pane shares: the engine hub, the history, a controller."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from app.core.presets import DEFAULT_PRESETS
from app.core.types import GenerationParams, Pane
from app.engines.base import Capabilities
from app.storage.history import HistoryStore
from app.ui.engine_bridge import EngineHub, GenerationController
from app.ui.token_meter import TokenMeter


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
        #: why the message in the input cannot be sent (too long for n_ctx); hidden when it can
        self.fit_note = QLabel(self)
        self.fit_note.setAccessibleName(self.tr("Message too long"))
        self.fit_note.setWordWrap(True)
        self.fit_note.setVisible(False)
        self._fit_meter: TokenMeter | None = None
        self._fit_button: QAbstractButton | None = None

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

    def guard_send(self, meter: TokenMeter, button: QAbstractButton) -> None:
        """Disable ``button`` (the pane's Send, which is also its Stop), with the reason as
        tooltip, accessible description and :attr:`fit_note`, while ``meter`` knows that the
        message cannot fit the context window."""
        self._fit_meter, self._fit_button = meter, button
        meter.fit_changed.connect(self.update_fit)
        self.busy_changed.connect(lambda _busy: self.update_fit())

    def update_fit(self) -> None:
        meter, button = self._fit_meter, self._fit_button
        if meter is None or button is None:
            return
        reason = "" if self.hub.is_remote else meter.too_long_text()
        button.setEnabled(self.is_generating() or not reason)
        button.setToolTip(reason)
        button.setAccessibleDescription(reason)
        self.fit_note.setText(reason)
        self.fit_note.setVisible(bool(reason))

    def fits_context(self, retry: Callable[[], None]) -> bool:
        """Whether the message may be sent now: True when it fits n_ctx with room for a
        reply (older turns may be left out, C04) or the active engine is a provider (no
        tokenizer here: the server answers for itself). False when it cannot fit (then
        :attr:`fit_note` says why and nothing is sent, stored or cleared) or when it must
        be counted first: the count runs off the GUI thread and calls ``retry`` after."""
        meter = self._fit_meter
        model = self.hub.model
        if meter is None or self.hub.is_remote or model is None or not model.n_ctx:
            return True
        verdict = meter.verdict()
        if verdict is None and meter.surely_fits():
            return True
        if verdict is None:
            meter.count_now(retry)
            return False
        self.update_fit()
        return verdict

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

    def save_draft(self) -> None:
        """Save unsaved work now (the window calls it on quitting); panes with drafts override it."""

    def focus_main(self) -> None:
        """Give the keyboard to the pane's main field (its input or editor)."""
        raise NotImplementedError

    def open_conversation(self, conversation_id: int) -> None:
        raise NotImplementedError

    def new_conversation(self) -> None:
        raise NotImplementedError
