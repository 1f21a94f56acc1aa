"""The History pane's search (:class:`HistorySearch`): the box, the hits and their drawing.

Typing in the box searches every message (:meth:`HistoryStore.search`) a short pause after
the last key, with the pane's filters; the hits replace the list (``showing(True)``), each
with its snippet, the matches highlighted (:func:`.labels.hit_html`).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeySequence,
    QPainter,
    QPalette,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.storage.history import HistoryStore, SearchHit
from app.ui.panes.history.filters import FilterBar
from app.ui.panes.history.labels import hit_html, pane_label, plain_snippet, role_label
from app.ui.widgets import format_time

#: Pause after the last keystroke before searching (ms): one query per pause, not per key.
SEARCH_DELAY_MS = 250
#: Most hits shown for one search.
SEARCH_LIMIT = 200
#: Item data role of a result row: its SearchHit.
HIT_ROLE = Qt.ItemDataRole.UserRole + 4


class HitDelegate(QStyledItemDelegate):
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


class HistorySearch(QObject):
    """The search box (:attr:`box`) and its results (:attr:`page`: a summary line above
    the hits, :attr:`results`).

    Args:
        store: the history (GUI thread only).
        filters: the pane's filters, applied to every search.
        host: the pane (its font sizes the rows' spacing).

    Signals:
        showing(bool): show the results (True) or the list (False) instead.
        hit_activated(int, str, int): open conversation id in that pane at message id.
        current_changed(): the current hit changed.
        left_results(): Esc cleared the search while the results had the keyboard (the
            list may take it back).
    """

    showing = Signal(bool)
    hit_activated = Signal(int, str, int)
    current_changed = Signal()
    left_results = Signal()

    def __init__(self, store: HistoryStore, filters: FilterBar, host: QWidget) -> None:
        super().__init__(host)
        self.store = store
        self.filters = filters
        self.box = QLineEdit()
        self.box.setPlaceholderText(self.tr("Search all messages (Ctrl+F)"))
        self.box.setAccessibleName(self.tr("Search all history"))
        self.box.setClearButtonEnabled(True)
        self.box.textChanged.connect(self._edited)
        self.box.returnPressed.connect(self.enter_results)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.run)

        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setSpacing(max(1, host.fontMetrics().lineSpacing() // 6))
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows wrap
        self.results.itemActivated.connect(self._activated)
        if not host.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick):
            self.results.itemClicked.connect(self._activated)  # one click opens a hit
        self.results.currentItemChanged.connect(lambda *_: self.current_changed.emit())
        self.results_label = QLabel()
        self.results_label.setAccessibleName(self.tr("Search summary"))
        self.page = QWidget()
        layout = QVBoxLayout(self.page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.results_label)
        layout.addWidget(self.results, 1)

        for target in (self.box, self.results):
            escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), target)
            escape.setContext(Qt.ShortcutContext.WidgetShortcut)
            escape.activated.connect(self.clear)
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.box)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(self.enter_results)

    @property
    def active(self) -> bool:
        """Whether the box holds something to search for."""
        return bool(self.box.text().strip())

    def focus(self) -> None:
        """Ctrl+F: put the keyboard in the search box."""
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def clear(self) -> None:
        """Esc: empty the search box and show the list again."""
        had_results_focus = self.results.hasFocus()
        self.box.clear()
        if had_results_focus:
            self.left_results.emit()

    def _edited(self, text: str) -> None:
        if text.strip():
            self.timer.start()
        else:
            self.timer.stop()
            self.results.clear()
            self.showing.emit(False)

    def enter_results(self) -> None:
        """Enter or Down in the search box: search now and move to the first hit."""
        if self.timer.isActive():
            self.timer.stop()
            self.run()
        if self.results.count():
            self.results.setFocus()
            if self.results.currentRow() < 0:
                self.results.setCurrentRow(0)

    def run(self) -> list[SearchHit]:
        """Search now with the box's text and the filters; show and return the hits."""
        self.timer.stop()
        query = self.box.text()
        if not query.strip():
            self.showing.emit(False)
            return []
        chosen = self.filters.current()
        hits = self.store.search(
            query,
            pane=chosen.pane or None,
            model=chosen.model or None,
            since=chosen.since,
            until=chosen.until,
            folder_id=chosen.folder_id,
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
        self.showing.emit(True)
        return hits

    def hits(self) -> list[SearchHit]:
        """The hits shown, top to bottom."""
        return [self.results.item(row).data(HIT_ROLE) for row in range(self.results.count())]

    def selected_conversation_ids(self) -> list[int]:
        """The conversations of the selected hits, in selection order (may repeat)."""
        return [item.data(HIT_ROLE).conversation_id for item in self.results.selectedItems()]

    def hit_html(self, row: int) -> str:
        """The rich text drawn for result ``row`` (not selected)."""
        return hit_html(self.results.item(row).data(HIT_ROLE), self.results.palette())

    def open_current(self) -> None:
        """Open the current hit, if any."""
        item = self.results.currentItem()
        if item is not None:
            self._activated(item)

    def _activated(self, item: QListWidgetItem) -> None:
        hit: SearchHit = item.data(HIT_ROLE)
        self.hit_activated.emit(hit.conversation_id, hit.pane, hit.message_id)
