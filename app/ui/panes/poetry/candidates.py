"""The candidate poems of the Poetry pane: the ranked list, the lines of the selected one
with the checker's notes and tick boxes, "Use this poem" and "Combine chosen lines".

The ranking, the checks and the ticks live in a Qt-free
:class:`app.core.poetry.candidates.CandidatePool`; this module shows them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.core.poetry.candidates import CandidatePool, format_logprob, one_line
from app.core.poetry.checker import check_poem
from app.core.poetry.compose import combine_lines
from app.core.poetry.forms import Form
from app.storage.poems import PoemCandidate
from app.ui.panes.poetry.form_view import LineTable, check_summary, headed, percent


def partial_label(reason: str) -> str:
    """The mark of a candidate cut short: by Stop ('cancelled') or by a failure."""
    if reason == "cancelled":
        return QCoreApplication.translate("CandidateTable", "[stopped]")
    return QCoreApplication.translate("CandidateTable", "[cut short]")


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
            shown = one_line(c.text)
            if c.is_partial:
                shown = partial_label(c.reason) + " " + shown
            values = (
                str(i + 1),
                percent(c.score),
                format_logprob(c.mean_logprob),
                str(picked[i] or ""),
                shown,
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


class CandidatesView(QSplitter):
    """The candidates, best first (:class:`CandidateTable`), beside the lines of the
    selected one (:class:`LineTable`, with tick boxes), its check, and the buttons that
    make the poem from them.

    The selection follows the best candidate while candidates arrive, until the writer
    picks a row: that candidate then stays selected when the ranks change.

    Args:
        form: the form the candidates are checked against (None while no form is loaded:
            nothing is shown).

    Public attributes (widgets): ``table``, ``lines_table``, ``lines_summary``,
    ``use_button``, ``combine_button``. ``pool`` holds the candidates in arrival order.

    Signals:
        ticks_changed(): the writer ticked or unticked a line (store the candidates).
        poem_chosen(str, str): make this text the poem; the second string says where it
            came from (for the status line).
    """

    ticks_changed = Signal()
    poem_chosen = Signal(str, str)

    def __init__(self, form: Callable[[], Form | None], parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._form = form
        self.pool: CandidatePool[PoemCandidate] = CandidatePool()
        self._shown_order: list[int] = []  # ranked row -> pool index, as the table shows it
        self._user_picked_row = False  # the writer chose a row: it stays selected when ranks change
        #: the poem being written (shown as the table's last row), None: none
        self.live: str | None = None

        em = self.fontMetrics().averageCharWidth()
        self.table = CandidateTable()
        self.table.setAccessibleName(self.tr("Candidate poems, best first"))
        self.table.setMinimumWidth(em * 36)
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

        candidates_box, _left = headed(self.tr("&Candidates"), self.table)
        lines_box, right = headed(
            self.tr("Li&nes of the selected candidate (tick lines to combine)"), self.lines_table
        )
        right.addWidget(self.lines_summary)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.combine_button)
        buttons.addStretch(1)
        right.addLayout(buttons)
        self.addWidget(candidates_box)
        self.addWidget(lines_box)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 1)
        self.table.candidate_selected.connect(self._row_selected)
        self.lines_table.line_toggled.connect(self._line_toggled)

    @property
    def candidates(self) -> list[PoemCandidate]:
        """The candidates, best first, each with the lines ticked on it."""
        return [dataclasses.replace(c, ticked=ticked) for c, ticked in self.pool.ranked()]

    def reset(self) -> None:
        """No candidates (a new poem)."""
        self.pool.clear()
        self._shown_order = []
        self._user_picked_row = False
        self.live = None
        self.table.show_candidates([], [], None, -1)
        self.show_selected()

    def load(self, candidates: Sequence[PoemCandidate]) -> None:
        """Show stored candidates (arrival order, with their ticks); select the best."""
        self.pool.load(candidates, [c.ticked for c in candidates])
        self.refresh(select=0 if candidates else -1)

    def add(self, raw: PoemCandidate, form: Form) -> None:
        """A finished candidate: checked against ``form``, ranked; the live row ends.
        Call :meth:`refresh` to show it."""
        result = check_poem(form, raw.text)
        self.pool.add(dataclasses.replace(raw, score=result.score), result)
        self.live = None

    def append_live(self, text: str) -> None:
        """More text of the poem being written (its row shows it growing)."""
        if self.live is None:
            self.live = ""
        self.live += text
        row = self.table.rowCount() - 1
        item = self.table.item(row, CandidateTable.POEM) if row >= 0 else None
        if item is not None and not (item.flags() & Qt.ItemFlag.ItemIsSelectable):
            item.setText(" / ".join(self.live.strip().splitlines()))
        else:
            self.refresh()

    def refresh(self, select: int | None = None) -> None:
        """Show the ranked candidates; select ranked row ``select`` (None: the writer's
        pick if they made one, else the best)."""
        order = self.pool.order
        if select is None:
            pool_index = self.selected_index() if self._user_picked_row else None
            if pool_index is not None and pool_index in order:
                select = order.index(pool_index)
            else:
                select = 0 if order else -1
        self._shown_order = list(order)
        picked = [len(self.pool.ticked(i)) for i in order]
        self.table.show_candidates(self.candidates, picked, self.live, select)
        self.show_selected()

    def selected_index(self) -> int | None:
        """Index in the arrival-order pool of the selected candidate (None: none)."""
        row = self.table.selected_row()
        return self._shown_order[row] if 0 <= row < len(self._shown_order) else None

    def _row_selected(self, _row: int) -> None:
        self._user_picked_row = True
        self.show_selected()

    def select_candidate(self, rank: int) -> None:
        """Select the candidate at ranked row ``rank`` (0 = best), as the writer would."""
        self._user_picked_row = True
        self.refresh(select=rank)

    def show_selected(self) -> None:
        """Show the selected candidate's lines and check against the form."""
        form = self._form()
        if form is None:
            return
        index = self.selected_index()
        if index is None:
            self.lines_table.show_result(form, None)
            self.lines_summary.clear()
        else:
            result = self.pool.result(index, form)
            self.lines_table.show_result(form, result, set(self.pool.ticked(index)))
            self.lines_summary.setText(check_summary(form, result, self.pool.pool[index]))
        self.update_buttons()

    def _line_toggled(self, line: int, checked: bool) -> None:
        index = self.selected_index()
        if index is None:
            return
        count = self.pool.tick(index, line, checked)
        item = self.table.item(self.table.selected_row(), CandidateTable.PICKED)
        if item is not None:
            item.setText(str(count or ""))
        self.ticks_changed.emit()
        self.update_buttons()

    def set_line_checked(self, rank: int, line: int, checked: bool = True) -> None:
        """Tick (or untick) line ``line`` of the candidate at ranked row ``rank``."""
        self.select_candidate(rank)
        self.lines_table.set_line_checked(line, checked)

    def chosen_lines(self) -> list[tuple[int, int, str]]:
        """The ticked lines as (line index, candidate rank, text), in line order."""
        form = self._form()
        return self.pool.chosen_lines(form) if form is not None else []

    def use_selected(self) -> None:
        """Make the selected candidate the poem (:attr:`poem_chosen`)."""
        index = self.selected_index()
        if index is None:
            return
        how = self.tr("Candidate {rank} is your poem; edit it below.").format(
            rank=self.pool.rank_of(index) + 1
        )
        self.poem_chosen.emit(self.pool.pool[index].text.strip(), how)

    def combine_chosen(self) -> None:
        """Make the ticked lines of all candidates the poem, in line order (:attr:`poem_chosen`)."""
        picks = self.chosen_lines()
        form = self._form()
        if not picks or form is None:
            return
        sources = len({rank for _, rank, _ in picks})
        how = self.tr("Combined {n} line(s) from {k} candidate(s); edit them below.").format(
            n=len(picks), k=sources
        )
        self.poem_chosen.emit(combine_lines(form, picks), how)

    def update_buttons(self) -> None:
        self.use_button.setEnabled(self.selected_index() is not None)
        self.combine_button.setEnabled(self.pool.any_ticked())
