"""The History pane: every stored conversation of every pane, in folders, searchable.

The list (:attr:`HistoryPane.tree`) shows folders first (each holding its conversations),
then the conversations at the top level; pinned ones first, then newest first. Typing in
the search box replaces the list with message hits (:meth:`HistoryStore.search`), each
with its snippet, the matches highlighted. Deleting is a soft delete with an Undo bar;
the storage empties the trash after 30 days (:meth:`HistoryStore.purge_deleted`, called
once when the pane is made).

Every store call runs on the GUI thread: the :class:`HistoryStore` holds one SQLite
connection and is not thread-safe. Imports, exports and "Back up now" run on a worker
thread with a connection of their own (:mod:`app.storage.transfer`; a ChatGPT export of
hundreds of MB takes minutes), one at a time: a row above the buttons shows the progress
("Imported 300 of 2,000 conversations") with Cancel, the window stays usable, and an
import shows its conversations all at once at the end, or none.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QEventLoop,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    QStandardPaths,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QIcon,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.panes import conversation_panes
from app.core.panes import pane_label as core_pane_label
from app.storage import exchange, transfer
from app.storage.history import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    ConversationSummary,
    Folder,
    HistoryStore,
    SearchHit,
)
from app.ui.tasks import ProgressRelay, run_in_thread
from app.ui.widgets import format_time

#: How long the Undo bar stays after a delete (seconds).
UNDO_SECONDS = 10
#: Pause after the last keystroke before searching (ms): one query per pause, not per key.
SEARCH_DELAY_MS = 250
#: Most hits shown for one search.
SEARCH_LIMIT = 200

# Item data roles (column 0).
KIND_ROLE = Qt.ItemDataRole.UserRole  # "conversation" or "folder"
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the conversation's or folder's id
PANE_ROLE = Qt.ItemDataRole.UserRole + 2  # the conversation's pane
PINNED_ROLE = Qt.ItemDataRole.UserRole + 3  # bool
HIT_ROLE = Qt.ItemDataRole.UserRole + 4  # the SearchHit of a result row

CONVERSATION = "conversation"
FOLDER = "folder"

# Columns of the list.
TITLE, PANE_COLUMN, MODEL, DATE, MESSAGES = range(5)

# Kinds of transfer (TransferResult.kind).
IMPORT = "import"
EXPORT = "export"
BACKUP = "backup"


@dataclass(frozen=True)
class TransferResult:
    """How an import, export or backup ended (``HistoryPane.transfer_finished``).

    ``value``: how many conversations were imported, or the path written (export, backup);
    None when it failed or was cancelled. ``error``: the exception that ended it (nothing
    was imported or written). ``cancelled``: the user cancelled (nothing was imported or
    written). ``skipped``: conversations of an imported file already in the history.
    """

    kind: str
    value: object = None
    error: Exception | None = None
    cancelled: bool = False
    skipped: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled


@dataclass
class _Running:
    """The transfer in progress."""

    kind: str
    subject: Path  # the file imported or exported, or the backup folder
    report: bool  # show the outcome (started from the buttons) or only signal it
    count: int  # conversations exported
    cancel: threading.Event
    relay: ProgressRelay


def pane_label(pane: str) -> str:
    """The translated label of a pane id (the registry's English label, translated)."""
    return QCoreApplication.translate("Panes", core_pane_label(pane))


def role_label(role: str) -> str:
    return {
        "user": QCoreApplication.translate("HistoryPane", "You"),
        "assistant": QCoreApplication.translate("HistoryPane", "Assistant"),
        "system": QCoreApplication.translate("HistoryPane", "System"),
    }.get(role, role)


def snippet_html(snippet: str, palette: QPalette, selected: bool = False) -> str:
    """A search snippet as rich text: the text escaped, each match (between
    :data:`HIGHLIGHT_START` and :data:`HIGHLIGHT_END`) bold on the palette's highlight
    colour; on a selected row (already drawn in that colour) bold and underlined."""
    text = html.escape(snippet.replace("\n", " ").replace("\r", " "), quote=False)
    if selected:
        start, end = "<b><u>", "</u></b>"
    else:
        background = palette.color(QPalette.ColorRole.Highlight).name()
        foreground = palette.color(QPalette.ColorRole.HighlightedText).name()
        start = f'<b style="background-color:{background}; color:{foreground}">'
        end = "</b>"
    opened = False
    parts: list[str] = []
    for char in text:
        if char == HIGHLIGHT_START and not opened:
            parts.append(start)
            opened = True
        elif char == HIGHLIGHT_END and opened:
            parts.append(end)
            opened = False
        elif char not in (HIGHLIGHT_START, HIGHLIGHT_END):
            parts.append(char)
    if opened:
        parts.append(end)
    return "".join(parts)


def hit_html(hit: SearchHit, palette: QPalette, selected: bool = False) -> str:
    """Two lines of rich text for a search hit: the title with pane, role and date, then
    the snippet with its matches highlighted (see :func:`snippet_html`)."""
    group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
    muted = palette.color(group).name()
    facts = " · ".join(
        part for part in (pane_label(hit.pane), role_label(hit.role), format_time(hit.created_at)) if part
    )
    title = html.escape(hit.title or QCoreApplication.translate("HistoryPane", "Untitled"), quote=False)
    return (
        f"<b>{title}</b>&nbsp;&nbsp;<span style='color:{muted}'>{html.escape(facts, quote=False)}</span>"
        f"<br>{snippet_html(hit.snippet, palette, selected)}"
    )


def plain_snippet(snippet: str) -> str:
    return snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


class _HitDelegate(QStyledItemDelegate):
    """Draws a search hit as rich text (:func:`hit_html`) in the palette's colours."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, width: int
    ) -> QTextDocument:
        hit = index.data(HIT_ROLE)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        document = QTextDocument()
        document.setDocumentMargin(option.fontMetrics.averageCharWidth() / 2)
        document.setDefaultFont(option.font)
        document.setHtml(hit_html(hit, option.palette, selected) if hit else "")
        document.setTextWidth(max(1, width))
        return document

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect
        document = self._document(opt, index, rect.width())
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        widget = option.widget
        width = 400
        if isinstance(widget, QListView):  # the row fills the view, less the spacing around it
            width = widget.viewport().width() - 2 * widget.spacing() - 1
        document = self._document(option, index, width)
        return QSize(width, int(document.size().height()) + 1)


class HistoryPane(QWidget):
    """Every stored conversation: folders, pins, rename, delete with Undo, search,
    export, import and backups.

    Args:
        store: the history (used on the GUI thread only).

    Signals:
        open_requested(int, str): open conversation id in the pane named by the string.
        open_at_message(int, str, int): open conversation id in that pane, scrolled to
            message id (a search hit was activated).
        deleted(int): the conversation with this id was (soft-)deleted.
        restored(int): the conversation with this id was brought back by Undo.
        changed(): titles, pins, folders or conversations changed (other lists may refresh).
        notice(str): a message for the status bar.
        transfer_finished(TransferResult): an import, export or backup ended (see
            :meth:`import_from`, :meth:`export_to`, :meth:`back_up_now`;
            :meth:`wait_for_transfer` waits for it).
    """

    open_requested = Signal(int, str)
    open_at_message = Signal(int, str, int)
    deleted = Signal(int)
    restored = Signal(int)
    changed = Signal()
    notice = Signal(str)
    transfer_finished = Signal(object)

    def __init__(self, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.store.purge_deleted()  # the trash keeps things 30 days (and an import cut by a crash goes)
        self._running: _Running | None = None  # the import, export or backup under way
        self.last_transfer: TransferResult | None = None
        self._watched: QWidget | None = None  # the window whose closing waits for a cancel
        self._close_pending = False
        #: Conversations per import transaction (:data:`app.storage.transfer.CHUNK_CONVERSATIONS`).
        self.import_chunk_size = transfer.CHUNK_CONVERSATIONS
        self._refreshing = False
        self._collapsed: set[int] = set()  # folder ids the user closed
        self._pending_undo: list[int] = []  # soft-deleted ids the Undo button restores
        em = self.fontMetrics().averageCharWidth()

        # -- search and filters ---------------------------------------------------------
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search all messages (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search all history"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_edited)
        self.search.returnPressed.connect(self._enter_results)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)

        self.pane_filter = QComboBox()
        self.pane_filter.setAccessibleName(self.tr("Only this pane"))
        self.pane_filter.addItem(self.tr("All panes"), "")
        for pane in conversation_panes():
            self.pane_filter.addItem(pane_label(pane), pane)
        self.model_filter = QComboBox()
        self.model_filter.setAccessibleName(self.tr("Only this model"))
        self.model_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.model_filter.setMinimumContentsLength(14)
        self.model_filter.addItem(self.tr("Any model"), "")
        self.folder_filter = QComboBox()
        self.folder_filter.setAccessibleName(self.tr("Only this folder"))
        self.folder_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.folder_filter.setMinimumContentsLength(10)
        self.folder_filter.addItem(self.tr("Any folder"), -1)
        self.date_filter = QCheckBox(self.tr("&Dates"))
        self.date_filter.setAccessibleName(self.tr("Only between two dates"))
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addMonths(-1))
        self.date_from.setAccessibleName(self.tr("From date"))
        self.date_to = QDateEdit(today)
        self.date_to.setAccessibleName(self.tr("To date (included)"))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")  # as the Date column (format_time)
            edit.setEnabled(False)
            edit.dateChanged.connect(self._filters_changed)
        self.date_filter.toggled.connect(self.date_from.setEnabled)
        self.date_filter.toggled.connect(self.date_to.setEnabled)
        self.date_filter.toggled.connect(self._filters_changed)
        for combo in (self.pane_filter, self.model_filter, self.folder_filter):
            combo.currentIndexChanged.connect(self._filters_changed)

        filters = QHBoxLayout()
        for text, field in (
            (self.tr("&Pane:"), self.pane_filter),
            (self.tr("&Model:"), self.model_filter),
            (self.tr("F&older:"), self.folder_filter),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            filters.addWidget(label)
            filters.addWidget(field)
            filters.addSpacing(em)
        filters.addWidget(self.date_filter)
        filters.addWidget(self.date_from)
        dash = QLabel(self.tr("to"))
        dash.setBuddy(self.date_to)
        filters.addWidget(dash)
        filters.addWidget(self.date_to)
        filters.addStretch(1)

        # -- the list ---------------------------------------------------------------------
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Stored conversations"))
        self.tree.setHeaderLabels(
            [
                self.tr("Title"),
                self.tr("Pane"),
                self.tr("Model"),
                self.tr("Date"),
                self.tr("Messages"),
            ]
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # F2 edits the title
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MODEL, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(MODEL, em * 26)
        self.tree.itemActivated.connect(self._item_activated)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.itemSelectionChanged.connect(self._update_actions)
        self.tree.currentItemChanged.connect(lambda *_: self._update_actions())
        self.tree.itemExpanded.connect(lambda item: self._folder_toggled(item, True))
        self.tree.itemCollapsed.connect(lambda item: self._folder_toggled(item, False))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)

        # -- search results -----------------------------------------------------------------
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setItemDelegate(_HitDelegate(self.results))
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setSpacing(max(1, self.fontMetrics().lineSpacing() // 6))
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows wrap
        self.results.itemActivated.connect(self._hit_activated)
        if not self.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick):
            self.results.itemClicked.connect(self._hit_activated)  # one click opens a hit
        self.results_label = QLabel()
        self.results_label.setAccessibleName(self.tr("Search summary"))
        results_page = QWidget()
        results_layout = QVBoxLayout(results_page)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.results_label)
        results_layout.addWidget(self.results, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tree)
        self.pages.addWidget(results_page)
        self.pages.currentChanged.connect(lambda _index: self._update_actions())
        self.results.currentItemChanged.connect(lambda *_: self._update_actions())

        # -- information / Undo bar -------------------------------------------------------
        self.info_bar = QFrame()
        self.info_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.info_bar.setAutoFillBackground(True)
        self.info_bar.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info_label.setAccessibleName(self.tr("History message"))
        self.undo_button = QPushButton(self.tr("&Undo"))
        self.undo_button.setAccessibleName(self.tr("Undo the delete"))
        self.undo_button.setToolTip(self.tr("Bring the deleted conversations back (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo_delete)
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setAccessibleName(self.tr("Hide this message"))
        self.dismiss_button.clicked.connect(self._hide_info)
        bar = QHBoxLayout(self.info_bar)
        bar.addWidget(self.info_label, 1)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.dismiss_button)
        self.info_bar.hide()
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_SECONDS * 1000)
        self._undo_timer.timeout.connect(self._undo_expired)
        # -- progress of an import, export or backup ------------------------------------
        self.transfer_bar = QFrame()
        self.transfer_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.transfer_bar.setAutoFillBackground(True)
        self.transfer_bar.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.transfer_label = QLabel()
        self.transfer_label.setAccessibleName(self.tr("Transfer status"))
        self.transfer_progress = QProgressBar()
        self.transfer_progress.setAccessibleName(self.tr("Progress"))
        self.transfer_progress.setTextVisible(False)  # the label says it in words
        self.transfer_cancel = QPushButton(self.tr("Cancel"))
        self.transfer_cancel.setAccessibleName(self.tr("Cancel the import"))
        self.transfer_cancel.setToolTip(self.tr("Stop; nothing is imported or written"))
        self.transfer_cancel.clicked.connect(self.cancel_transfer)
        progress_row = QHBoxLayout(self.transfer_bar)
        progress_row.addWidget(self.transfer_label, 1)
        progress_row.addWidget(self.transfer_progress, 1)
        progress_row.addWidget(self.transfer_cancel)
        self.transfer_bar.hide()
        self._refresh_later = QTimer(self)
        self._refresh_later.setSingleShot(True)
        self._refresh_later.setInterval(0)
        self._refresh_later.timeout.connect(self.refresh)

        # -- actions (shortcuts on the list, the context menu, the buttons) ----------------
        self.open_action = self._action(self.tr("&Open"), self.open_selected)
        self.rename_action = self._action(self.tr("&Rename"), self.rename_selected, QKeySequence("F2"))
        self.pin_action = self._action(self.tr("&Pin"), self.toggle_pin, QKeySequence("Ctrl+P"))
        self.move_action = self._action(
            self.tr("&Move to folder…"), self._move_menu_here, QKeySequence("Ctrl+M")
        )
        self.delete_action = self._action(
            self.tr("&Delete"),
            lambda: self.delete_selected(confirm=True),
            QKeySequence(QKeySequence.StandardKey.Delete),
        )
        self.new_folder_action = self._action(
            self.tr("&New folder…"), lambda: self.new_folder(), QKeySequence("Ctrl+Shift+N")
        )
        self.rename_folder_action = self._action(self.tr("Rename &folder"), self.rename_selected)
        self.delete_folder_action = self._action(
            self.tr("Delete f&older"), lambda: self._delete_current_folder(confirm=True)
        )
        self.export_action = self._action(self.tr("&Export…"), self.export_dialog)
        self.import_action = self._action(self.tr("&Import…"), self.import_dialog)
        self.backup_action = self._action(self.tr("&Back up now"), self._back_up_clicked)

        def button(action: QAction, accessible: str, tip: str) -> QPushButton:
            widget = QPushButton(action.text())
            widget.setAccessibleName(accessible)
            widget.setToolTip(tip)
            widget.clicked.connect(action.trigger)
            return widget

        self.open_button = button(
            self.open_action, self.tr("Open the selected conversation"), self.tr("Open (Enter)")
        )
        self.rename_button = button(
            self.rename_action, self.tr("Rename the selected conversation or folder"), self.tr("Rename (F2)")
        )
        self.pin_button = button(
            self.pin_action,
            self.tr("Pin or unpin the selected conversations"),
            self.tr("Pin to the top (Ctrl+P)"),
        )
        self.move_button = QPushButton(self.tr("&Move to"))
        self.move_button.setAccessibleName(self.tr("Move the selected conversations to a folder"))
        self.move_button.setToolTip(self.tr("Move to a folder (Ctrl+M)"))
        self.move_menu = QMenu(self.move_button)
        self.move_menu.aboutToShow.connect(lambda: self._fill_move_menu(self.move_menu))
        self.move_button.setMenu(self.move_menu)
        self.delete_button = button(
            self.delete_action,
            self.tr("Delete the selected conversations"),
            self.tr("Delete (Del); Undo brings them back"),
        )
        self.new_folder_button = button(
            self.new_folder_action, self.tr("Create a folder"), self.tr("New folder (Ctrl+Shift+N)")
        )
        self.export_button = button(
            self.export_action,
            self.tr("Export conversations to a file"),
            self.tr("Export the selected conversations or folder, or everything when nothing is selected"),
        )
        self.import_button = button(
            self.import_action,
            self.tr("Import conversations from a file"),
            self.tr("Import a Penwright JSON export or ChatGPT's conversations.json"),
        )
        self.backup_button = button(
            self.backup_action,
            self.tr("Back up the history now"),
            self.tr("Copy the whole history to the backups folder"),
        )
        buttons = QHBoxLayout()
        for widget in (
            self.open_button,
            self.rename_button,
            self.pin_button,
            self.move_button,
            self.delete_button,
            self.new_folder_button,
        ):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        for widget in (self.export_button, self.import_button, self.backup_button):
            buttons.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.info_bar)
        layout.addWidget(self.transfer_bar)
        layout.addLayout(buttons)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WindowShortcut)  # only while this pane is shown
        find.activated.connect(self.focus_search)
        for target in (self.search, self.results):
            escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), target)
            escape.setContext(Qt.ShortcutContext.WidgetShortcut)
            escape.activated.connect(self.clear_search)
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.search)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(self._enter_results)
        undo = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_delete)
        self.refresh()

    def _action(self, text: str, slot: object, keys: QKeySequence | None = None) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.tree.addAction(action)  # active while the list has the keyboard
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return action

    # -- the list -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild the list from the store (keeping selection, current item and open
        folders) and the filter choices; re-run the search if one is shown."""
        current = _key(self.tree.currentItem())
        selected = {_key(item) for item in self.tree.selectedItems()}
        self._refreshing = True
        try:
            conversations = self.store.list_conversations()
            folders = self.store.list_folders()
            self._fill_filters(conversations, folders)
            shown = [c for c in conversations if self._passes_filters(c)]
            filtered = self._filtering()
            wanted_folder = self._folder_choice()
            self.tree.clear()
            folder_items: dict[int, QTreeWidgetItem] = {}
            row = QSize(0, round(self.fontMetrics().lineSpacing() * 1.5))  # generous, scaled with the font
            has_members = {c.folder_id for c in shown}
            for folder in folders:
                if wanted_folder is not None and folder.id != wanted_folder:
                    continue
                if filtered and folder.id not in has_members:
                    continue
                item = QTreeWidgetItem(
                    [
                        folder.name,
                        self.tr("Folder"),
                        self.tr("%n conversation(s)", "", folder.conversation_count),
                    ]
                )
                item.setData(TITLE, KIND_ROLE, FOLDER)
                item.setData(TITLE, ID_ROLE, folder.id)
                item.setSizeHint(TITLE, row)
                item.setIcon(TITLE, self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                item.setData(
                    TITLE,
                    Qt.ItemDataRole.AccessibleTextRole,
                    self.tr("Folder {name}").format(name=folder.name),
                )
                self.tree.addTopLevelItem(item)
                item.setExpanded(folder.id not in self._collapsed)
                folder_items[folder.id] = item
            pin, blank = self._pin_icons()
            if not any(c.pinned for c in shown):
                blank = QIcon()  # no pin to line up with: no empty space before the titles
            for summary in shown:
                parent = folder_items.get(summary.folder_id) if summary.folder_id is not None else None
                if summary.folder_id is not None and parent is None and wanted_folder is not None:
                    continue
                item = self._conversation_item(summary, pin if summary.pinned else blank)
                item.setSizeHint(TITLE, row)
                if parent is not None:
                    parent.addChild(item)
                else:
                    self.tree.addTopLevelItem(item)
            # Branch arrows only when there are folders to open (else an empty indent).
            self.tree.setRootIsDecorated(bool(folder_items))
            self._fit_model_column()
            self._restore_selection(current, selected)
        finally:
            self._refreshing = False
        self._update_actions()
        if self.search.text().strip():
            self.run_search()

    def _fit_model_column(self) -> None:
        """Widen the Model column to its longest name (up to 48 characters' width), so
        "SmolLM2 135M Instruct (Q4_1)" is not cut while the Title column has room."""
        em = self.fontMetrics().averageCharWidth()
        header = self.tree.header()
        wanted = min(self.tree.sizeHintForColumn(MODEL) + em, em * 48)
        if wanted > header.sectionSize(MODEL):
            header.resizeSection(MODEL, wanted)

    def _conversation_item(self, summary: ConversationSummary, icon: QIcon) -> QTreeWidgetItem:
        model = summary.model
        if summary.provider and summary.provider not in model:
            model = f"{model} · {summary.provider}" if model else summary.provider
        title = summary.title or self.tr("Untitled")
        item = QTreeWidgetItem(
            [
                title,
                pane_label(summary.pane),
                model,
                format_time(summary.updated_at),
                str(summary.message_count),
            ]
        )
        item.setData(TITLE, KIND_ROLE, CONVERSATION)
        item.setData(TITLE, ID_ROLE, summary.id)
        item.setData(TITLE, PANE_ROLE, summary.pane)
        item.setData(TITLE, PINNED_ROLE, summary.pinned)
        item.setIcon(TITLE, icon)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setTextAlignment(MESSAGES, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if summary.pinned:
            item.setToolTip(TITLE, self.tr("Pinned"))
            item.setData(
                TITLE, Qt.ItemDataRole.AccessibleTextRole, self.tr("{title}, pinned").format(title=title)
            )
        if model:
            item.setToolTip(MODEL, model)
        return item

    def _pin_icons(self) -> tuple[QIcon, QIcon]:
        """A push-pin in the palette's accent colour, and a blank icon of the same size
        (so that titles line up), both as tall as a line of text."""
        size = self.fontMetrics().height()
        ratio = self.devicePixelRatioF()
        blank = QPixmap(int(size * ratio), int(size * ratio))
        blank.setDevicePixelRatio(ratio)
        blank.fill(Qt.GlobalColor.transparent)
        pin = QPixmap(blank)
        painter = QPainter(pin)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = self.palette().color(QPalette.ColorRole.Highlight)
        painter.translate(size / 2, size / 2)
        painter.rotate(35)
        painter.setPen(QPen(color, max(1.0, size / 9), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(0, 0), QPointF(0, size * 0.45))  # the needle
        painter.setBrush(color)
        painter.drawEllipse(QPointF(0, -size * 0.15), size * 0.24, size * 0.24)  # the head
        painter.end()
        return QIcon(pin), QIcon(blank)

    def _items(self) -> list[QTreeWidgetItem]:
        """Every item, top to bottom (a folder, then its conversations). A list, not a
        QTreeWidgetItemIterator kept alive in a generator: Qt does not update iterators
        when the tree is cleared."""
        items: list[QTreeWidgetItem] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            items.append(top)
            items += [child for j in range(top.childCount()) if (child := top.child(j)) is not None]
        return items

    def _find(self, key: tuple[str, int] | None) -> QTreeWidgetItem | None:
        if key is None:
            return None
        return next((item for item in self._items() if _key(item) == key), None)

    def _restore_selection(
        self, current: tuple[str, int] | None, selected: set[tuple[str, int] | None]
    ) -> None:
        for item in self._items():
            if _key(item) in selected:
                item.setSelected(True)
        found = self._find(current)
        if found is not None:
            self._set_current(found, select=False)

    def _set_current(self, item: QTreeWidgetItem, select: bool = True) -> None:
        """Make ``item`` the keyboard's item; ``select`` also makes it the only selected one."""
        index = self.tree.indexFromItem(item)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            if select
            else QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self.tree.selectionModel().setCurrentIndex(index, flags)
        self.tree.scrollToItem(item)

    def select_conversation(self, conversation_id: int) -> bool:
        """Select and show one conversation in the list; False if it is not listed."""
        item = self._find((CONVERSATION, conversation_id))
        if item is None:
            return False
        self._set_current(item)
        return True

    def selected_ids(self) -> list[int]:
        """The selected conversations' ids, in list order (folders are not included)."""
        chosen = {id(item) for item in self.tree.selectedItems()}
        return [
            int(item.data(TITLE, ID_ROLE))
            for item in self._items()
            if id(item) in chosen and item.data(TITLE, KIND_ROLE) == CONVERSATION
        ]

    def selected_id(self) -> int | None:
        """The conversation the keyboard is on if it is selected, else the first selected one."""
        item = self.tree.currentItem()
        if item is not None and item.isSelected() and item.data(TITLE, KIND_ROLE) == CONVERSATION:
            return int(item.data(TITLE, ID_ROLE))
        ids = self.selected_ids()
        return ids[0] if ids else None

    def selected_folder_ids(self) -> list[int]:
        return [
            int(item.data(TITLE, ID_ROLE))
            for item in self.tree.selectedItems()
            if item.data(TITLE, KIND_ROLE) == FOLDER
        ]

    def _current_folder_id(self) -> int | None:
        item = self.tree.currentItem()
        if item is not None and item.data(TITLE, KIND_ROLE) == FOLDER:
            return int(item.data(TITLE, ID_ROLE))
        folders = self.selected_folder_ids()
        return folders[0] if len(folders) == 1 else None

    def _update_actions(self) -> None:
        if self._refreshing:
            return
        searching = self.pages.currentIndex() == 1  # the list's actions wait; Open opens the hit
        ids = [] if searching else self.selected_ids()
        item = None if searching else self.tree.currentItem()
        on_conversation = (
            self.results.currentItem() is not None if searching else self.selected_id() is not None
        )
        on_folder = item is not None and item.data(TITLE, KIND_ROLE) == FOLDER
        all_pinned = bool(ids) and all(self._is_pinned(cid) for cid in ids)
        self.open_action.setEnabled(on_conversation)
        self.rename_action.setEnabled(item is not None)
        self.pin_action.setEnabled(bool(ids))
        self.pin_action.setText(self.tr("Un&pin") if all_pinned else self.tr("&Pin"))
        self.move_action.setEnabled(bool(ids))
        self.delete_action.setEnabled(bool(ids) or (not searching and bool(self.selected_folder_ids())))
        self.rename_folder_action.setEnabled(on_folder)
        self.delete_folder_action.setEnabled(self._current_folder_id() is not None)
        for action, widget in (
            (self.open_action, self.open_button),
            (self.rename_action, self.rename_button),
            (self.pin_action, self.pin_button),
            (self.move_action, self.move_button),
            (self.delete_action, self.delete_button),
        ):
            widget.setEnabled(action.isEnabled())
        self.pin_button.setText(self.pin_action.text())
        self.rename_button.setText(self.tr("&Rename folder") if on_folder else self.tr("&Rename"))
        self.delete_button.setText(self.tr("&Delete folder") if on_folder and not ids else self.tr("&Delete"))

    def _is_pinned(self, conversation_id: int) -> bool:
        item = self._find((CONVERSATION, conversation_id))
        return bool(item is not None and item.data(TITLE, PINNED_ROLE))

    def _folder_toggled(self, item: QTreeWidgetItem, expanded: bool) -> None:
        if self._refreshing or item.data(TITLE, KIND_ROLE) != FOLDER:
            return
        folder_id = int(item.data(TITLE, ID_ROLE))
        if expanded:
            self._collapsed.discard(folder_id)
        else:
            self._collapsed.add(folder_id)

    # -- open -----------------------------------------------------------------------------
    def _item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(TITLE, KIND_ROLE) == CONVERSATION:
            self.open_requested.emit(int(item.data(TITLE, ID_ROLE)), str(item.data(TITLE, PANE_ROLE)))

    def open_selected(self) -> None:
        """Open the current conversation (or, while searching, the current hit)."""
        if self.pages.currentIndex() == 1:
            hit = self.results.currentItem()
            if hit is not None:
                self._hit_activated(hit)
            return
        item = self.tree.currentItem()
        if item is None or item.data(TITLE, KIND_ROLE) != CONVERSATION:
            cid = self.selected_id()
            item = self._find((CONVERSATION, cid)) if cid is not None else None
        if item is not None:
            self._item_activated(item, TITLE)

    # -- rename, pin, folders -------------------------------------------------------------
    def rename_selected(self) -> None:
        """Edit the title of the conversation (or the name of the folder) in place."""
        item = self.tree.currentItem()
        if item is not None:
            self.tree.scrollToItem(item)
            self.tree.editItem(item, TITLE)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        """An in-place edit ended: store the new title or folder name."""
        if self._refreshing or column != TITLE:
            return
        kind, item_id = _key(item) or ("", 0)
        name = item.text(TITLE).strip()
        if kind == CONVERSATION:
            summary = self.store.get_conversation(item_id)
            if summary is not None and name and name != summary.title:
                self.store.rename_conversation(item_id, name)
                self.changed.emit()
        elif kind == FOLDER and name:
            self.store.rename_folder(item_id, name)
            self.changed.emit()
        self._refresh_later.start()  # not while the editor is still closing

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        title = title.strip()
        if title:
            self.store.rename_conversation(conversation_id, title)
            self.refresh()
            self.changed.emit()

    def toggle_pin(self) -> None:
        """Pin the selected conversations, or unpin them if all are pinned already."""
        ids = self.selected_ids()
        if ids:
            self.set_pinned(ids, not all(self._is_pinned(cid) for cid in ids))

    def set_pinned(self, ids: list[int], pinned: bool) -> None:
        for cid in ids:
            self.store.set_pinned(cid, pinned)
        self.refresh()
        self.changed.emit()

    def new_folder(self, name: str | None = None, move_selected: bool = False) -> int | None:
        """Create a folder (asking for its name when ``name`` is None); with
        ``move_selected`` the selected conversations go into it. Returns its id, or None
        if the user cancelled."""
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("New folder"), self.tr("Folder name:"))
            if not ok:
                return None
        name = name.strip()
        if not name:
            return None
        ids = self.selected_ids() if move_selected else []
        folder_id = self.store.create_folder(name)
        for cid in ids:
            self.store.move_conversation(cid, folder_id)
        self._collapsed.discard(folder_id)
        self.refresh()
        item = self._find((FOLDER, folder_id))
        if item is not None:
            self._set_current(item)
        self.changed.emit()
        return folder_id

    def rename_folder(self, folder_id: int, name: str) -> None:
        name = name.strip()
        if name:
            self.store.rename_folder(folder_id, name)
            self.refresh()
            self.changed.emit()

    def move_selected(self, folder_id: int | None) -> None:
        """Move the selected conversations into a folder (None: the top level)."""
        ids = self.selected_ids()
        for cid in ids:
            self.store.move_conversation(cid, folder_id)
        if folder_id is not None:
            self._collapsed.discard(folder_id)
        self.refresh()
        for cid in ids:
            item = self._find((CONVERSATION, cid))
            if item is not None:
                item.setSelected(True)
        self.changed.emit()

    def _fill_move_menu(self, menu: QMenu) -> None:
        menu.clear()
        top = menu.addAction(self.tr("Top level"))
        top.triggered.connect(lambda: self.move_selected(None))
        folders = self.store.list_folders()
        if folders:
            menu.addSeparator()
        for folder in folders:
            action = menu.addAction(folder.name)
            action.triggered.connect(lambda _checked=False, f=folder.id: self.move_selected(f))
        menu.addSeparator()
        new = menu.addAction(self.tr("New folder…"))
        new.triggered.connect(lambda: self.new_folder(move_selected=True))

    def _move_menu_here(self) -> None:
        """Ctrl+M: the Move menu at the current item."""
        if not self.selected_ids():
            return
        item = self.tree.currentItem()
        rect = self.tree.visualItemRect(item) if item is not None else self.tree.viewport().rect()
        menu = QMenu(self)
        self._fill_move_menu(menu)
        menu.exec(self.tree.viewport().mapToGlobal(rect.bottomLeft()))
        menu.deleteLater()

    def delete_folder(self, folder_id: int, confirm: bool = True) -> int:
        """Delete a folder; its conversations move to the top level. Returns how many
        moved (0 too when the user said No)."""
        folder = self.store.get_folder(folder_id)
        if folder is None:
            return 0
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Delete folder"),
                self.tr("Delete the folder “{name}”? Its conversations move to the top level.").format(
                    name=folder.name
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        moved = self.store.delete_folder(folder_id)
        self._collapsed.discard(folder_id)
        self.refresh()
        self.show_info(
            self.tr(
                "Deleted the folder “{name}”; %n conversation(s) moved to the top level.", "", moved
            ).format(name=folder.name)
        )
        self.changed.emit()
        return moved

    def _delete_current_folder(self, confirm: bool) -> None:
        folder_id = self._current_folder_id()
        if folder_id is not None:
            self.delete_folder(folder_id, confirm)

    # -- delete and Undo ------------------------------------------------------------------
    def delete_selected(self, confirm: bool = True) -> None:
        """Soft-delete every selected conversation (an Undo bar brings them back for
        :data:`UNDO_SECONDS`; nothing is asked). With only folders selected, delete those
        folders (asking first when ``confirm``); their conversations move to the top level."""
        ids = self.selected_ids()
        if not ids:
            for folder_id in self.selected_folder_ids():
                self.delete_folder(folder_id, confirm)
            return
        items = self._items()
        current = self.tree.currentItem()
        position = items.index(current) if current in items else 0
        for cid in ids:
            self.store.soft_delete_conversation(cid)
        if not self._undo_timer.isActive():
            self._pending_undo = []
        self._pending_undo += ids
        self.tree.clearSelection()
        self.refresh()
        remaining = self._items()
        if remaining:
            self._set_current(remaining[min(position, len(remaining) - 1)], select=False)
        for cid in ids:
            self.deleted.emit(cid)
        self.changed.emit()
        count = len(self._pending_undo)
        self.show_info(self.tr("Deleted %n conversation(s).", "", count), undo=True)

    def undo_delete(self) -> list[int]:
        """Restore the conversations deleted since the Undo bar appeared; returns their ids."""
        ids, self._pending_undo = self._pending_undo, []
        self._undo_timer.stop()
        if not ids:
            return []
        for cid in ids:
            self.store.restore_conversation(cid)
        self.refresh()
        self.tree.clearSelection()
        for cid in ids:
            item = self._find((CONVERSATION, cid))
            if item is not None:
                item.setSelected(True)
                self.tree.selectionModel().setCurrentIndex(
                    self.tree.indexFromItem(item), QItemSelectionModel.SelectionFlag.NoUpdate
                )
        for cid in ids:
            self.restored.emit(cid)
        self.changed.emit()
        self.show_info(self.tr("Restored %n conversation(s).", "", len(ids)))
        self.tree.setFocus()
        return ids

    def _undo_expired(self) -> None:
        self._pending_undo = []
        self._hide_info()

    # -- the information bar --------------------------------------------------------------
    def show_info(self, text: str, undo: bool = False) -> None:
        """Show ``text`` above the buttons (and in the status bar, through ``notice``);
        with ``undo``, an Undo button for :data:`UNDO_SECONDS`."""
        self.info_label.setText(text)
        self.undo_button.setVisible(undo)
        self.info_bar.show()
        if undo:
            self._undo_timer.start()
        else:
            self._undo_timer.stop()
            self._pending_undo = []
        self.notice.emit(text)

    def _hide_info(self) -> None:
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.info_bar.isAncestorOf(focus)
        self.info_bar.hide()
        self._undo_timer.stop()
        if had_focus:
            self.tree.setFocus()

    # -- search ---------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Ctrl+F: put the keyboard in the search box."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_search(self) -> None:
        """Esc: empty the search box and show the list again."""
        had_results_focus = self.results.hasFocus()
        self.search.clear()
        if had_results_focus:
            self.tree.setFocus()

    def _search_edited(self, text: str) -> None:
        if text.strip():
            self._search_timer.start()
        else:
            self._search_timer.stop()
            self.results.clear()
            self.pages.setCurrentIndex(0)

    def _filters_changed(self) -> None:
        if self._refreshing:
            return
        self.refresh()  # the list follows the filters too (and re-runs the search)

    def _enter_results(self) -> None:
        """Enter or Down in the search box: search now and move to the first hit."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            self.run_search()
        if self.results.count():
            self.results.setFocus()
            if self.results.currentRow() < 0:
                self.results.setCurrentRow(0)

    def run_search(self) -> list[SearchHit]:
        """Search now with the box's text and the filters; show and return the hits."""
        self._search_timer.stop()
        query = self.search.text()
        if not query.strip():
            self.pages.setCurrentIndex(0)
            return []
        since, until = self._date_range()
        folder = self._folder_choice()
        hits = self.store.search(
            query,
            pane=self.pane_filter.currentData() or None,
            model=self.model_filter.currentData() or None,
            since=since,
            until=until,
            folder_id=folder,
            limit=SEARCH_LIMIT,
        )
        previous = self.results.currentItem()
        previous_id = previous.data(HIT_ROLE).message_id if previous is not None else None
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.title} — {plain_snippet(hit.snippet)}")
            item.setData(HIT_ROLE, hit)
            item.setToolTip(
                self.tr("{pane}, {role}, {date}").format(
                    pane=pane_label(hit.pane), role=role_label(hit.role), date=format_time(hit.created_at)
                )
            )
            self.results.addItem(item)
            if hit.message_id == previous_id:
                self.results.setCurrentItem(item)
        if hits:
            more = len(hits) >= SEARCH_LIMIT
            text = (
                self.tr("The first %n messages found.", "", len(hits))
                if more
                else self.tr("%n message(s) found.", "", len(hits))
            )
        else:
            text = self.tr("No message matches. Words match anywhere in the text; try fewer or shorter ones.")
        self.results_label.setText(text)
        self.pages.setCurrentIndex(1)
        return hits

    def hits(self) -> list[SearchHit]:
        """The hits shown, top to bottom."""
        return [self.results.item(row).data(HIT_ROLE) for row in range(self.results.count())]

    def hit_html(self, row: int) -> str:
        """The rich text drawn for result ``row`` (not selected)."""
        return hit_html(self.results.item(row).data(HIT_ROLE), self.results.palette())

    def _hit_activated(self, item: QListWidgetItem) -> None:
        hit: SearchHit = item.data(HIT_ROLE)
        self.open_at_message.emit(hit.conversation_id, hit.pane, hit.message_id)

    # -- filters --------------------------------------------------------------------------
    def _fill_filters(self, conversations: list[ConversationSummary], folders: list[Folder]) -> None:
        models = sorted({c.model for c in conversations if c.model}, key=str.casefold)
        _refill(self.model_filter, [(self.tr("Any model"), "")] + [(m, m) for m in models])
        _refill(
            self.folder_filter,
            [(self.tr("Any folder"), -1)] + [(f.name, f.id) for f in folders],
        )

    def _folder_choice(self) -> int | None:
        value = self.folder_filter.currentData()
        return int(value) if value is not None and int(value) >= 0 else None

    def _date_range(self) -> tuple[float | None, float | None]:
        """The date filter as Unix seconds: from the start of the first day to the end of
        the last (local time), or (None, None) when it is off."""
        if not self.date_filter.isChecked():
            return None, None
        start = QDateTime(self.date_from.date(), QTime(0, 0)).toSecsSinceEpoch()
        end = QDateTime(self.date_to.date().addDays(1), QTime(0, 0)).toSecsSinceEpoch()
        return float(start), float(end)

    def _filtering(self) -> bool:
        return bool(
            self.pane_filter.currentData()
            or self.model_filter.currentData()
            or self._folder_choice() is not None
            or self.date_filter.isChecked()
        )

    def _passes_filters(self, summary: ConversationSummary) -> bool:
        pane = self.pane_filter.currentData()
        model = self.model_filter.currentData()
        folder = self._folder_choice()
        since, until = self._date_range()
        return (
            (not pane or summary.pane == pane)
            and (not model or summary.model == model)
            and (folder is None or summary.folder_id == folder)
            and (since is None or summary.updated_at >= since)
            and (until is None or summary.updated_at < until)
        )

    # -- export, import, backup -----------------------------------------------------------
    def _export_ids(self) -> list[int]:
        """What Export takes: the selected hits' conversations while searching, else the
        selected conversations and folders, else everything."""
        if self.pages.currentIndex() == 1 and self.results.selectedItems():
            ids = [item.data(HIT_ROLE).conversation_id for item in self.results.selectedItems()]
        else:
            ids = self.selected_ids()
            for folder_id in self.selected_folder_ids():
                ids += exchange.select_conversations(self.store, folder_id=folder_id)
        if not ids:
            return exchange.select_conversations(self.store)
        unique = list(dict.fromkeys(ids))
        summaries = [self.store.get_conversation(cid) for cid in unique]
        return [
            s.id for s in sorted((s for s in summaries if s is not None), key=lambda s: (s.created_at, s.id))
        ]

    def export_to(self, path: Path, ids: list[int] | None = None, *, report: bool = False) -> bool:
        """Start writing ``ids`` (default: the selection, or everything) to ``path`` in the
        format its suffix names (.md, .json, .html), on a worker thread. False if another
        transfer is running.

        ``transfer_finished`` then carries a :class:`TransferResult` whose value is the
        path written, or the error (ValueError: unknown suffix or conversation; OSError:
        the file cannot be written). With ``report`` the outcome is also shown.
        """
        chosen = self._export_ids() if ids is None else list(ids)
        target, db = Path(path), self.store.path

        def work(relay: ProgressRelay, cancel: threading.Event) -> object:
            return transfer.write_export(db, target, chosen, progress=relay.report, cancel=cancel)

        return self._start_transfer(EXPORT, work, target, report, count=len(chosen))

    def export_dialog(self) -> bool:
        """Ask for a file and start the export; False if none was chosen (or nothing to export)."""
        ids = self._export_ids()
        if not ids:
            self.show_info(self.tr("There is nothing to export yet."))
            return False
        filters = [self.tr("Markdown (*.md)"), self.tr("JSON (*.json)"), self.tr("HTML (*.html)")]
        suffixes = [".md", ".json", ".html"]
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = "penwright-history"
        if len(ids) == 1:
            summary = self.store.get_conversation(ids[0])
            if summary is not None:
                name = _file_name(summary.title) or name
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export conversations"), str(Path(folder) / f"{name}.md"), ";;".join(filters)
        )
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() not in (".md", ".markdown", ".json", ".html", ".htm"):
            target = target.with_name(
                target.name + suffixes[filters.index(chosen) if chosen in filters else 0]
            )
        return self.export_to(target, ids, report=True)

    def import_from(self, path: Path, *, report: bool = False) -> bool:
        """Start importing a Penwright JSON export or ChatGPT's conversations.json (all or
        nothing) on a worker thread (:func:`app.storage.transfer.import_file`): the list
        gains the conversations at the end, all at once. False if another transfer is
        running.

        ``transfer_finished`` then carries a :class:`TransferResult` whose value is how many
        conversations were added, or the error (:class:`exchange.ExchangeError`: the file is
        unreadable or malformed, the message says where and what), or ``cancelled``;
        either way nothing was imported. With ``report`` the outcome is also shown.
        """
        source, db, chunk = Path(path), self.store.path, self.import_chunk_size

        def work(relay: ProgressRelay, cancel: threading.Event) -> object:
            return transfer.import_file(db, source, progress=relay.report, cancel=cancel, chunk_size=chunk)

        return self._start_transfer(IMPORT, work, source, report)

    def import_dialog(self) -> bool:
        """Ask for a file and start the import; False if none was chosen."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        path, _chosen = QFileDialog.getOpenFileName(
            self,
            self.tr("Import conversations"),
            folder,
            ";;".join([self.tr("Conversation exports (*.json)"), self.tr("All files (*)")]),
        )
        if not path:
            return False
        return self.import_from(Path(path), report=True)

    def backup_folder(self) -> Path:
        """Where "Back up now" writes: ``backups`` next to the history file."""
        return self.store.path.parent / "backups"

    def back_up_now(self, *, report: bool = False) -> bool:
        """Start copying the whole history into :meth:`backup_folder` on a worker thread.
        False if another transfer is running.

        ``transfer_finished`` then carries a :class:`TransferResult` whose value is the
        copy's path, or the error (OSError, sqlite3.Error). With ``report`` the outcome is
        also shown.
        """
        db, folder = self.store.path, self.backup_folder()

        def work(_relay: ProgressRelay, _cancel: threading.Event) -> object:
            return transfer.backup_now(db, folder)

        return self._start_transfer(BACKUP, work, folder, report)

    def _back_up_clicked(self) -> None:
        self.back_up_now(report=True)

    # -- transfers on a worker thread -----------------------------------------------------
    def transfer_running(self) -> bool:
        """Whether an import, export or backup is running."""
        return self._running is not None

    def cancel_transfer(self) -> None:
        """Cancel the running import or export (a backup is short and runs to its end).
        The worker stops at its next chunk and deletes what it stored; ``transfer_finished``
        follows."""
        running = self._running
        if running is None or running.kind == BACKUP or running.cancel.is_set():
            return
        running.cancel.set()
        self.transfer_cancel.setEnabled(False)
        self.transfer_label.setText(self.tr("Cancelling…"))

    def wait_for_transfer(self, timeout_ms: int = 120_000) -> TransferResult | None:
        """Run the event loop until the running transfer ends (at most ``timeout_ms``);
        returns its result (the last one if none is running), None on time-out."""
        if self._running is not None:
            loop = QEventLoop()
            timer = QTimer()
            timer.setSingleShot(True)
            timer.timeout.connect(loop.quit)
            self.transfer_finished.connect(loop.quit)
            timer.start(timeout_ms)
            try:
                loop.exec()
            finally:
                timer.stop()
                self.transfer_finished.disconnect(loop.quit)
            if self._running is not None:
                return None
        return self.last_transfer

    def _start_transfer(
        self,
        kind: str,
        work: Callable[[ProgressRelay, threading.Event], object],
        subject: Path,
        report: bool,
        count: int = 0,
    ) -> bool:
        if self._running is not None:
            return False
        relay = ProgressRelay(self)
        relay.progressed.connect(self._transfer_progressed)
        cancel = threading.Event()
        self._running = _Running(kind, subject, report, count, cancel, relay)
        starting = {
            IMPORT: self.tr("Reading {name}…").format(name=subject.name),
            EXPORT: self.tr("Exporting to {name}…").format(name=subject.name),
            BACKUP: self.tr("Copying the history to {path}…").format(path=subject),
        }[kind]
        self.transfer_label.setText(starting)
        self.transfer_progress.setRange(0, 0)  # busy until the first report
        self.transfer_progress.setAccessibleName(
            {
                IMPORT: self.tr("Progress of the import"),
                EXPORT: self.tr("Progress of the export"),
                BACKUP: self.tr("Progress of the backup"),
            }[kind]
        )
        self.transfer_cancel.setVisible(kind != BACKUP)
        self.transfer_cancel.setEnabled(True)
        self.transfer_cancel.setAccessibleName(
            self.tr("Cancel the import") if kind == IMPORT else self.tr("Cancel the export")
        )
        self.transfer_bar.show()
        self._set_transfer_actions(False)
        window = self.window()
        if window is not self:  # closing the window cancels first (see eventFilter)
            window.installEventFilter(self)
            self._watched = window
        self.notice.emit(starting)
        run_in_thread(self, lambda: work(relay, cancel), self._transfer_done, f"penwright-{kind}")
        return True

    def _transfer_progressed(self, done: int, total: int) -> None:
        running = self._running
        if running is None or running.cancel.is_set():
            return
        locale = QLocale()
        text = (
            self.tr("Imported {done} of {total} conversations")
            if running.kind == IMPORT
            else self.tr("Exporting: read {done} of {total} conversations")
        )
        self.transfer_label.setText(text.format(done=locale.toString(done), total=locale.toString(total)))
        self.transfer_progress.setRange(0, max(1, total))
        self.transfer_progress.setValue(done)

    def _transfer_done(self, value: object) -> None:
        running, self._running = self._running, None
        if running is None:
            return
        running.relay.deleteLater()
        self.transfer_bar.hide()
        self._set_transfer_actions(True)
        window, self._watched = self._watched, None
        if window is not None:
            window.removeEventFilter(self)
        cancelled = isinstance(value, transfer.TransferCancelled)
        error = value if isinstance(value, Exception) and not cancelled else None
        failed = isinstance(value, Exception)
        skipped = 0
        if isinstance(value, transfer.ImportSummary):
            skipped = value.skipped
            value = len(value.ids)
        result = TransferResult(running.kind, None if failed else value, error, cancelled, skipped)
        self.last_transfer = result
        if running.kind == IMPORT and not failed:
            self.refresh()
            self.changed.emit()
        closing, self._close_pending = self._close_pending, False
        if running.report and not closing:
            self._report_transfer(running, result)
        self.transfer_finished.emit(result)
        if closing and window is not None:
            QTimer.singleShot(0, window.close)

    def _report_transfer(self, running: _Running, result: TransferResult) -> None:
        """Tell the user how a transfer they started ended, as before it ran in the background."""
        error = result.error
        if running.kind == IMPORT:
            if error is not None:
                self._error(
                    self.tr("Import failed"), self.tr("Nothing was imported. {error}").format(error=error)
                )
            elif result.cancelled:
                self.show_info(self.tr("Import cancelled. Nothing was imported."))
            else:
                count = result.value if isinstance(result.value, int) else 0
                text = self.tr("Imported %n conversation(s) from {name}.", "", count).format(
                    name=running.subject.name
                )
                if result.skipped:
                    text += " " + self.tr(
                        "%n were already in your history and were left out.", "", result.skipped
                    )
                self.show_info(text)
        elif running.kind == EXPORT:
            if error is not None:
                self._error(
                    self.tr("Export failed"),
                    self.tr("Could not write {path}: {error}").format(path=running.subject, error=error),
                )
            elif result.cancelled:
                self.show_info(self.tr("Export cancelled. Nothing was written."))
            else:
                self.show_info(
                    self.tr("Exported %n conversation(s) to {path}.", "", running.count).format(
                        path=result.value
                    )
                )
        elif error is not None:
            self._error(
                self.tr("Backup failed"), self.tr("Could not copy the history: {error}").format(error=error)
            )
        else:
            self.show_info(self.tr("Backed up the history to {path}.").format(path=result.value))

    def _set_transfer_actions(self, enabled: bool) -> None:
        for action, widget in (
            (self.export_action, self.export_button),
            (self.import_action, self.import_button),
            (self.backup_action, self.backup_button),
        ):
            action.setEnabled(enabled)
            widget.setEnabled(enabled)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Closing the window while an import or export runs cancels it first (the worker
        deletes what it stored), then closes the window. A second close does not wait
        (anything left hidden is purged at the next start)."""
        if (
            watched is self._watched
            and event.type() == QEvent.Type.Close
            and self._running is not None
            and not self._close_pending
        ):
            self._close_pending = True
            self.cancel_transfer()
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def _error(self, title: str, text: str) -> None:
        self.show_info(text)
        QMessageBox.warning(self, title, text)

    # -- context menu ---------------------------------------------------------------------
    def _context_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        if item is not None and not item.isSelected():
            self._set_current(item)
        menu = QMenu(self)
        if self.selected_ids():
            menu.addAction(self.open_action)
            menu.addAction(self.rename_action)
            menu.addAction(self.pin_action)
            move = menu.addMenu(self.tr("&Move to folder"))
            self._fill_move_menu(move)
            menu.addAction(self.delete_action)
            menu.addSeparator()
        if self._current_folder_id() is not None:
            menu.addAction(self.rename_folder_action)
            menu.addAction(self.delete_folder_action)
            menu.addSeparator()
        menu.addAction(self.new_folder_action)
        menu.addAction(self.export_action)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def focus_main(self) -> None:
        """Give the keyboard to the list (the window calls it when the pane is shown)."""
        self.tree.setFocus()

    def showEvent(self, event: object) -> None:
        self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]


def _key(item: QTreeWidgetItem | None) -> tuple[str, int] | None:
    if item is None:
        return None
    return str(item.data(TITLE, KIND_ROLE)), int(item.data(TITLE, ID_ROLE))


def _refill(combo: QComboBox, entries: Sequence[tuple[str, object]]) -> None:
    """Replace a combo's items, keeping the chosen value if it is still there (no signal)."""
    current = combo.currentData()
    combo.blockSignals(True)
    try:
        combo.clear()
        for text, value in entries:
            combo.addItem(text, value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(0, index))
    finally:
        combo.blockSignals(False)


def _file_name(title: str) -> str:
    """A title made safe as a file name (no path separators or reserved characters)."""
    cleaned = "".join("-" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in title).strip(" .")
    return cleaned[:80]
