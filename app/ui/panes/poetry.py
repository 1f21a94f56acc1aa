"""The Poetry pane: a form, a topic, N candidate poems checked line by line, the writer's pick.

Forms come from ``assets/forms`` and the user's ``<config dir>/forms`` folder
(:func:`app.core.poetry.load_forms`). Candidates are made by sampling (N seeds, with
``top_logprobs=1`` for the mean log-probability), by sampling under the form's GBNF grammar,
or by beam search under the grammar (its beams are the candidates); each is checked with
:func:`app.core.poetry.check_poem` and ranked with :func:`app.core.poetry.ranking_key`
(conformity, then mean log-probability). The writer uses one poem, or ticks lines of several
and combines them, then edits the result, which is saved as it changes.

Storage: a 'poetry' conversation (the request as the user message, the chosen poem as the
assistant message) and its ``poems`` row (:mod:`app.storage.poems`).
"""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.poetry import BUILTIN_FORMS_DIR, Form, check_poem, grammar_for, load_forms, ranking_key
from app.core.poetry.checker import PoemResult
from app.core.poetry.compose import combine_lines, max_tokens_for, poem_messages
from app.core.types import MAX_SEED, Pane
from app.engines.base import Capabilities, Done, Failed, GenerationRequest
from app.storage.history import HistoryStore
from app.storage.paths import Paths
from app.storage.poems import Poem, PoemCandidate, PoemStore
from app.ui.engine_bridge import EngineHub
from app.ui.panes.base import PaneBase
from app.ui.poetry_widgets import (
    CandidateTable,
    DecodingPanel,
    LineTable,
    PoemJob,
    PoemRunController,
    format_logprob,
    percent,
    unavailable_modes,
)
from app.ui.token_meter import TokenMeter
from app.ui.widgets import describe_final, describe_usage

#: Save the writer's edits to the chosen poem this long after the last keystroke (ms).
SAVE_DELAY_MS = 600
#: Check the edited poem again this long after the last keystroke (ms).
CHECK_DELAY_MS = 150


def form_label(form: Form) -> str:
    """The name of a form shown in the picker (shipped forms translated; Chinese forms by
    their Chinese name first)."""
    tr = QCoreApplication.translate
    names = {
        "free_verse": tr("PoetryPane", "Free verse"),
        "haiku": tr("PoetryPane", "Haiku (5-7-5)"),
        "haiku_ja": tr("PoetryPane", "Haiku in Japanese (5-7-5 morae)"),
        "tanka": tr("PoetryPane", "Tanka (5-7-5-7-7)"),
        "limerick": tr("PoetryPane", "Limerick (AABBA)"),
        "sonnet": tr("PoetryPane", "Shakespearean sonnet"),
        "wuyan_jueju": tr("PoetryPane", "Five-character quatrain"),
        "qiyan_jueju": tr("PoetryPane", "Seven-character quatrain"),
        "wuyan_lushi": tr("PoetryPane", "Five-character regulated verse"),
        "qiyan_lushi": tr("PoetryPane", "Seven-character regulated verse"),
        "duilian": tr("PoetryPane", "Couplet"),
    }
    shipped = Path(form.source).parent == BUILTIN_FORMS_DIR if form.source else False
    name = names.get(form.id, form.name) if shipped else form.name
    if form.language == "zh" and form.name_zh:
        return f"{form.name_zh} ({name})"
    return name


#: The picker's order of the shipped forms; the user's forms follow in file-name order.
FORM_ORDER = (
    "free_verse",
    "haiku",
    "tanka",
    "limerick",
    "sonnet",
    "wuyan_jueju",
    "qiyan_jueju",
    "wuyan_lushi",
    "qiyan_lushi",
    "duilian",
    "haiku_ja",
)


def _headed(heading: str, main: QWidget) -> tuple[QWidget, QVBoxLayout]:
    """A column: ``heading`` (its mnemonic focuses ``main``) above ``main``, which takes
    the height; returns the column and its layout, for more widgets below."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(heading)
    label.setBuddy(main)
    layout.addWidget(label)
    layout.addWidget(main, 1)
    return box, layout


def _form_order(form: Form) -> int:
    return FORM_ORDER.index(form.id) if form.id in FORM_ORDER else len(FORM_ORDER)


class PoetryPane(PaneBase):
    """Generate candidate poems in a form, check them line by line, keep the writer's pick.

    Args:
        hub: the window's engines.
        store: the history.
        forms_dir: the user's folder of extra forms (default: ``<config dir>/forms``).

    Public attributes (widgets): ``form_box``, ``topic``, ``note``, ``decoding``
    (:class:`DecodingPanel`), ``generate_button``, ``candidates_table``, ``lines_table``,
    ``use_button``, ``combine_button``, ``poem`` (the chosen poem, editable),
    ``poem_lines`` (its annotations), ``poem_score``, ``status``. ``candidates`` is the
    ranked list of :class:`PoemCandidate`; ``forms`` the loaded forms by id.
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
        #: candidates in arrival order; ``candidates`` is the ranked view
        self._pool: list[PoemCandidate] = []
        self._order: list[int] = []  # ranked row -> index in _pool
        self._picked: dict[int, set[int]] = {}  # index in _pool -> ticked line indices
        self._results: dict[int, PoemResult] = {}
        self._shown_order: list[int] = []  # ranked row -> pool index, as the table shows it
        self._user_picked_row = False  # the writer chose a row: it stays selected when ranks change
        self._live: str | None = None
        self._run_mode = ""
        self._run_total = 0
        self._poem: Poem | None = None
        self._loading_poem = False

        em = self.fontMetrics().averageCharWidth()
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

        self.candidates_table = CandidateTable()
        self.candidates_table.setAccessibleName(self.tr("Candidate poems, best first"))
        self.candidates_table.setMinimumWidth(em * 36)
        self.lines_table = LineTable(checkable=True)
        self.lines_table.setAccessibleName(
            self.tr("Lines of the selected candidate, with the checker's notes")
        )
        self.lines_summary = QLabel()
        self.lines_summary.setAccessibleName(self.tr("Check of the selected candidate"))
        self.lines_summary.setWordWrap(True)
        self.use_button = QPushButton(self.tr("&Use this poem"))
        self.use_button.setAccessibleName(self.tr("Use the selected candidate as the poem"))
        self.use_button.clicked.connect(self.use_selected)
        self.combine_button = QPushButton(self.tr("Com&bine chosen lines"))
        self.combine_button.setAccessibleName(
            self.tr("Combine the ticked lines of all candidates into the poem")
        )
        self.combine_button.clicked.connect(self.combine_chosen)
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

        candidates_box, _left = _headed(self.tr("&Candidates"), self.candidates_table)
        lines_box, right = _headed(
            self.tr("Li&nes of the selected candidate (tick lines to combine)"), self.lines_table
        )
        right.addWidget(self.lines_summary)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.combine_button)
        buttons.addStretch(1)
        right.addLayout(buttons)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(candidates_box)
        upper.addWidget(lines_box)
        upper.setStretchFactor(0, 1)
        upper.setStretchFactor(1, 1)

        poem_box, _poem_left = _headed(self.tr("&Your poem"), self.poem)
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
        split.addWidget(upper)
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
        self.candidates_table.candidate_selected.connect(self._row_selected)
        self.lines_table.line_toggled.connect(self._line_toggled)
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
        self._update_buttons()

    # -- forms ----------------------------------------------------------------------------
    def reload_forms(self) -> None:
        """Read the shipped and the user's forms again; problems go to the status line."""
        current = self.form_box.currentData()
        loaded = load_forms([self.forms_dir])
        self.forms = dict(loaded.forms)
        self.form_problems = [str(p) for p in loaded.problems]
        self.form_box.blockSignals(True)
        self.form_box.clear()
        for form in sorted(self.forms.values(), key=_form_order):
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
        self._show_selected()
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
        messages = tuple(poem_messages(form, self.topic.text(), self.note.text()))
        grammar = grammar_for(form) if mode != "sampling" else None
        base = self.params.with_resolved_seed()
        max_tokens = max_tokens_for(form) or base.max_tokens
        if mode == "beam":
            params = dataclasses.replace(
                base,
                beam_width=self.decoding.beam_width_spin.value(),
                length_penalty=self.decoding.length_penalty_spin.value(),
                repeat_penalty=self.decoding.repetition_spin.value(),
                max_tokens=max_tokens,
            )
            return [PoemJob(GenerationRequest(messages=messages, params=params, grammar=grammar), "beam")]
        top = 1 if self.capabilities.logprobs else 0
        return [
            PoemJob(
                GenerationRequest(
                    messages=messages,
                    params=dataclasses.replace(
                        base, seed=(base.seed + k) % (MAX_SEED + 1), max_tokens=max_tokens, beam_width=0
                    ),
                    top_logprobs=top,
                    grammar=grammar,
                ),
                mode,
            )
            for k in range(self.decoding.count_spin.value())
        ]

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
        self._reset_candidates()
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
        self._update_buttons()

    def _candidate_started(self, k: int) -> None:
        self._live = ""
        if self._run_mode == "beam":
            text = self.tr("Beam search (width {w})… the beams appear when the search ends.").format(
                w=self.decoding.beam_width_spin.value()
            )
        else:
            text = self.tr("Writing candidate {k} of {n}…").format(k=k + 1, n=self._run_total)
        self.status.setText(text)
        self._refresh_candidates()

    def _text_ready(self, text: str) -> None:
        if self._live is None:
            self._live = ""
        self._live += text
        row = self.candidates_table.rowCount() - 1
        item = self.candidates_table.item(row, CandidateTable.POEM) if row >= 0 else None
        if item is not None and not (item.flags() & Qt.ItemFlag.ItemIsSelectable):
            item.setText(" / ".join(self._live.strip().splitlines()))
        else:
            self._refresh_candidates()

    def _candidate_ready(self, raw: object) -> None:
        assert isinstance(raw, PoemCandidate)
        result = check_poem(self.selected_form(), raw.text)
        candidate = dataclasses.replace(raw, score=result.score)
        self._pool.append(candidate)
        self._results[len(self._pool) - 1] = result
        self._live = None
        self._rank()
        self._save_candidates()
        self._refresh_candidates()

    def _finished(self, final: object) -> None:
        self._live = None
        self.form_box.setEnabled(True)
        self.generate_button.setText(self.tr("&Generate"))
        self.generate_button.setAccessibleName(self.tr("Generate candidate poems"))
        self._refresh_candidates()
        n = len(self._pool)
        if isinstance(final, Failed):
            kept = self.tr(" {n} candidate(s) were kept.").format(n=n) if n else ""
            if any(c.is_partial for c in self._pool):
                kept += " " + self.tr("The poem cut short is marked.")
            self.status.setText(describe_final(final) + kept)
        elif isinstance(final, Done):
            usage = describe_usage(final.usage, final.seed, final.reason)
            if final.reason == "cancelled":
                cut = sum(1 for c in self._pool if c.is_partial)
                head = self.tr("Stopped; {n} finished candidate(s) kept.").format(n=n - cut)
                if cut:
                    head += " " + self.tr("The poem being written is kept too, marked as stopped.")
            elif n:
                head = self.tr(
                    "{n} candidate(s), best conformity {best}. Pick one, or tick lines and combine."
                ).format(n=n, best=percent(self.candidates[0].score))
            else:
                head = self.tr("The model wrote nothing; try another topic or decoding.")
            self.status.setText(f"{head} {usage}")
        self.busy_changed.emit(False)
        self.history_changed.emit()
        self._update_buttons()

    # -- candidates -----------------------------------------------------------------------
    @property
    def candidates(self) -> list[PoemCandidate]:
        """The candidates, best first, each with the lines ticked on it."""
        return [
            dataclasses.replace(self._pool[i], ticked=tuple(sorted(self._picked.get(i, ()))))
            for i in self._order
        ]

    def _save_candidates(self) -> None:
        """Store the candidates and their ticked lines (after each arrives and each tick)."""
        if self._poem is None:
            return
        try:
            self.poems.set_candidates(self._poem.conversation_id, self.candidates)
        except sqlite3.Error as exc:  # a full disk must not stop the writer; say so
            self.notice.emit(self.tr("Could not save the candidates: {error}").format(error=exc))

    def _rank(self) -> None:
        def key(i: int) -> tuple[float, float]:
            c = self._pool[i]
            result = self._results.get(i)
            mean = c.mean_logprob if c.mean_logprob is not None else float("-inf")
            if result is not None:
                return ranking_key(result, mean)
            return (-round(c.score, 9), -mean)

        self._order = sorted(range(len(self._pool)), key=key)

    def _reset_candidates(self) -> None:
        self._pool, self._order, self._picked, self._results = [], [], {}, {}
        self._shown_order = []
        self._user_picked_row = False
        self._live = None
        self.candidates_table.show_candidates([], [], None, -1)
        self._show_selected()

    def _refresh_candidates(self, select: int | None = None) -> None:
        if select is None:
            pool_index = self.selected_index() if self._user_picked_row else None
            if pool_index is not None and pool_index in self._order:
                select = self._order.index(pool_index)
            else:
                select = 0 if self._order else -1
        self._shown_order = list(self._order)
        picked = [len(self._picked.get(i, ())) for i in self._order]
        self.candidates_table.show_candidates(self.candidates, picked, self._live, select)
        self._show_selected()

    def selected_index(self) -> int | None:
        """Index in the arrival-order pool of the selected candidate (None: none)."""
        row = self.candidates_table.selected_row()
        return self._shown_order[row] if 0 <= row < len(self._shown_order) else None

    def _row_selected(self, _row: int) -> None:
        self._user_picked_row = True
        self._show_selected()

    def select_candidate(self, rank: int) -> None:
        """Select the candidate at ranked row ``rank`` (0 = best), as the writer would."""
        self._user_picked_row = True
        self._refresh_candidates(select=rank)

    def _show_selected(self) -> None:
        if not self.forms:
            return
        index = self.selected_index()
        form = self.selected_form()
        if index is None:
            self.lines_table.show_result(form, None)
            self.lines_summary.clear()
        else:
            result = self._result(index, form)
            self.lines_table.show_result(form, result, self._picked.get(index, set()))
            self.lines_summary.setText(self._summary(form, result, self._pool[index]))
        self._update_buttons()

    def _result(self, index: int, form: Form) -> PoemResult:
        result = self._results.get(index)
        if result is None or result.form_id != form.id:
            result = check_poem(form, self._pool[index].text)
            self._results[index] = result
        return result

    def _summary(self, form: Form, result: PoemResult, candidate: PoemCandidate | None) -> str:
        parts = [self.tr("Conformity {score}").format(score=percent(result.score))]
        if form.lines is not None:
            parts.append(self.tr("{n} of {want} lines").format(n=len(result.lines), want=form.lines))
        if result.rhyme_ok is not None:
            parts.append(self.tr("rhyme ✓") if result.rhyme_ok else self.tr("rhyme ✗"))
        if candidate is not None:
            parts.append(self.tr("mean log-prob {lp}").format(lp=format_logprob(candidate.mean_logprob)))
            if candidate.seed is not None and candidate.decoder != "beam":
                parts.append(self.tr("seed {seed}").format(seed=candidate.seed))
        return " · ".join(parts)

    def _line_toggled(self, line: int, checked: bool) -> None:
        index = self.selected_index()
        if index is None:
            return
        lines = self._picked.setdefault(index, set())
        if checked:
            lines.add(line)
        else:
            lines.discard(line)
        row = self.candidates_table.selected_row()
        item = self.candidates_table.item(row, CandidateTable.PICKED)
        if item is not None:
            item.setText(str(len(lines) or ""))
        self._save_candidates()
        self._update_buttons()

    def set_line_checked(self, rank: int, line: int, checked: bool = True) -> None:
        """Tick (or untick) line ``line`` of the candidate at ranked row ``rank``."""
        self.select_candidate(rank)
        self.lines_table.set_line_checked(line, checked)

    def chosen_lines(self) -> list[tuple[int, int, str]]:
        """The ticked lines as (line index, candidate rank, text), in line order."""
        out: list[tuple[int, int, str]] = []
        if not self.forms:
            return out
        form = self.selected_form()
        for rank, index in enumerate(self._order):
            result = self._result(index, form)
            for line in sorted(self._picked.get(index, ())):
                if line < len(result.lines):
                    out.append((line, rank, result.lines[line].text))
        return sorted(out)

    def use_selected(self) -> None:
        """Make the selected candidate the poem (saved at once)."""
        index = self.selected_index()
        if index is None:
            return
        self._set_poem_text(self._pool[index].text.strip())
        self.save_now()
        self.status.setText(
            self.tr("Candidate {rank} is your poem; edit it below.").format(rank=self._order.index(index) + 1)
        )

    def combine_chosen(self) -> None:
        """Make the ticked lines of all candidates the poem, in line order (saved at once)."""
        picks = self.chosen_lines()
        if not picks:
            return
        self._set_poem_text(combine_lines(self.selected_form(), picks))
        self.save_now()
        sources = len({rank for _, rank, _ in picks})
        self.status.setText(
            self.tr("Combined {n} line(s) from {k} candidate(s); edit them below.").format(
                n=len(picks), k=sources
            )
        )

    def _update_buttons(self) -> None:
        has = self.selected_index() is not None
        self.use_button.setEnabled(has)
        self.combine_button.setEnabled(any(self._picked.values()))

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
        self.poem_score.setText(self._summary(form, result, None))

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
        self._reset_candidates()
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
        self._reset_candidates()
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
        self._pool = list(poem.candidates)
        self._picked = {i: set(c.ticked) for i, c in enumerate(self._pool) if c.ticked}
        self._rank()
        self._refresh_candidates(select=0 if self._pool else -1)
        self._set_poem_text(poem.chosen_text or "")
        self.status.setText(summary.title if summary else "")
