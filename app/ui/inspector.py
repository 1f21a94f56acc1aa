"""The inspector (right, Ctrl+I): the pane's sampling preset and the loaded model.

The values shown are the values used: every edit goes straight into the pane's
``params``; "Save as default" stores them for that pane, "Reset" restores the defaults.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.presets import OPENAI_API_PARAMS, PARAM_SPECS
from app.core.types import GenerationParams, ModelInfo, NoticeKind

#: Short explanations shown as tooltips, by parameter (llama.cpp's meanings).
PARAM_HELP = {
    "temperature": QT_TRANSLATE_NOOP("Inspector", "Randomness: 0 always picks the most likely token."),
    "top_k": QT_TRANSLATE_NOOP("Inspector", "Sample only from the k most likely tokens (0 = off)."),
    "top_p": QT_TRANSLATE_NOOP(
        "Inspector", "Sample from the smallest set of tokens whose probabilities add up to top_p."
    ),
    "min_p": QT_TRANSLATE_NOOP("Inspector", "Drop tokens less likely than min_p times the most likely one."),
    "typical_p": QT_TRANSLATE_NOOP("Inspector", "Locally typical sampling (1 = off)."),
    "repeat_penalty": QT_TRANSLATE_NOOP("Inspector", "Penalise tokens repeated within the window (1 = off)."),
    "repeat_last_n": QT_TRANSLATE_NOOP("Inspector", "How many recent tokens the penalties look at."),
    "presence_penalty": QT_TRANSLATE_NOOP("Inspector", "Penalise any token already present in the window."),
    "frequency_penalty": QT_TRANSLATE_NOOP(
        "Inspector", "Penalise tokens by how often they occur in the window."
    ),
    "mirostat_mode": QT_TRANSLATE_NOOP(
        "Inspector", "0 = off, 1 = Mirostat, 2 = Mirostat 2.0 (replaces top_k/top_p/min_p)."
    ),
    "mirostat_tau": QT_TRANSLATE_NOOP("Inspector", "Mirostat's target surprise."),
    "mirostat_eta": QT_TRANSLATE_NOOP("Inspector", "Mirostat's learning rate."),
    "max_tokens": QT_TRANSLATE_NOOP("Inspector", "Most tokens in one reply."),
    "beam_width": QT_TRANSLATE_NOOP(
        "Inspector",
        "0 = sample token by token. 1 or more = beam search with this many beams: the most "
        "likely text as a whole, shown when complete (local models only).",
    ),
    "length_penalty": QT_TRANSLATE_NOOP(
        "Inspector", "Beam search: α of the GNMT length normalisation; higher favours longer texts."
    ),
    "seed": QT_TRANSLATE_NOOP(
        "Inspector", "-1 draws a new random seed for every reply (shown after it); a fixed seed repeats it."
    ),
}


def template_description(info: ModelInfo) -> str:
    tr = QCoreApplication.translate
    source = info.template_source
    if source == "gguf":
        return tr("Inspector", "from the model file")
    if source.startswith("fallback:"):
        return tr(
            "Inspector",
            "none in the model file; using the {name} format. This may be a base model: the "
            "Story pane (raw completion) suits it best.",
        ).format(name=source.split(":", 1)[1])
    return tr("Inspector", "your override ({name})").format(name=source.split(":", 1)[1])


class Inspector(QWidget):
    """Edits a :class:`GenerationParams`.

    Signals:
        params_changed(object): the edited parameters (a new GenerationParams).
        save_requested(), reset_requested(): the buttons.
    """

    params_changed = Signal(object)
    save_requested = Signal()
    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Inspector"))
        self._params = GenerationParams()
        self._loading = False
        self.title = QLabel()
        self.title.setAccessibleName(self.tr("Preset of the current pane"))
        self.title.setWordWrap(True)
        self.boxes: dict[str, QDoubleSpinBox] = {}
        form = QFormLayout()
        for spec in PARAM_SPECS:
            box = QDoubleSpinBox()
            box.setRange(spec.minimum, spec.maximum)
            box.setSingleStep(spec.step)
            box.setDecimals(spec.decimals)
            box.setAccessibleName(spec.name)
            box.setToolTip(QCoreApplication.translate("Inspector", str(PARAM_HELP.get(spec.name, ""))))
            box.valueChanged.connect(self._edited)
            self.boxes[spec.name] = box
            form.addRow(spec.name, box)
        self.stop = QLineEdit()
        self.stop.setAccessibleName("stop")
        self.stop.setToolTip(self.tr("Stop strings, separated by “|”. Use \\n for a new line."))
        self.stop.editingFinished.connect(self._edited)
        form.addRow("stop", self.stop)
        self.last_seed = QLabel()
        self.last_seed.setAccessibleName(self.tr("Seed of the last reply"))
        self.reuse_seed = QPushButton(self.tr("Use this seed"))
        self.reuse_seed.setAccessibleName(self.tr("Use the seed of the last reply"))
        self.reuse_seed.clicked.connect(self._use_last_seed)
        self.reuse_seed.setEnabled(False)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.last_seed, 1)
        seed_row.addWidget(self.reuse_seed)
        save = QPushButton(self.tr("Save as default"))
        save.setAccessibleName(self.tr("Save these values as this pane's default"))
        save.clicked.connect(self.save_requested)
        reset = QPushButton(self.tr("Reset"))
        reset.setAccessibleName(self.tr("Reset this pane's values to the defaults"))
        reset.clicked.connect(self.reset_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(reset)

        sampling = QGroupBox(self.tr("Sampling"))
        sampling_layout = QVBoxLayout(sampling)
        sampling_layout.addWidget(self.title)
        sampling_layout.addLayout(form)
        sampling_layout.addLayout(seed_row)
        sampling_layout.addLayout(buttons)

        self.model_info = QLabel(self.tr("No model loaded."))
        self.model_info.setAccessibleName(self.tr("Model information"))
        self.model_info.setWordWrap(True)
        model = QGroupBox(self.tr("Model"))
        QVBoxLayout(model).addWidget(self.model_info)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(model)
        layout.addWidget(sampling)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def show_params(self, pane_label: str, params: GenerationParams, last_seed: int | None) -> None:
        """Show ``params`` (the pane's values in use) without emitting ``params_changed``."""
        self._loading = True
        try:
            self._params = params
            self.title.setText(self.tr("Values used in {pane}").format(pane=pane_label))
            for name, box in self.boxes.items():
                box.setValue(float(getattr(params, name)))
            self.stop.setText(" | ".join(s.replace("\n", "\\n") for s in params.stop))
            self.set_last_seed(last_seed)
        finally:
            self._loading = False

    def set_last_seed(self, seed: int | None) -> None:
        self._last_seed = seed
        self.last_seed.setText(
            self.tr("Last reply's seed: {seed}").format(seed=seed) if seed is not None else ""
        )
        self.reuse_seed.setEnabled(seed is not None)

    def _use_last_seed(self) -> None:
        if self._last_seed is not None:
            self.boxes["seed"].setValue(float(self._last_seed))

    def _edited(self) -> None:
        if self._loading:
            return
        values: dict[str, object] = {}
        for spec in PARAM_SPECS:
            value = self.boxes[spec.name].value()
            values[spec.name] = round(value) if spec.decimals == 0 else value
        stops = tuple(s.strip().replace("\\n", "\n") for s in self.stop.text().split("|") if s.strip())
        params = replace(self._params, stop=stops, **values)  # type: ignore[arg-type]
        try:
            params.validate()
        except ValueError:
            return
        self._params = params
        self.params_changed.emit(params)

    def set_remote(self, remote: bool) -> None:
        """Grey out the llama.cpp-only parameters while a remote provider answers."""
        reason = self.tr("Not sent to remote providers: the OpenAI API has no such parameter.")
        for name, box in self.boxes.items():
            offered = not remote or name in OPENAI_API_PARAMS
            box.setEnabled(offered)
            help_text = QCoreApplication.translate("Inspector", str(PARAM_HELP.get(name, "")))
            box.setToolTip(help_text if offered else f"{help_text}\n{reason}")

    def show_remote(self, label: str) -> None:
        """A remote provider answers: name it and grey out what it does not take."""
        self.set_remote(True)
        self.model_info.setText(
            f"<b>{_escape(label)}</b><br>"
            + self.tr("A remote provider: your messages are sent to it over the network.")
        )

    def show_model(self, info: ModelInfo | None, label: str) -> None:
        self.set_remote(False)
        if info is None:
            self.model_info.setText(self.tr("No model loaded."))
            return
        size = info.size_bytes / 1e6
        lines = [
            f"<b>{_escape(label)}</b>",
            self.tr("architecture: {a} · {p:.0f}M parameters · {s:.0f} MB").format(
                a=_escape(info.architecture), p=info.n_params / 1e6, s=size
            ),
            self.tr("n_ctx in force: {n} (trained: {t})").format(n=info.n_ctx, t=info.n_ctx_train),
            self.tr("runs on: {b} (n_gpu_layers {g})").format(b=info.backend, g=info.n_gpu_layers),
            self.tr("chat template: {t}").format(t=_escape(template_description(info))),
        ]
        if NoticeKind.GPU_FALLBACK in info.notices:
            lines.append(self.tr("⚠ The GPU could not load it; it runs on the CPU."))
        self.model_info.setText("<br>".join(lines))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
