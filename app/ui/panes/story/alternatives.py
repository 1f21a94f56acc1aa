""" "Give me 3": the continuations written one after another, shown side by side."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.spans import TokenChoice

#: How many continuations "Give me 3" writes.
ALTERNATIVES = 3
#: Alternatives are sampled at this temperature at least: at 0 all three would be the same.
ALTERNATIVES_MIN_TEMPERATURE = 0.7


@dataclass
class AlternativesRun:
    """A "Give me 3" run: where the chosen one goes (``cursor``), the prompt, the first
    seed (alternative ``i`` uses ``seed + i``), and what each alternative wrote: its text
    and its tokens' log-probabilities. ``index``: the one being written."""

    cursor: QTextCursor
    prompt: str
    seed: int
    texts: list[str] = field(default_factory=list)
    entries: list[list[TokenChoice]] = field(default_factory=list)
    index: int = 0
    cancelled: bool = False
    running: bool = True


class AlternativesPanel(QFrame):
    """Several continuations side by side, each with "Use this", and "None".

    Signals:
        chosen(int): "Use this" of alternative ``i``.
        dismissed(): "None".
    """

    chosen = Signal(int)
    dismissed = Signal()

    def __init__(self, count: int = ALTERNATIVES, parent: QWidget | None = None) -> None:
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
        """Empty every box; no "Use this" until its alternative is written."""
        for box, button in zip(self.boxes, self.use_buttons, strict=True):
            box.clear()
            button.setEnabled(False)

    def append(self, index: int, text: str) -> None:
        """Add streamed ``text`` to alternative ``index``."""
        box = self.boxes[index]
        cursor = box.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(text)

    def finish(self, index: int, usable: bool) -> None:
        """Alternative ``index`` is written; "Use this" only if ``usable``."""
        self.use_buttons[index].setEnabled(usable)

    def texts(self) -> list[str]:
        return [box.toPlainText() for box in self.boxes]
