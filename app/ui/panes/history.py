"""The History pane: every stored conversation; open one to continue it, or delete it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.storage.history import HistoryStore
from app.ui.widgets import format_time


def pane_label(pane: str) -> str:
    return {
        "chat": QCoreApplication.translate("Panes", "Chat"),
        "story": QCoreApplication.translate("Panes", "Story"),
        "poetry": QCoreApplication.translate("Panes", "Poetry"),
        "qa": QCoreApplication.translate("Panes", "Q&A"),
    }.get(pane, pane)


class HistoryPane(QWidget):
    """List of conversations, newest first.

    Signals:
        open_requested(int, str): open conversation id in the pane named by the string.
        deleted(int): the conversation with this id was deleted.
    """

    open_requested = Signal(int, str)
    deleted = Signal(int)

    def __init__(self, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
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
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.itemActivated.connect(lambda _item, _col: self.open_selected())
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.setAccessibleName(self.tr("Open the selected conversation"))
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete the selected conversation"))
        self.delete_button.clicked.connect(lambda: self.delete_selected(confirm=True))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(lambda: self.delete_selected(confirm=True))
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_id()
        self.tree.clear()
        for summary in self.store.list_conversations():
            item = QTreeWidgetItem(
                [
                    summary.title,
                    pane_label(summary.pane),
                    summary.model,
                    format_time(summary.updated_at),
                    str(summary.message_count),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, summary.id)
            item.setData(1, Qt.ItemDataRole.UserRole, summary.pane)
            self.tree.addTopLevelItem(item)
            if summary.id == selected:
                self.tree.setCurrentItem(item)
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)

    def selected_id(self) -> int | None:
        item = self.tree.currentItem()
        return int(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None

    def open_selected(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.open_requested.emit(
                int(item.data(0, Qt.ItemDataRole.UserRole)),
                str(item.data(1, Qt.ItemDataRole.UserRole)),
            )

    def delete_selected(self, confirm: bool = True) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Delete conversation"),
                self.tr("Delete “{title}” and all its messages?").format(title=item.text(0)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,  # the safe answer is the default
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        conversation_id = int(item.data(0, Qt.ItemDataRole.UserRole))
        self.store.delete_conversation(conversation_id)
        self.refresh()
        self.deleted.emit(conversation_id)

    def showEvent(self, event: object) -> None:
        self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]
