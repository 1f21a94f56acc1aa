"""A token meter under an input: how many tokens what would be sent takes, out of n_ctx.

Counting uses the loaded model's own tokenizer and chat template in the engine host, on a
worker thread, 400 ms after the last edit. While the engine is busy the last figure stays.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.ui.engine_bridge import EngineHub

#: Delay after the last edit before counting, in milliseconds.
METER_DELAY_MS = 400

#: What to count: ("messages", [chat messages]) or ("text", raw prompt).
Payload = tuple[str, Any]


class TokenMeter(QLabel):
    """Shows ``used / n_ctx tokens``; ``payload`` gives what would be sent now.

    Signals:
        counted(int): a new count (emitted from the worker thread, delivered queued).
    """

    counted = Signal(int)
    _retry = Signal()  # the engine was busy: count again later

    def __init__(self, hub: EngineHub, payload: Callable[[], Payload], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.payload = payload
        self.used: int | None = None
        self.setAccessibleName(self.tr("Token meter"))
        self.setToolTip(self.tr("Tokens of what would be sent, out of the model's context window (n_ctx)"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(METER_DELAY_MS)
        self._timer.timeout.connect(self._count)
        self._busy = False
        self.counted.connect(self._show)
        self._retry.connect(self.schedule)
        hub.model_loaded.connect(lambda _info: self.schedule())
        hub.active_changed.connect(self.schedule)

    def schedule(self) -> None:
        """Count again after a short pause (call on every edit)."""
        self._timer.start()

    def _count(self) -> None:
        if self.hub.is_remote:  # no tokenizer of the provider's model here
            self.used = None
            self.setText(self.tr("tokens: counted by the provider"))
            return
        if self._busy or self.hub.model is None:
            return
        if self.hub.engine.state == "generating":
            self.schedule()  # count when the reply is done; the last figure stays meanwhile
            return
        kind, value = self.payload()
        engine = self.hub.engine
        self._busy = True

        def work() -> None:
            try:
                n = engine.try_count(messages=value) if kind == "messages" else engine.try_count(text=value)
            finally:
                self._busy = False
            if n is None:
                self._retry.emit()
            else:
                self.counted.emit(n)

        threading.Thread(target=work, name="penwright-meter", daemon=True).start()

    def _show(self, used: int) -> None:
        self.used = used
        model = self.hub.model
        n_ctx = model.n_ctx if model is not None else 0
        text = self.tr("{used:,} / {n_ctx:,} tokens").format(used=used, n_ctx=n_ctx)
        self.setText(("⚠ " + text) if n_ctx and used > n_ctx else text)
