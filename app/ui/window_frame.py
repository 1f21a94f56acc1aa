"""The window's frame, and the two-stage start that shows it first.

What the first paint shows (title, navigation with every pane's name and shortcut, empty
pages, the status bar's message and "Starting…", the saved size and position) needs only
Qt's widgets and the pane declarations. Everything else (the runtime, the history, the
engine hub, the inspector, the Chat pane) is built by :class:`~app.ui.main_window.MainWindow`
after that paint. So this module imports nothing heavy, and nothing at module level touches
``PySide6.QtCore.Qt``: the first use of that namespace builds all of its enums (about
40 ms), which would delay the first paint for nothing (measured with ``python -X importtime``
and ``tests/benchmarks/bench_startup.py``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QMainWindow, QStackedWidget, QWidget

from app import APP_NAME
from app.ui.panes.registry import pane_entries

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Self  # Python 3.11+; annotations only (requires-python is 3.10)

    from PySide6.QtGui import QShowEvent

    from app.runtime import Runtime
    from app.storage.settings import Settings

log = logging.getLogger(__name__)


def saved_settings() -> Settings | None:
    """The settings file as the frame needs it (its window size and layout); None if it
    cannot be read (the runtime reads it again and reports what is wrong)."""
    from app.storage.paths import Paths
    from app.storage.settings import load_settings

    try:
        settings, _warning = load_settings(Paths.from_env().settings_file)
    except Exception:  # the frame then opens at its default size
        return None
    return settings


class WindowFrame(QMainWindow):
    """The frame of Penwright's window; :class:`~app.ui.main_window.MainWindow` fills it.

    Subclasses implement :meth:`_build_content` (everything past the frame), :meth:`start`
    and :meth:`_show_row` (a navigation row was chosen; called only once the content is built).

    Signals:
        ready(): everything is built (emitted by :meth:`open`'s second stage).
        start_failed(str): :meth:`open`'s second stage failed; the message was shown.
    """

    ready = Signal()
    start_failed = Signal(str)

    #: Longest wait for the frame's first paint before the second stage runs anyway (ms): a
    #: window started minimized or on another workspace may not be painted for a while.
    FIRST_PAINT_WAIT_MS = 500
    #: what :meth:`open`'s second stage calls to start the runtime (None once called)
    _start_runtime: Callable[[], Runtime] | None = None

    def __init__(self, settings: Settings | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._content_built = False
        self._shut_down = False
        self._wanted_row = 0  # the page to show once the content is built
        self._saved_state: QByteArray | None = None  # the dock layout, applied once docks exist
        self._build_frame()
        self._layout_restored = self._restore_geometry(settings)

    @classmethod
    def open(cls, start_runtime: Callable[[], Runtime]) -> Self:
        """Show the frame now; build the rest after its first paint.

        ``start_runtime`` (``Runtime.start``) is called then. If it, or building the
        content, raises, the message is shown in a dialog and :attr:`start_failed` is
        emitted; otherwise :attr:`ready` is emitted and :meth:`start` is called.
        """
        window = cls(None)
        window._start_runtime = start_runtime
        window.show()
        QTimer.singleShot(cls.FIRST_PAINT_WAIT_MS, window._second_stage)
        return window

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if self._start_runtime is not None and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._second_stage)  # once this paint has reached the screen
        return handled

    def _second_stage(self) -> None:
        start_runtime, self._start_runtime = self._start_runtime, None
        if start_runtime is None or self._shut_down:
            return
        try:
            self._build_content(start_runtime())
        except Exception as exc:  # any start failure is shown, then the app quits
            log.exception("start-up failed")
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(self, APP_NAME, str(exc))
            self.start_failed.emit(str(exc))
            return
        self.ready.emit()
        self.start()

    # -- to implement ---------------------------------------------------------------------
    def _build_content(self, runtime: Runtime) -> None:
        raise NotImplementedError

    def start(self) -> None:
        raise NotImplementedError

    def _show_row(self, row: int) -> None:
        raise NotImplementedError

    # -- the frame ------------------------------------------------------------------------
    def _build_frame(self) -> None:
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(APP_NAME)
        self._entries = pane_entries()
        self.stack = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Sections"))
        for index, entry in enumerate(self._entries):
            label = entry.label()
            self.nav.addItem(label)
            item = self.nav.item(index)
            if entry.icon:
                item.setIcon(QIcon.fromTheme(entry.icon))
            shortcut_text = f"Ctrl+{index + 1}" if index < 9 else ""
            tip = entry.translated_description() or label
            item.setToolTip(
                self.tr("{label} ({shortcut})").format(label=tip, shortcut=shortcut_text)
                if shortcut_text
                else tip
            )
            placeholder = QWidget()
            placeholder.setAccessibleName(label)
            self.stack.addWidget(placeholder)
        self.nav.currentRowChanged.connect(self._row_chosen)
        self.nav.setCurrentRow(0)  # the first page is highlighted from the first paint on
        self.nav.setSpacing(max(2, self.fontMetrics().height() // 3))
        width = max(self.nav.sizeHintForColumn(0), self.fontMetrics().averageCharWidth() * 10)
        self.nav.setFixedWidth(width + self.fontMetrics().averageCharWidth() * 4)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.message_label = QLabel()
        self.message_label.setAccessibleName(self.tr("Last message"))
        self.message_label.setWordWrap(False)
        self.message_label.setMinimumWidth(self.fontMetrics().averageCharWidth() * 10)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.message_label.clear)
        self.statusBar().addWidget(self.message_label, 1)
        self._starting_label = QLabel(self.tr("Starting…"))
        self._starting_label.setAccessibleName(self.tr("Engine state"))
        self.statusBar().addPermanentWidget(self._starting_label)

    def _add_shortcuts(self) -> None:
        """Ctrl+1…9 for the panes, the platform's Quit. Added with the content: the first
        shortcut set builds the Qt namespace's enums (see the module doc); the window takes
        no keys while the content is being built anyway."""
        from PySide6.QtGui import QAction, QKeySequence, QShortcut

        for index in range(min(9, len(self._entries))):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.activated.connect(lambda i=index: self.show_pane(i))
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)

    def _frame_done(self) -> None:
        """The content is built: drop "Starting…", add the shortcuts, show the chosen page
        (subclasses call it)."""
        self._add_shortcuts()
        self.statusBar().removeWidget(self._starting_label)
        self._starting_label.deleteLater()
        self._content_built = True
        if self.nav.currentRow() != self._wanted_row:
            self.nav.setCurrentRow(self._wanted_row)  # shown through _row_chosen
        else:  # chosen while starting
            self._show_row(self._wanted_row)

    def _row_chosen(self, row: int) -> None:
        if not 0 <= row < len(self._entries):
            return
        if not self._content_built:  # still starting: that page is shown once it is built
            self._wanted_row = row
            return
        self._show_row(row)

    def show_pane(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def show_message(self, text: str, seconds: float | None = None) -> None:
        """Show ``text`` in the status bar; informational ones go away after ``seconds``."""
        self.message_label.setText(text)
        self.message_label.setToolTip(text)
        self._message_timer.stop()
        if seconds:
            self._message_timer.start(int(seconds * 1000))

    # -- layout ---------------------------------------------------------------------------
    def _restore_geometry(self, settings: Settings | None) -> bool:
        """The size and position of the last session, else a size that follows the font
        (HiDPI) and fits the screen; its dock layout is kept for :meth:`_restore_docks`.
        Returns whether a saved size was applied."""
        geometry = settings.window_geometry if settings is not None else None
        state = settings.window_state if settings is not None else None
        saved = QByteArray.fromHex(geometry.encode("ascii", "ignore")) if isinstance(geometry, str) else None
        if saved and self.restoreGeometry(saved):
            if isinstance(state, str) and state:
                self._saved_state = QByteArray.fromHex(state.encode("ascii", "ignore"))
            return True
        em, line = self.fontMetrics().averageCharWidth(), self.fontMetrics().lineSpacing()
        width, height = em * 230, line * 50  # sizes follow the font (HiDPI)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width = min(width, round(screen.width() * 0.92))
            height = min(height, round(screen.height() * 0.92))
        self.resize(width, height)
        return False

    def _restore_docks(self) -> None:
        """Apply the saved dock layout (once the docks exist); again when first shown, if the
        window was not yet shown: before that, a window that fits the screen may not yet have
        room for a dock's saved width."""
        saved = self._saved_state
        if saved is None:
            return
        self.restoreState(saved)
        if self.isVisible():  # shown already (the two-stage start): once more when laid out
            self._saved_state = None
            QTimer.singleShot(0, self, lambda: self.restoreState(saved))

    def _layout_values(self) -> dict[str, str]:
        """The window's size, position and dock layout, as the settings store them."""
        return {
            "window_geometry": bytes(self.saveGeometry().toHex().data()).decode("ascii"),
            "window_state": bytes(self.saveState().toHex().data()).decode("ascii"),
        }

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._content_built:
            self._restore_docks()
