"""The Story pane: a writer's workspace on story documents.

The pane builds the widgets and wires its parts, each a QObject with its own signals
(qutebrowser's ``AbstractTab`` holds ``tab.search``, ``tab.zoom`` the same way):

- :attr:`StoryPane.drafts` (:mod:`.drafts`): the document, autosave, opening and new stories;
- :attr:`StoryPane.ai_text` (:mod:`.editor`): AI spans and evaluated tokens in the editor,
  their colours, tooltips and alternatives;
- :attr:`StoryPane.fitter` and :attr:`StoryPane.budget` (:mod:`.prompt`): the prompt
  fitted into n_ctx, the token budget of the aids;
- :attr:`StoryPane.writer` (:mod:`.generation`): Continue, Rewrite, Describe, "Give me 3",
  writing on from an alternative token;
- :attr:`StoryPane.evaluator` (:mod:`.evaluate`): perplexity;
- :attr:`StoryPane.versions` (:mod:`.versions`) and :attr:`StoryPane.files` (:mod:`.files`).

AI text is shown in the palette's Link colour until the writer edits it. The spans (only
settled ones, not one being written) are saved with the text and put back, coloured,
when the story is opened; stored spans that do not fit the text are left out and logged.
Undo of an AI insertion followed by Redo brings its span back with its tokens. A restored
version has no AI spans (versions keep only the text and aids), though Ctrl+Z of the
restore brings them back.

**Show probabilities** tints AI tokens by their probability (local engines always ask for
:data:`~.evaluate.TOP_LOGPROBS` alternatives per token); hovering shows the alternatives,
Ctrl+click or the context menu's "Alternatives" picks one. **Stop** (Esc) stops writing,
fitting or evaluating.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.spans import ScoredToken
from app.core.story import StorySettings
from app.core.types import Pane
from app.engines.base import Capabilities, GenerationRequest, ScoreResult
from app.storage.documents import DocumentStore, StoryDocument, VersionReason
from app.storage.history import HistoryStore
from app.ui.engine_bridge import EngineHub
from app.ui.panes.base import PaneBase
from app.ui.panes.story.aids import AidsPanel, side_panel
from app.ui.panes.story.alternatives import ALTERNATIVES, ALTERNATIVES_MIN_TEMPERATURE, AlternativesPanel
from app.ui.panes.story.drafts import StoryDrafts
from app.ui.panes.story.editor import AiText, SpanTracker, StoryEditor
from app.ui.panes.story.evaluate import Evaluator, StoryController
from app.ui.panes.story.files import StoryFiles
from app.ui.panes.story.generation import StoryWriter
from app.ui.panes.story.prompt import BudgetCounter, PromptFitter
from app.ui.panes.story.versions import StoryVersions, VersionsDialog
from app.ui.token_meter import TokenMeter

#: Characters per line of the editor's measure (UI.md: about 70).
STORY_MEASURE_CHARS = 70


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
        self.caps = self._active_capabilities()
        self._build()
        self.drafts = StoryDrafts(self)
        self.ai_text = AiText(self.editor, self.busy, self)
        self.fitter = PromptFitter(self)
        self.budget = BudgetCounter(self, self.fitter)
        self.writer = StoryWriter(self)
        self.evaluator = Evaluator(self)
        self.versions = StoryVersions(self)
        self.files = StoryFiles(self)
        self._connect()
        self.update_actions()

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
        drafts, budget = self.drafts, self.budget
        self.recent_menu.aboutToShow.connect(drafts.fill_recent)
        self.editor.textChanged.connect(drafts.changed)
        self.editor.textChanged.connect(self.meter.schedule)
        self.editor.cursorPositionChanged.connect(self.meter.schedule)
        self.editor.cursorPositionChanged.connect(budget.schedule)
        self.editor.focus_lost.connect(drafts.save_if_pending)
        self.aids.changed.connect(drafts.changed)
        self.aids.changed.connect(self.meter.schedule)
        self.aids.focus_lost.connect(drafts.save_if_pending)
        self.aids_button.toggled.connect(self.aids_area.setVisible)
        self.title_edit.editingFinished.connect(drafts.title_edited)
        self.probabilities_button.toggled.connect(self.ai_text.set_show_probabilities)
        self.ai_text.alternative_chosen.connect(self.choose_alternative)
        for part in (self.drafts, self.fitter, self.writer, self.evaluator, self.versions, self.files):
            part.message.connect(self.status.setText)
        for stored in (self.drafts.stored, self.writer.stored, self.files.stored):
            stored.connect(self.history_changed)
        self.fitter.busy_changed.connect(lambda _busy: self.update_actions())
        self.writer.busy_changed.connect(self._writer_busy)
        self.writer.alternatives_ready.connect(self.alternatives_ready)
        self.evaluator.scored.connect(self.scored)
        # a budget count that waited for the pane runs when it is idle again
        for busy_changed in (self.fitter.busy_changed, self.writer.busy_changed):
            busy_changed.connect(lambda busy: None if busy else budget.wake())
        self.evaluator.scored.connect(lambda _result: budget.wake())
        budget.counted.connect(self.budget_counted)
        self.hub.model_loaded.connect(lambda _info: budget.schedule())
        self.hub.active_changed.connect(budget.schedule)

    def _writer_busy(self, busy: bool) -> None:
        self.update_actions()
        self.busy_changed.emit(busy)

    # -- PaneBase ---------------------------------------------------------------------------
    def focus_main(self) -> None:
        self.editor.setFocus()

    def stop(self) -> None:
        """Stop writing (also the rest of "Give me 3"), fitting and any evaluation."""
        self.fitter.cancel()
        self.writer.stop()
        self.controller.cancel_score()

    def set_capabilities(self, capabilities: Capabilities) -> None:
        """Grey out what the active engine cannot do (Continue needs raw completion,
        probabilities need logprobs, Evaluate the local engine), with the reason."""
        self.caps = capabilities
        self.update_actions()
        self.budget.schedule()

    def _active_capabilities(self) -> Capabilities:
        try:
            return self.hub.active.capabilities
        except AssertionError:  # a hub without an engine (never in the window)
            return Capabilities()

    def busy(self) -> bool:
        """Writing, fitting a prompt, writing alternatives or evaluating."""
        return (
            self.is_generating()
            or self.fitter.preparing
            or self.writer.alternatives_running()
            or self.controller.is_scoring()
        )

    def update_actions(self) -> None:
        """Enable what can be done now, with the reason as tooltip where it cannot."""
        caps = self.caps
        busy = self.busy()
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

    def _extend_menu(self, menu: QMenu, position: int) -> None:
        self.ai_text.alternatives_menu(menu, position)
        menu.addSeparator()
        evaluate = menu.addAction(self.tr("Evaluate"), self.evaluate)
        evaluate.setEnabled(self.evaluate_button.isEnabled())

    def _meter_payload(self) -> tuple[str, object]:
        return self.fitter.meter_payload()

    # -- the parts' state, as attributes ------------------------------------------------------
    @property
    def documents(self) -> DocumentStore:
        return self.drafts.documents

    @property
    def doc(self) -> StoryDocument | None:
        """The story's document; None for a new story not saved yet."""
        return self.drafts.doc

    @property
    def spans(self) -> SpanTracker:
        return self.ai_text.spans

    @property
    def score_overlay(self) -> list[ScoredToken]:
        return self.ai_text.score_overlay

    @property
    def last_prompt(self) -> str:
        return self.writer.last_prompt

    @property
    def last_request(self) -> GenerationRequest | None:
        return self.writer.last_request

    @property
    def last_score(self) -> ScoreResult | None:
        return self.evaluator.last_score

    @property
    def versions_dialog(self) -> VersionsDialog | None:
        return self.versions.dialog

    # -- the parts' actions -------------------------------------------------------------------
    def settings(self) -> StorySettings:
        """The :class:`StorySettings` of the aids as they are now."""
        return self.aids.settings()

    def save_draft(self, reason: VersionReason | None = "edit") -> None:
        """:meth:`StoryDrafts.save_draft`: store the story now and take a version."""
        self.drafts.save_draft(reason)

    def new_conversation(self) -> None:
        self.drafts.new_conversation()

    def open_conversation(self, conversation_id: int) -> None:
        self.drafts.open_conversation(conversation_id)

    def continue_story(self) -> None:
        self.writer.continue_story()

    def rewrite_selection(self) -> None:
        self.writer.rewrite_selection()

    def describe_selection(self) -> None:
        self.writer.describe_selection()

    def give_alternatives(self) -> None:
        self.writer.give_alternatives()

    def use_alternative(self, index: int) -> str:
        return self.writer.use_alternative(index)

    def dismiss_alternatives(self) -> None:
        self.writer.dismiss_alternatives()

    def choose_alternative(self, position: int, alternative: str) -> bool:
        return self.writer.choose_alternative(position, alternative)

    def token_tooltip(self, position: int) -> str:
        return self.ai_text.token_tooltip(position)

    def ai_spans(self) -> list[tuple[int, int]]:
        return self.ai_text.ai_spans()

    def evaluate(self) -> None:
        self.evaluator.evaluate()

    def show_versions(self) -> VersionsDialog | None:
        return self.versions.show_versions()

    def restore_version(self, version_id: int) -> bool:
        return self.versions.restore_version(version_id)

    def export_to(self, path: str | Path) -> Path | None:
        return self.files.export_to(path)

    def import_from(self, path: str | Path) -> int | None:
        return self.files.import_from(path)

    def export_dialog(self) -> None:
        self.files.export_dialog()

    def import_dialog(self) -> None:
        self.files.import_dialog()
