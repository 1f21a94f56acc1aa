"""The notice at the top of the window after a crash (C32): which replies were being written
when Penwright last stopped (a crash, a kill, a power cut), and a button that opens them.

:class:`~app.storage.history.HistoryStore` finds those replies when it opens (still
``partial`` with no finish reason), marks them ``interrupted`` and lists them in
``interrupted``; this bar names each one by its conversation's title and pane.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QStyle,
    QWidget,
)

from app.storage.history import InterruptedReply

#: English names of the panes, translated in the "Panes" context (as the navigation does).
_PANE_NAMES = {"chat": "Chat", "story": "Story", "poetry": "Poetry", "qa": "Q&A"}


def pane_name(pane: str) -> str:
    """The pane's translated name ('chat' -> "Chat"); an unknown id as it is."""
    name = _PANE_NAMES.get(pane)
    return QCoreApplication.translate("Panes", name) if name else pane


class CrashNotice(QFrame):
    """A bar naming the interrupted replies, with Open and Dismiss.

    Args:
        interrupted: the replies, oldest first (``HistoryStore.interrupted``); not empty.

    Signals:
        open_requested(int, str, int): open conversation id in the pane with that id,
            at the interrupted message id.
    """

    open_requested = Signal(int, str, int)

    def __init__(self, interrupted: Sequence[InterruptedReply], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.replies = list(interrupted)
        self.setObjectName("crash-notice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)  # the theme's colours (C28)
        self.setAccessibleName(self.tr("Interrupted replies"))
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size))
        icon.setAccessibleName(self.tr("Warning"))
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName(self.tr("What was interrupted"))
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.clicked.connect(self._open_first)
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setAccessibleName(self.tr("Dismiss the notice about interrupted replies"))
        self.dismiss_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.addWidget(icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.dismiss_button)
        self._update()

    @classmethod
    def install(cls, window: QMainWindow, interrupted: Sequence[InterruptedReply]) -> CrashNotice | None:
        """Put a notice at the top of ``window`` (in its menu-bar area when that is free,
        else in its status bar); None when nothing was interrupted."""
        if not interrupted:
            return None
        notice = cls(interrupted, window)
        if window.menuWidget() is None:
            window.setMenuWidget(notice)
        else:
            window.statusBar().insertWidget(0, notice, 1)
        return notice

    def _describe(self, reply: InterruptedReply) -> str:
        return self.tr("“{title}” ({pane})").format(title=reply.title, pane=pane_name(reply.pane))

    def _update(self) -> None:
        if not self.replies:
            self.hide()
            return
        if len(self.replies) == 1:
            self.label.setText(
                self.tr(
                    "Penwright stopped while it was writing a reply in {conversation}. The text "
                    "written until then is kept, marked as interrupted."
                ).format(conversation=self._describe(self.replies[0]))
            )
            self.open_button.setAccessibleName(
                self.tr("Open {conversation}").format(conversation=self._describe(self.replies[0]))
            )
            self.open_button.setMenu(None)  # type: ignore[arg-type]
            return
        self.label.setText(
            self.tr(
                "Penwright stopped while it was writing {n} replies: {conversations}. The text "
                "written until then is kept, marked as interrupted."
            ).format(n=len(self.replies), conversations=", ".join(self._describe(r) for r in self.replies))
        )
        self.open_button.setAccessibleName(self.tr("Open one of the interrupted replies"))
        menu = QMenu(self.open_button)
        for reply in self.replies:
            action = menu.addAction(self._describe(reply))
            action.triggered.connect(lambda _checked=False, r=reply: self.open_reply(r))
        self.open_button.setMenu(menu)

    def _open_first(self) -> None:
        if len(self.replies) == 1:
            self.open_reply(self.replies[0])

    def open_reply(self, reply: InterruptedReply) -> None:
        """Ask the window to open ``reply``; it leaves the notice (which hides when empty)."""
        self.replies = [r for r in self.replies if r != reply]
        self._update()
        self.open_requested.emit(reply.conversation_id, reply.pane, reply.message_id)
