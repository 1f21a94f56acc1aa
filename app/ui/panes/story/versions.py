"""The story's versions: the Versions dialog, and restoring a version.

Versions are taken by :class:`~app.ui.panes.story.drafts.StoryDrafts` (one per minute of
editing at most, one before and one after each generation, one before a restore) and
keep the text and the aids, not the AI spans (:mod:`app.storage.documents`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.storage.documents import DocumentStore
from app.ui.widgets import format_time

if TYPE_CHECKING:
    from app.ui.panes.story.pane import StoryPane


class VersionsDialog(QDialog):
    """The story's versions (date, reason, size) with a preview and Restore.

    Signals:
        restore_requested(int): Restore on this version id.
    """

    restore_requested = Signal(int)

    def __init__(self, documents: DocumentStore, conversation_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.documents = documents
        self.conversation_id = conversation_id
        self.setWindowTitle(self.tr("Versions"))
        self.setAccessibleName(self.tr("Versions of the story"))
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(self.tr("Versions"))
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Why"), self.tr("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTabKeyNavigation(False)
        self.table.itemSelectionChanged.connect(self._preview)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("Preview of the version"))
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.setAccessibleName(self.tr("Restore this version"))
        self.restore_button.setToolTip(
            self.tr("The story becomes this version; the current text is kept as a version first.")
        )
        self.restore_button.clicked.connect(self._restore)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 2)
        em, line = self.fontMetrics().averageCharWidth(), self.fontMetrics().lineSpacing()
        splitter.setSizes([em * 52, em * 68])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(em * 124, line * 28)
        self.reasons = {
            "edit": self.tr("Editing"),
            "generation": self.tr("Generation"),
            "restore": self.tr("Before a restore"),
            "import": self.tr("Imported"),
        }
        self.refresh()

    def refresh(self) -> None:
        versions = self.documents.versions(self.conversation_id)
        self.table.setRowCount(len(versions))
        for row, version in enumerate(versions):
            when = QTableWidgetItem(format_time(version.created_at))
            when.setData(Qt.ItemDataRole.UserRole, version.id)
            self.table.setItem(row, 0, when)
            self.table.setItem(row, 1, QTableWidgetItem(self.reasons.get(version.reason, version.reason)))
            self.table.setItem(row, 2, QTableWidgetItem(self.tr("{n:,} characters").format(n=version.chars)))
        self.table.resizeColumnsToContents()
        if versions:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(versions))

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _preview(self) -> None:
        version = self.selected_id()
        self.preview.setPlainText(self.documents.version_text(version) if version is not None else "")

    def _restore(self) -> None:
        version = self.selected_id()
        if version is not None:
            self.restore_requested.emit(version)
            self.refresh()


class StoryVersions(QObject):
    """The pane's Versions: opens the dialog and restores a version into the editor.

    Signals:
        restored(int): this version (id) is the story now.
        message(str): a line for the pane's status.
    """

    restored = Signal(int)
    message = Signal(str)

    def __init__(self, pane: StoryPane) -> None:
        super().__init__(pane)
        self._pane = pane
        #: the dialog last opened (closed and replaced when opened again)
        self.dialog: VersionsDialog | None = None

    def show_versions(self) -> VersionsDialog | None:
        """Open the Versions dialog of the story (saved first); None for an empty new story."""
        pane = self._pane
        pane.save_draft()
        if pane.doc is None:
            self.message.emit(self.tr("Write something first: a new story has no versions yet."))
            return None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        dialog = VersionsDialog(pane.documents, pane.doc.conversation_id, pane)
        dialog.restore_requested.connect(self.restore_version)
        self.dialog = dialog
        dialog.open()
        return dialog

    def restore_version(self, version_id: int) -> bool:
        """Make a version the story again. The current state is kept as a version first,
        and the text change is one undo step in the editor (Ctrl+Z brings it back, with its
        AI spans). The restored text has no AI spans: versions do not keep them. False when
        the pane is busy, the story is new or the version is not there."""
        pane = self._pane
        if pane.busy() or pane.doc is None:
            return False
        pane.save_draft()
        try:
            restored = pane.documents.restore(pane.doc.conversation_id, version_id)
        except KeyError:
            return False
        with pane.drafts.loading():
            cursor = QTextCursor(pane.editor.document())
            cursor.beginEditBlock()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(restored.text)
            cursor.endEditBlock()
            pane.aids.show_document(restored)
            pane.drafts.doc = restored
        self.message.emit(self.tr("Version restored. Ctrl+Z undoes it; the text before is a version too."))
        pane.budget.schedule()
        self.restored.emit(version_id)
        return True
