"""How the Poetry pane makes its candidates: sampling, sampling under the form's grammar, or
beam search under the grammar; the count and the beam search's values; the choices the
engine or the form cannot do, greyed out with the reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.poetry.forms import Form
from app.core.types import MAX_BEAM_WIDTH
from app.engines.base import Capabilities

#: Most candidates one sampling run makes.
MAX_CANDIDATES = 10


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
