"""The History pane's filters (pane, model, folder, dates) and what they choose.

:class:`FilterBar` holds the controls; :meth:`FilterBar.current` reads them into a
:class:`Filters` value, which the list (:mod:`.tree`) and the search (:mod:`.search`)
both apply. Anki's browser keeps the same split: the table's state apart from its view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate, QDateTime, QObject, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from app.core.panes import conversation_panes
from app.storage.history import ConversationSummary, Folder
from app.ui.panes.history.labels import pane_label


@dataclass(frozen=True)
class Filters:
    """What the filters choose; None or "" means any.

    Attributes:
        pane: a pane id. model: a model name. folder_id: a folder's id.
        since, until: Unix seconds, ``since`` included, ``until`` excluded (local days).
    """

    pane: str = ""
    model: str = ""
    folder_id: int | None = None
    since: float | None = None
    until: float | None = None

    @property
    def active(self) -> bool:
        """Whether any filter narrows the list."""
        return bool(self.pane or self.model or self.folder_id is not None or self.since is not None)

    def passes(self, summary: ConversationSummary) -> bool:
        """Whether a conversation (its pane, model, folder and last change) is chosen."""
        return (
            (not self.pane or summary.pane == self.pane)
            and (not self.model or summary.model == self.model)
            and (self.folder_id is None or summary.folder_id == self.folder_id)
            and (self.since is None or summary.updated_at >= self.since)
            and (self.until is None or summary.updated_at < self.until)
        )


class FilterBar(QObject):
    """The filter controls in one row (:attr:`row`, a layout the pane places).

    Signals:
        changed(): the user changed a filter (not sent while :meth:`fill` refills them).
    """

    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        em = parent.fontMetrics().averageCharWidth()
        self.pane_filter = QComboBox()
        self.pane_filter.setAccessibleName(self.tr("Only this pane"))
        self.pane_filter.addItem(self.tr("All panes"), "")
        for pane in conversation_panes():
            self.pane_filter.addItem(pane_label(pane), pane)
        self.model_filter = QComboBox()
        self.model_filter.setAccessibleName(self.tr("Only this model"))
        self.model_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.model_filter.setMinimumContentsLength(14)
        self.model_filter.addItem(self.tr("Any model"), "")
        self.folder_filter = QComboBox()
        self.folder_filter.setAccessibleName(self.tr("Only this folder"))
        self.folder_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.folder_filter.setMinimumContentsLength(10)
        self.folder_filter.addItem(self.tr("Any folder"), -1)
        self.date_filter = QCheckBox(self.tr("&Dates"))
        self.date_filter.setAccessibleName(self.tr("Only between two dates"))
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addMonths(-1))
        self.date_from.setAccessibleName(self.tr("From date"))
        self.date_to = QDateEdit(today)
        self.date_to.setAccessibleName(self.tr("To date (included)"))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")  # as the Date column (format_time)
            edit.setEnabled(False)
            edit.dateChanged.connect(self._changed)
        self.date_filter.toggled.connect(self.date_from.setEnabled)
        self.date_filter.toggled.connect(self.date_to.setEnabled)
        self.date_filter.toggled.connect(self._changed)
        for combo in (self.pane_filter, self.model_filter, self.folder_filter):
            combo.currentIndexChanged.connect(self._changed)

        self.row = QHBoxLayout()
        for text, field in (
            (self.tr("&Pane:"), self.pane_filter),
            (self.tr("&Model:"), self.model_filter),
            (self.tr("F&older:"), self.folder_filter),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            self.row.addWidget(label)
            self.row.addWidget(field)
            self.row.addSpacing(em)
        self.row.addWidget(self.date_filter)
        self.row.addWidget(self.date_from)
        dash = QLabel(self.tr("to"))
        dash.setBuddy(self.date_to)
        self.row.addWidget(dash)
        self.row.addWidget(self.date_to)
        self.row.addStretch(1)

    def _changed(self, *_args: object) -> None:
        self.changed.emit()

    def fill(self, conversations: list[ConversationSummary], folders: list[Folder]) -> None:
        """Offer the models and folders there are, keeping the choices still offered."""
        models = sorted({c.model for c in conversations if c.model}, key=str.casefold)
        refill(self.model_filter, [(self.tr("Any model"), "")] + [(m, m) for m in models])
        refill(self.folder_filter, [(self.tr("Any folder"), -1)] + [(f.name, f.id) for f in folders])

    def folder_choice(self) -> int | None:
        """The folder chosen, or None for any."""
        value = self.folder_filter.currentData()
        return int(value) if value is not None and int(value) >= 0 else None

    def date_range(self) -> tuple[float | None, float | None]:
        """The date filter as Unix seconds: from the start of the first day to the end of
        the last (local time), or (None, None) when it is off."""
        if not self.date_filter.isChecked():
            return None, None
        start = QDateTime(self.date_from.date(), QTime(0, 0)).toSecsSinceEpoch()
        end = QDateTime(self.date_to.date().addDays(1), QTime(0, 0)).toSecsSinceEpoch()
        return float(start), float(end)

    def current(self) -> Filters:
        """The filters as chosen now."""
        since, until = self.date_range()
        return Filters(
            pane=self.pane_filter.currentData() or "",
            model=self.model_filter.currentData() or "",
            folder_id=self.folder_choice(),
            since=since,
            until=until,
        )


def refill(combo: QComboBox, entries: Sequence[tuple[str, object]]) -> None:
    """Replace a combo's items, keeping the chosen value if it is still there (no signal)."""
    current = combo.currentData()
    combo.blockSignals(True)
    try:
        combo.clear()
        for text, value in entries:
            combo.addItem(text, value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(0, index))
    finally:
        combo.blockSignals(False)
