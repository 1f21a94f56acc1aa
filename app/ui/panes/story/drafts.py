"""The story as a document: showing one, opening and starting stories, saving them.

A story is a document (:mod:`app.storage.documents`): title, text, memory, author's note,
lorebook, the generation preset and the AI-written spans with their tokens'
log-probabilities, in the history database. It is saved :data:`AUTOSAVE_MS` after each
change, when the editor loses the focus, around each generation and when the window
closes. Versions: one per minute of editing at most
(:data:`app.storage.documents.EDIT_SNAPSHOT_SECONDS`), one before and one after each
generation, one before a restore; old ones are pruned when a story is opened.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor

from app.core.prompts import title_from_text
from app.core.types import GenerationParams
from app.storage.documents import DocumentStore, StoryDocument, VersionReason

if TYPE_CHECKING:
    from app.ui.panes.story.pane import StoryPane

log = logging.getLogger(__name__)

#: Delay of the autosave after the last change, in milliseconds.
AUTOSAVE_MS = 2000
#: Recent stories in the "Open" menu.
RECENT_STORIES = 12


class StoryDrafts(QObject):
    """The document behind the pane: :attr:`doc` (None for a new story not saved yet),
    saving it (:meth:`save_draft`, the autosave) and showing another one.

    Signals:
        stored(): a story was created or renamed.
        message(str): a line for the pane's status ('' clears it).
    """

    stored = Signal()
    message = Signal(str)

    def __init__(self, pane: StoryPane) -> None:
        super().__init__(pane)
        self._pane = pane
        self.documents = DocumentStore(pane.store)
        self.doc: StoryDocument | None = None
        self._loading = False  # filling the widgets from a document: not an edit
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self._autosave_now)

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Changes made inside are the document being shown, not the writer's edits."""
        self._loading = True
        try:
            yield
        finally:
            self._loading = False

    def changed(self) -> None:
        """The writer changed the text, the aids or the title: save in a moment."""
        if self._loading:
            return
        if self._pane.is_generating():  # save the streaming text every AUTOSAVE_MS, not never
            if not self.autosave.isActive():
                self.autosave.start()
        else:
            self.autosave.start()
        self._pane.budget.schedule()

    def save_if_pending(self) -> None:
        """Save now if a change waits for the autosave (focus left a field)."""
        if self.autosave.isActive():
            self.save_draft()

    def collect(self, doc: StoryDocument) -> None:
        """Put the pane's text, aids, preset and settled AI spans into ``doc``."""
        pane = self._pane
        doc.text = pane.editor.toPlainText()
        doc.memory = pane.aids.memory.toPlainText()
        doc.authors_note = pane.aids.note.toPlainText()
        doc.note_depth = pane.aids.note_depth.value()
        doc.lorebook = pane.aids.rows()
        doc.preset = pane.params.to_dict()
        doc.ai_spans = pane.ai_text.spans.to_json()  # settled spans, positions in doc.text

    def _has_content(self) -> bool:
        pane = self._pane
        return bool(
            pane.editor.toPlainText().strip()
            or pane.aids.memory.toPlainText().strip()
            or pane.aids.note.toPlainText().strip()
            or pane.aids.lorebook.rowCount()
        )

    def save_draft(self, reason: VersionReason | None = "edit") -> None:
        """Store the story now (a new story becomes a document on its first save) and take
        a version: for ``reason`` 'edit' only if the last editing version is over a minute
        old; 'generation' before and after the model writes; None: no version (the
        autosave while the model writes). A story deleted meanwhile is not brought back."""
        pane = self._pane
        self.autosave.stop()
        if self.doc is None:
            if not self._has_content():
                return
            text = pane.editor.toPlainText()
            title = pane.title_edit.text().strip() or title_from_text(text) or self.tr("Untitled story")
            self.doc = self.documents.create(title, model=pane.model_name())
            pane.conversation_id = self.doc.conversation_id
            self.stored.emit()
        elif pane.store.get_conversation(self.doc.conversation_id) is None:
            return  # deleted meanwhile (History): never bring it back by saving
        self.collect(self.doc)
        self.documents.save(self.doc)
        if reason is not None:
            self.documents.snapshot(self.doc.conversation_id, reason)

    def _autosave_now(self) -> None:
        self.save_draft(None if self._pane.is_generating() else "edit")

    def show(self, doc: StoryDocument | None, text: str) -> None:
        """Fill the pane from ``doc`` (None: empty) without counting it as an edit; its AI
        spans are coloured again (those that fit the text; the others are logged)."""
        pane = self._pane
        with self.loading():
            self.doc = doc
            pane.conversation_id = doc.conversation_id if doc else None
            pane.title_edit.setText(doc.title if doc else "")
            pane.aids.show_document(doc)
            pane.ai_text.clear()
            pane.fitter.forget_cut()
            pane.editor.setPlainText(text)
            if doc is not None and doc.ai_spans:
                for problem in pane.ai_text.spans.load(doc.ai_spans, pane.editor.toPlainText()):
                    log.warning("Story %s: a stored AI span was left out: %s", doc.conversation_id, problem)
            pane.editor.moveCursor(QTextCursor.MoveOperation.End)
            if doc is not None and doc.preset:
                pane.params = params_from(doc.preset, pane.params)
        self.autosave.stop()
        pane.writer.dismiss_alternatives()
        self.message.emit("")
        pane.perplexity_label.clear()
        pane.ai_text.refresh()
        pane.budget.schedule()

    def new_conversation(self) -> None:
        """Save the story and show an empty new one (not while busy)."""
        pane = self._pane
        if pane.busy():
            return
        self.save_draft()
        self.show(None, "")
        pane.editor.setFocus()

    def open_conversation(self, conversation_id: int) -> None:
        """Open a stored story (old stories without a document show their last exchange);
        its old versions are pruned. Not while busy (the status says so)."""
        pane = self._pane
        if pane.busy():
            self.message.emit(self.tr("Wait for the model, or stop it (Esc), then open the story."))
            return
        if pane.conversation_id != conversation_id:
            self.save_draft()
        doc = self.documents.get(conversation_id)
        if doc is None:
            return
        self.documents.prune(conversation_id)
        text = doc.text
        if pane.store.get_draft(conversation_id) is None:  # a story from before documents
            thread = pane.store.thread(conversation_id)
            prompt = next((m.content for m in reversed(thread) if m.role == "user"), "")
            reply = thread[-1].content if thread and thread[-1].role == "assistant" else ""
            text = prompt + reply
        self.show(doc, text)

    def title_edited(self) -> None:
        """The title field was edited: rename the story (a new one is saved soon)."""
        pane = self._pane
        title = pane.title_edit.text().strip()
        if self.doc is None:
            if title:
                self.changed()
            return
        if title and title != self.doc.title:
            self.doc.title = title
            pane.store.rename_conversation(self.doc.conversation_id, title)
            self.stored.emit()

    def fill_recent(self) -> None:
        """Fill the "Open recent" menu with the :data:`RECENT_STORIES` newest stories."""
        pane = self._pane
        menu = pane.recent_menu
        menu.clear()
        stories = pane.store.list_conversations("story", pinned_first=False, limit=RECENT_STORIES)
        for summary in stories:
            action = menu.addAction(summary.title or self.tr("Untitled story"))
            action.triggered.connect(lambda _checked=False, cid=summary.id: pane.open_conversation(cid))
        if not stories:
            menu.addAction(self.tr("No stories yet")).setEnabled(False)


def params_from(preset: dict[str, object], fallback: GenerationParams) -> GenerationParams:
    """The stored preset as GenerationParams (``fallback`` if it no longer fits)."""
    known = asdict(fallback)
    values = {k: v for k, v in preset.items() if k in known}
    if isinstance(values.get("stop"), list):
        values["stop"] = tuple(values["stop"])  # type: ignore[arg-type]
    try:
        params = replace(fallback, **values)  # type: ignore[arg-type]
        params.validate()
    except (TypeError, ValueError):
        return fallback
    return params
