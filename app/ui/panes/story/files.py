"""Export a story to .md, .txt or .docx, and import one from .txt or .md
(:func:`app.storage.documents.export_story`, :func:`~app.storage.documents.read_story_file`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from app.storage.documents import StoryDocument, export_story, read_story_file

if TYPE_CHECKING:
    from app.ui.panes.story.pane import StoryPane


class StoryFiles(QObject):
    """The pane's Import and Export (with their file dialogs).

    Signals:
        stored(): an imported story was stored.
        exported(object): the story was written to this :class:`Path`.
        imported(int): a file became this new story (conversation id), now open.
        message(str): a line for the pane's status.
    """

    stored = Signal()
    exported = Signal(object)
    imported = Signal(int)
    message = Signal(str)

    def __init__(self, pane: StoryPane) -> None:
        super().__init__(pane)
        self._pane = pane

    def export_to(self, path: str | Path) -> Path | None:
        """Write the story to ``path`` (.md, .txt or .docx by its suffix); None, with the
        reason in the status line, if it cannot be written (another suffix, OSError)."""
        pane = self._pane
        pane.save_draft()
        doc = pane.doc or StoryDocument(0, pane.title_edit.text().strip() or self.tr("Untitled story"))
        pane.drafts.collect(doc)
        try:
            written = export_story(doc, Path(path))
        except (ValueError, OSError) as exc:
            self.message.emit(self.tr("The story could not be exported: {why}").format(why=exc))
            return None
        self.message.emit(self.tr("Exported to {path}.").format(path=written))
        self.exported.emit(written)
        return written

    def import_from(self, path: str | Path) -> int | None:
        """Open a .txt or .md file as a new story; returns its id (None, with the reason in
        the status line, if the file cannot be read, or while the pane is busy)."""
        pane = self._pane
        if pane.busy():
            return None
        try:
            title, text = read_story_file(Path(path))
        except (ValueError, OSError) as exc:
            self.message.emit(self.tr("The file could not be imported: {why}").format(why=exc))
            return None
        if Path(path).suffix.lower() != ".txt" and text.endswith("\n"):
            text = text[:-1]  # the newline export_story ends a Markdown file with
        pane.save_draft()
        doc = pane.documents.create(title, text, model=pane.model_name())
        self.stored.emit()
        pane.open_conversation(doc.conversation_id)
        self.message.emit(self.tr("Imported “{title}”.").format(title=title))
        self.imported.emit(doc.conversation_id)
        return doc.conversation_id

    def export_dialog(self) -> None:
        """Ask where to export the story (Markdown by default), then :meth:`export_to`."""
        title = self._pane.title_edit.text().strip() or "story"
        path, _ = QFileDialog.getSaveFileName(
            self._pane,
            self.tr("Export the story"),
            f"{title}.md",
            self.tr("Markdown (*.md);;Plain text (*.txt);;Word document (*.docx)"),
        )
        if path:
            self.export_to(path)

    def import_dialog(self) -> None:
        """Ask for a .txt or .md file, then :meth:`import_from`."""
        path, _ = QFileDialog.getOpenFileName(
            self._pane, self.tr("Import a story"), "", self.tr("Text and Markdown (*.txt *.md *.markdown)")
        )
        if path:
            self.import_from(path)
