"""The Q&A pane: a question box and an answer area.

The system prompt asks for a direct, factual answer and "I don't know" when unsure
(``app.core.prompts.QA_SYSTEM_PROMPT``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.prompts import qa_messages
from app.core.types import Pane
from app.engines.base import GenerationRequest
from app.services.conversation import ConversationService
from app.storage.history import HistoryStore
from app.ui.engine_bridge import EngineHub
from app.ui.panes.base import PaneBase
from app.ui.token_meter import TokenMeter
from app.ui.widgets import MessageView, PromptEdit, describe_final


class QAPane(PaneBase):
    """Ask one question, get one direct answer (Enter asks, Esc stops)."""

    PANE = Pane.QA

    def __init__(self, hub: EngineHub, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(hub, store, parent)
        #: stores each question and its answer (as ``penwright ask --save`` does)
        self.service = ConversationService(store, Pane.QA.value)
        self.question = PromptEdit()
        self.question.setAccessibleName(self.tr("Question"))
        self.question.setPlaceholderText(
            self.tr("Ask a question (Enter asks). Try: “What is the boiling point of water?”")
        )
        self.question.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.question.submitted.connect(self.ask)
        self.ask_button = QPushButton(self.tr("&Ask"))
        self.ask_button.setAccessibleName(self.tr("Ask or stop"))
        self.ask_button.clicked.connect(lambda: self.start_or_stop(self.ask))
        self.answer = MessageView()
        self.answer.setAccessibleName(self.tr("Answer"))
        self.answer.setPlaceholderText(self.tr("The answer appears here."))
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Answer status"))
        self.status.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(self.question, 1)
        row.addWidget(self.ask_button, 0, Qt.AlignmentFlag.AlignTop)
        self.meter = TokenMeter(hub, lambda: ("messages", qa_messages(self.question.toPlainText())))
        self.question.textChanged.connect(self.meter.schedule)
        self.guard_send(self.meter, self.ask_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.fit_note)
        layout.addWidget(self.meter)
        layout.addWidget(self.answer, 1)
        layout.addWidget(self.status)
        stop = QShortcut(QKeySequence("Esc"), self)
        stop.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        stop.activated.connect(self.stop)
        self.controller.text_ready.connect(self.answer.append_text)
        self.controller.finished.connect(self._finished)

    def focus_main(self) -> None:
        self.question.setFocus()

    def new_conversation(self) -> None:
        if self.is_generating():
            return
        self.conversation_id = None
        self.question.clear()
        self.answer.clear_messages()
        self.status.clear()
        self.question.setFocus()

    def open_conversation(self, conversation_id: int) -> None:
        if self.is_generating():
            return
        self.conversation_id = conversation_id
        self.answer.clear_messages()
        for message in self.store.thread(conversation_id):
            label = self.tr("Question") if message.role == "user" else self.tr("Answer")
            self.answer.add_message(label, message.content)
        self.status.clear()

    def ask(self) -> None:
        """Ask the question in the box; one too long for n_ctx is refused before anything
        is stored (counted first, off the GUI thread, if the meter has no count of it)."""
        text = self.question.toPlainText().strip()
        if not text or self.is_generating() or not self.ensure_model() or not self.fits_context(self.ask):
            return
        exchange = self.service.start_exchange(text, params=self.params, model=self.model_name())
        self.conversation_id = exchange.conversation_id
        self.answer.clear_messages()
        self.answer.add_message(self.tr("Question"), text)
        self.answer.add_message(self.tr("Answer"), "")
        self.status.setText(self.tr("Thinking…"))
        self.ask_button.setText(self.tr("Stop"))
        request = GenerationRequest(messages=tuple(qa_messages(text)), params=exchange.reply.params)
        self.controller.start(request, exchange.reply)
        self.busy_changed.emit(True)
        self.history_changed.emit()

    def _finished(self, final: object) -> None:
        self.ask_button.setText(self.tr("&Ask"))
        self.status.setText(describe_final(final))
        self.busy_changed.emit(False)
        self.history_changed.emit()
