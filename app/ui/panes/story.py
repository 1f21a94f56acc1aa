"""The Story pane: a plain-text editor; Continue writes at the cursor (raw completion).

The whole AI insertion is one undo step: the first piece opens an edit block and every
later piece joins it (``QTextCursor.joinPreviousEditBlock``). The editor is read-only
while the model writes, so the writer's own typing cannot split the insertion.

Stored in the history as a conversation with pane 'story': the whole document is its
draft, saved two seconds after the last edit, after each Continue and when the window
closes; each Continue also adds the text before the cursor (user) and the continuation
(assistant, streamed, partial-saved).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.core.prompts import title_from_text
from app.core.types import Pane
from app.engines.base import Capabilities, GenerationRequest
from app.storage.history import HistoryStore
from app.ui.engine_bridge import EngineHub, ReplyRecord
from app.ui.panes.base import PaneBase
from app.ui.token_meter import TokenMeter
from app.ui.widgets import describe_final

#: Delay of the draft autosave after the last keystroke, in milliseconds.
AUTOSAVE_MS = 2000

#: Characters per line of the editor's measure (UI.md: about 70).
STORY_MEASURE_CHARS = 70


def text_before(text: str, position: int) -> str:
    """The text before a Qt cursor ``position``. Qt counts UTF-16 code units, Python code
    points: an emoji before the cursor is two units in Qt and one character here (C02)."""
    return text.encode("utf-16-le")[: 2 * position].decode("utf-16-le", errors="ignore")


class StoryPane(PaneBase):
    """Write a story; Continue (Ctrl+Enter) asks the model to go on from the cursor."""

    PANE = Pane.STORY

    def __init__(self, hub: EngineHub, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(hub, store, parent)
        self._can_continue = True  # the active engine offers raw completion
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Story text"))
        self.editor.setPlaceholderText(
            self.tr(
                "Start your story here, then press Continue (Ctrl+Enter).\n\n"
                "Try: “The lighthouse keeper found a letter in the sand.”"
            )
        )
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 1.2)
        font.setStyleHint(QFont.StyleHint.Serif)
        self.editor.setFont(font)
        self.editor.setMaximumWidth(self.editor.fontMetrics().averageCharWidth() * (STORY_MEASURE_CHARS + 8))
        self.continue_button = QPushButton(self.tr("&Continue"))
        self.continue_button.setAccessibleName(self.tr("Continue the story at the cursor"))
        self.continue_button.clicked.connect(self.continue_story)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setAccessibleName(self.tr("Stop writing"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        self.new_button = QPushButton(self.tr("&New story"))
        self.new_button.setAccessibleName(self.tr("New story"))
        self.new_button.clicked.connect(self.new_conversation)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Story status"))
        self.status.setWordWrap(True)

        toolbar = QHBoxLayout()
        toolbar.addWidget(self.new_button)
        toolbar.addWidget(self.continue_button)
        toolbar.addWidget(self.stop_button)
        toolbar.addStretch(1)
        editor_row = QHBoxLayout()
        editor_row.addStretch(1)
        editor_row.addWidget(self.editor, 100)
        editor_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addLayout(editor_row, 1)
        self.meter = TokenMeter(hub, self._meter_payload)
        self.editor.textChanged.connect(self.meter.schedule)
        self.editor.cursorPositionChanged.connect(self.meter.schedule)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.meter)
        layout.addLayout(status_row)

        for keys, slot in (("Ctrl+Return", self.continue_story), ("Esc", self.stop)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        self.editor.textChanged.connect(self._autosave.start)
        self._insert_cursor: QTextCursor | None = None
        self._first_piece = True
        self.controller.text_ready.connect(self._insert)
        self.controller.finished.connect(self._finished)

    def save_draft(self) -> None:
        """Store the whole document now (a new story gets its conversation on first save)."""
        self._autosave.stop()
        text = self.editor.toPlainText()
        if self.conversation_id is None:
            if not text.strip():
                return
            self.conversation_id = self.store.create_conversation(
                Pane.STORY.value, title_from_text(text), self.model_name()
            )
            self.history_changed.emit()
        self.store.save_draft(self.conversation_id, text)

    def focus_main(self) -> None:
        self.editor.setFocus()

    def _meter_payload(self) -> tuple[str, object]:
        text = text_before(self.editor.toPlainText(), self.editor.textCursor().position())
        return "text", text

    def new_conversation(self) -> None:
        if self.is_generating():
            return
        self.save_draft()
        self.conversation_id = None
        self.editor.clear()
        self._autosave.stop()
        self.status.clear()
        self.editor.setFocus()

    def open_conversation(self, conversation_id: int) -> None:
        """Show the stored story document (or, for old entries, last prompt + continuation)."""
        if self.is_generating():
            return
        if self.conversation_id != conversation_id:
            self.save_draft()
        self.conversation_id = conversation_id
        draft = self.store.get_draft(conversation_id)
        if draft is None:
            thread = self.store.thread(conversation_id)
            prompt = next((m.content for m in reversed(thread) if m.role == "user"), "")
            reply = thread[-1].content if thread and thread[-1].role == "assistant" else ""
            draft = prompt + reply
        self.editor.setPlainText(draft)
        self._autosave.stop()
        self.editor.moveCursor(QTextCursor.MoveOperation.End)
        self.status.clear()

    def set_capabilities(self, capabilities: Capabilities) -> None:
        """Continue needs raw completion (Azure chat deployments have none)."""
        self._can_continue = capabilities.raw_completion
        self.continue_button.setEnabled(self._can_continue and not self.is_generating())
        self.continue_button.setToolTip(
            ""
            if self._can_continue
            else self.tr(
                "The chosen provider offers no raw completion, which Continue needs; choose a "
                "local model or an OpenAI-compatible server in the status bar."
            )
        )

    def continue_story(self) -> None:
        """Generate from the text before the cursor and insert at the cursor."""
        if self.is_generating() or not self.ensure_model() or not self._can_continue:
            return
        cursor = self.editor.textCursor()
        cursor.clearSelection()
        before = text_before(self.editor.toPlainText(), cursor.position())
        if not before.strip():
            self.status.setText(self.tr("Write a few words first: Continue goes on from the cursor."))
            return
        if self.conversation_id is None:
            self.conversation_id = self.store.create_conversation(
                Pane.STORY.value, title_from_text(before), self.model_name()
            )
        parent = self.store.add_message(self.conversation_id, "user", before)
        self._insert_cursor = QTextCursor(cursor)
        self._first_piece = True
        self.editor.setReadOnly(True)
        self.continue_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.status.setText(self.tr("Writing…"))
        record = ReplyRecord(self.store, self.conversation_id, parent, self.model_name())
        self.controller.start(GenerationRequest(prompt=before, params=self.params), record)
        self.busy_changed.emit(True)
        self.history_changed.emit()

    def _insert(self, text: str) -> None:
        cursor = self._insert_cursor
        if cursor is None:
            return
        if self._first_piece:
            cursor.beginEditBlock()
            self._first_piece = False
        else:
            cursor.joinPreviousEditBlock()
        cursor.insertText(text)
        cursor.endEditBlock()

    def _finished(self, final: object) -> None:
        self._insert_cursor = None
        self.save_draft()
        self.editor.setReadOnly(False)
        self.continue_button.setEnabled(self._can_continue)
        self.stop_button.setEnabled(False)
        self.status.setText(describe_final(final))
        self.busy_changed.emit(False)
        self.history_changed.emit()
