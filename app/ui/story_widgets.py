"""Pieces of the Story pane: a generation controller that keeps log-probabilities and
scores texts, the editor, and the side panels and dialogs.

The AI-span bookkeeping and the UTF-16 positions it uses are Qt-free, in
:mod:`app.core.spans` (re-exported here); :class:`SpanTracker` adds :meth:`~SpanTracker.load`,
which checks stored spans (:func:`app.storage.documents.usable_ai_spans`) and brings their
tokens back as :class:`~app.engines.base.TokenLogprob`.
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QFocusEvent, QHelpEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.core import spans
from app.core.spans import (
    LOGPROB_FLOOR,
    REMEMBERED_SPANS,
    AiSpan,
    ScoredToken,
    SpanToken,
    TokenChoice,
    align_pieces,
    alternatives_of,
    scored_tokens,
    text_before,
    text_between,
    utf16_len,
)
from app.core.story import LoreEntry, StoryPrompt, StorySettings, lore_from_rows
from app.engines.base import CancelToken, TokenLogprob
from app.storage.documents import DocumentStore, StoryDocument, usable_ai_spans
from app.ui.engine_bridge import EngineHub, GenerationController
from app.ui.widgets import format_time

#: How strongly the least likely (or most surprising) token is tinted: the weight of the
#: palette's LinkVisited colour blended into Base (0..1). Not Highlight: a tinted word
#: must not look selected.
MAX_TINT = 0.45
#: Surprise (−logprob, nats) at which a scored token gets the full tint: 8 nats is a
#: probability of about 1 in 3,000.
FULL_SURPRISE_NATS = 8.0

__all__ = [
    "FULL_SURPRISE_NATS",
    "LOGPROB_FLOOR",
    "MAX_TINT",
    "REMEMBERED_SPANS",
    "AiSpan",
    "AidsPanel",
    "AlternativesPanel",
    "ScoredToken",
    "SpanToken",
    "SpanTracker",
    "StoryController",
    "StoryEditor",
    "TokenChoice",
    "VersionsDialog",
    "ai_colour",
    "align_pieces",
    "alternatives_of",
    "blend",
    "probability_tint",
    "scored_tokens",
    "shown_token",
    "side_panel",
    "surprise_tint",
    "text_before",
    "text_between",
    "tint_colour",
    "utf16_len",
]


class SpanTracker(spans.SpanTracker):
    """:class:`app.core.spans.SpanTracker` whose stored spans come back as
    :class:`TokenLogprob` tokens (:meth:`load`)."""

    def load(self, stored: Sequence[Any], text: str) -> list[str]:
        """Replace the spans by the ``stored`` ones (:attr:`StoryDocument.ai_spans`) of the
        document ``text`` (``toPlainText``). Spans that do not fit the text (beyond its end,
        overlapping, tokens not matching it, malformed) are left out
        (:func:`~app.storage.documents.usable_ai_spans`); returns why, one line each."""
        usable, problems = usable_ai_spans(stored, text)
        self.put_back(usable, text, TokenLogprob)
        return problems


def blend(base: QColor, tint: QColor, weight: float) -> QColor:
    """``base`` with ``weight`` (0..1) of ``tint`` mixed in."""
    weight = min(1.0, max(0.0, weight))
    return QColor(
        round(base.red() + (tint.red() - base.red()) * weight),
        round(base.green() + (tint.green() - base.green()) * weight),
        round(base.blue() + (tint.blue() - base.blue()) * weight),
    )


def probability_tint(logprob: float) -> float:
    """Tint weight for a generated token: 0 for a certain token, :data:`MAX_TINT` for an
    impossible one (linear in the probability)."""
    return MAX_TINT * (1.0 - math.exp(min(0.0, logprob)))


def surprise_tint(logprob: float) -> float:
    """Tint weight for a scored token by its surprise −logprob, full at
    :data:`FULL_SURPRISE_NATS`."""
    return MAX_TINT * min(1.0, max(0.0, -logprob) / FULL_SURPRISE_NATS)


def shown_token(text: str) -> str:
    """A token's text for a tooltip or menu: quoted, with newlines and tabs visible."""
    return "“" + text.replace("\n", "\\n").replace("\t", "\\t") + "”"


# -- generation and scoring ------------------------------------------------------------------
class StoryController(GenerationController):
    """A :class:`GenerationController` (its ``pieces_ready`` pairs text with token
    log-probabilities) that can also score a text (perplexity) on a worker thread.

    Signals:
        score_progress(int, int): tokens scored, tokens to score (GUI thread).
        scored(object): a :class:`ScoreResult`, or the exception scoring raised
            (:class:`EngineError` kind 'cancelled' after :meth:`cancel_score`).
    """

    score_progress = Signal(int, int)
    scored = Signal(object)

    def __init__(self, hub: EngineHub, parent: QObject | None = None) -> None:
        super().__init__(hub, parent)
        self._score_thread: threading.Thread | None = None
        self._score_cancel: CancelToken | None = None
        self.scored.connect(self._score_settled)

    # -- scoring --------------------------------------------------------------------------
    def is_scoring(self) -> bool:
        return self._score_thread is not None

    def score(self, text: str, top_logprobs: int = 5) -> None:
        """Score ``text`` with the local engine (:meth:`LocalEngine.score`, default stride)
        on a worker thread; ``score_progress`` and then ``scored`` follow."""
        if self.is_scoring():
            raise RuntimeError("a text is already being scored")
        engine = self.hub.engine
        cancel = CancelToken()
        self._score_cancel = cancel

        def progress(done: int, total: int) -> None:
            with contextlib.suppress(RuntimeError):  # the pane was deleted (window closed)
                self.score_progress.emit(done, total)

        def work() -> None:
            result: object
            try:
                result = engine.score(text, cancel, on_progress=progress, top_logprobs=top_logprobs)
            except Exception as exc:  # EngineError and the like are shown to the user
                result = exc
            with contextlib.suppress(RuntimeError):
                self.scored.emit(result)

        self._score_thread = threading.Thread(target=work, name="penwright-score", daemon=True)
        self._score_thread.start()

    def cancel_score(self) -> None:
        if self._score_cancel is not None:
            self._score_cancel.cancel()

    def _score_settled(self, _result: object) -> None:
        if self._score_thread is not None:
            self._score_thread.join()
        self._score_thread = None
        self._score_cancel = None

    def finish_now(self, timeout: float = 10.0) -> None:
        """Also cancel scoring and wait for it (window closing)."""
        if self._score_thread is not None:
            self.cancel_score()
            self._score_thread.join(timeout)
        super().finish_now(timeout)


# -- the editor ----------------------------------------------------------------------------
class StoryEditor(QPlainTextEdit):
    """The story text. Tooltips and the context menu ask the pane about the character
    under the mouse (:attr:`tooltip_for`, :attr:`extend_menu`).

    Signals:
        token_clicked(int, QPoint): Ctrl+click on the character at this document position
            (global position of the click).
        focus_lost(): the editor lost the keyboard focus.
    """

    token_clicked = Signal(int, QPoint)
    focus_lost = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tooltip_for: Callable[[int], str] = lambda _position: ""
        self.extend_menu: Callable[[QMenu, int], None] = lambda _menu, _position: None

    def position_at(self, point: QPoint) -> int:
        """Document position of the character under ``point`` (viewport coordinates)."""
        cursor = self.cursorForPosition(point)
        position = cursor.position()
        if position > 0 and point.x() < self.cursorRect(cursor).x():
            position -= 1
        return position

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_for(self.position_at(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if (
            event.button() == Qt.MouseButton.LeftButton
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            position = self.position_at(event.position().toPoint())
            if self.tooltip_for(position):
                self.token_clicked.emit(position, event.globalPosition().toPoint())
                event.accept()
                return
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        self.extend_menu(menu, self.position_at(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()


# -- alternatives ----------------------------------------------------------------------------
class AlternativesPanel(QFrame):
    """Several continuations side by side, each with "Use this", and "None".

    Signals:
        chosen(int): "Use this" of alternative ``i``.
        dismissed(): "None".
    """

    chosen = Signal(int)
    dismissed = Signal()

    def __init__(self, count: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Alternatives"))
        self.header = QLabel(self.tr("{n} continuations: use one at the cursor, or none.").format(n=count))
        self.header.setWordWrap(True)
        self.header.setAccessibleName(self.tr("Alternatives heading"))
        self.boxes: list[QPlainTextEdit] = []
        self.use_buttons: list[QPushButton] = []
        grid = QGridLayout()
        lines = self.fontMetrics().lineSpacing()
        for i in range(count):
            box = QPlainTextEdit()
            box.setReadOnly(True)
            box.setTabChangesFocus(True)
            box.setAccessibleName(self.tr("Alternative {n}").format(n=i + 1))
            box.setMinimumHeight(lines * 6)
            button = QPushButton(self.tr("Use this"))
            button.setAccessibleName(self.tr("Use alternative {n}").format(n=i + 1))
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, i=i: self.chosen.emit(i))
            grid.addWidget(box, 0, i)
            grid.addWidget(button, 1, i)
            self.boxes.append(box)
            self.use_buttons.append(button)
        self.none_button = QPushButton(self.tr("None"))
        self.none_button.setAccessibleName(self.tr("Use none of the alternatives"))
        self.none_button.clicked.connect(self.dismissed)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.none_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)

    def reset(self) -> None:
        for box, button in zip(self.boxes, self.use_buttons, strict=True):
            box.clear()
            button.setEnabled(False)

    def append(self, index: int, text: str) -> None:
        box = self.boxes[index]
        cursor = box.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(text)

    def finish(self, index: int, usable: bool) -> None:
        self.use_buttons[index].setEnabled(usable)

    def texts(self) -> list[str]:
        return [box.toPlainText() for box in self.boxes]


# -- memory, author's note, lorebook -------------------------------------------------------
class AidsPanel(QWidget):
    """Memory, author's note (+ depth) and lorebook of the story, and the tokens each
    part of the prompt takes.

    Signals:
        changed(): the writer changed any of them.
        focus_lost(): one of its text fields lost the keyboard focus.
    """

    changed = Signal()
    focus_lost = Signal()
    KEYS, TEXT, ENABLED = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Story aids"))
        lines = self.fontMetrics().lineSpacing()
        self.memory = QPlainTextEdit()
        self.memory.setAccessibleName(self.tr("Memory"))
        self.memory.setToolTip(self.tr("Always at the top of the prompt: who, where, what happened so far."))
        self.memory.setPlaceholderText(self.tr("E.g. Mara keeps the lighthouse on a northern island."))
        self.memory.setTabChangesFocus(True)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(self.tr("Author's note"))
        self.note.setToolTip(
            self.tr("Inserted a few lines before the end of the prompt, where it steers the most.")
        )
        self.note.setPlaceholderText(self.tr("E.g. [Style: quiet, melancholic; short sentences]"))
        self.note.setTabChangesFocus(True)
        for box in (self.memory, self.note):
            box.setMinimumHeight(lines * 3)
            box.setMaximumHeight(lines * 5)
            box.textChanged.connect(self.changed)
            box.installEventFilter(self)
        self.note_depth = QSpinBox()
        self.note_depth.setRange(0, 100)
        self.note_depth.setValue(3)
        self.note_depth.setAccessibleName(self.tr("Author's note depth"))
        self.note_depth.setToolTip(self.tr("Lines of story after the author's note (0 = at the very end)."))
        self.note_depth.setSuffix(self.tr(" lines from the end"))
        self.note_depth.valueChanged.connect(self.changed)

        self.lorebook = QTableWidget(0, 3)
        self.lorebook.setAccessibleName(self.tr("Lorebook"))
        self.lorebook.setToolTip(
            self.tr(
                "An entry's text goes into the prompt when one of its keys (comma-separated) "
                "appears in the recent story."
            )
        )
        self.lorebook.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Text"), self.tr("On")])
        header = self.lorebook.horizontalHeader()
        header.setSectionResizeMode(self.KEYS, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.ENABLED, QHeaderView.ResizeMode.ResizeToContents)
        self.lorebook.setColumnWidth(self.KEYS, self.fontMetrics().averageCharWidth() * 12)
        self.lorebook.verticalHeader().setVisible(False)
        self.lorebook.setMinimumHeight(lines * 5)
        self.lorebook.setTabKeyNavigation(False)  # Tab leaves the table (keyboard users)
        self.lorebook.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_entry_button = QPushButton(self.tr("&Add entry"))
        self.add_entry_button.setAccessibleName(self.tr("Add a lorebook entry"))
        self.add_entry_button.clicked.connect(lambda: self.add_entry())
        self.remove_entry_button = QPushButton(self.tr("Remove entry"))
        self.remove_entry_button.setAccessibleName(self.tr("Remove the selected lorebook entry"))
        self.remove_entry_button.clicked.connect(self.remove_selected)

        self.budget: dict[str, QLabel] = {}
        budget_form = QFormLayout()
        for key, label in (
            ("memory", self.tr("Memory")),
            ("lore", self.tr("Lorebook")),
            ("note", self.tr("Author's note")),
            ("story", self.tr("Story")),
            ("total", self.tr("Prompt")),
        ):
            value = QLabel("…")
            value.setAccessibleName(self.tr("Tokens: {part}").format(part=label))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            budget_form.addRow(label, value)
            self.budget[key] = value
        self.budget_note = QLabel()
        self.budget_note.setWordWrap(True)

        self.budget_note.setAccessibleName(self.tr("Token budget note"))

        memory_label = QLabel(self.tr("&Memory"))
        memory_label.setBuddy(self.memory)
        note_label = QLabel(self.tr("Author's &note"))
        note_label.setBuddy(self.note)
        lore_label = QLabel(self.tr("&Lorebook"))
        lore_label.setBuddy(self.lorebook)
        budget_label = QLabel(self.tr("Tokens in the prompt"))
        for heading in (memory_label, note_label, lore_label, budget_label):
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
        lore_buttons = QHBoxLayout()
        lore_buttons.addWidget(self.add_entry_button)
        lore_buttons.addWidget(self.remove_entry_button)
        lore_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(memory_label)
        layout.addWidget(self.memory)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.note_depth)
        layout.addWidget(lore_label)
        layout.addWidget(self.lorebook, 1)
        layout.addLayout(lore_buttons)
        # the budget goes below the scroll area (:func:`side_panel`): a word-wrapped label
        # inside one makes it size the panel by its size hint, and it always scrolls
        self.budget_panel = QWidget()
        self.budget_panel.setAccessibleName(self.tr("Tokens in the prompt"))
        budget_layout = QVBoxLayout(self.budget_panel)
        margins = budget_layout.contentsMargins()
        budget_layout.setContentsMargins(margins.left(), 0, margins.right(), margins.bottom())
        budget_layout.addWidget(budget_label)
        budget_layout.addLayout(budget_form)
        budget_layout.addWidget(self.budget_note)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.focus_lost.emit()
        return super().eventFilter(watched, event)

    # -- values ---------------------------------------------------------------------------
    def add_entry(self, keys: str = "", text: str = "", enabled: bool = True) -> int:
        """Append a lorebook row; returns its index."""
        table = self.lorebook
        row = table.rowCount()
        table.blockSignals(True)
        table.insertRow(row)
        table.setItem(row, self.KEYS, QTableWidgetItem(keys))
        table.setItem(row, self.TEXT, QTableWidgetItem(text))
        check = QTableWidgetItem()
        check.setFlags(
            Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        )
        check.setCheckState(Qt.CheckState.Checked if enabled else Qt.CheckState.Unchecked)
        check.setToolTip(self.tr("Use this entry"))
        table.setItem(row, self.ENABLED, check)
        table.blockSignals(False)
        self.changed.emit()
        return row

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.lorebook.selectedIndexes()}, reverse=True)
        if not rows and self.lorebook.currentRow() >= 0:
            rows = [self.lorebook.currentRow()]
        for row in rows:
            self.lorebook.removeRow(row)
        if rows:
            self.changed.emit()

    def rows(self) -> list[dict[str, object]]:
        """The lorebook as stored (:attr:`StoryDocument.lorebook`)."""
        out: list[dict[str, object]] = []
        table = self.lorebook
        for row in range(table.rowCount()):
            keys, text, check = (table.item(row, c) for c in (self.KEYS, self.TEXT, self.ENABLED))
            out.append(
                {
                    "keys": keys.text() if keys else "",
                    "text": text.text() if text else "",
                    "enabled": check is None or check.checkState() == Qt.CheckState.Checked,
                }
            )
        return out

    def lore(self) -> tuple[LoreEntry, ...]:
        return lore_from_rows(self.rows())

    def settings(self) -> StorySettings:
        return StorySettings(
            memory=self.memory.toPlainText(),
            authors_note=self.note.toPlainText(),
            note_depth=self.note_depth.value(),
            lorebook=self.lore(),
        )

    def show_document(self, doc: StoryDocument | None) -> None:
        """Fill the fields from ``doc`` (empty for None) without emitting ``changed``."""
        widgets = (self.memory, self.note, self.note_depth, self.lorebook)
        for widget in widgets:
            widget.blockSignals(True)
        self.memory.setPlainText(doc.memory if doc else "")
        self.note.setPlainText(doc.authors_note if doc else "")
        self.note_depth.setValue(doc.note_depth if doc else 3)
        self.lorebook.setRowCount(0)
        for widget in widgets:
            widget.blockSignals(False)
        self.blockSignals(True)
        for row in doc.lorebook if doc else []:
            self.add_entry(str(row.get("keys", "")), str(row.get("text", "")), bool(row.get("enabled", True)))
        self.blockSignals(False)

    def show_budget(self, prompt: StoryPrompt | None, n_ctx: int, why_none: str = "") -> None:
        """Show the tokens each part takes (None: "—", with ``why_none`` as the note)."""
        if prompt is None or not prompt.budget:
            for label in self.budget.values():
                label.setText("—")
            self.budget_note.setText(why_none)
            return
        budget = prompt.budget
        values = {
            "memory": budget.get("memory", 0),
            "lore": budget.get("lore", 0),
            "note": budget.get("note", 0),
            "story": budget.get("story_head", 0) + budget.get("story_tail", 0),
        }
        for key, value in values.items():
            self.budget[key].setText(self.tr("{n:,}").format(n=value))
        total = sum(values.values())
        self.budget["total"].setText(
            self.tr("{n:,} / {n_ctx:,}").format(n=total, n_ctx=n_ctx) if n_ctx else f"{total:,}"
        )
        notes = []
        if prompt.fired:
            notes.append(self.tr("Lorebook entries in use: {rows}.").format(
                rows=", ".join(str(i + 1) for i in prompt.fired)
            ))  # fmt: skip
        if prompt.left_out_chars:
            notes.append(
                self.tr("The oldest {n:,} characters of the story do not fit and are left out.").format(
                    n=prompt.left_out_chars
                )
            )
        self.budget_note.setText(" ".join(notes))


# -- versions ------------------------------------------------------------------------------
class VersionsDialog(QDialog):
    """The story's versions (date, reason, size) with a preview and Restore.

    Signals:
        restore_requested(int): Restore on this version id.
    """

    restore_requested = Signal(int)

    def __init__(self, documents: DocumentStore, conversation_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.documents = documents
        self.conversation_id = conversation_id
        self.setWindowTitle(self.tr("Versions"))
        self.setAccessibleName(self.tr("Versions of the story"))
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(self.tr("Versions"))
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Why"), self.tr("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTabKeyNavigation(False)
        self.table.itemSelectionChanged.connect(self._preview)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("Preview of the version"))
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.setAccessibleName(self.tr("Restore this version"))
        self.restore_button.setToolTip(
            self.tr("The story becomes this version; the current text is kept as a version first.")
        )
        self.restore_button.clicked.connect(self._restore)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 2)
        em, line = self.fontMetrics().averageCharWidth(), self.fontMetrics().lineSpacing()
        splitter.setSizes([em * 52, em * 68])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(em * 124, line * 28)
        self.reasons = {
            "edit": self.tr("Editing"),
            "generation": self.tr("Generation"),
            "restore": self.tr("Before a restore"),
            "import": self.tr("Imported"),
        }
        self.refresh()

    def refresh(self) -> None:
        versions = self.documents.versions(self.conversation_id)
        self.table.setRowCount(len(versions))
        for row, version in enumerate(versions):
            when = QTableWidgetItem(format_time(version.created_at))
            when.setData(Qt.ItemDataRole.UserRole, version.id)
            self.table.setItem(row, 0, when)
            self.table.setItem(row, 1, QTableWidgetItem(self.reasons.get(version.reason, version.reason)))
            self.table.setItem(row, 2, QTableWidgetItem(self.tr("{n:,} characters").format(n=version.chars)))
        self.table.resizeColumnsToContents()
        if versions:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(versions))

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _preview(self) -> None:
        version = self.selected_id()
        self.preview.setPlainText(self.documents.version_text(version) if version is not None else "")

    def _restore(self) -> None:
        version = self.selected_id()
        if version is not None:
            self.restore_requested.emit(version)
            self.refresh()


def side_panel(panel: AidsPanel) -> QWidget:
    """The aids in a scroll area that never scrolls sideways, the token budget below."""
    area = QScrollArea()
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setAccessibleName(panel.accessibleName())
    box = QFrame()
    box.setFrameShape(QFrame.Shape.StyledPanel)
    box.setAccessibleName(panel.accessibleName())
    box.setMinimumWidth(panel.fontMetrics().averageCharWidth() * 34)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(area, 1)
    layout.addWidget(panel.budget_panel)
    return box


def ai_colour(palette: QPalette) -> QColor:
    """The colour of AI-written text: the palette's Link colour."""
    return palette.color(QPalette.ColorRole.Link)


def tint_colour(palette: QPalette) -> QColor:
    """The colour probabilities and surprise are shown in (blended into Base)."""
    return palette.color(QPalette.ColorRole.LinkVisited)
