"""The settings of the selected model, as llama.cpp loads it: n_ctx, GPU layers, main GPU,
tensor split, chat template (the file's, a built-in one, or custom Jinja), KV cache type and
flash attention."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.core.templates import BUILTIN_TEMPLATES
from app.core.types import KV_CACHE_TYPES
from app.storage.settings import ModelSettings

TEMPLATE_CHOICES: tuple[tuple[str, object], ...] = (
    ("", QT_TRANSLATE_NOOP("ModelsPane", "From the model file")),
    ("chatml", "ChatML"),
    ("gemma", "Gemma"),
    ("llama3", "Llama 3"),
    ("custom", QT_TRANSLATE_NOOP("ModelsPane", "Custom Jinja…")),
)


class ModelSettingsForm(QGroupBox):
    """The per-model load settings; ``apply`` ("Apply and reload") is wired by the pane.

    Public attributes (widgets): ``n_ctx``, ``n_gpu_layers``, ``main_gpu``,
    ``tensor_split``, ``template``, ``custom_template``, ``kv_cache``, ``flash_attn``,
    ``apply``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Settings of the selected model"))
        self.n_ctx = QSpinBox()
        self.n_ctx.setRange(0, 1_048_576)
        self.n_ctx.setSingleStep(256)
        self.n_ctx.setSpecialValueText(self.tr("automatic"))
        self.n_ctx.setAccessibleName("n_ctx")
        self.n_gpu_layers = QSpinBox()
        self.n_gpu_layers.setRange(-1, 999)
        self.n_gpu_layers.setSpecialValueText(self.tr("all"))
        self.n_gpu_layers.setAccessibleName("n_gpu_layers")
        self.template = QComboBox()
        self.template.setAccessibleName(self.tr("Chat template"))
        for template_key, template_label in TEMPLATE_CHOICES:
            self.template.addItem(QCoreApplication.translate("ModelsPane", str(template_label)), template_key)
        self.template.currentIndexChanged.connect(self._template_changed)
        self.custom_template = QPlainTextEdit()
        self.custom_template.setAccessibleName(self.tr("Custom chat template (Jinja)"))
        self.custom_template.setPlaceholderText("{% for message in messages %}…")
        self.custom_template.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.custom_template.setVisible(False)
        self.main_gpu = QSpinBox()
        self.main_gpu.setRange(0, 64)
        self.main_gpu.setAccessibleName("main_gpu")
        self.tensor_split = QLineEdit()
        self.tensor_split.setAccessibleName("tensor_split")
        self.tensor_split.setPlaceholderText(self.tr("even, or shares such as 0.6, 0.4"))
        self.flash_attn = QCheckBox(self.tr("Flash attention"))
        self.flash_attn.setAccessibleName(self.tr("Flash attention"))
        self.kv_cache = QComboBox()
        self.kv_cache.setAccessibleName(self.tr("KV cache type"))
        self.kv_cache.addItems(list(KV_CACHE_TYPES))
        self.apply = QPushButton(self.tr("&Apply and reload"))
        self.apply.setAccessibleName(self.tr("Save these settings and reload the model"))
        form = QFormLayout(self)
        form.addRow("n_ctx", self.n_ctx)
        form.addRow("n_gpu_layers", self.n_gpu_layers)
        form.addRow("main_gpu", self.main_gpu)
        form.addRow("tensor_split", self.tensor_split)
        form.addRow(self.tr("Chat template"), self.template)
        form.addRow("", self.custom_template)
        form.addRow(self.tr("KV cache"), self.kv_cache)
        form.addRow("", self.flash_attn)
        form.addRow("", self.apply)

    def show_model(self, model: ModelSettings) -> None:
        """Show ``model``'s settings (a template that is not built in shows as custom Jinja)."""
        self.n_ctx.setValue(model.n_ctx)
        self.n_gpu_layers.setValue(model.n_gpu_layers)
        template = model.chat_template or ""
        index = self.template.findData(template) if template == "" or template in BUILTIN_TEMPLATES else -1
        self.template.setCurrentIndex(index if index >= 0 else self.template.findData("custom"))
        self.custom_template.setPlainText(template if index < 0 else "")
        self.flash_attn.setChecked(model.flash_attn)
        self.main_gpu.setValue(model.main_gpu)
        self.tensor_split.setText(", ".join(f"{x:g}" for x in model.tensor_split))
        self.kv_cache.setCurrentText(model.kv_cache_type)

    def _template_changed(self) -> None:
        self.custom_template.setVisible(self.template.currentData() == "custom")

    def read(self) -> ModelSettings:
        """The settings as entered, validated.

        Raises:
            ValueError: in plain words: tensor_split is not numbers, or a value is out of
                range (:meth:`ModelSettings.validate`).
        """
        key = str(self.template.currentData())
        template = self.custom_template.toPlainText().strip() if key == "custom" else key
        try:
            split = [float(x) for x in self.tensor_split.text().replace(",", " ").split()]
        except ValueError:
            raise ValueError(self.tr("tensor_split must be numbers, such as 0.6, 0.4")) from None
        settings = ModelSettings(
            main_gpu=self.main_gpu.value(),
            tensor_split=split,
            n_ctx=self.n_ctx.value(),
            n_gpu_layers=self.n_gpu_layers.value(),
            chat_template=template or None,
            flash_attn=self.flash_attn.isChecked(),
            kv_cache_type=self.kv_cache.currentText(),
        )
        settings.validate()
        return settings

    def set_gpu_offload(self, available: bool) -> None:
        """Enable the GPU fields only where this llama.cpp build can offload."""
        for widget in (self.n_gpu_layers, self.main_gpu, self.tensor_split):
            widget.setEnabled(available)
            if not available:
                widget.setToolTip(self.tr("This llama.cpp build has no GPU support (see GPU)."))
