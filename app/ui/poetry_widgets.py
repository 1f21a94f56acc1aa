"""The Poetry pane's parts: the candidate generator, the decoding settings, the candidate list
and the per-line checker table.

:class:`PoemRunController` runs a batch of generations (N sampled poems with different seeds,
or one beam search whose beams are the candidates) on a worker thread and reports each
finished poem; it is a :class:`GenerationController`, so the window treats it like every
other pane's (``finished``, ``stop``, ``finish_now``).
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.poetry.checker import PoemResult
from app.core.poetry.compose import line_rhymes
from app.core.poetry.forms import Form
from app.core.types import MAX_BEAM_WIDTH, Usage
from app.engines.base import (
    CancelToken,
    Candidate,
    Capabilities,
    Done,
    EngineEvent,
    Failed,
    GenerationRequest,
    Notice,
    Token,
)
from app.storage.poems import PoemCandidate
from app.ui.engine_bridge import FLUSH_INTERVAL_MS, EngineHub, GenerationController
from app.ui.widgets import notice_text

#: Most candidates one sampling run makes.
MAX_CANDIDATES = 10
#: Weight of the palette's LinkVisited colour blended into Base behind a failed check (0..1).
FAIL_TINT = 0.28


# -- running the candidates ---------------------------------------------------------------
@dataclass(frozen=True)
class PoemJob:
    """One generation of a run: the request and how it decodes ('sampling', 'grammar', 'beam')."""

    request: GenerationRequest
    decoder: str


class PoemRunController(GenerationController):
    """Generates the candidates of one poem, one request after another, on a worker thread.

    A sampling job gives one candidate (its mean log-probability from the request's
    ``top_logprobs``); a beam job gives every beam of :attr:`Done.candidates`. Stop cancels
    the running job at once and skips the rest; finished candidates are kept.

    Signals (besides ``text_ready``, ``notice`` and ``finished``):
        candidate_started(int): job k (0-based) began; ``text_ready`` then streams its text.
        candidate_ready(object): a finished :class:`PoemCandidate` (``score`` is 0: the pane
            checks it against the form).
        finished(object): after the last job: a :class:`Done` (reason 'stop', or 'cancelled'
            when stopped) whose ``candidates`` are all the poems in arrival order and whose
            ``usage`` sums the jobs', or the :class:`Failed` of the job that failed.
    """

    candidate_started = Signal(int)
    candidate_ready = Signal(object)

    def __init__(self, hub: EngineHub, parent: QObject | None = None) -> None:
        super().__init__(hub, parent)
        self._run_lock = threading.Lock()
        self._events: list[tuple[str, Any]] = []
        self._run_final: EngineEvent | None = None
        self._run_cancel: CancelToken | None = None
        self._run_thread: threading.Thread | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(FLUSH_INTERVAL_MS)
        self._poll.timeout.connect(self._deliver)
        #: called at the end of :meth:`finish_now` (the window settles panes before it
        #: closes the history): the pane saves the writer's last edit there
        self.on_settle: Callable[[], None] | None = None

    def is_running(self) -> bool:
        return self._run_thread is not None or super().is_running()

    def start_run(self, jobs: Sequence[PoemJob]) -> None:
        """Run ``jobs`` in order (their seeds must already be resolved)."""
        if self.is_running():
            raise RuntimeError("a generation is already running")
        if not jobs:
            raise ValueError("no jobs to run")
        self.text = ""
        self._events, self._run_final = [], None
        cancel = self._run_cancel = CancelToken()
        self.hub.cancel_background()
        engine = self.hub.active
        self.params = jobs[0].request.params

        def post(kind: str, value: Any) -> None:
            with self._run_lock:
                self._events.append((kind, value))

        def work() -> None:
            found: list[PoemCandidate] = []
            usage = Usage()
            failure: Failed | None = None
            for k, job in enumerate(jobs):
                if cancel.is_cancelled():
                    break
                post("started", k)
                final: EngineEvent | None = None
                logprobs: list[float] = []
                streamed: list[str] = []
                try:
                    for event in engine.stream(job.request, cancel):
                        if isinstance(event, Token):
                            logprobs.extend(lp.logprob for lp in event.logprobs)
                            if event.text:
                                streamed.append(event.text)
                                post("text", event.text)
                        elif isinstance(event, Notice):
                            post("notice", event)
                        else:
                            final = event
                except Exception as exc:  # a bug in our code must not kill the thread silently
                    final = Failed("internal", f"Generation failed: {exc}")
                if isinstance(final, Failed) or final is None:
                    failure = final or Failed("internal", "The engine ended without a result.")
                    # Not a word lost: what was written before the failure is kept, marked.
                    for poem in _sampled(job, "".join(streamed), logprobs, len(logprobs), "failed"):
                        found.append(poem)
                        post("candidate", poem)
                    break
                assert isinstance(final, Done)
                usage = _add_usage(usage, final.usage)
                if final.reason == "cancelled" and not final.candidates:
                    final = dataclasses.replace(final, text=final.text or "".join(streamed))
                for poem in _candidates(job, final, logprobs):
                    found.append(poem)
                    post("candidate", poem)
                if final.reason == "cancelled":
                    break  # the poem cut by Stop is kept (marked); the rest are not started
            if failure is not None:
                result: EngineEvent = failure
            else:
                seed = jobs[0].request.params.seed
                result = Done(
                    "cancelled" if cancel.is_cancelled() else "stop",
                    usage,
                    seed,
                    text=found[0].text if found else "",
                    candidates=tuple(
                        Candidate(
                            c.text, c.sum_logprob or 0.0, c.mean_logprob or 0.0, c.beam_score or 0.0, c.reason
                        )
                        for c in found
                    ),
                )
            with self._run_lock:
                self._run_final = result

        self._run_thread = threading.Thread(target=work, name="penwright-poetry", daemon=True)
        self._run_thread.start()
        self._poll.start()

    def stop(self) -> None:
        """Cancel now (thread-safe): the running job stops within about one token."""
        if self._run_cancel is not None:
            self._run_cancel.cancel()
        super().stop()

    def finish_now(self, timeout: float = 10.0) -> None:
        """Stop and settle at once (window closing, conversation deleted)."""
        if self._run_thread is not None:
            self.stop()
            self._run_thread.join(timeout)
            if not self._run_thread.is_alive():
                self._deliver()
        super().finish_now(timeout)
        if self.on_settle is not None:
            self.on_settle()

    def _deliver(self) -> None:
        with self._run_lock:
            events, self._events = self._events, []
            final = self._run_final
        pieces: list[str] = []

        def flush_text() -> None:
            if pieces:
                text = "".join(pieces)
                pieces.clear()
                self.text += text
                self.text_ready.emit(text)

        for kind, value in events:
            if kind == "text":
                pieces.append(value)
                continue
            flush_text()
            if kind == "started":
                self.text = ""
                self.candidate_started.emit(value)
            elif kind == "candidate":
                self.candidate_ready.emit(value)
            elif kind == "notice":
                self.notice.emit(notice_text(value))
        flush_text()
        if final is None:
            return
        self._poll.stop()
        if self._run_thread is not None:
            self._run_thread.join()
        self._run_thread = None
        if isinstance(final, Done) and final.usage.completion_tokens:
            self.hub.generation_finished.emit(final.usage.tokens_per_second)
        self.finished.emit(final)


def _add_usage(a: Usage, b: Usage) -> Usage:
    return Usage(
        prompt_tokens=a.prompt_tokens + b.prompt_tokens,
        completion_tokens=a.completion_tokens + b.completion_tokens,
        cached_tokens=a.cached_tokens + b.cached_tokens,
        prompt_seconds=a.prompt_seconds + b.prompt_seconds,
        generation_seconds=a.generation_seconds + b.generation_seconds,
    )


def _candidates(job: PoemJob, done: Done, logprobs: list[float]) -> list[PoemCandidate]:
    """The poems of one finished job: every beam, or the sampled text."""
    seed = job.request.params.seed
    if done.candidates:
        return [
            PoemCandidate(
                text=c.text,
                score=0.0,
                mean_logprob=c.mean_logprob,
                sum_logprob=c.sum_logprob,
                tokens=round(c.sum_logprob / c.mean_logprob) if c.mean_logprob else 0,
                seed=seed,
                reason=c.reason,
                decoder=job.decoder,
                beam_score=c.score,
            )
            for c in done.candidates
            if c.text.strip()
        ]
    tokens = done.usage.completion_tokens or len(logprobs)
    return _sampled(job, done.text, logprobs, tokens, done.reason, done.seed)


def _sampled(
    job: PoemJob,
    text: str,
    logprobs: list[float],
    tokens: int,
    reason: str,
    seed: int | None = None,
) -> list[PoemCandidate]:
    """One sampled poem (none if ``text`` is blank); ``logprobs`` per token, natural log."""
    if not text.strip():
        return []
    total = sum(logprobs) if logprobs else None
    return [
        PoemCandidate(
            text=text,
            score=0.0,
            mean_logprob=total / len(logprobs) if total is not None else None,
            sum_logprob=total,
            tokens=tokens,
            seed=job.request.params.seed if seed is None else seed,
            reason=reason,
            decoder=job.decoder,
        )
    ]


# -- decoding settings --------------------------------------------------------------------
def decoding_labels() -> dict[str, str]:
    return {
        "sampling": QCoreApplication.translate("Decoding", "Sampling"),
        "grammar": QCoreApplication.translate("Decoding", "Grammar"),
        "beam": QCoreApplication.translate("Decoding", "Grammar + beam search"),
    }


class DecodingPanel(QGroupBox):
    """How the candidates are made: the decoding choice, N, and the beam search's values.

    A choice the active engine or the form cannot do is greyed out in the list, with the
    reason as its tooltip and in :attr:`reason_label`.

    Signals:
        changed(): a value changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Decoding"), parent)
        self.setAccessibleName(self.tr("Decoding"))
        self.mode_box = QComboBox()
        self.mode_box.setAccessibleName(self.tr("Decoding method"))
        for key, name in decoding_labels().items():
            self.mode_box.addItem(name, key)
        self.mode_box.setItemData(
            0, self.tr("Sample each candidate token by token with its own seed"), Qt.ItemDataRole.ToolTipRole
        )
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, MAX_CANDIDATES)
        self.count_spin.setValue(3)
        self.count_spin.setAccessibleName(self.tr("Number of candidates"))
        self.count_spin.setToolTip(self.tr("How many poems to generate, each with its own seed"))
        self.beam_width_spin = QSpinBox()
        self.beam_width_spin.setRange(1, MAX_BEAM_WIDTH)
        self.beam_width_spin.setValue(4)
        self.beam_width_spin.setAccessibleName(self.tr("Beam width"))
        self.beam_width_spin.setToolTip(self.tr("Hypotheses the search keeps; its beams are the candidates"))
        self.length_penalty_spin = QDoubleSpinBox()
        self.length_penalty_spin.setRange(0.0, 2.0)
        self.length_penalty_spin.setSingleStep(0.1)
        self.length_penalty_spin.setDecimals(2)
        self.length_penalty_spin.setValue(0.6)
        self.length_penalty_spin.setAccessibleName(self.tr("Length penalty alpha"))
        self.length_penalty_spin.setToolTip(
            self.tr(
                "α of the GNMT length normalisation ((5 + length) / 6)^α; 0 ranks by total log-probability"
            )
        )
        self.repetition_spin = QDoubleSpinBox()
        self.repetition_spin.setRange(1.0, 2.0)
        self.repetition_spin.setSingleStep(0.05)
        self.repetition_spin.setDecimals(2)
        self.repetition_spin.setValue(1.2)
        self.repetition_spin.setAccessibleName(self.tr("Repetition penalty"))
        self.repetition_spin.setToolTip(
            self.tr("CTRL rule: logits of tokens already in the beam are divided by this (1 = off)")
        )
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        self.reason_label.setAccessibleName(self.tr("Why some decoding choices are unavailable"))
        self.reason_label.hide()

        row = QHBoxLayout()
        for caption, widget in (
            (self.tr("&Method:"), self.mode_box),
            (self.tr("Ca&ndidates:"), self.count_spin),
            (self.tr("&Beam width:"), self.beam_width_spin),
            (self.tr("Length penalty &α:"), self.length_penalty_spin),
            (self.tr("Re&petition penalty:"), self.repetition_spin),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
            row.addSpacing(self.fontMetrics().averageCharWidth())
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.reason_label)
        self._reasons: dict[str, str] = {}
        #: the writer's choice, taken again whenever it becomes available (grammar first)
        self._preferred = "grammar"
        self.mode_box.currentIndexChanged.connect(self._mode_changed)
        self.mode_box.activated.connect(lambda _i: setattr(self, "_preferred", self.mode()))
        for spin in (self.count_spin, self.beam_width_spin):
            spin.valueChanged.connect(self.changed)
        for dspin in (self.length_penalty_spin, self.repetition_spin):
            dspin.valueChanged.connect(self.changed)
        self._mode_changed()

    def mode(self) -> str:
        return str(self.mode_box.currentData())

    def set_mode(self, mode: str) -> bool:
        """Choose ``mode`` if it is available; returns whether it is now chosen."""
        index = self.mode_box.findData(mode)
        if index < 0 or mode in self._reasons:
            return False
        self._preferred = mode
        self.mode_box.setCurrentIndex(index)
        return True

    def set_unavailable(self, reasons: dict[str, str]) -> None:
        """Grey out the modes in ``reasons`` (mode -> plain words why); the others are
        enabled. The writer's preferred mode is chosen where available, else sampling."""
        self._reasons = dict(reasons)
        model = self.mode_box.model()
        assert isinstance(model, QStandardItemModel)
        for i in range(self.mode_box.count()):
            key = str(self.mode_box.itemData(i))
            item = model.item(i)
            item.setEnabled(key not in reasons)
            if key in reasons:
                item.setToolTip(reasons[key])
            elif key != "sampling":
                item.setToolTip(
                    self.tr("The form's grammar keeps the structure while decoding")
                    if key == "grammar"
                    else self.tr("Beam search under the form's grammar: the most likely poems as a whole")
                )
        wanted = self._preferred if self._preferred not in reasons else "sampling"
        self.mode_box.setCurrentIndex(max(self.mode_box.findData(wanted), 0))
        labels = decoding_labels()
        lines = [
            self.tr("{choice} is unavailable: {why}").format(choice=labels[k], why=v)
            for k, v in reasons.items()
        ]
        self.reason_label.setText("\n".join(lines))
        self.reason_label.setVisible(bool(lines))
        self._mode_changed()

    def is_available(self, mode: str) -> bool:
        return mode not in self._reasons

    def reason(self, mode: str) -> str:
        return self._reasons.get(mode, "")

    def _mode_changed(self) -> None:
        beam = self.mode() == "beam"
        self.count_spin.setEnabled(not beam)
        self.count_spin.setToolTip(
            self.tr("Beam search returns its beams as the candidates: set the beam width")
            if beam
            else self.tr("How many poems to generate, each with its own seed")
        )
        for widget in (self.beam_width_spin, self.length_penalty_spin, self.repetition_spin):
            widget.setEnabled(beam)
        self.changed.emit()

    def settings(self) -> dict[str, Any]:
        """The values as stored with a poem."""
        return {
            "mode": self.mode(),
            "candidates": self.count_spin.value(),
            "beam_width": self.beam_width_spin.value(),
            "length_penalty": round(self.length_penalty_spin.value(), 4),
            "repetition_penalty": round(self.repetition_spin.value(), 4),
        }

    def apply(self, settings: dict[str, Any]) -> None:
        """Show stored values (unknown or out-of-range ones keep the current value)."""

        def number(key: str) -> float | None:
            value = settings.get(key)
            return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None

        if (n := number("candidates")) is not None:
            self.count_spin.setValue(int(n))
        if (w := number("beam_width")) is not None:
            self.beam_width_spin.setValue(int(w))
        if (a := number("length_penalty")) is not None:
            self.length_penalty_spin.setValue(a)
        if (r := number("repetition_penalty")) is not None:
            self.repetition_spin.setValue(r)
        mode = settings.get("mode")
        if isinstance(mode, str):
            self.set_mode(mode)


def unavailable_modes(form: Form, grammar: str | None, capabilities: Capabilities) -> dict[str, str]:
    """mode -> why it cannot be used for ``form`` on an engine with ``capabilities``."""
    out: dict[str, str] = {}
    tr = QCoreApplication.translate
    if grammar is None:
        why = tr("Decoding", "{form} has no fixed structure for a grammar to keep.").format(form=form.name)
        return {"grammar": why, "beam": why}
    if not capabilities.grammar:
        out["grammar"] = capabilities.reason("grammar") or tr(
            "Decoding", "This engine cannot constrain output with a grammar."
        )
    if not capabilities.beam_search or not capabilities.grammar:
        out["beam"] = capabilities.reason("beam_search") or tr(
            "Decoding", "This engine offers no beam search."
        )
    return out


# -- colours and marks --------------------------------------------------------------------
def fail_colour(palette: QPalette) -> QColor:
    """Background of a failed check: the palette's LinkVisited blended into Base."""
    base = palette.color(QPalette.ColorRole.Base)
    tint = palette.color(QPalette.ColorRole.LinkVisited)
    w = FAIL_TINT
    return QColor(
        round(base.red() * (1 - w) + tint.red() * w),
        round(base.green() * (1 - w) + tint.green() * w),
        round(base.blue() * (1 - w) + tint.blue() * w),
    )


def ok_colour(palette: QPalette) -> QColor:
    """Colour of a passed check mark: the palette's Link colour."""
    return palette.color(QPalette.ColorRole.Link)


def partial_label(reason: str) -> str:
    """The mark of a candidate cut short: by Stop ('cancelled') or by a failure."""
    if reason == "cancelled":
        return QCoreApplication.translate("CandidateTable", "[stopped]")
    return QCoreApplication.translate("CandidateTable", "[cut short]")


def percent(score: float) -> str:
    """A conformity score in [0, 1] as "98.3 %": one decimal, so candidates ranked apart
    never look tied (100 % only when the poem conforms fully)."""
    value = score * 100
    if value >= 100:
        return "100 %"
    value = min(value, 99.9)  # never rounded up to a full match
    return QLocale().toString(value, "f", 1) + " %"  # the decimal mark of the writer's locale


def format_logprob(value: float | None) -> str:
    return "—" if value is None or not math.isfinite(value) else f"{value:.2f}"


# -- the per-line table -------------------------------------------------------------------
class LineTable(QTableWidget):
    """One poem, line by line, with the checker's annotations beside each line: the count
    against the expected one, the rhyme key, and ✓/✗ for count, rhyme, end mark and tones
    (columns a form does not use are hidden). With ``checkable``, a first column of check
    boxes lets the writer pick lines.

    Signals:
        line_toggled(int, bool): the writer ticked (True) or unticked line i.
    """

    USE, LINE, COUNT, RHYME, COUNT_OK, RHYME_OK, MARK_OK, TONES_OK = range(8)
    line_toggled = Signal(int, bool)

    def __init__(self, checkable: bool, parent: QWidget | None = None) -> None:
        super().__init__(0, 8, parent)
        self.checkable = checkable
        self.setHorizontalHeaderLabels(
            [
                self.tr("Use"),
                self.tr("Line"),
                self.tr("Count"),
                self.tr("Rhyme"),
                self.tr("Count ✓"),
                self.tr("Rhyme ✓"),
                self.tr("End ✓"),
                self.tr("Tones ✓"),
            ]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.LINE, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(True)
        self.verticalHeader().setDefaultSectionSize(round(self.fontMetrics().lineSpacing() * 1.6))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.setWordWrap(False)
        self.setColumnHidden(self.USE, not checkable)
        self._filling = False
        self.result: PoemResult | None = None
        self.itemChanged.connect(self._item_changed)

    def show_result(
        self, form: Form, result: PoemResult | None, checked: set[int] | frozenset[int] = frozenset()
    ) -> None:
        """Fill the table with ``result`` (None: empty) checked against ``form``."""
        self._filling = True
        self.result = result
        lines = result.lines if result is not None else ()
        self.setRowCount(len(lines))
        rhymes = line_rhymes(form, result) if result is not None else []
        palette = self.palette()
        tr = QCoreApplication.translate
        for i, line in enumerate(lines):
            use = QTableWidgetItem()
            use.setFlags(
                Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
            )
            use.setCheckState(Qt.CheckState.Checked if i in checked else Qt.CheckState.Unchecked)
            use.setData(Qt.ItemDataRole.AccessibleTextRole, tr("LineTable", "Use line {n}").format(n=i + 1))
            self.setItem(i, self.USE, use)
            text = QTableWidgetItem(line.text)
            text.setToolTip(line.text)
            self.setItem(i, self.LINE, text)
            if line.expected is None:
                count = str(line.count)
            else:
                lo, hi = line.expected
                want = str(lo) if lo == hi else f"{lo}–{hi}"
                count = f"{line.count}/{want}"
            count_item = QTableWidgetItem(count)
            unit = {"zh": tr("LineTable", "Han characters"), "ja": tr("LineTable", "morae")}.get(
                form.language, tr("LineTable", "syllables")
            )
            tip = tr("LineTable", "{n} {unit}").format(n=line.count, unit=unit)
            if line.expected is not None:
                tip += " " + tr("LineTable", "(the form asks for {want})").format(want=count.split("/")[1])
            if line.unknown_words:
                tip += "\n" + tr("LineTable", "Estimated (not in the dictionary): {words}").format(
                    words=", ".join(line.unknown_words)
                )
            count_item.setToolTip(tip)
            self.setItem(i, self.COUNT, count_item)
            rhyme = QTableWidgetItem(line.rhyme_key)
            rhyme.setToolTip(
                tr("LineTable", "Rhyme of “{word}”: {key}").format(word=line.end_word, key=line.rhyme_key)
            )
            self.setItem(i, self.RHYME, rhyme)
            marks = (
                (self.COUNT_OK, line.ok, tr("LineTable", "count")),
                (self.RHYME_OK, rhymes[i] if i < len(rhymes) else None, tr("LineTable", "rhyme")),
                (self.MARK_OK, line.punctuation_ok, tr("LineTable", "end mark")),
                (self.TONES_OK, line.tone_ok, tr("LineTable", "tones")),
            )
            optional = i < len(form.rhyme) and form.rhyme[i].optional
            for column, ok, what in marks:
                if column == self.RHYME_OK and optional and ok is False:
                    item = QTableWidgetItem("–")  # an optional rhyme not taken: no fault
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    words = tr("LineTable", "rhyme optional here, not taken")
                    item.setToolTip(words)
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, words)
                    self.setItem(i, column, item)
                    continue
                self.setItem(i, column, self._mark(ok, what, palette))
            if line.ok is False:
                count_item.setBackground(fail_colour(palette))
        self.setColumnHidden(self.RHYME, not form.rhyme and form.language != "zh")
        self.setColumnHidden(self.RHYME_OK, not form.rhyme)
        self.setColumnHidden(self.MARK_OK, not form.punctuation)
        self.setColumnHidden(self.TONES_OK, not form.tones)
        self.setColumnHidden(self.COUNT_OK, not (form.chars or form.syllables))
        self._filling = False

    def _mark(self, ok: bool | None, what: str, palette: QPalette) -> QTableWidgetItem:
        tr = QCoreApplication.translate
        if ok is None:
            item = QTableWidgetItem("")
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, tr("LineTable", "{what}: not checked").format(what=what)
            )
            return item
        item = QTableWidgetItem("✓" if ok else "✗")
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        words = tr("LineTable", "{what} kept") if ok else tr("LineTable", "{what} not kept")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, words.format(what=what))
        item.setToolTip(words.format(what=what))
        if ok:
            item.setForeground(ok_colour(palette))
        else:
            font = QFont(self.font())
            font.setBold(True)
            item.setFont(font)
            item.setBackground(fail_colour(palette))
        return item

    def checked_lines(self) -> list[int]:
        return [
            i
            for i in range(self.rowCount())
            if (item := self.item(i, self.USE)) is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def set_line_checked(self, line: int, checked: bool) -> None:
        item = self.item(line, self.USE)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != self.USE:
            return
        self.line_toggled.emit(item.row(), item.checkState() == Qt.CheckState.Checked)


# -- the candidate list -------------------------------------------------------------------
class CandidateTable(QTableWidget):
    """The candidates, best first: rank, conformity, mean log-probability, the poem on one
    line, and how many of its lines are ticked. While a poem is being written, a last row
    shows it growing.

    Signals:
        candidate_selected(int): the writer moved to ranked row i (-1: none).
    """

    RANK, SCORE, LOGPROB, PICKED, POEM = range(5)
    candidate_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setHorizontalHeaderLabels(
            [
                self.tr("#"),
                self.tr("Score"),
                self.tr("Log-prob"),
                self.tr("Ticked"),
                self.tr("Poem"),
            ]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.POEM, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(round(self.fontMetrics().lineSpacing() * 1.6))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._filling = False
        self.itemSelectionChanged.connect(self._selection_changed)

    def show_candidates(
        self, candidates: Sequence[PoemCandidate], picked: Sequence[int], live: str | None, select: int
    ) -> None:
        """Rows for ``candidates`` (ranked) with ``picked[i]`` ticked lines each, a row for
        the poem being written (``live``, None: none), and row ``select`` selected."""
        self._filling = True
        rows = len(candidates) + (live is not None)
        self.setRowCount(rows)
        tr = QCoreApplication.translate
        for i, c in enumerate(candidates):
            one_line = " / ".join(line.strip() for line in c.text.strip().splitlines() if line.strip())
            if c.is_partial:
                one_line = partial_label(c.reason) + " " + one_line
            values = (
                str(i + 1),
                percent(c.score),
                format_logprob(c.mean_logprob),
                str(picked[i] or ""),
                one_line,
            )
            tips = {
                self.SCORE: tr("CandidateTable", "Conformity to the form"),
                self.LOGPROB: tr("CandidateTable", "Mean log-probability per token (higher is more likely)"),
                self.POEM: c.text.strip(),
            }
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column != self.POEM:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column in tips:
                    item.setToolTip(tips[column])
                self.setItem(i, column, item)
        if live is not None:
            row = len(candidates)
            values = ("…", tr("CandidateTable", "writing…"), "", "", " / ".join(live.strip().splitlines()))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = QFont(self.font())
                font.setItalic(True)
                item.setFont(font)
                self.setItem(row, column, item)
        if 0 <= select < len(candidates):
            self.selectRow(select)
        else:
            self.clearSelection()
        self._filling = False

    def selected_row(self) -> int:
        rows = {index.row() for index in self.selectionModel().selectedRows()}
        return min(rows) if rows else -1

    def _selection_changed(self) -> None:
        if not self._filling:
            self.candidate_selected.emit(self.selected_row())
