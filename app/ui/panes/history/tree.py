"""The History pane's list of folders and conversations (:class:`ConversationList`).

Folders come first, each holding its conversations, then the conversations at the top
level; pinned ones first, then newest first (the store's order). The list keeps the
selection, the keyboard's item and the folders the user closed across refreshes, and does
what the pane's buttons ask of it: pin, rename in place, move to a folder, delete (soft;
the pane's Undo bar brings conversations back through :meth:`ConversationList.restore`).
Every store call runs on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QObject, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QMenu,
    QMessageBox,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.storage.history import ConversationSummary, HistoryStore
from app.ui.panes.history.filters import FilterBar
from app.ui.panes.history.labels import pane_label
from app.ui.widgets import format_time

# Item data roles (column 0).
KIND_ROLE = Qt.ItemDataRole.UserRole  # "conversation" or "folder"
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the conversation's or folder's id
PANE_ROLE = Qt.ItemDataRole.UserRole + 2  # the conversation's pane
PINNED_ROLE = Qt.ItemDataRole.UserRole + 3  # bool

CONVERSATION = "conversation"
FOLDER = "folder"

# Columns of the list.
TITLE, PANE_COLUMN, MODEL, DATE, MESSAGES = range(5)

#: What a row is: (CONVERSATION or FOLDER, its id).
Key = tuple[str, int]


def key(item: QTreeWidgetItem | None) -> Key | None:
    """A row's kind and id, or None for no row."""
    if item is None:
        return None
    return str(item.data(TITLE, KIND_ROLE)), int(item.data(TITLE, ID_ROLE))


class ConversationList(QObject):
    """The list (:attr:`tree`) and what is done to its rows.

    Args:
        store: the history (GUI thread only).
        filters: the pane's filters; :meth:`refresh` refills and applies them.
        host: the pane (dialogs' parent; its font, style and palette size the rows).

    Signals:
        open_requested(int, str): open conversation id in the pane named by the string.
        deleted(int): the conversation with this id was (soft-)deleted.
        trashed(list): these conversation ids were deleted together (Undo may restore them).
        restored(int): the conversation with this id was brought back.
        changed(): titles, pins, folders or conversations changed.
        message(str): something to tell the user (e.g. a folder was deleted).
        selection_changed(): the selection or the keyboard's row changed (not during refresh).
        refreshed(): :meth:`refresh` rebuilt the list.
    """

    open_requested = Signal(int, str)
    deleted = Signal(int)
    trashed = Signal(list)
    restored = Signal(int)
    changed = Signal()
    message = Signal(str)
    selection_changed = Signal()
    refreshed = Signal()

    def __init__(self, store: HistoryStore, filters: FilterBar, host: QWidget) -> None:
        super().__init__(host)
        self.store = store
        self.filters = filters
        self._host = host
        self.refreshing = False
        self._collapsed: set[int] = set()  # folder ids the user closed
        em = host.fontMetrics().averageCharWidth()
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Stored conversations"))
        self.tree.setHeaderLabels(
            [self.tr("Title"), self.tr("Pane"), self.tr("Model"), self.tr("Date"), self.tr("Messages")]
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
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.currentItemChanged.connect(self._selection_changed)
        self.tree.itemExpanded.connect(lambda item: self._folder_toggled(item, True))
        self.tree.itemCollapsed.connect(lambda item: self._folder_toggled(item, False))
        self._refresh_later = QTimer(self)
        self._refresh_later.setSingleShot(True)
        self._refresh_later.setInterval(0)
        self._refresh_later.timeout.connect(self.refresh)

    def _selection_changed(self, *_args: object) -> None:
        if not self.refreshing:
            self.selection_changed.emit()

    # -- filling ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild the list from the store (keeping selection, current item and open
        folders) and refill the filters' choices; then ``refreshed``."""
        current = key(self.tree.currentItem())
        selected = {key(item) for item in self.tree.selectedItems()}
        self.refreshing = True
        try:
            conversations = self.store.list_conversations()
            folders = self.store.list_folders()
            self.filters.fill(conversations, folders)
            chosen = self.filters.current()
            shown = [c for c in conversations if chosen.passes(c)]
            wanted_folder = chosen.folder_id
            self.tree.clear()
            folder_items: dict[int, QTreeWidgetItem] = {}
            row = QSize(0, round(self._host.fontMetrics().lineSpacing() * 1.5))  # scaled with the font
            has_members = {c.folder_id for c in shown}
            for folder in folders:
                if wanted_folder is not None and folder.id != wanted_folder:
                    continue
                if chosen.active and folder.id not in has_members:
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
                item.setIcon(TITLE, self._host.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon))
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
            self.refreshing = False
        self.refreshed.emit()

    def _fit_model_column(self) -> None:
        """Widen the Model column to its longest name (up to 48 characters' width), so
        "SmolLM2 135M Instruct (Q4_1)" is not cut while the Title column has room."""
        em = self._host.fontMetrics().averageCharWidth()
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
        size = self._host.fontMetrics().height()
        ratio = self._host.devicePixelRatioF()
        blank = QPixmap(int(size * ratio), int(size * ratio))
        blank.setDevicePixelRatio(ratio)
        blank.fill(Qt.GlobalColor.transparent)
        pin = QPixmap(blank)
        painter = QPainter(pin)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = self._host.palette().color(QPalette.ColorRole.Highlight)
        painter.translate(size / 2, size / 2)
        painter.rotate(35)
        painter.setPen(QPen(color, max(1.0, size / 9), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(0, 0), QPointF(0, size * 0.45))  # the needle
        painter.setBrush(color)
        painter.drawEllipse(QPointF(0, -size * 0.15), size * 0.24, size * 0.24)  # the head
        painter.end()
        return QIcon(pin), QIcon(blank)

    # -- rows, keys and selection ---------------------------------------------------------
    def items(self) -> list[QTreeWidgetItem]:
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

    def find(self, wanted: Key | None) -> QTreeWidgetItem | None:
        """The row of a (kind, id) key, or None if it is not listed."""
        if wanted is None:
            return None
        return next((item for item in self.items() if key(item) == wanted), None)

    def _restore_selection(self, current: Key | None, selected: set[Key | None]) -> None:
        for item in self.items():
            if key(item) in selected:
                item.setSelected(True)
        found = self.find(current)
        if found is not None:
            self.set_current(found, select=False)

    def set_current(self, item: QTreeWidgetItem, select: bool = True) -> None:
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
        item = self.find((CONVERSATION, conversation_id))
        if item is None:
            return False
        self.set_current(item)
        return True

    def selected_ids(self) -> list[int]:
        """The selected conversations' ids, in list order (folders are not included)."""
        chosen = {id(item) for item in self.tree.selectedItems()}
        return [
            int(item.data(TITLE, ID_ROLE))
            for item in self.items()
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
        """The selected folders' ids."""
        return [
            int(item.data(TITLE, ID_ROLE))
            for item in self.tree.selectedItems()
            if item.data(TITLE, KIND_ROLE) == FOLDER
        ]

    def current_folder_id(self) -> int | None:
        """The folder the keyboard is on, else the only selected folder, else None."""
        item = self.tree.currentItem()
        if item is not None and item.data(TITLE, KIND_ROLE) == FOLDER:
            return int(item.data(TITLE, ID_ROLE))
        folders = self.selected_folder_ids()
        return folders[0] if len(folders) == 1 else None

    def on_folder(self) -> bool:
        """Whether the keyboard's row is a folder."""
        item = self.tree.currentItem()
        return item is not None and item.data(TITLE, KIND_ROLE) == FOLDER

    def is_pinned(self, conversation_id: int) -> bool:
        item = self.find((CONVERSATION, conversation_id))
        return bool(item is not None and item.data(TITLE, PINNED_ROLE))

    def _folder_toggled(self, item: QTreeWidgetItem, expanded: bool) -> None:
        if self.refreshing or item.data(TITLE, KIND_ROLE) != FOLDER:
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

    def open_current(self) -> None:
        """Open the keyboard's conversation (else the first selected one)."""
        item = self.tree.currentItem()
        if item is None or item.data(TITLE, KIND_ROLE) != CONVERSATION:
            cid = self.selected_id()
            item = self.find((CONVERSATION, cid)) if cid is not None else None
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
        if self.refreshing or column != TITLE:
            return
        kind, item_id = key(item) or ("", 0)
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
            self.set_pinned(ids, not all(self.is_pinned(cid) for cid in ids))

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
            name, ok = QInputDialog.getText(self._host, self.tr("New folder"), self.tr("Folder name:"))
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
        item = self.find((FOLDER, folder_id))
        if item is not None:
            self.set_current(item)
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
            item = self.find((CONVERSATION, cid))
            if item is not None:
                item.setSelected(True)
        self.changed.emit()

    def fill_move_menu(self, menu: QMenu) -> None:
        """Top level, each folder, and "New folder…" as the targets of a move."""
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

    def move_menu_here(self) -> None:
        """Ctrl+M: the Move menu at the current item."""
        if not self.selected_ids():
            return
        item = self.tree.currentItem()
        rect = self.tree.visualItemRect(item) if item is not None else self.tree.viewport().rect()
        menu = QMenu(self._host)
        self.fill_move_menu(menu)
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
                self._host,
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
        self.message.emit(
            self.tr(
                "Deleted the folder “{name}”; %n conversation(s) moved to the top level.", "", moved
            ).format(name=folder.name)
        )
        self.changed.emit()
        return moved

    def delete_current_folder(self, confirm: bool) -> None:
        folder_id = self.current_folder_id()
        if folder_id is not None:
            self.delete_folder(folder_id, confirm)

    # -- delete and restore ---------------------------------------------------------------
    def delete_selected(self, confirm: bool = True) -> list[int]:
        """Soft-delete every selected conversation (nothing is asked: ``trashed`` lets the
        pane offer Undo) and return their ids. With only folders selected, delete those
        folders (asking first when ``confirm``; their conversations move to the top level)
        and return []."""
        ids = self.selected_ids()
        if not ids:
            for folder_id in self.selected_folder_ids():
                self.delete_folder(folder_id, confirm)
            return []
        items = self.items()
        current = self.tree.currentItem()
        position = items.index(current) if current in items else 0
        for cid in ids:
            self.store.soft_delete_conversation(cid)
        self.tree.clearSelection()
        self.refresh()
        remaining = self.items()
        if remaining:
            self.set_current(remaining[min(position, len(remaining) - 1)], select=False)
        for cid in ids:
            self.deleted.emit(cid)
        self.changed.emit()
        self.trashed.emit(ids)
        return ids

    def restore(self, ids: list[int]) -> None:
        """Bring soft-deleted conversations back, selected."""
        for cid in ids:
            self.store.restore_conversation(cid)
        self.refresh()
        self.tree.clearSelection()
        for cid in ids:
            item = self.find((CONVERSATION, cid))
            if item is not None:
                item.setSelected(True)
                self.tree.selectionModel().setCurrentIndex(
                    self.tree.indexFromItem(item), QItemSelectionModel.SelectionFlag.NoUpdate
                )
        for cid in ids:
            self.restored.emit(cid)
        self.changed.emit()
