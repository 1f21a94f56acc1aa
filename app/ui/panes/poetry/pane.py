"""The Poetry pane: a form, a topic, N candidate poems checked line by line, the writer's pick.

Forms come from ``assets/forms`` and the user's ``<config dir>/forms`` folder
(:func:`app.core.poetry.load_forms`). Candidates are made by sampling (N seeds, with
``top_logprobs=1`` for the mean log-probability), by sampling under the form's GBNF grammar,
or by beam search under the grammar (its beams are the candidates); each is checked with
:func:`app.core.poetry.check_poem` and ranked with :func:`app.core.poetry.ranking_key`
(conformity, then mean log-probability). The writer uses one poem, or ticks lines of several
and combines them, then edits the result, which is saved as it changes.

The parts: :mod:`.run` (the generation run), :mod:`.candidates` (the ranked list, ticks,
combine), :mod:`.form_view` (the checker's annotations), :mod:`.decoding` (how candidates
are made).

Storage: a 'poetry' conversation (the request as the user message, the chosen poem as the
assistant message) and its ``poems`` row (:mod:`app.storage.poems`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.poetry import Form, check_poem, grammar_for, load_forms
from app.core.poetry.candidates import FORM_ORDER, form_order
from app.core.poetry.compose import poem_messages
from app.core.types import Pane
from app.engines.base import Capabilities
from app.storage.history import HistoryStore
from app.storage.paths import Paths
from app.storage.poems import Poem, PoemCandidate, PoemStore
from app.ui.engine_bridge import EngineHub
from app.ui.panes.base import PaneBase
from app.ui.panes.poetry.candidates import CandidatesView
from app.ui.panes.poetry.decoding import DecodingPanel, unavailable_modes
from app.ui.panes.poetry.form_view import LineTable, check_summary, form_label, headed
from app.ui.panes.poetry.run import PoemJob, PoemRunController, poem_jobs, run_summary
from app.ui.token_meter import TokenMeter

__all__ = ["CHECK_DELAY_MS", "FORM_ORDER", "SAVE_DELAY_MS", "PoetryPane", "form_label"]

#: Save the writer's edits to the chosen poem this long after the last keystroke (ms).
SAVE_DELAY_MS = 600
#: Check the edited poem again this long after the last keystroke (ms).
CHECK_DELAY_MS = 150


class PoetryPane(PaneBase):
    """Generate candidate poems in a form, check them line by line, keep the writer's pick.

    Args:
        hub: the window's engines.
        store: the history.
        forms_dir: the user's folder of extra forms (default: ``<config dir>/forms``).

    Public attributes (widgets): ``form_box``, ``topic``, ``note``, ``decoding``
    (:class:`DecodingPanel`), ``generate_button``, ``candidates_view``
    (:class:`CandidatesView`) and its ``candidates_table``, ``lines_table``,
    ``lines_summary``, ``use_button``, ``combine_button``; ``poem`` (the chosen poem,
    editable), ``poem_lines`` (its annotations), ``poem_score``, ``status``.
    ``candidates`` is the ranked list of :class:`PoemCandidate`; ``forms`` the loaded
    forms by id.
    """

    PANE = Pane.POETRY

    def __init__(
        self,
        hub: EngineHub,
        store: HistoryStore,
        parent: QWidget | None = None,
        *,
        forms_dir: Path | None = None,
    ) -> None:
        super().__init__(hub, store, parent)
        self.poems = PoemStore(store)
        self.forms_dir = forms_dir if forms_dir is not None else Paths.from_env().config_dir / "forms"
        #: runs the candidates; it is also the pane's ``controller`` (the window stops,
        #: settles and listens to it like every pane's)
        self.runner = PoemRunController(hub, self)
        self.controller = self.runner
        self.runner.notice.connect(self.notice)
        self.runner.on_settle = self.save_now
        self.forms: dict[str, Form] = {}
        self.form_problems: list[str] = []
        self.capabilities = Capabilities(logprobs=True, grammar=True, beam_search=True)
        self._run_mode = ""
        self._run_total = 0
        self._poem: Poem | None = None
        self._loading_poem = False

        self.form_box = QComboBox()
        self.form_box.setAccessibleName(self.tr("Poetic form"))
        self.form_box.setMinimumContentsLength(24)
        self.topic = QLineEdit()
        self.topic.setAccessibleName(self.tr("Topic"))
        self.topic.setPlaceholderText(self.tr("e.g. autumn rain, the sea at night, 月亮"))
        self.topic.returnPressed.connect(self.generate)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Language note"))
        self.note.setPlaceholderText(self.tr("optional, e.g. plain modern words; 用现代汉语"))
        self.note.setToolTip(self.tr("Added to the request as you write it"))
        self.note.returnPressed.connect(self.generate)
        self.generate_button = QPushButton(self.tr("&Generate"))
        self.generate_button.setAccessibleName(self.tr("Generate candidate poems"))
        self.generate_button.clicked.connect(lambda: self.start_or_stop(self.generate))
        self.form_info = QLabel()
        self.form_info.setWordWrap(True)
        self.form_info.setAccessibleName(self.tr("About the form"))
        self.form_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.decoding = DecodingPanel()
        self.meter = TokenMeter(hub, lambda: ("messages", self._messages()))

        self.candidates_view = CandidatesView(lambda: self.selected_form() if self.forms else None)
        self.candidates_table = self.candidates_view.table
        self.lines_table = self.candidates_view.lines_table
        self.lines_summary = self.candidates_view.lines_summary
        self.use_button = self.candidates_view.use_button
        self.combine_button = self.candidates_view.combine_button
        self.poem = QPlainTextEdit()
        self.poem.setAccessibleName(self.tr("Poem"))
        self.poem.setPlaceholderText(
            self.tr(
                "Your poem: use a candidate or combine ticked lines, then edit it here. "
                "It is saved as you type."
            )
        )
        self.poem.setTabChangesFocus(True)
        self.poem_lines = LineTable(checkable=False)
        self.poem_lines.setAccessibleName(self.tr("Lines of your poem, with the checker's notes"))
        self.poem_score = QLabel()
        self.poem_score.setAccessibleName(self.tr("Check of your poem"))
        self.poem_score.setWordWrap(True)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Poem status"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # -- layout
        fields = QGridLayout()
        for column, (text, widget) in enumerate(
            (
                (self.tr("&Form:"), self.form_box),
                (self.tr("&Topic:"), self.topic),
                (self.tr("&Language note:"), self.note),
            )
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            fields.addWidget(label, 0, 2 * column)
            fields.addWidget(widget, 0, 2 * column + 1)
        fields.setColumnStretch(3, 2)
        fields.setColumnStretch(5, 1)
        fields.addWidget(self.generate_button, 0, 6)
        top = QVBoxLayout()
        top.addLayout(fields)
        top.addWidget(self.form_info)
        top.addWidget(self.decoding)

        poem_box, _poem_left = headed(self.tr("&Your poem"), self.poem)
        check_box = QWidget()
        poem_right = QVBoxLayout(check_box)
        poem_right.setContentsMargins(0, 0, 0, 0)
        poem_right.addWidget(self.poem_score)
        poem_right.addWidget(self.poem_lines, 1)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(poem_box)
        lower.addWidget(check_box)
        lower.setStretchFactor(0, 2)
        lower.setStretchFactor(1, 3)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.candidates_view)
        split.addWidget(lower)
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.meter)
        layout.addWidget(self.fit_note)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        # A topic or note too long for n_ctx: Generate is disabled with the reason, and
        # nothing is stored (no empty poem in the history).
        self.guard_send(self.meter, self.generate_button)
        self.setTabOrder(self.form_box, self.topic)
        self.setTabOrder(self.topic, self.note)
        self.setTabOrder(self.note, self.generate_button)

        # -- behaviour
        stop = QShortcut(QKeySequence("Esc"), self)
        stop.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        stop.activated.connect(self.stop)
        self.runner.candidate_started.connect(self._candidate_started)
        self.runner.candidate_ready.connect(self._candidate_ready)
        self.runner.text_ready.connect(self._text_ready)
        self.runner.finished.connect(self._finished)
        self.candidates_view.ticks_changed.connect(self._save_candidates)
        self.candidates_view.poem_chosen.connect(self._poem_chosen)
        self.form_box.currentIndexChanged.connect(self._form_changed)
        self.topic.textChanged.connect(self.meter.schedule)
        self.note.textChanged.connect(self.meter.schedule)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self._check_poem)
        self.poem.textChanged.connect(self._poem_edited)
        self.reload_forms()
        self.candidates_view.update_buttons()

    # -- forms ----------------------------------------------------------------------------
    def reload_forms(self) -> None:
        """Read the shipped and the user's forms again; problems go to the status line."""
        current = self.form_box.currentData()
        loaded = load_forms([self.forms_dir])
        self.forms = dict(loaded.forms)
        self.form_problems = [str(p) for p in loaded.problems]
        self.form_box.blockSignals(True)
        self.form_box.clear()
        for form in sorted(self.forms.values(), key=form_order):
            self.form_box.addItem(form_label(form), form.id)
            self.form_box.setItemData(
                self.form_box.count() - 1, form.description, Qt.ItemDataRole.ToolTipRole
            )
        index = self.form_box.findData(current) if current else -1
        self.form_box.setCurrentIndex(index if index >= 0 else 0)
        self.form_box.blockSignals(False)
        self.form_box.setToolTip(
            self.tr("Add your own forms as JSON or TOML files in {folder}").format(folder=self.forms_dir)
        )
        if self.form_problems:
            text = self.tr("Some form files were skipped: {problems}").format(
                problems="; ".join(self.form_problems)
            )
            self.status.setText("⚠ " + text)
            QTimer.singleShot(0, lambda: self.notice.emit(text))  # once the window listens
        self._form_changed()

    def selected_form(self) -> Form:
        return self.forms[str(self.form_box.currentData())]

    def set_form(self, form_id: str) -> None:
        index = self.form_box.findData(form_id)
        if index >= 0:
            self.form_box.setCurrentIndex(index)

    def _form_changed(self) -> None:
        if not self.forms:
            return
        form = self.selected_form()
        parts = [form.description] if form.description else []
        if form.rhyme:
            parts.append(self.tr("Rhyme scheme: {scheme}.").format(scheme=form.rhyme_scheme))
        self.form_info.setText(" ".join(parts))
        self._update_availability()
        self.meter.schedule()
        self.candidates_view.show_selected()
        self._check_poem()

    def _messages(self) -> list[Any]:
        if not self.forms:
            return []
        return list(poem_messages(self.selected_form(), self.topic.text(), self.note.text()))

    # -- engine capabilities --------------------------------------------------------------
    def set_capabilities(self, capabilities: Capabilities) -> None:
        """Grey out the decoding choices the active engine cannot do, with the reason."""
        self.capabilities = capabilities
        self._update_availability()

    def _update_availability(self) -> None:
        if not self.forms:
            return
        form = self.selected_form()
        self.decoding.set_unavailable(unavailable_modes(form, grammar_for(form), self.capabilities))

    # -- generating -----------------------------------------------------------------------
    def focus_main(self) -> None:
        self.topic.setFocus()

    def decoding_settings(self) -> dict[str, Any]:
        """The decoding settings a new run would use and store (the pane's sampling values
        included, as ``params``)."""
        settings = self.decoding.settings()
        settings["params"] = self.params.to_dict()
        return settings

    def _jobs(self, form: Form, mode: str) -> list[PoemJob]:
        return poem_jobs(
            form,
            self.topic.text(),
            self.note.text(),
            mode,
            self.params,
            count=self.decoding.count_spin.value(),
            beam_width=self.decoding.beam_width_spin.value(),
            length_penalty=self.decoding.length_penalty_spin.value(),
            repetition_penalty=self.decoding.repetition_spin.value(),
            logprobs=self.capabilities.logprobs,
        )

    def generate(self) -> None:
        """Start a new poem: N candidates (or one beam search) in the chosen form. A request
        that cannot fit n_ctx is refused before anything is stored (:meth:`fits_context`)."""
        if self.is_generating() or not self.ensure_model() or not self.forms:
            return
        if not self.fits_context(self.generate):
            return
        wanted = self.decoding.mode()
        self.set_capabilities(self.hub.active.capabilities)
        mode = self.decoding.mode()
        if mode != wanted:
            self.notice.emit(self.decoding.reason(wanted) or self.tr("That decoding is unavailable here."))
        self.save_now()
        form = self.selected_form()
        jobs = self._jobs(form, mode)
        topic = self.topic.text().strip()
        label = form_label(form)
        title = f"{label}: {topic}" if topic else label
        decoding = self.decoding_settings()
        decoding["seeds"] = [job.request.params.seed for job in jobs]
        request = jobs[0].request.messages[-1]["content"]
        self._poem = self.poems.create(
            title,
            form.id,
            request,
            topic=topic,
            note=self.note.text().strip(),
            decoding=decoding,
            model=self.model_name(),
            provider=self.hub.remote_id,
        )
        self.conversation_id = self._poem.conversation_id
        self.candidates_view.reset()
        self._set_poem_text("")
        self._run_mode = mode
        self._run_total = len(jobs)
        self.form_box.setEnabled(False)  # the candidates are checked against this form
        self.status.setText(self.tr("Writing…"))
        self.generate_button.setText(self.tr("Stop"))
        self.generate_button.setAccessibleName(self.tr("Stop generating"))
        self.runner.start_run(jobs)
        self.busy_changed.emit(True)
        self.history_changed.emit()
        self.candidates_view.update_buttons()

    def _candidate_started(self, k: int) -> None:
        self.candidates_view.live = ""
        if self._run_mode == "beam":
            text = self.tr("Beam search (width {w})… the beams appear when the search ends.").format(
                w=self.decoding.beam_width_spin.value()
            )
        else:
            text = self.tr("Writing candidate {k} of {n}…").format(k=k + 1, n=self._run_total)
        self.status.setText(text)
        self.candidates_view.refresh()

    def _text_ready(self, text: str) -> None:
        self.candidates_view.append_live(text)

    def _candidate_ready(self, raw: object) -> None:
        assert isinstance(raw, PoemCandidate)
        self.candidates_view.add(raw, self.selected_form())
        self._save_candidates()
        self.candidates_view.refresh()

    def _finished(self, final: object) -> None:
        self.candidates_view.live = None
        self.form_box.setEnabled(True)
        self.generate_button.setText(self.tr("&Generate"))
        self.generate_button.setAccessibleName(self.tr("Generate candidate poems"))
        self.candidates_view.refresh()
        text = run_summary(final, self.candidates)
        if text is not None:
            self.status.setText(text)
        self.busy_changed.emit(False)
        self.history_changed.emit()
        self.candidates_view.update_buttons()

    # -- candidates (shown and picked in CandidatesView) ----------------------------------
    @property
    def candidates(self) -> list[PoemCandidate]:
        """The candidates, best first, each with the lines ticked on it."""
        return self.candidates_view.candidates

    def _save_candidates(self) -> None:
        """Store the candidates and their ticked lines (after each arrives and each tick)."""
        if self._poem is None:
            return
        try:
            self.poems.set_candidates(self._poem.conversation_id, self.candidates)
        except sqlite3.Error as exc:  # a full disk must not stop the writer; say so
            self.notice.emit(self.tr("Could not save the candidates: {error}").format(error=exc))

    def selected_index(self) -> int | None:
        """Index in the arrival-order pool of the selected candidate (None: none)."""
        return self.candidates_view.selected_index()

    def select_candidate(self, rank: int) -> None:
        """Select the candidate at ranked row ``rank`` (0 = best), as the writer would."""
        self.candidates_view.select_candidate(rank)

    def set_line_checked(self, rank: int, line: int, checked: bool = True) -> None:
        """Tick (or untick) line ``line`` of the candidate at ranked row ``rank``."""
        self.candidates_view.set_line_checked(rank, line, checked)

    def chosen_lines(self) -> list[tuple[int, int, str]]:
        """The ticked lines as (line index, candidate rank, text), in line order."""
        return self.candidates_view.chosen_lines()

    def use_selected(self) -> None:
        """Make the selected candidate the poem (saved at once)."""
        self.candidates_view.use_selected()

    def combine_chosen(self) -> None:
        """Make the ticked lines of all candidates the poem, in line order (saved at once)."""
        self.candidates_view.combine_chosen()

    def _poem_chosen(self, text: str, how: str) -> None:
        self._set_poem_text(text)
        self.save_now()
        self.status.setText(how)

    # -- the chosen poem ------------------------------------------------------------------
    def _set_poem_text(self, text: str) -> None:
        self._loading_poem = True
        self.poem.setPlainText(text)
        self._loading_poem = False
        self._check_poem()

    def _poem_edited(self) -> None:
        self._check_timer.start()
        if not self._loading_poem:
            self._save_timer.start()

    def _check_poem(self) -> None:
        if not self.forms:
            return
        form = self.selected_form()
        text = self.poem.toPlainText()
        if not text.strip():
            self.poem_lines.show_result(form, None)
            self.poem_score.setText(self.tr("Your poem is checked here as you edit it."))
            return
        result = check_poem(form, text)
        self.poem_lines.show_result(form, result)
        self.poem_score.setText(check_summary(form, result, None))

    def save_now(self) -> None:
        """Save the poem being edited if it changed (also runs when the window settles)."""
        self._save_timer.stop()
        text = self.poem.toPlainText()
        if not self.forms:
            return
        if self._poem is None:
            if not text.strip():
                return
            form = self.selected_form()  # written by hand: a poem without candidates
            topic = self.topic.text().strip()
            label = form_label(form)
            self._poem = self.poems.create(
                f"{label}: {topic}" if topic else label,
                form.id,
                str(self._messages()[-1]["content"]),
                topic=topic,
                note=self.note.text().strip(),
                decoding=self.decoding_settings(),
                model=self.model_name(),
            )
            self.conversation_id = self._poem.conversation_id
            self.history_changed.emit()
        if text == (self._poem.chosen_text or "") or (not text and self._poem.chosen_text is None):
            return
        form = self.forms.get(self._poem.form_id) or self.selected_form()
        score = check_poem(form, text).score
        try:
            self._poem.chosen_message_id = self.poems.choose(
                self._poem.conversation_id, text, score, model=self.model_name()
            )
        except KeyError:  # the conversation was deleted meanwhile
            self._poem = None
            return
        self._poem.chosen_text = text
        self._poem.chosen_score = score
        self.history_changed.emit()

    # -- conversations --------------------------------------------------------------------
    def new_conversation(self) -> None:
        if self.is_generating():
            return
        self.save_now()
        self.conversation_id = None
        self._poem = None
        self.candidates_view.reset()
        self._set_poem_text("")
        self.topic.clear()
        self.note.clear()
        self.status.clear()
        self.topic.setFocus()

    def open_conversation(self, conversation_id: int) -> None:
        """Show a stored poem: its form, topic, note, decoding, candidates and chosen text."""
        if self.is_generating():
            return
        self.save_now()
        self.conversation_id = conversation_id
        poem = self.poems.get(conversation_id)
        self._poem = poem
        self.candidates_view.reset()
        summary = self.store.get_conversation(conversation_id)
        if poem is None:  # a poem from before schema 4: only its text
            thread = self.store.thread(conversation_id)
            text = thread[-1].content if thread and thread[-1].role == "assistant" else ""
            self._set_poem_text(text)
            self.status.setText(summary.title if summary else "")
            return
        if poem.form_id in self.forms:
            self.set_form(poem.form_id)
        else:
            self.notice.emit(
                self.tr(
                    "This poem's form ({form}) is no longer installed; it is shown against {shown}."
                ).format(form=poem.form_id, shown=self.selected_form().name)
            )
        self.topic.setText(poem.topic)
        self.note.setText(poem.note)
        self.decoding.apply(poem.decoding)
        self.candidates_view.load(poem.candidates)
        self._set_poem_text(poem.chosen_text or "")
        self.status.setText(summary.title if summary else "")
