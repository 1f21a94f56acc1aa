"""The History pane's message bar, with Undo after a delete (:class:`InfoBar`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

#: How long the Undo bar stays after a delete (seconds).
UNDO_SECONDS = 10


class InfoBar(QFrame):
    """A line of text above the buttons; after a delete, with an Undo button for
    :data:`UNDO_SECONDS`. It keeps the ids on offer: deletes while Undo is shown add up
    (:meth:`offer_undo`), any other message withdraws the offer, and so does the time
    running out (which also hides the bar). Dismiss hides the bar but keeps the offer
    (Ctrl+Z still undoes) until something else is shown.

    Signals:
        undo_clicked(): the Undo button was pressed.
        shown(str): a message was shown (the pane repeats it in the status bar).
        hidden_with_focus(): the bar was dismissed while it had the keyboard.
    """

    undo_clicked = Signal()
    shown = Signal(str)
    hidden_with_focus = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._offered: list[int] = []  # soft-deleted ids the Undo button restores
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(self.tr("History message"))
        self.undo_button = QPushButton(self.tr("&Undo"))
        self.undo_button.setAccessibleName(self.tr("Undo the delete"))
        self.undo_button.setToolTip(self.tr("Bring the deleted conversations back (Ctrl+Z)"))
        self.undo_button.clicked.connect(lambda _checked=False: self.undo_clicked.emit())
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setAccessibleName(self.tr("Hide this message"))
        self.dismiss_button.clicked.connect(self.dismiss)
        bar = QHBoxLayout(self)
        bar.addWidget(self.label, 1)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.dismiss_button)
        self.hide()
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.setInterval(UNDO_SECONDS * 1000)
        self.undo_timer.timeout.connect(self._undo_expired)

    def show_message(self, text: str, undo: bool = False) -> None:
        """Show ``text``; with ``undo``, the Undo button for :data:`UNDO_SECONDS`."""
        self.label.setText(text)
        self.undo_button.setVisible(undo)
        self.show()
        if undo:
            self.undo_timer.start()
        else:
            self.undo_timer.stop()
            self._offered = []
        self.shown.emit(text)

    def offer_undo(self, ids: list[int]) -> list[int]:
        """Put ``ids`` on offer, added to those still offered while Undo is shown;
        returns all the ids on offer (call :meth:`show_message` with ``undo`` next)."""
        if not self.undo_timer.isActive():
            self._offered = []
        self._offered += ids
        return list(self._offered)

    def take_undo(self) -> list[int]:
        """The ids on offer (then none) and the Undo time stopped."""
        ids, self._offered = self._offered, []
        self.undo_timer.stop()
        return ids

    def dismiss(self) -> None:
        """Hide the bar (the keyboard goes back to the list if it was here)."""
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.isAncestorOf(focus)
        self.hide()
        self.undo_timer.stop()
        if had_focus:
            self.hidden_with_focus.emit()

    def _undo_expired(self) -> None:
        self._offered = []
        self.dismiss()
