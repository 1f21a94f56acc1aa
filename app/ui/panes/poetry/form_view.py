"""How the Poetry pane shows forms and the checker's annotations of a poem: the form's name
in the picker, the per-line table, its marks and colours, the one-line summary of a check,
and the headed column the pane's parts sit in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.poetry import BUILTIN_FORMS_DIR
from app.core.poetry.candidates import format_logprob
from app.core.poetry.checker import PoemResult
from app.core.poetry.compose import line_rhymes
from app.core.poetry.forms import Form
from app.storage.poems import PoemCandidate

#: Weight of the palette's LinkVisited colour blended into Base behind a failed check (0..1).
FAIL_TINT = 0.28


def headed(heading: str, main: QWidget) -> tuple[QWidget, QVBoxLayout]:
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


def percent(score: float) -> str:
    """A conformity score in [0, 1] as "98.3 %": one decimal, so candidates ranked apart
    never look tied (100 % only when the poem conforms fully)."""
    value = score * 100
    if value >= 100:
        return "100 %"
    value = min(value, 99.9)  # never rounded up to a full match
    return QLocale().toString(value, "f", 1) + " %"  # the decimal mark of the writer's locale


def check_summary(form: Form, result: PoemResult, candidate: PoemCandidate | None) -> str:
    """One line on a check: conformity, lines against the form's, rhyme, and for a
    candidate its mean log-probability and seed (beam search: no seed)."""
    tr = QCoreApplication.translate
    parts = [tr("PoetryPane", "Conformity {score}").format(score=percent(result.score))]
    if form.lines is not None:
        parts.append(tr("PoetryPane", "{n} of {want} lines").format(n=len(result.lines), want=form.lines))
    if result.rhyme_ok is not None:
        parts.append(tr("PoetryPane", "rhyme ✓") if result.rhyme_ok else tr("PoetryPane", "rhyme ✗"))
    if candidate is not None:
        lp = format_logprob(candidate.mean_logprob)
        parts.append(tr("PoetryPane", "mean log-prob {lp}").format(lp=lp))
        if candidate.seed is not None and candidate.decoder != "beam":
            parts.append(tr("PoetryPane", "seed {seed}").format(seed=candidate.seed))
    return " · ".join(parts)


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
