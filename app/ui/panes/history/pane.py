"""The History pane (:class:`HistoryPane`): every stored conversation of every pane, in
folders, searchable; its parts wired together.

The parts, each with its own signals (as qutebrowser's tab holds ``tab.search``,
``tab.zoom``; Anki's browser is ``table/model.py``, ``state.py``, ``table.py``):

- :class:`.filters.FilterBar`: pane, model, folder and date filters (the shared state);
- :class:`.tree.ConversationList`: the list (:attr:`HistoryPane.tree`), folders, pins,
  rename, move, delete;
- :class:`.search.HistorySearch`: the search box and its hits, which replace the list
  while there is something to search for;
- :class:`.info_bar.InfoBar`: messages, and Undo for a delete (the storage empties the
  trash after 30 days: :meth:`HistoryStore.purge_deleted`, called once when the pane is made);
- :class:`.transfers.Transfers`: import, export and backup off the GUI thread.

Every store call runs on the GUI thread: the :class:`HistoryStore` holds one SQLite
connection and is not thread-safe (the transfers open connections of their own).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.storage import exchange
from app.storage.history import HistoryStore, SearchHit
from app.ui.panes.history.filters import FilterBar
from app.ui.panes.history.info_bar import InfoBar
from app.ui.panes.history.search import HistorySearch
from app.ui.panes.history.transfers import TransferResult, Transfers
from app.ui.panes.history.tree import ConversationList, Key

#: The stacked pages: the list, or the search results.
LIST_PAGE, RESULTS_PAGE = 0, 1


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

        # -- the parts ------------------------------------------------------------------
        self.filters = FilterBar(self)
        self.filters.changed.connect(self._filters_changed)
        self.conversations = ConversationList(store, self.filters, self)
        self.finder = HistorySearch(store, self.filters, self)
        self.info = InfoBar()
        self.transfers = Transfers(store, self)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.conversations.tree)
        self.pages.addWidget(self.finder.page)

        lists = self.conversations
        lists.open_requested.connect(self.open_requested)
        lists.deleted.connect(self.deleted)
        lists.restored.connect(self.restored)
        lists.changed.connect(self.changed)
        lists.message.connect(self.show_info)
        lists.trashed.connect(self._trashed)
        lists.selection_changed.connect(self._update_actions)
        lists.refreshed.connect(self._refreshed)
        lists.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        lists.tree.customContextMenuRequested.connect(self._context_menu)
        self.finder.showing.connect(self._show_results)
        self.finder.hit_activated.connect(self.open_at_message)
        self.finder.current_changed.connect(self._update_actions)
        self.finder.left_results.connect(lambda: lists.tree.setFocus())
        self.pages.currentChanged.connect(lambda _index: self._update_actions())
        self.info.undo_clicked.connect(self.undo_delete)
        self.info.shown.connect(self.notice)
        self.info.hidden_with_focus.connect(lambda: lists.tree.setFocus())
        self.transfers.busy.connect(lambda busy: self._set_transfer_actions(not busy))
        self.transfers.imported.connect(self._imported)
        self.transfers.notice.connect(self.notice)
        self.transfers.message.connect(self.show_info)
        self.transfers.finished.connect(self.transfer_finished)

        # The parts' widgets, under the names the window and the tests know.
        self.tree = lists.tree
        self.search = self.finder.box
        self.results = self.finder.results
        self.results_label = self.finder.results_label
        self._search_timer = self.finder.timer
        self.pane_filter = self.filters.pane_filter
        self.model_filter = self.filters.model_filter
        self.folder_filter = self.filters.folder_filter
        self.date_filter = self.filters.date_filter
        self.date_from = self.filters.date_from
        self.date_to = self.filters.date_to
        self.info_bar = self.info
        self.info_label = self.info.label
        self.undo_button = self.info.undo_button
        self.dismiss_button = self.info.dismiss_button
        self._undo_timer = self.info.undo_timer
        self.transfer_bar = self.transfers.bar
        self.transfer_label = self.transfers.label
        self.transfer_progress = self.transfers.progress
        self.transfer_cancel = self.transfers.cancel_button

        # -- actions (shortcuts on the list, the context menu, the buttons) ----------------
        self.open_action = self._action(self.tr("&Open"), self.open_selected)
        self.rename_action = self._action(self.tr("&Rename"), lists.rename_selected, QKeySequence("F2"))
        self.pin_action = self._action(self.tr("&Pin"), lists.toggle_pin, QKeySequence("Ctrl+P"))
        self.move_action = self._action(
            self.tr("&Move to folder…"), lists.move_menu_here, QKeySequence("Ctrl+M")
        )
        self.delete_action = self._action(
            self.tr("&Delete"),
            lambda: self.delete_selected(confirm=True),
            QKeySequence(QKeySequence.StandardKey.Delete),
        )
        self.new_folder_action = self._action(
            self.tr("&New folder…"), lambda: self.new_folder(), QKeySequence("Ctrl+Shift+N")
        )
        self.rename_folder_action = self._action(self.tr("Rename &folder"), lists.rename_selected)
        self.delete_folder_action = self._action(
            self.tr("Delete f&older"), lambda: lists.delete_current_folder(confirm=True)
        )
        self.export_action = self._action(self.tr("&Export…"), self.export_dialog)
        self.import_action = self._action(self.tr("&Import…"), self.import_dialog)
        self.backup_action = self._action(self.tr("&Back up now"), lambda: self.back_up_now(report=True))

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
        self.move_menu.aboutToShow.connect(lambda: lists.fill_move_menu(self.move_menu))
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
        layout.addLayout(self.filters.row)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.info)
        layout.addWidget(self.transfer_bar)
        layout.addLayout(buttons)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WindowShortcut)  # only while this pane is shown
        find.activated.connect(self.focus_search)
        undo = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_delete)
        self.refresh()

    def _action(self, text: str, slot: Callable[[], object], keys: QKeySequence | None = None) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.tree.addAction(action)  # active while the list has the keyboard
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- the list -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild the list from the store (keeping selection, current item and open
        folders) and the filter choices; re-run the search if one is shown."""
        self.conversations.refresh()

    def _refreshed(self) -> None:
        self._update_actions()
        if self.finder.active:
            self.run_search()

    def _filters_changed(self) -> None:
        if not self.conversations.refreshing:
            self.refresh()  # the list follows the filters too (and re-runs the search)

    def _show_results(self, shown: bool) -> None:
        self.pages.setCurrentIndex(RESULTS_PAGE if shown else LIST_PAGE)

    def _searching(self) -> bool:
        return self.pages.currentIndex() == RESULTS_PAGE

    def _update_actions(self) -> None:
        lists = self.conversations
        if lists.refreshing:
            return
        searching = self._searching()  # the list's actions wait; Open opens the hit
        ids = [] if searching else lists.selected_ids()
        on_conversation = (
            self.results.currentItem() is not None if searching else lists.selected_id() is not None
        )
        on_folder = not searching and lists.on_folder()
        all_pinned = bool(ids) and all(lists.is_pinned(cid) for cid in ids)
        self.open_action.setEnabled(on_conversation)
        self.rename_action.setEnabled(not searching and self.tree.currentItem() is not None)
        self.pin_action.setEnabled(bool(ids))
        self.pin_action.setText(self.tr("Un&pin") if all_pinned else self.tr("&Pin"))
        self.move_action.setEnabled(bool(ids))
        self.delete_action.setEnabled(bool(ids) or (not searching and bool(lists.selected_folder_ids())))
        self.rename_folder_action.setEnabled(on_folder)
        self.delete_folder_action.setEnabled(lists.current_folder_id() is not None)
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

    def _find(self, key: Key | None) -> QTreeWidgetItem | None:
        return self.conversations.find(key)

    def select_conversation(self, conversation_id: int) -> bool:
        """Select and show one conversation in the list; False if it is not listed."""
        return self.conversations.select_conversation(conversation_id)

    def selected_ids(self) -> list[int]:
        """The selected conversations' ids, in list order (folders are not included)."""
        return self.conversations.selected_ids()

    def selected_id(self) -> int | None:
        """The conversation the keyboard is on if it is selected, else the first selected one."""
        return self.conversations.selected_id()

    def selected_folder_ids(self) -> list[int]:
        return self.conversations.selected_folder_ids()

    def open_selected(self) -> None:
        """Open the current conversation (or, while searching, the current hit)."""
        if self._searching():
            self.finder.open_current()
        else:
            self.conversations.open_current()

    def rename_selected(self) -> None:
        """Edit the title of the conversation (or the name of the folder) in place."""
        self.conversations.rename_selected()

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        self.conversations.rename_conversation(conversation_id, title)

    def toggle_pin(self) -> None:
        """Pin the selected conversations, or unpin them if all are pinned already."""
        self.conversations.toggle_pin()

    def set_pinned(self, ids: list[int], pinned: bool) -> None:
        self.conversations.set_pinned(ids, pinned)

    def new_folder(self, name: str | None = None, move_selected: bool = False) -> int | None:
        """Create a folder (asking for its name when ``name`` is None); with
        ``move_selected`` the selected conversations go into it. Returns its id, or None
        if the user cancelled."""
        return self.conversations.new_folder(name, move_selected)

    def rename_folder(self, folder_id: int, name: str) -> None:
        self.conversations.rename_folder(folder_id, name)

    def move_selected(self, folder_id: int | None) -> None:
        """Move the selected conversations into a folder (None: the top level)."""
        self.conversations.move_selected(folder_id)

    def delete_folder(self, folder_id: int, confirm: bool = True) -> int:
        """Delete a folder; its conversations move to the top level. Returns how many
        moved (0 too when the user said No)."""
        return self.conversations.delete_folder(folder_id, confirm)

    # -- delete and Undo ------------------------------------------------------------------
    def delete_selected(self, confirm: bool = True) -> None:
        """Soft-delete every selected conversation (an Undo bar brings them back for
        :data:`UNDO_SECONDS`; nothing is asked). With only folders selected, delete those
        folders (asking first when ``confirm``); their conversations move to the top level."""
        self.conversations.delete_selected(confirm)

    def _trashed(self, ids: list[int]) -> None:
        count = len(self.info.offer_undo(ids))
        self.show_info(self.tr("Deleted %n conversation(s).", "", count), undo=True)

    def undo_delete(self) -> list[int]:
        """Restore the conversations deleted since the Undo bar appeared; returns their ids."""
        ids = self.info.take_undo()
        if not ids:
            return []
        self.conversations.restore(ids)
        self.show_info(self.tr("Restored %n conversation(s).", "", len(ids)))
        self.tree.setFocus()
        return ids

    def show_info(self, text: str, undo: bool = False) -> None:
        """Show ``text`` above the buttons (and in the status bar, through ``notice``);
        with ``undo``, an Undo button for :data:`UNDO_SECONDS`."""
        self.info.show_message(text, undo)

    # -- search ---------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Ctrl+F: put the keyboard in the search box."""
        self.finder.focus()

    def clear_search(self) -> None:
        """Esc: empty the search box and show the list again."""
        self.finder.clear()

    def run_search(self) -> list[SearchHit]:
        """Search now with the box's text and the filters; show and return the hits."""
        return self.finder.run()

    def hits(self) -> list[SearchHit]:
        """The hits shown, top to bottom."""
        return self.finder.hits()

    def hit_html(self, row: int) -> str:
        """The rich text drawn for result ``row`` (not selected)."""
        return self.finder.hit_html(row)

    # -- export, import, backup -----------------------------------------------------------
    @property
    def import_chunk_size(self) -> int:
        """Conversations per import transaction (:data:`app.storage.transfer.CHUNK_CONVERSATIONS`)."""
        return self.transfers.chunk_size

    @import_chunk_size.setter
    def import_chunk_size(self, size: int) -> None:
        self.transfers.chunk_size = size

    @property
    def last_transfer(self) -> TransferResult | None:
        """How the last import, export or backup ended."""
        return self.transfers.last_result

    def _export_ids(self) -> list[int]:
        """What Export takes: the selected hits' conversations while searching, else the
        selected conversations and folders, else everything."""
        ids = self.finder.selected_conversation_ids() if self._searching() else []
        if not ids:
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
        return self.transfers.export_to(path, self._export_ids() if ids is None else list(ids), report=report)

    def export_dialog(self) -> bool:
        """Ask for a file and start the export; False if none was chosen (or nothing to export)."""
        return self.transfers.export_dialog(self._export_ids())

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
        return self.transfers.import_from(path, report=report)

    def import_dialog(self) -> bool:
        """Ask for a file and start the import; False if none was chosen."""
        return self.transfers.import_dialog()

    def backup_folder(self) -> Path:
        """Where "Back up now" writes: ``backups`` next to the history file."""
        return self.transfers.backup_folder()

    def back_up_now(self, *, report: bool = False) -> bool:
        """Start copying the whole history into :meth:`backup_folder` on a worker thread.
        False if another transfer is running.

        ``transfer_finished`` then carries a :class:`TransferResult` whose value is the
        copy's path, or the error (OSError, sqlite3.Error). With ``report`` the outcome is
        also shown.
        """
        return self.transfers.back_up_now(report=report)

    def transfer_running(self) -> bool:
        """Whether an import, export or backup is running."""
        return self.transfers.running()

    def cancel_transfer(self) -> None:
        """Cancel the running import or export (a backup is short and runs to its end);
        ``transfer_finished`` follows, with nothing imported or written."""
        self.transfers.cancel()

    def wait_for_transfer(self, timeout_ms: int = 120_000) -> TransferResult | None:
        """Run the event loop until the running transfer ends (at most ``timeout_ms``);
        returns its result (the last one if none is running), None on time-out."""
        return self.transfers.wait(timeout_ms)

    def _imported(self) -> None:
        self.refresh()
        self.changed.emit()

    def _set_transfer_actions(self, enabled: bool) -> None:
        for action, widget in (
            (self.export_action, self.export_button),
            (self.import_action, self.import_button),
            (self.backup_action, self.backup_button),
        ):
            action.setEnabled(enabled)
            widget.setEnabled(enabled)

    # -- context menu, focus ----------------------------------------------------------------
    def _context_menu(self, pos: QPoint) -> None:
        lists = self.conversations
        item = self.tree.itemAt(pos)
        if item is not None and not item.isSelected():
            lists.set_current(item)
        menu = QMenu(self)
        if lists.selected_ids():
            menu.addAction(self.open_action)
            menu.addAction(self.rename_action)
            menu.addAction(self.pin_action)
            move = menu.addMenu(self.tr("&Move to folder"))
            lists.fill_move_menu(move)
            menu.addAction(self.delete_action)
            menu.addSeparator()
        if lists.current_folder_id() is not None:
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
