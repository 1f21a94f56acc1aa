"""The Story pane: a writer's workspace on story documents.

A story is a document (:mod:`app.storage.documents`): title, text, memory, author's note,
lorebook, the generation preset and the AI-written spans with their tokens'
log-probabilities, in the history database. It is saved
:data:`AUTOSAVE_MS` after each change, when the editor loses the focus, around each
generation and when the window closes. Versions: one per minute of editing at most
(:data:`app.storage.documents.EDIT_SNAPSHOT_SECONDS`), one before and one after each
generation, one before a restore; old ones are pruned when a story is opened.

Writing with the model:

- **Continue** (Ctrl+Enter) is a raw completion of the prompt
  :func:`app.core.story.build_story_prompt` assembles from the text before the cursor and
  the aids (memory first, lorebook and author's note near the end, so llama.cpp's prefix
  reuse re-evaluates only the tail after an edit near the end). A story too long for the
  context window loses its oldest text first (:func:`app.core.story.fit_story`).
- **Rewrite** replaces the selection, **Describe** inserts a more detailed version after
  it; both are chat instructions (:data:`REWRITE_SYSTEM`), for instruct models.
- **Give me 3** (Ctrl+Shift+Enter) writes three continuations one after another with
  different seeds, shown side by side; "Use this" inserts one at the cursor.
- **Stop** (Esc) stops writing or evaluating.

Each AI insertion is one undo step: the first piece opens an edit block and every later
piece joins it (``QTextCursor.joinPreviousEditBlock``); the editor is read-only while the
model writes. AI text is shown in the palette's Link colour until the writer edits it
(:class:`app.ui.story_widgets.SpanTracker`). The spans (only settled ones, not one being
written) are saved with the text and put back, coloured, when the story is opened; stored
spans that do not fit the text are left out and logged. Undo of an AI insertion followed
by Redo brings its span back with its tokens. A restored version has no AI spans (versions
keep only the text and aids), though Ctrl+Z of the restore brings them back.

**Show probabilities** tints AI tokens by their probability (local engines always ask for
:data:`TOP_LOGPROBS` alternatives per token); hovering shows the alternatives, Ctrl+click
or the context menu's "Alternatives" picks one: the token is replaced, the rest of that
AI text is discarded and the model continues from there.

**Evaluate** scores the selection (or the whole story) with the local model
(:meth:`app.engines.local.client.LocalEngine.score`): perplexity, exp of the mean negative
log-likelihood per token (Jelinek et al. 1977; see :mod:`app.core.perplexity`), and each
token tinted by its surprise until the next edit.

Each Continue, Rewrite and Describe is also stored as a user message (the text before
the cursor, or the instruction) and the model's reply, streamed and partial-saved (C14).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.prompts import title_from_text
from app.core.spans import TokenChoice
from app.core.story import (
    StoryPrompt,
    StorySettings,
    budget_tokens,
    build_story_prompt,
    fit_story,
    surely_fits,
)
from app.core.types import ChatMessage, GenerationParams, Pane
from app.engines.base import (
    Capabilities,
    Done,
    EngineError,
    Failed,
    GenerationRequest,
    ScoreResult,
    TokenLogprob,
)
from app.storage.documents import (
    DocumentStore,
    StoryDocument,
    VersionReason,
    export_story,
    read_story_file,
)
from app.storage.history import HistoryStore
from app.ui.engine_bridge import EngineHub, ReplyRecord
from app.ui.panes.base import PaneBase
from app.ui.story_widgets import (
    AidsPanel,
    AiSpan,
    AlternativesPanel,
    ScoredToken,
    SpanTracker,
    StoryController,
    StoryEditor,
    VersionsDialog,
    ai_colour,
    alternatives_of,
    blend,
    probability_tint,
    scored_tokens,
    shown_token,
    side_panel,
    surprise_tint,
    text_before,
    text_between,
    tint_colour,
    utf16_len,
)
from app.ui.tasks import run_in_thread
from app.ui.token_meter import MIN_REPLY_TOKENS, TokenMeter
from app.ui.widgets import describe_final, failure_text

__all__ = ["AUTOSAVE_MS", "StoryPane", "text_before"]

log = logging.getLogger(__name__)

#: Delay of the autosave after the last change, in milliseconds.
AUTOSAVE_MS = 2000
#: Delay of the token budget count after the last change, in milliseconds.
BUDGET_MS = 600
#: Characters per line of the editor's measure (UI.md: about 70).
STORY_MEASURE_CHARS = 70
#: Alternatives asked for per AI token on local engines (and on remote ones while
#: "Show probabilities" is on).
TOP_LOGPROBS = 5
#: How many continuations "Give me 3" writes.
ALTERNATIVES = 3
#: Alternatives are sampled at this temperature at least: at 0 all three would be the same.
ALTERNATIVES_MIN_TEMPERATURE = 0.7
#: Tokens allowed for the chat template around Rewrite/Describe's messages (role markers
#: and the like) when checking that a selection fits n_ctx.
SELECTION_TEMPLATE_TOKENS = 32
#: Recent stories in the "Open" menu.
RECENT_STORIES = 12

#: The system prompt of Rewrite and Describe.
REWRITE_SYSTEM = (
    "You are a writing assistant for a fiction writer. Answer with the new passage only: "
    "no introduction, no quotation marks, no comments."
)
REWRITE_USER = "Rewrite this passage in better prose, keeping its meaning, tense and point of view:\n\n{text}"
DESCRIBE_USER = (
    "Describe in more detail what happens in this passage; write the text that comes right "
    "after it, in the same style:\n\n{text}"
)


@dataclass
class _Alternatives:
    """A "Give me 3" run: where the chosen one goes, and what each alternative wrote."""

    cursor: QTextCursor
    prompt: str
    seed: int
    texts: list[str] = field(default_factory=list)
    entries: list[list[TokenLogprob]] = field(default_factory=list)
    index: int = 0
    cancelled: bool = False
    running: bool = True


class StoryPane(PaneBase):
    """Write a story with the model: Continue, Rewrite, Describe, alternatives, token
    probabilities, perplexity, versions.

    Public API (besides :class:`PaneBase`): :meth:`continue_story`,
    :meth:`rewrite_selection`, :meth:`describe_selection`, :meth:`give_alternatives`,
    :meth:`use_alternative`, :meth:`dismiss_alternatives`, :meth:`choose_alternative`,
    :meth:`token_tooltip`, :meth:`evaluate`, :meth:`save_draft`, :meth:`restore_version`,
    :meth:`show_versions`, :meth:`export_to`, :meth:`import_from`, :meth:`settings`;
    attributes ``editor``, ``aids``, ``alternatives``, ``doc``, ``last_prompt`` (the raw
    prompt or instruction last sent), ``last_request``, ``last_score``, ``spans``.

    Signals:
        alternatives_ready(): all continuations of "Give me 3" are written (or stopped).
        scored(object): Evaluate ended: a :class:`ScoreResult`, or the error message.
        budget_counted(): the token budget shown was recounted.
    """

    PANE = Pane.STORY
    controller: StoryController

    alternatives_ready = Signal()
    scored = Signal(object)
    budget_counted = Signal()

    def __init__(self, hub: EngineHub, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(hub, store, parent)
        self.controller.deleteLater()  # the base's: this pane needs log-probabilities and scoring
        self.controller = StoryController(hub, self)
        self.controller.notice.connect(self.notice)
        self.documents = DocumentStore(store)
        self.doc: StoryDocument | None = None
        self.spans = SpanTracker()
        self.score_overlay: list[ScoredToken] = []
        self.last_prompt = ""
        self.last_request: GenerationRequest | None = None
        self.last_score: ScoreResult | None = None
        self._caps = self._active_capabilities()
        self._loading = False  # filling the widgets from a document: not an edit
        self._mode: str | None = None  # continue, rewrite, describe, retoken, alternatives
        self._preparing = False  # the prompt is being fitted into n_ctx on a worker thread
        self._prepare_cancelled = False
        self._cut: QTextCursor | None = None  # the story before it is left out of prompts
        self._insert_cursor: QTextCursor | None = None
        self._first_piece = True
        self._space_first = False  # Describe: a space before the text if it needs one
        self._alt: _Alternatives | None = None
        self._score_base = 0
        self._score_text = ""
        self._score_revision = -1
        self._budget_busy = False
        self.versions_dialog: VersionsDialog | None = None
        self._build()
        self._connect()
        self._update_actions()

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        em = self.fontMetrics().averageCharWidth()
        self.editor = StoryEditor()
        self.editor.setAccessibleName(self.tr("Story text"))
        self.editor.setPlaceholderText(
            self.tr(
                "Start your story here, then press Continue (Ctrl+Enter).\n\n"
                "Try: “The lighthouse keeper found a letter in the sand.”"
            )
        )
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 1.2)
        font.setStyleHint(QFont.StyleHint.Serif)
        self.editor.setFont(font)
        self.editor.setMaximumWidth(self.editor.fontMetrics().averageCharWidth() * (STORY_MEASURE_CHARS + 8))
        self.editor.setTabChangesFocus(True)  # keyboard users leave the editor with Tab
        self.editor.tooltip_for = self.token_tooltip
        self.editor.extend_menu = self._extend_menu

        # the document row: story menu, title, versions, aids
        self.story_menu = QMenu(self)
        self.new_action = self.story_menu.addAction(self.tr("&New story"), self.new_conversation)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.recent_menu = self.story_menu.addMenu(self.tr("&Open recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.story_menu.addSeparator()
        self.import_action = self.story_menu.addAction(self.tr("&Import…"), self.import_dialog)
        self.export_action = self.story_menu.addAction(self.tr("&Export…"), self.export_dialog)
        self.versions_action = self.story_menu.addAction(self.tr("&Versions…"), self.show_versions)
        self.menu_button = QToolButton()
        self.menu_button.setText(self.tr("&Story"))
        self.menu_button.setAccessibleName(self.tr("Story menu: new, open, import, export, versions"))
        self.menu_button.setMenu(self.story_menu)
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.new_button = QPushButton(self.tr("New"))
        self.new_button.setAccessibleName(self.tr("New story"))
        self.new_button.setToolTip(self.tr("Start a new story (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_conversation)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Story title"))
        self.title_edit.setPlaceholderText(self.tr("Title (the first words if left empty)"))
        self.versions_button = QPushButton(self.tr("&Versions…"))
        self.versions_button.setAccessibleName(self.tr("Versions of the story"))
        self.versions_button.clicked.connect(self.show_versions)
        self.aids_button = QToolButton()
        self.aids_button.setText(self.tr("&Aids"))
        self.aids_button.setCheckable(True)
        self.aids_button.setChecked(True)
        self.aids_button.setAccessibleName(self.tr("Show memory, author's note and lorebook"))
        self.aids_button.setToolTip(self.tr("Memory, author's note, lorebook and the token budget"))
        document_row = QHBoxLayout()
        document_row.addWidget(self.menu_button)
        document_row.addWidget(self.new_button)
        document_row.addWidget(self.title_edit, 1)
        document_row.addWidget(self.versions_button)
        document_row.addWidget(self.aids_button)

        # the writing row
        def button(text: str, name: str, slot: Callable[[], object], tip: str = "") -> QPushButton:
            widget = QPushButton(text)
            widget.setAccessibleName(name)
            widget.setToolTip(tip)
            widget.clicked.connect(lambda _checked=False: slot())
            return widget

        self.continue_button = button(
            self.tr("&Continue"), self.tr("Continue the story at the cursor"), self.continue_story
        )
        self.rewrite_button = button(
            self.tr("&Rewrite"),
            self.tr("Rewrite the selection"),
            self.rewrite_selection,
            self.tr("Rewrite the selected passage (an instruction to the model; best with instruct models)"),
        )
        self.describe_button = button(
            self.tr("&Describe"),
            self.tr("Describe the selection in more detail"),
            self.describe_selection,
            self.tr("Write a more detailed version of the selected passage after it"),
        )
        self.alternatives_button = button(
            self.tr("Give me &3"),
            self.tr("Write three continuations to choose from"),
            self.give_alternatives,
        )
        self.stop_button = button(self.tr("Stop"), self.tr("Stop writing"), self.stop, self.tr("Stop (Esc)"))
        self.probabilities_button = QPushButton(self.tr("Show &probabilities"))
        self.probabilities_button.setCheckable(True)
        self.probabilities_button.setAccessibleName(self.tr("Show token probabilities"))
        self.evaluate_button = button(
            self.tr("&Evaluate"),
            self.tr("Evaluate the perplexity of the selection or the story"),
            self.evaluate,
        )
        writing_row = QHBoxLayout()
        for widget in (
            self.continue_button,
            self.rewrite_button,
            self.describe_button,
            self.alternatives_button,
            self.stop_button,
        ):
            writing_row.addWidget(widget)
        writing_row.addSpacing(em * 2)
        writing_row.addWidget(self.probabilities_button)
        writing_row.addWidget(self.evaluate_button)
        writing_row.addStretch(1)

        self.alternatives = AlternativesPanel(ALTERNATIVES)
        self.alternatives.setVisible(False)
        editor_row = QHBoxLayout()
        editor_row.addStretch(1)
        editor_row.addWidget(self.editor, 100)
        editor_row.addStretch(1)
        editor_column = QWidget()
        column = QVBoxLayout(editor_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(editor_row, 1)
        column.addWidget(self.alternatives)
        self.aids = AidsPanel()
        self.aids_area = side_panel(self.aids)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(editor_column)
        self.splitter.addWidget(self.aids_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([em * 90, em * 38])

        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Story status"))
        self.status.setWordWrap(True)
        self.perplexity_label = QLabel()
        self.perplexity_label.setAccessibleName(self.tr("Perplexity"))
        self.perplexity_label.setToolTip(
            self.tr(
                "exp of the mean negative log-likelihood per token under the loaded model: "
                "lower means the model found the text more predictable"
            )
        )
        self.score_progress = QProgressBar()
        self.score_progress.setAccessibleName(self.tr("Evaluation progress"))
        self.score_progress.setMaximumWidth(em * 18)
        self.score_progress.setVisible(False)
        self.score_cancel = QPushButton(self.tr("Cancel"))
        self.score_cancel.setAccessibleName(self.tr("Cancel the evaluation"))
        self.score_cancel.setVisible(False)
        self.meter = TokenMeter(self.hub, self._meter_payload)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.perplexity_label)
        status_row.addWidget(self.score_progress)
        status_row.addWidget(self.score_cancel)
        status_row.addWidget(self.meter)

        layout = QVBoxLayout(self)
        layout.addLayout(document_row)
        layout.addLayout(writing_row)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(status_row)

        for keys, slot in (
            ("Ctrl+Return", self.continue_story),
            ("Ctrl+Shift+Return", self.give_alternatives),
            ("Esc", self.stop),
            ("Ctrl+N", self.new_conversation),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _connect(self) -> None:
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._autosave_now)
        self._budget_timer = QTimer(self)
        self._budget_timer.setSingleShot(True)
        self._budget_timer.setInterval(BUDGET_MS)
        self._budget_timer.timeout.connect(self._count_budget)
        self.editor.textChanged.connect(self._changed)
        self.editor.textChanged.connect(self.meter.schedule)
        self.editor.cursorPositionChanged.connect(self.meter.schedule)
        self.editor.cursorPositionChanged.connect(self._budget_timer.start)
        self.editor.document().contentsChange.connect(self._contents_change)
        self.editor.focus_lost.connect(self._save_if_pending)
        self.editor.token_clicked.connect(self._token_clicked)
        self.aids.changed.connect(self._changed)
        self.aids.changed.connect(self.meter.schedule)
        self.aids.focus_lost.connect(self._save_if_pending)
        self.aids_button.toggled.connect(self.aids_area.setVisible)
        self.title_edit.editingFinished.connect(self._title_edited)
        self.probabilities_button.toggled.connect(lambda _on: self._refresh_highlights())
        self.score_cancel.clicked.connect(self.controller.cancel_score)
        self.alternatives.chosen.connect(self.use_alternative)
        self.alternatives.dismissed.connect(self.dismiss_alternatives)
        self.controller.pieces_ready.connect(self._pieces)
        self.controller.finished.connect(self._finished)
        self.controller.score_progress.connect(self._score_progress)
        self.controller.scored.connect(self._scored)
        self.hub.model_loaded.connect(lambda _info: self._budget_timer.start())
        self.hub.active_changed.connect(self._budget_timer.start)

    # -- PaneBase ---------------------------------------------------------------------------
    def focus_main(self) -> None:
        self.editor.setFocus()

    def stop(self) -> None:
        """Stop writing (also the rest of "Give me 3") and any evaluation."""
        if self._alt is not None and self._alt.running:
            self._alt.cancelled = True
        if self._preparing:
            self._prepare_cancelled = True
        self.controller.stop()
        self.controller.cancel_score()

    def set_capabilities(self, capabilities: Capabilities) -> None:
        """Grey out what the active engine cannot do (Continue needs raw completion,
        probabilities need logprobs, Evaluate the local engine), with the reason."""
        self._caps = capabilities
        self._update_actions()
        self._budget_timer.start()

    def _active_capabilities(self) -> Capabilities:
        try:
            return self.hub.active.capabilities
        except AssertionError:  # a hub without an engine (never in the window)
            return Capabilities()

    def _busy(self) -> bool:
        return (
            self.is_generating()
            or self._preparing
            or (self._alt is not None and self._alt.running)
            or self.controller.is_scoring()
        )

    def _update_actions(self) -> None:
        caps = self._caps
        busy = self._busy()
        raw = caps.raw_completion
        self.continue_button.setEnabled(raw and not busy)
        self.alternatives_button.setEnabled(raw and not busy)
        no_raw = (
            (caps.reason("raw_completion") or self.tr("The chosen provider offers no raw completion."))
            + " "
            + self.tr(
                "Continue needs raw completion; choose a local model or an OpenAI-compatible server "
                "in the status bar."
            )
        )
        self.continue_button.setToolTip(self.tr("Continue at the cursor (Ctrl+Enter)") if raw else no_raw)
        self.alternatives_button.setToolTip(
            self.tr(
                "Write {n} continuations one after another (different seeds, temperature at least "
                "{t}) and pick one (Ctrl+Shift+Enter)"
            ).format(n=ALTERNATIVES, t=ALTERNATIVES_MIN_TEMPERATURE)
            if raw
            else no_raw
        )
        self.rewrite_button.setEnabled(not busy)
        self.describe_button.setEnabled(not busy)
        self.stop_button.setEnabled(self.is_generating() or self.controller.is_scoring())
        self.probabilities_button.setEnabled(caps.logprobs)
        self.probabilities_button.setToolTip(
            self.tr(
                "Tint the AI's words by how likely the model found them; hover for the "
                "alternatives, Ctrl+click to choose one"
            )
            if caps.logprobs
            else caps.reason("logprobs") or self.tr("This engine gives no token probabilities.")
        )
        can_score = caps.perplexity and not self.hub.is_remote
        self.evaluate_button.setEnabled(can_score and not busy)
        self.evaluate_button.setToolTip(
            self.tr("Perplexity of the selection, or of the whole story, under the loaded model")
            if can_score
            else caps.reason("perplexity")
            or self.tr("Perplexity needs a local model: remote providers do not score texts.")
        )

    # -- documents --------------------------------------------------------------------------
    def settings(self) -> StorySettings:
        """The :class:`StorySettings` of the aids as they are now."""
        return self.aids.settings()

    def _changed(self) -> None:
        if self._loading:
            return
        if self.is_generating():  # save the streaming text every AUTOSAVE_MS, not never
            if not self._autosave.isActive():
                self._autosave.start()
        else:
            self._autosave.start()
        self._budget_timer.start()

    def _save_if_pending(self) -> None:
        if self._autosave.isActive():
            self.save_draft()

    def _collect(self, doc: StoryDocument) -> None:
        doc.text = self.editor.toPlainText()
        doc.memory = self.aids.memory.toPlainText()
        doc.authors_note = self.aids.note.toPlainText()
        doc.note_depth = self.aids.note_depth.value()
        doc.lorebook = self.aids.rows()
        doc.preset = self.params.to_dict()
        doc.ai_spans = self.spans.to_json()  # settled spans, positions in doc.text

    def _has_content(self) -> bool:
        return bool(
            self.editor.toPlainText().strip()
            or self.aids.memory.toPlainText().strip()
            or self.aids.note.toPlainText().strip()
            or self.aids.lorebook.rowCount()
        )

    def save_draft(self, reason: VersionReason | None = "edit") -> None:
        """Store the story now (a new story becomes a document on its first save) and take
        a version: for ``reason`` 'edit' only if the last editing version is over a minute
        old; 'generation' before and after the model writes; None: no version (the
        autosave while the model writes)."""
        self._autosave.stop()
        if self.doc is None:
            if not self._has_content():
                return
            text = self.editor.toPlainText()
            title = self.title_edit.text().strip() or title_from_text(text) or self.tr("Untitled story")
            self.doc = self.documents.create(title, model=self.model_name())
            self.conversation_id = self.doc.conversation_id
            self.history_changed.emit()
        elif self.store.get_conversation(self.doc.conversation_id) is None:
            return  # deleted meanwhile (History): never bring it back by saving
        self._collect(self.doc)
        self.documents.save(self.doc)
        if reason is not None:
            self.documents.snapshot(self.doc.conversation_id, reason)

    def _autosave_now(self) -> None:
        self.save_draft(None if self.is_generating() else "edit")

    def _show(self, doc: StoryDocument | None, text: str) -> None:
        """Fill the pane from ``doc`` (None: empty) without counting it as an edit; its AI
        spans are coloured again (those that fit the text)."""
        self._loading = True
        try:
            self.doc = doc
            self.conversation_id = doc.conversation_id if doc else None
            self.title_edit.setText(doc.title if doc else "")
            self.aids.show_document(doc)
            self.spans.clear()
            self.score_overlay = []
            self._cut = None
            self.editor.setPlainText(text)
            if doc is not None and doc.ai_spans:
                for problem in self.spans.load(doc.ai_spans, self.editor.toPlainText()):
                    log.warning("Story %s: a stored AI span was left out: %s", doc.conversation_id, problem)
            self.editor.moveCursor(QTextCursor.MoveOperation.End)
            if doc is not None and doc.preset:
                self.params = _params_from(doc.preset, self.params)
        finally:
            self._loading = False
        self._autosave.stop()
        self.dismiss_alternatives()
        self.status.clear()
        self.perplexity_label.clear()
        self._refresh_highlights()
        self._budget_timer.start()

    def new_conversation(self) -> None:
        if self._busy():
            return
        self.save_draft()
        self._show(None, "")
        self.editor.setFocus()

    def open_conversation(self, conversation_id: int) -> None:
        """Open a stored story (old stories without a document show their last exchange);
        its old versions are pruned."""
        if self._busy():
            self.status.setText(self.tr("Wait for the model, or stop it (Esc), then open the story."))
            return
        if self.conversation_id != conversation_id:
            self.save_draft()
        doc = self.documents.get(conversation_id)
        if doc is None:
            return
        self.documents.prune(conversation_id)
        text = doc.text
        if self.store.get_draft(conversation_id) is None:  # a story from before documents
            thread = self.store.thread(conversation_id)
            prompt = next((m.content for m in reversed(thread) if m.role == "user"), "")
            reply = thread[-1].content if thread and thread[-1].role == "assistant" else ""
            text = prompt + reply
        self._show(doc, text)

    def _title_edited(self) -> None:
        title = self.title_edit.text().strip()
        if self.doc is None:
            if title:
                self._changed()
            return
        if title and title != self.doc.title:
            self.doc.title = title
            self.store.rename_conversation(self.doc.conversation_id, title)
            self.history_changed.emit()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        stories = self.store.list_conversations("story", pinned_first=False, limit=RECENT_STORIES)
        for summary in stories:
            action = self.recent_menu.addAction(summary.title or self.tr("Untitled story"))
            action.triggered.connect(lambda _checked=False, cid=summary.id: self.open_conversation(cid))
        if not stories:
            self.recent_menu.addAction(self.tr("No stories yet")).setEnabled(False)

    # -- versions ---------------------------------------------------------------------------
    def show_versions(self) -> VersionsDialog | None:
        """Open the Versions dialog of the story (saved first); None for an empty new story."""
        self.save_draft()
        if self.doc is None:
            self.status.setText(self.tr("Write something first: a new story has no versions yet."))
            return None
        if self.versions_dialog is not None:
            self.versions_dialog.close()
            self.versions_dialog.deleteLater()
        dialog = VersionsDialog(self.documents, self.doc.conversation_id, self)
        dialog.restore_requested.connect(self.restore_version)
        self.versions_dialog = dialog
        dialog.open()
        return dialog

    def restore_version(self, version_id: int) -> bool:
        """Make a version the story again. The current state is kept as a version first,
        and the text change is one undo step in the editor (Ctrl+Z brings it back, with its
        AI spans). The restored text has no AI spans: versions do not keep them."""
        if self._busy() or self.doc is None:
            return False
        self.save_draft()
        try:
            restored = self.documents.restore(self.doc.conversation_id, version_id)
        except KeyError:
            return False
        self._loading = True
        try:
            cursor = QTextCursor(self.editor.document())
            cursor.beginEditBlock()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(restored.text)
            cursor.endEditBlock()
            self.aids.show_document(restored)
            self.doc = restored
        finally:
            self._loading = False
        self.status.setText(self.tr("Version restored. Ctrl+Z undoes it; the text before is a version too."))
        self._budget_timer.start()
        return True

    # -- files ------------------------------------------------------------------------------
    def export_to(self, path: str | Path) -> Path | None:
        """Write the story to ``path`` (.md, .txt or .docx by its suffix); None, with the
        reason in the status line, if it cannot be written."""
        self.save_draft()
        doc = self.doc or StoryDocument(0, self.title_edit.text().strip() or self.tr("Untitled story"))
        self._collect(doc)
        try:
            written = export_story(doc, Path(path))
        except (ValueError, OSError) as exc:
            self.status.setText(self.tr("The story could not be exported: {why}").format(why=exc))
            return None
        self.status.setText(self.tr("Exported to {path}.").format(path=written))
        return written

    def import_from(self, path: str | Path) -> int | None:
        """Open a .txt or .md file as a new story; returns its id (None, with the reason in
        the status line, if the file cannot be read)."""
        if self._busy():
            return None
        try:
            title, text = read_story_file(Path(path))
        except (ValueError, OSError) as exc:
            self.status.setText(self.tr("The file could not be imported: {why}").format(why=exc))
            return None
        if Path(path).suffix.lower() != ".txt" and text.endswith("\n"):
            text = text[:-1]  # the newline export_story ends a Markdown file with
        self.save_draft()
        doc = self.documents.create(title, text, model=self.model_name())
        self.history_changed.emit()
        self.open_conversation(doc.conversation_id)
        self.status.setText(self.tr("Imported “{title}”.").format(title=title))
        return doc.conversation_id

    def export_dialog(self) -> None:
        title = self.title_edit.text().strip() or "story"
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the story"),
            f"{title}.md",
            self.tr("Markdown (*.md);;Plain text (*.txt);;Word document (*.docx)"),
        )
        if path:
            self.export_to(path)

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a story"), "", self.tr("Text and Markdown (*.txt *.md *.markdown)")
        )
        if path:
            self.import_from(path)

    # -- prompts ----------------------------------------------------------------------------
    def _meter_payload(self) -> tuple[str, object]:
        before = text_before(self.editor.toPlainText(), self.editor.textCursor().position())
        return "text", build_story_prompt(self._after_cut(before), self.aids.settings()).text

    def _after_cut(self, before: str) -> str:
        """``before`` (the text up to the cursor) without the story's oldest part that the
        last fitting left out (:meth:`_prepare`)."""
        cut = self._cut_chars(before)
        return before[cut:]

    def _cut_chars(self, before: str) -> int:
        if self._cut is None:
            return 0
        cut = len(text_before(before, self._cut.position()))
        return cut if cut < len(before) else 0

    def _prepare(self, story: str, then: Callable[[StoryPrompt], None]) -> None:
        """Assemble the prompt for ``story`` (the text before the cursor) and call ``then``
        with it: at once when it surely fits n_ctx, else after fitting it on a worker
        thread (counting tokens needs the engine host).

        A story too long for :func:`~app.core.story.budget_tokens` loses its oldest text
        (:func:`~app.core.story.fit_story`, which trims with hysteresis), and the cut stays
        where it is (a cursor in the document) for the next requests, so the prompt's
        start, and llama.cpp's prefix reuse, survive the writing.
        """
        settings = self.aids.settings()
        cut = self._cut_chars(story)
        kept = story[cut:]
        prompt = build_story_prompt(kept, settings)
        model = self.hub.model
        if self.hub.is_remote or model is None or not model.n_ctx:
            then(prompt)
            return
        budget = budget_tokens(model.n_ctx, self.params.max_tokens)
        if surely_fits(prompt.text, budget):
            then(prompt)
            return
        engine = self.hub.engine

        def fitted(result: object) -> None:
            assert isinstance(result, StoryPrompt)
            if result.left_out_chars:
                position = utf16_len(story[: cut + result.left_out_chars])
                self._cut = QTextCursor(self.editor.document())
                self._cut.setPosition(min(position, self.editor.document().characterCount() - 1))
            then(result)

        self._count_off_thread(
            self.tr("Fitting the story into the context window…"),
            lambda: fit_story(kept, settings, budget, engine.count_tokens),
            fitted,
        )

    def _count_off_thread(
        self, doing: str, work: Callable[[], object], then: Callable[[object], None]
    ) -> None:
        """Run ``work`` (token counting, which needs the engine host) on a worker thread
        with ``doing`` in the status line and the pane busy (Stop cancels), then call
        ``then`` with its result on the GUI thread; an error is shown instead."""
        self._preparing = True
        self._prepare_cancelled = False
        self._update_actions()
        self.status.setText(doing)

        def done(result: object) -> None:
            self._preparing = False
            self._update_actions()
            if self._prepare_cancelled:
                self.status.setText(self.tr("Stopped."))
            elif isinstance(result, EngineError):
                self.status.setText("⚠ " + failure_text(result.kind, result.message))
            elif isinstance(result, BaseException):
                self.status.setText("⚠ " + str(result))
            else:
                self.status.clear()
                then(result)

        run_in_thread(self, work, done, "penwright-count")

    def _request(
        self, prompt: str | None = None, messages: tuple[ChatMessage, ...] = ()
    ) -> GenerationRequest:
        """A request with log-probabilities where they are cheap (local) or wanted."""
        wants = self._caps.logprobs and (not self.hub.is_remote or self.probabilities_button.isChecked())
        request = GenerationRequest(
            messages=messages, prompt=prompt, params=self.params, top_logprobs=TOP_LOGPROBS if wants else 0
        )
        self.last_request = request
        self.last_prompt = prompt if prompt is not None else messages[-1]["content"]
        return request

    def _can_start(self, needs_raw: bool) -> bool:
        if self._busy() or not self.ensure_model():
            return False
        if needs_raw and not self._caps.raw_completion:
            self.status.setText(self.continue_button.toolTip())
            return False
        return True

    def _record(self, user_text: str) -> ReplyRecord | None:
        if self.doc is None:
            return None
        parent = self.store.add_message(self.doc.conversation_id, "user", user_text)
        return ReplyRecord(self.store, self.doc.conversation_id, parent, self.model_name())

    def _begin(self, mode: str, cursor: QTextCursor) -> None:
        """Common start of a generation into the editor at ``cursor``."""
        self._mode = mode
        self._insert_cursor = cursor
        self._first_piece = True
        self.editor.setReadOnly(True)
        self.status.setText(self.tr("Writing…"))
        self.spans.live = AiSpan(cursor.selectionStart(), cursor.selectionStart())

    def _started(self) -> None:
        self._update_actions()
        self.busy_changed.emit(True)
        self.history_changed.emit()

    def _text_before_cursor(self, nothing: str) -> tuple[QTextCursor, str] | None:
        """For Continue and alternatives (raw completion): the cursor, without selection,
        and the text before it; None (with ``nothing`` or the reason shown) when the pane
        cannot start or there is no text before the cursor."""
        if not self._can_start(needs_raw=True):
            return None
        cursor = self.editor.textCursor()
        cursor.clearSelection()
        before = text_before(self.editor.toPlainText(), cursor.position())
        if not before.strip():
            self.status.setText(nothing)
            return None
        return cursor, before

    # -- continue -----------------------------------------------------------------------------
    def continue_story(self) -> None:
        """Generate from the text before the cursor (with the aids) and insert at the cursor."""
        found = self._text_before_cursor(
            self.tr("Write a few words first: Continue goes on from the cursor.")
        )
        if found is None:
            return
        cursor, before = found
        self.save_draft("generation")

        def start(prompt: StoryPrompt) -> None:
            if self._busy():
                return
            self._begin("continue", QTextCursor(cursor))
            self.controller.start(self._request(prompt=prompt.text), self._record(before))
            self._started()

        self._prepare(before, start)

    # -- rewrite and describe ---------------------------------------------------------------
    def _instruction(self, template: str, selection: str) -> tuple[ChatMessage, ...]:
        system = REWRITE_SYSTEM
        memory = self.aids.memory.toPlainText().strip()
        if memory:
            system += "\n\nWhat the writer noted about the story:\n" + memory
        return (
            {"role": "system", "content": system},
            {"role": "user", "content": template.format(text=selection)},
        )

    def rewrite_selection(self) -> None:
        """Ask the model to rewrite the selection; the reply replaces it (one undo step)."""
        self._from_selection("rewrite", REWRITE_USER)

    def describe_selection(self) -> None:
        """Ask the model for a more detailed version; it is inserted after the selection."""
        self._from_selection("describe", DESCRIBE_USER)

    def _from_selection(self, mode: str, template: str) -> None:
        if not self._can_start(needs_raw=False):
            return
        cursor = self.editor.textCursor()
        text = self.editor.toPlainText()
        selection = text_between(text, cursor.selectionStart(), cursor.selectionEnd())
        if not selection.strip():
            self.status.setText(self.tr("Select a passage first."))
            return
        messages = self._instruction(template, selection)
        model = self.hub.model
        if self.hub.is_remote or model is None or not model.n_ctx:
            self._start_selection(mode, cursor, text, messages)
            return
        limit = model.n_ctx - MIN_REPLY_TOKENS
        joined = "".join(m["content"] for m in messages)
        if surely_fits(joined, limit - SELECTION_TEMPLATE_TOKENS):
            self._start_selection(mode, cursor, text, messages)
            return
        # Perhaps too long for n_ctx: count off the GUI thread, and refuse before anything
        # is stored (a request that can never be answered is not kept).
        engine = self.hub.engine

        def counted(result: object) -> None:
            assert isinstance(result, int)
            if result > limit:
                self.status.setText(
                    "⚠ "
                    + self.tr(
                        "The selection takes {used:,} tokens; the model's context holds {n_ctx:,} (n_ctx). "
                        "Select a shorter passage, or load the model with a larger n_ctx in Models."
                    ).format(used=result, n_ctx=model.n_ctx)
                )
            elif self.editor.toPlainText() != text:
                self.status.setText(self.tr("The text changed while it was counted; try again."))
            else:
                self._start_selection(mode, cursor, text, messages)

        self._count_off_thread(
            self.tr("Counting the selection's tokens…"),
            lambda: engine.count_tokens(joined) + SELECTION_TEMPLATE_TOKENS,
            counted,
        )

    def _start_selection(
        self,
        mode: str,
        cursor: QTextCursor,
        text: str,
        messages: tuple[ChatMessage, ...],
    ) -> None:
        """Rewrite or Describe the selection of ``cursor`` in ``text`` with ``messages``."""
        self.save_draft("generation")
        target = QTextCursor(self.editor.document())
        if mode == "rewrite":
            target.setPosition(cursor.selectionStart())
            target.setPosition(cursor.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
        else:
            target.setPosition(cursor.selectionEnd())
        before = text_before(text, cursor.selectionEnd())
        self._space_first = mode == "describe" and bool(before) and not before[-1].isspace()
        self._begin(mode, target)
        self.controller.start(self._request(messages=messages), self._record(messages[-1]["content"]))
        self._started()

    # -- streaming into the editor ---------------------------------------------------------
    def _pieces(self, text: str, entries: object) -> None:
        assert isinstance(entries, tuple)
        if self._mode == "alternatives":
            alt = self._alt
            if alt is not None:
                alt.texts[alt.index] += text
                alt.entries[alt.index].extend(entries)
                self.alternatives.append(alt.index, text)
            return
        cursor = self._insert_cursor
        live = self.spans.live
        if cursor is None or live is None:
            return
        self.spans.ai_inserting = True
        try:
            if self._first_piece:
                cursor.beginEditBlock()
                self._first_piece = False
                if cursor.hasSelection():
                    cursor.removeSelectedText()
                live.start = live.end = cursor.position()
                if self._space_first and not text[:1].isspace():
                    text, entries = " " + text, ()
                    self._space_first = False
            else:
                cursor.joinPreviousEditBlock()
            cursor.insertText(text)
            cursor.endEditBlock()
        finally:
            self.spans.ai_inserting = False
        live.grow(text, entries)
        self._refresh_highlights()

    def _finished(self, final: object) -> None:
        if self._mode == "alternatives":
            self._alternative_finished(final)
            return
        live, self.spans.live = self.spans.live, None
        if live is not None:
            self._settle(live)
        self._insert_cursor = None
        self._mode = None
        self._space_first = False
        self.editor.setReadOnly(False)
        self.save_draft("generation")
        self.status.setText(describe_final(final))
        self._refresh_highlights()
        self._update_actions()
        self.busy_changed.emit(False)
        self.history_changed.emit()
        self._budget_timer.start()

    # -- alternatives --------------------------------------------------------------------------
    def give_alternatives(self) -> None:
        """Write :data:`ALTERNATIVES` continuations from the cursor, one after another with
        consecutive seeds; they are shown side by side (nothing is inserted yet)."""
        found = self._text_before_cursor(
            self.tr("Write a few words first: alternatives go on from the cursor.")
        )
        if found is None:
            return
        cursor, before = found
        self.save_draft()

        def start(prompt: StoryPrompt) -> None:
            if self._busy():
                return
            seed = self.params.with_resolved_seed().seed
            self._alt = _Alternatives(
                QTextCursor(cursor),
                prompt.text,
                seed,
                texts=[""] * ALTERNATIVES,
                entries=[[] for _ in range(ALTERNATIVES)],
            )
            self.alternatives.reset()
            self.alternatives.setVisible(True)
            self.editor.setReadOnly(True)
            self.status.setText(self.tr("Writing alternative 1 of {n}…").format(n=ALTERNATIVES))
            self._start_alternative()
            self._started()

        self._prepare(before, start)

    def _start_alternative(self) -> None:
        alt = self._alt
        assert alt is not None
        self._mode = "alternatives"
        params = replace(
            self.params,
            seed=(alt.seed + alt.index) % 2**31,
            temperature=max(self.params.temperature, ALTERNATIVES_MIN_TEMPERATURE),
        )
        request = replace(self._request(prompt=alt.prompt), params=params)
        self.last_request = request
        self.controller.start(request, None)

    def _alternative_finished(self, final: object) -> None:
        alt = self._alt
        if alt is None:
            return
        ok = isinstance(final, Done) and bool(alt.texts[alt.index])
        self.alternatives.finish(alt.index, ok)
        stopped = alt.cancelled or not isinstance(final, Done) or final.reason == "cancelled"
        if not stopped and alt.index + 1 < ALTERNATIVES:
            alt.index += 1
            self.status.setText(
                self.tr("Writing alternative {i} of {n}…").format(i=alt.index + 1, n=ALTERNATIVES)
            )
            self._start_alternative()
            return
        alt.running = False
        self._mode = None
        self.editor.setReadOnly(False)
        self.status.setText(
            describe_final(final) if isinstance(final, Failed) else self.tr("Pick one, or None.")
        )
        self._update_actions()
        self.busy_changed.emit(False)
        self.alternatives_ready.emit()

    def use_alternative(self, index: int) -> str:
        """Insert alternative ``index`` at the cursor of the request (one undo step, shown
        as AI text); returns the text inserted."""
        alt = self._alt
        if alt is None or alt.running or not alt.texts[index]:
            return ""
        text, entries = alt.texts[index], tuple(alt.entries[index])
        self.save_draft("generation")
        cursor = alt.cursor
        span = AiSpan(cursor.position(), cursor.position())
        self.spans.live = span
        self.spans.ai_inserting = True
        try:
            cursor.beginEditBlock()
            cursor.insertText(text)
            cursor.endEditBlock()
        finally:
            self.spans.ai_inserting = False
            self.spans.live = None
        span.grow(text, entries)
        self._settle(span)
        self.editor.setTextCursor(cursor)
        self.dismiss_alternatives()
        self.save_draft("generation")
        self._refresh_highlights()
        self.status.setText(self.tr("Alternative {n} inserted.").format(n=index + 1))
        self.editor.setFocus()
        return text

    def dismiss_alternatives(self) -> None:
        """Hide the alternatives (the story stays as it is)."""
        if self._alt is not None and self._alt.running:
            return
        self._alt = None
        self.alternatives.setVisible(False)
        self.alternatives.reset()

    # -- token probabilities ---------------------------------------------------------------
    def token_tooltip(self, position: int) -> str:
        """What hovering the character at Qt ``position`` shows: the token's probability and
        its alternatives (AI tokens while "Show probabilities" is on; evaluated tokens);
        '' elsewhere."""
        scored = next((t for t in self.score_overlay if t.start <= position < t.start + t.length), None)
        if scored is not None:
            entry = scored.logprob
            head = self.tr("{token}: probability {p}, surprise {s:.2f} nats").format(
                token=shown_token(entry.token), p=_percent(entry.logprob), s=-entry.logprob
            )
            return self._with_alternatives(head, entry, clickable=False)
        if not self.probabilities_button.isChecked():
            return ""
        found = self.spans.token_at(position)
        if found is None:
            return ""
        span, index = found
        entry = span.tokens[index].logprob
        head = self.tr("{token}: probability {p}").format(
            token=shown_token(entry.token), p=_percent(entry.logprob)
        )
        return self._with_alternatives(head, entry, clickable=not self._busy())

    def _with_alternatives(self, head: str, entry: TokenChoice, clickable: bool) -> str:
        lines = [head]
        alternatives = alternatives_of(entry)
        if alternatives:
            lines.append(self.tr("Alternatives:"))
            lines += [f"  {shown_token(text)}  {_percent(lp)}" for text, lp in alternatives]
            if clickable:
                lines.append(self.tr("Ctrl+click to choose one."))
        return "\n".join(lines)

    def _token_clicked(self, position: int, where: QPoint) -> None:
        menu = QMenu(self)
        self._add_alternatives(menu, position)
        if menu.actions():
            menu.exec(where)
        menu.deleteLater()

    def _extend_menu(self, menu: QMenu, position: int) -> None:
        submenu = QMenu(self.tr("Alternatives"), menu)
        self._add_alternatives(submenu, position)
        if submenu.actions():
            menu.addSeparator()
            menu.addMenu(submenu)
        menu.addSeparator()
        evaluate = menu.addAction(self.tr("Evaluate"), self.evaluate)
        evaluate.setEnabled(self.evaluate_button.isEnabled())

    def _add_alternatives(self, menu: QMenu, position: int) -> None:
        if self._busy() or not self.probabilities_button.isChecked():
            return
        found = self.spans.token_at(position)
        if found is None:
            return
        span, index = found
        for text, logprob in alternatives_of(span.tokens[index].logprob):
            action = menu.addAction(f"{shown_token(text)}  {_percent(logprob)}")
            action.triggered.connect(lambda _checked=False, p=position, t=text: self.choose_alternative(p, t))

    def choose_alternative(self, position: int, alternative: str) -> bool:
        """Replace the AI token at Qt ``position`` by ``alternative``, discard the rest of
        its AI text, and continue writing from there (prompt: the text before the token +
        ``alternative``, with the aids). One undo step. False if there is no AI token with
        log-probabilities there, or the pane is busy."""
        if not self._can_start(needs_raw=True):
            return False
        found = self.spans.token_at(position)
        if found is None:
            return False
        span, index = found
        token = span.tokens[index]
        logprob = dict(token.logprob.top).get(alternative, token.logprob.logprob)
        self.save_draft("generation")
        start = span.start + token.offset
        self.spans.remove(span)
        live = AiSpan(span.start, start, span.tokens[:index])
        self.spans.live = live
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(start)
        cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
        self.spans.ai_inserting = True
        try:
            cursor.beginEditBlock()
            cursor.insertText(alternative)
            cursor.endEditBlock()
        finally:
            self.spans.ai_inserting = False
        live.grow(alternative, (TokenLogprob(alternative, logprob, token.logprob.top),))
        before = text_before(self.editor.toPlainText(), cursor.position())
        self._refresh_highlights()

        def start_generation(prompt: StoryPrompt) -> None:
            self._mode = "retoken"
            self._insert_cursor = cursor
            self._first_piece = False  # the replacement opened the undo step
            self.editor.setReadOnly(True)
            self.status.setText(self.tr("Writing from “{token}”…").format(token=alternative))
            self.controller.start(self._request(prompt=prompt.text), self._record(before))
            self._started()

        self._prepare(before, start_generation)
        return True

    # -- highlighting ---------------------------------------------------------------------
    def _settle(self, span: AiSpan) -> None:
        """Keep a span the model finished writing, with its text as the document has it."""
        self.spans.add(span, self._text_between(span.start, span.end))

    def _text_between(self, start: int, end: int) -> str:
        return text_between(self.editor.toPlainText(), start, end)

    def _contents_change(self, position: int, removed: int, added: int) -> None:
        dropped = self.spans.changed(position, removed, added, self._text_between)
        if self.score_overlay:  # the scores describe the text as it was: gone with any edit
            self.score_overlay = []
            dropped = True
        if dropped:
            self._refresh_highlights()

    def _refresh_highlights(self) -> None:
        palette = self.editor.palette()
        base = palette.color(QPalette.ColorRole.Base)
        tint = tint_colour(palette)
        colour = ai_colour(palette)
        document = self.editor.document()
        show_probabilities = self.probabilities_button.isChecked()
        selections: list[QTextEdit.ExtraSelection] = []

        def add(start: int, end: int, fmt: QTextCharFormat) -> None:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)

        plain = QTextCharFormat()
        plain.setForeground(colour)
        for span in self.spans.all():
            if span.end <= span.start:
                continue
            if not (show_probabilities and span.tokens):
                add(span.start, span.end, plain)
                continue
            for token in span.tokens:
                fmt = QTextCharFormat()
                fmt.setForeground(colour)
                fmt.setBackground(blend(base, tint, probability_tint(token.logprob.logprob)))
                start = span.start + token.offset
                add(start, start + token.length, fmt)
        spans = [(s.start, s.end) for s in self.spans.all()]
        text_colour = palette.color(QPalette.ColorRole.Text)
        for scored in self.score_overlay:
            # each extra selection is drawn over the ones before with its whole format, so
            # it needs the foreground too
            fmt = QTextCharFormat()
            inside = any(start <= scored.start < end for start, end in spans)
            fmt.setForeground(colour if inside else text_colour)
            fmt.setBackground(blend(base, tint, surprise_tint(scored.logprob.logprob)))
            add(scored.start, scored.start + scored.length, fmt)
        self.editor.setExtraSelections(selections)

    def ai_spans(self) -> list[tuple[int, int]]:
        """[start, end) of each AI-written span shown in colour (Qt positions)."""
        return [(s.start, s.end) for s in self.spans.all() if s.end > s.start]

    # -- perplexity -------------------------------------------------------------------------
    def evaluate(self) -> None:
        """Score the selection (or the whole story) with the local model on a worker
        thread; shows "Perplexity P over N tokens" and tints each token by its surprise."""
        if self._busy() or not self.evaluate_button.isEnabled() or not self.ensure_model():
            return
        cursor = self.editor.textCursor()
        full = self.editor.toPlainText()
        if cursor.hasSelection():
            start, end = cursor.selectionStart(), cursor.selectionEnd()
        else:
            start, end = 0, utf16_len(full)
        text = text_between(full, start, end)
        if not text.strip():
            self.status.setText(self.tr("There is nothing to evaluate yet."))
            return
        self._score_base = start
        self._score_text = text
        self._score_revision = self.editor.document().revision()
        self.score_progress.setRange(0, 0)
        self.score_progress.setVisible(True)
        self.score_cancel.setVisible(True)
        self.perplexity_label.clear()
        self.status.setText(self.tr("Evaluating…"))
        self.controller.score(text, TOP_LOGPROBS)
        self._update_actions()

    def _score_progress(self, done: int, total: int) -> None:
        self.score_progress.setRange(0, max(1, total))
        self.score_progress.setValue(done)

    def _scored(self, result: object) -> None:
        self.score_progress.setVisible(False)
        self.score_cancel.setVisible(False)
        if isinstance(result, ScoreResult):
            self.last_score = result
            self.perplexity_label.setText(
                self.tr("Perplexity {ppl:.1f} over {n:,} tokens").format(
                    ppl=result.perplexity, n=result.n_tokens
                )
            )
            self.status.setText(
                self.tr("Evaluated in {s:.1f} s. Hover a word for its probability.").format(s=result.seconds)
            )
            if self.editor.document().revision() == self._score_revision:
                self.score_overlay = scored_tokens(self._score_text, self._score_base, result.tokens)
            self._refresh_highlights()
            self.scored.emit(result)
        else:
            if isinstance(result, EngineError) and result.kind == "cancelled":
                message = self.tr("Evaluation cancelled.")
            elif isinstance(result, EngineError):
                message = "⚠ " + failure_text(result.kind, result.message)
            else:
                message = "⚠ " + str(result)
            self.status.setText(message)
            self.scored.emit(message)
        self._update_actions()

    # -- token budget -------------------------------------------------------------------------
    def _count_budget(self) -> None:
        """Count the tokens each part of the prompt takes, off the GUI thread (the local
        engine's ``try_count``; "—" for remote providers, whose tokenizer is not here)."""
        if self.hub.is_remote:
            self.aids.show_budget(None, 0, self.tr("Counted by the provider."))
            self.budget_counted.emit()
            return
        model = self.hub.model
        if model is None or self._budget_busy:
            return
        if self._busy() or self.hub.engine.state == "generating":
            self._budget_timer.start()
            return
        engine = self.hub.engine
        before = text_before(self.editor.toPlainText(), self.editor.textCursor().position())
        cut = self._cut_chars(before)
        story = before[cut:]
        settings = self.aids.settings()
        self._budget_busy = True

        def work() -> StoryPrompt | None:
            bos = engine.try_count(text="")  # a BOS token, if the model adds one
            if bos is None:
                return None

            def count(text: str) -> int:
                n = engine.try_count(text=text)
                if n is None:
                    raise _EngineBusy
                return max(0, n - bos)

            try:
                return build_story_prompt(story, settings, count_tokens=count)
            except _EngineBusy:
                return None

        def done(result: object) -> None:
            self._budget_busy = False
            if isinstance(result, StoryPrompt):
                self.aids.show_budget(replace(result, left_out_chars=cut), model.n_ctx)
                self.budget_counted.emit()
            else:
                self._budget_timer.start()  # the engine was busy: count again later

        run_in_thread(self, work, done, "penwright-budget")


class _EngineBusy(Exception):
    """try_count found the engine busy."""


def _percent(logprob: float) -> str:
    """A probability for people: "62.1%", or "<0.1%"."""
    p = math.exp(min(0.0, logprob))
    return f"{p:.1%}" if p >= 0.001 else "<0.1%"


def _params_from(preset: dict[str, object], fallback: GenerationParams) -> GenerationParams:
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
