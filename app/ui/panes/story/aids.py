"""The story's aids: memory, author's note (with its depth) and lorebook, and the tokens
each part of the prompt takes (counted by :class:`~app.ui.panes.story.prompt.BudgetCounter`).

Where they go in the prompt: :func:`app.core.story.build_story_prompt`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.story import LoreEntry, StoryPrompt, StorySettings, lore_from_rows
from app.storage.documents import StoryDocument


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
