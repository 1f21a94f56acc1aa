"""The Poetry pane: pick a form and a topic, generate, read the poem."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.prompts import POEM_FORMS, PoemForm, form_by_key, poem_messages
from app.core.types import Pane
from app.engines.base import GenerationRequest
from app.storage.history import HistoryStore
from app.ui.engine_bridge import EngineHub, ReplyRecord
from app.ui.panes.base import PaneBase
from app.ui.token_meter import TokenMeter
from app.ui.widgets import describe_final


def form_label(form: PoemForm) -> str:
    """The translated name of a form shown in the picker."""
    labels = {
        "free_verse": QCoreApplication.translate("PoetryPane", "Free verse"),
        "haiku": QCoreApplication.translate("PoetryPane", "Haiku (5-7-5)"),
        "limerick": QCoreApplication.translate("PoetryPane", "Limerick (AABBA)"),
        "sonnet": QCoreApplication.translate("PoetryPane", "Shakespearean sonnet"),
        "wuyan_jueju": QCoreApplication.translate("PoetryPane", "五言绝句 (five-character quatrain)"),
        "qiyan_jueju": QCoreApplication.translate("PoetryPane", "七言绝句 (seven-character quatrain)"),
    }
    return labels.get(form.key, form.name)


class PoetryPane(PaneBase):
    """Generate a poem in a chosen form about a topic."""

    PANE = Pane.POETRY

    def __init__(self, hub: EngineHub, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(hub, store, parent)
        self.form_box = QComboBox()
        self.form_box.setAccessibleName(self.tr("Poetic form"))
        for form in POEM_FORMS:
            self.form_box.addItem(form_label(form), form.key)
        self.topic = QLineEdit()
        self.topic.setAccessibleName(self.tr("Topic"))
        self.topic.setPlaceholderText(self.tr("e.g. autumn rain, the sea at night, 月亮"))
        self.topic.returnPressed.connect(self.generate)
        self.generate_button = QPushButton(self.tr("&Generate"))
        self.generate_button.setAccessibleName(self.tr("Generate a poem"))
        self.generate_button.clicked.connect(lambda: self.start_or_stop(self.generate))
        self.poem = QPlainTextEdit()
        self.poem.setReadOnly(True)
        self.poem.setAccessibleName(self.tr("Poem"))
        self.poem.setPlaceholderText(self.tr("The poem appears here."))
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Poem status"))
        self.status.setWordWrap(True)

        fields = QFormLayout()
        fields.addRow(self.tr("&Form:"), self.form_box)
        fields.addRow(self.tr("&Topic:"), self.topic)
        row = QHBoxLayout()
        row.addLayout(fields, 1)
        row.addWidget(self.generate_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.meter = TokenMeter(
            hub, lambda: ("messages", poem_messages(self.selected_form(), self.topic.text()))
        )
        self.topic.textChanged.connect(self.meter.schedule)
        self.form_box.currentIndexChanged.connect(self.meter.schedule)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.meter)
        layout.addWidget(self.poem, 1)
        layout.addWidget(self.status)
        stop = QShortcut(QKeySequence("Esc"), self)
        stop.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        stop.activated.connect(self.stop)
        self.controller.text_ready.connect(self._append)
        self.controller.finished.connect(self._finished)

    def selected_form(self) -> PoemForm:
        return form_by_key(str(self.form_box.currentData()))

    def set_form(self, key: str) -> None:
        index = self.form_box.findData(key)
        if index >= 0:
            self.form_box.setCurrentIndex(index)

    def focus_main(self) -> None:
        self.topic.setFocus()

    def new_conversation(self) -> None:
        if self.is_generating():
            return
        self.conversation_id = None
        self.poem.clear()
        self.topic.clear()
        self.status.clear()
        self.topic.setFocus()

    def open_conversation(self, conversation_id: int) -> None:
        if self.is_generating():
            return
        self.conversation_id = conversation_id
        thread = self.store.thread(conversation_id)
        self.poem.setPlainText(thread[-1].content if thread and thread[-1].role == "assistant" else "")
        summary = self.store.get_conversation(conversation_id)
        self.status.setText(summary.title if summary else "")

    def generate(self) -> None:
        if self.is_generating() or not self.ensure_model():
            return
        form = self.selected_form()
        topic = self.topic.text().strip()
        messages = poem_messages(form, topic)
        title = f"{form.name}: {topic}" if topic else form.name
        self.conversation_id = self.store.create_conversation(Pane.POETRY.value, title, self.model_name())
        parent = self.store.add_message(self.conversation_id, "user", messages[-1]["content"])
        self.poem.clear()
        self.status.setText(self.tr("Writing…"))
        self.generate_button.setText(self.tr("Stop"))
        record = ReplyRecord(self.store, self.conversation_id, parent, self.model_name())
        self.controller.start(GenerationRequest(messages=tuple(messages), params=self.params), record)
        self.busy_changed.emit(True)
        self.history_changed.emit()

    def _append(self, text: str) -> None:
        self.poem.moveCursor(self.poem.textCursor().MoveOperation.End)
        self.poem.insertPlainText(text)

    def _finished(self, final: object) -> None:
        self.generate_button.setText(self.tr("&Generate"))
        self.status.setText(describe_final(final))
        self.busy_changed.emit(False)
        self.history_changed.emit()
