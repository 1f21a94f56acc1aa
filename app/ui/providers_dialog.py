"""The "Remote providers" dialog: add, edit, remove and test OpenAI, Azure OpenAI and
OpenAI-compatible endpoints.

Keys and Entra ID tokens go to the system keychain (:class:`SecretStore`), never to a file;
the key field shows only whether one is saved. Every keychain and network call runs off the
GUI thread (:func:`run_in_thread`), so a hung keychain or a dead server never freezes the
window (C13).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.engines.base import EngineError
from app.runtime import Runtime
from app.storage.providers import KINDS, OPENAI_BASE_URL, Provider, ProviderStore
from app.storage.secrets import SecretStore
from app.ui.tasks import run_in_thread
from app.ui.widgets import failure_text, keychain_problem_text

if TYPE_CHECKING:
    from app.engines.openai_api import OpenAICompatibleEngine


class _TypedKey:
    """The key typed in the dialog if any, else the saved one (for "Test connection")."""

    def __init__(self, typed: str, secrets: SecretStore) -> None:
        self.typed = typed
        self.secrets = secrets

    def get(self, provider_id: str) -> str | None:
        return self.typed or self.secrets.get(provider_id)


class ProvidersDialog(QDialog):
    """Edit the providers in ``store``; keys go to ``secrets``.

    Signals:
        providers_changed(): a provider was saved or removed (the model picker refills).
        removed(str): the provider with this id was removed.
    """

    providers_changed = Signal()
    removed = Signal(str)

    def __init__(
        self, runtime: Runtime, store: ProviderStore, secrets: SecretStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.store = store
        self.secrets = secrets
        self.setWindowTitle(self.tr("Remote providers"))
        self.setAccessibleName(self.tr("Remote providers"))
        self._current: Provider | None = None
        self._busy = 0
        self._key_asked = 0  # counts keychain questions: only the newest answer is shown

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Providers"))
        self.list.currentItemChanged.connect(self._item_changed)
        add = QPushButton(self.tr("&Add"))
        add.setAccessibleName(self.tr("Add a provider"))
        add.clicked.connect(self.add_provider)
        self.remove_button = QPushButton(self.tr("&Delete"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected provider and its key"))
        self.remove_button.clicked.connect(self.remove_provider)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(add)
        list_buttons.addWidget(self.remove_button)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(list_buttons)

        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of provider"))
        labels = {
            "openai": self.tr("OpenAI"),
            "azure": self.tr("Azure OpenAI"),
            "compatible": self.tr("OpenAI-compatible server (llama.cpp, Ollama, LM Studio, vLLM)"),
        }
        for kind in KINDS:
            self.kind.addItem(labels[kind], kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.base_url = QLineEdit()
        self.base_url.setAccessibleName(self.tr("Base URL"))
        self.base_url.setPlaceholderText("http://127.0.0.1:8080/v1")
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.setAccessibleName(self.tr("Model name"))
        self.fetch_button = QPushButton(self.tr("&Fetch list"))
        self.fetch_button.setAccessibleName(self.tr("Fetch the server's model list"))
        self.fetch_button.clicked.connect(self.fetch_models)
        self.model_row = QHBoxLayout()
        self.model_row.addWidget(self.model, 1)
        self.model_row.addWidget(self.fetch_button)
        self.endpoint = QLineEdit()
        self.endpoint.setAccessibleName(self.tr("Azure endpoint"))
        self.endpoint.setPlaceholderText("https://NAME.openai.azure.com")
        self.deployment = QLineEdit()
        self.deployment.setAccessibleName(self.tr("Deployment"))
        self.api_version = QLineEdit()
        self.api_version.setAccessibleName(self.tr("api-version"))
        self.api_version.setPlaceholderText("2024-10-21")
        self.azure_auth = QComboBox()
        self.azure_auth.setAccessibleName(self.tr("Authentication"))
        self.azure_auth.addItem(self.tr("API key"), "key")
        self.azure_auth.addItem(self.tr("Microsoft Entra ID token"), "entra")
        self.azure_auth.currentIndexChanged.connect(self._auth_changed)
        self.key = QLineEdit()
        self.key.setAccessibleName(self.tr("API key"))
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.organization = QLineEdit()
        self.organization.setAccessibleName(self.tr("Organization"))
        self.project = QLineEdit()
        self.project.setAccessibleName(self.tr("Project"))
        self.timeout = QDoubleSpinBox()
        self.timeout.setAccessibleName(self.tr("Timeout in seconds"))
        self.timeout.setRange(1, 3600)
        self.timeout.setDecimals(0)
        self.timeout.setSuffix(self.tr(" s"))
        self.max_retries = QSpinBox()
        self.max_retries.setAccessibleName(self.tr("Retries after 429 or 5xx"))
        self.max_retries.setRange(0, 10)
        self.max_retries.setToolTip(
            self.tr("How often to try again when the server is busy (429) or failing (5xx) before it answers")
        )

        self.form = QFormLayout()
        self.form.addRow(self.tr("&Name"), self.name)
        self.form.addRow(self.tr("T&ype"), self.kind)
        self.form.addRow(self.tr("Base &URL"), self.base_url)
        self.form.addRow(self.tr("&Model"), self.model_row)
        model_label = self.form.labelForField(self.model_row)
        if isinstance(model_label, QLabel):
            model_label.setBuddy(self.model)  # Alt+M reaches the field inside the row
        self.form.addRow(self.tr("&Endpoint"), self.endpoint)
        self.form.addRow(self.tr("De&ployment"), self.deployment)
        self.form.addRow(self.tr("api-&version"), self.api_version)
        self.form.addRow(self.tr("Aut&hentication"), self.azure_auth)
        self.form.addRow(self.tr("API &key"), self.key)
        self.form.addRow(self.tr("&Organization"), self.organization)
        self.form.addRow(self.tr("Pro&ject"), self.project)
        self.form.addRow(self.tr("T&imeout"), self.timeout)
        self.form.addRow(self.tr("&Retries"), self.max_retries)

        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setAccessibleName(self.tr("Save this provider"))
        self.save_button.clicked.connect(self.save_provider)
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setAccessibleName(self.tr("Test the connection with these settings"))
        self.test_button.clicked.connect(self.test_connection)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.test_button)
        actions.addStretch(1)
        self.report = QLabel()
        self.report.setAccessibleName(self.tr("Result"))
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keychain_label = QLabel()
        self.keychain_label.setAccessibleName(self.tr("Keychain problem"))
        self.keychain_label.setWordWrap(True)
        self.retry_keychain = QPushButton(self.tr("Try the keychain a&gain"))
        self.retry_keychain.setAccessibleName(self.tr("Try to store the keys in the system keychain again"))
        self.retry_keychain.clicked.connect(self._retry_keychain)
        keychain_row = QHBoxLayout()
        keychain_row.addWidget(self.keychain_label, 1)
        keychain_row.addWidget(self.retry_keychain)

        right = QVBoxLayout()
        right.addLayout(self.form)
        right.addLayout(actions)
        right.addWidget(self.report)
        right.addLayout(keychain_row)
        right.addStretch(1)
        self.editor = QWidget()
        self.editor.setLayout(right)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.editor, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(body, 1)
        outer.addWidget(close)
        em = self.fontMetrics().averageCharWidth()
        self.resize(em * 110, self.fontMetrics().lineSpacing() * 30)
        self._show_keychain_problem()
        self.refresh()

    # -- list -----------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for provider in self.store.all():
            item = QListWidgetItem(provider.name)
            item.setData(Qt.ItemDataRole.UserRole, provider.id)
            self.list.addItem(item)
            if provider.id == select:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        current = self.list.currentItem()
        self._show(self.store.get(current.data(Qt.ItemDataRole.UserRole)) if current else None)

    def _item_changed(self, item: QListWidgetItem | None) -> None:
        self._show(self.store.get(item.data(Qt.ItemDataRole.UserRole)) if item else None)

    def add_provider(self) -> None:
        """Start a new provider (an OpenAI-compatible server on this computer by default)."""
        self.list.clearSelection()
        self._show(
            Provider.new(self.tr("New provider"), "compatible", base_url="http://127.0.0.1:8080/v1"),
            new=True,
        )
        self.name.setFocus()
        self.name.selectAll()

    def remove_provider(self) -> None:
        provider = self._current
        if provider is None:
            return
        self.store.remove(provider.id)
        self._busy_call(lambda: self.secrets.delete(provider.id), lambda _r: self._show_keychain_problem())
        self.removed.emit(provider.id)
        self.providers_changed.emit()
        self.report.setText(self.tr("Removed {name} and its key.").format(name=provider.name))
        self.refresh()

    # -- editor ---------------------------------------------------------------------------
    def _show(self, provider: Provider | None, new: bool = False) -> None:
        self._current = provider
        self.editor.setEnabled(provider is not None)
        self.remove_button.setEnabled(provider is not None and not new)
        if not new:
            self.report.clear()
        provider = provider or Provider(id="", name="", kind="compatible")
        self.name.setText(provider.name)
        self.kind.setCurrentIndex(self.kind.findData(provider.kind))
        self.base_url.setText(provider.base_url)
        self.model.clear()
        self.model.setEditText(provider.model)
        self.endpoint.setText(provider.endpoint)
        self.deployment.setText(provider.deployment)
        self.api_version.setText(provider.api_version)
        self.azure_auth.setCurrentIndex(max(0, self.azure_auth.findData(provider.azure_auth)))
        self.organization.setText(provider.organization)
        self.project.setText(provider.project)
        self.timeout.setValue(provider.timeout)
        self.max_retries.setValue(provider.max_retries)
        self.key.clear()
        self.key.setPlaceholderText("")
        self._kind_changed()
        if provider.id and not new:
            pid = provider.id
            self._key_asked = asked = self._key_asked + 1  # a later answer or save wins
            self._busy_call(
                lambda: self.secrets.get(pid) is not None,
                lambda has: self._key_state(pid, has) if asked == self._key_asked else None,
            )

    def _key_state(self, provider_id: str, has_key: object) -> None:
        if self._current is None or self._current.id != provider_id:
            return
        if has_key is not True:
            text = self.tr("none saved")
        elif self.secrets.in_memory(provider_id):
            text = self.tr("kept in memory until Penwright quits; type to replace")
        else:
            text = self.tr("saved in the system keychain; type to replace")
        self.key.setPlaceholderText(text)
        self._show_keychain_problem()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        azure = kind == "azure"
        rows: list[tuple[QWidget | QHBoxLayout, bool]] = [
            (self.base_url, not azure),
            (self.model_row, not azure),
            (self.endpoint, azure),
            (self.deployment, azure),
            (self.api_version, azure),
            (self.azure_auth, azure),
            (self.organization, kind == "openai"),
            (self.project, kind == "openai"),
        ]
        for row, visible in rows:
            self.form.setRowVisible(row, visible)
        self.base_url.setPlaceholderText(OPENAI_BASE_URL if kind == "openai" else "http://127.0.0.1:8080/v1")
        self.base_url.setToolTip(
            self.tr("Leave empty for api.openai.com")
            if kind == "openai"
            else self.tr("Ends in /v1 for most servers")
        )
        self._auth_changed()

    def _auth_changed(self) -> None:
        entra = self.kind.currentData() == "azure" and self.azure_auth.currentData() == "entra"
        label = self.form.labelForField(self.key)
        if isinstance(label, QLabel):
            label.setText(self.tr("Entra ID to&ken") if entra else self.tr("API &key"))
        self.key.setAccessibleName(self.tr("Entra ID token") if entra else self.tr("API key"))

    def edited(self) -> Provider:
        """The provider as the fields describe it (not validated)."""
        base = self._current or Provider.new("", "compatible")
        return replace(
            base,
            name=self.name.text().strip(),
            kind=self.kind.currentData(),
            base_url=self.base_url.text().strip(),
            model=self.model.currentText().strip(),
            endpoint=self.endpoint.text().strip(),
            deployment=self.deployment.text().strip(),
            api_version=self.api_version.text().strip(),
            azure_auth=self.azure_auth.currentData(),
            organization=self.organization.text().strip(),
            project=self.project.text().strip(),
            timeout=self.timeout.value(),
            max_retries=self.max_retries.value(),
        )

    def save_provider(self) -> bool:
        """Save the fields (and the key, if one was typed). False if a field is missing."""
        provider = self.edited()
        if not self._validated(provider):
            return False
        self.store.save(provider)
        key = self.key.text()
        self.key.clear()
        self._current = provider
        self.refresh(select=provider.id)
        self.providers_changed.emit()
        if key:
            self.report.setText(self.tr("Saved. Storing the key in the system keychain…"))
            self._busy_call(
                lambda: self.secrets.set(provider.id, key), lambda ok: self._key_saved(provider.id, ok)
            )
        else:
            self.report.setText(self.tr("Saved."))
        return True

    def _key_saved(self, provider_id: str, in_keychain: object) -> None:
        if in_keychain is True:
            self.report.setText(self.tr("Saved; the key is in the system keychain."))
        else:
            self.report.setText(self.tr("Saved; the key is kept in memory until Penwright quits."))
        self._show_keychain_problem()
        self._key_asked += 1  # an answer asked for before the save is stale now
        self._key_state(provider_id, True)
        self.providers_changed.emit()  # a provider answering now picks up the new key

    def _show_keychain_problem(self) -> None:
        problem = keychain_problem_text(self.secrets) if self.secrets.problem else ""
        self.keychain_label.setText(("⚠ " + problem) if problem else "")
        self.keychain_label.setVisible(bool(problem))
        self.retry_keychain.setVisible(bool(problem))

    def _retry_keychain(self) -> None:
        def done(ok: object) -> None:
            self._show_keychain_problem()
            self.report.setText(
                self.tr("The keys are now in the system keychain.")
                if ok is True
                else self.tr("The keychain still cannot be used; the keys stay in memory.")
            )

        self._busy_call(self.secrets.retry, done)

    # -- network --------------------------------------------------------------------------
    def test_connection(self) -> None:
        """Send a one-token request with the fields as typed; the result says what is wrong."""
        provider = self.edited()
        if not self._validated(provider):
            return
        self.report.setText(self.tr("Testing {name}…").format(name=provider.name))
        self._engine_call(provider, lambda engine: engine.check_connection(), self._tested)

    def _tested(self, result: object) -> None:
        if isinstance(result, EngineError):
            self.report.setText("⚠ " + failure_text(result.detail or result.kind, result.message))
        elif isinstance(result, Exception):
            self.report.setText("⚠ " + self.tr("The settings cannot be used: {why}").format(why=result))
        else:
            self.report.setText("✓ " + self.tr("Connected: the model answers."))

    def fetch_models(self) -> None:
        """Fill the model list from the server's ``/models`` (type a name where it has none)."""
        provider = self.edited()
        if not provider.model:
            provider.model = "-"  # listing needs no model; validation does
        if not self._validated(provider):
            return

        def done(result: object) -> None:
            if isinstance(result, Exception):
                message = (
                    failure_text(result.detail or result.kind, result.message)
                    if isinstance(result, EngineError)
                    else str(result)
                )
                self.report.setText("⚠ " + message + " " + self.tr("Type the model name instead."))
                return
            assert isinstance(result, list)
            typed = self.model.currentText()
            self.model.clear()
            self.model.addItems(result)
            self.model.setEditText(typed or (result[0] if result else ""))
            self.report.setText(self.tr("The server offers {n} model(s).").format(n=len(result)))

        self.report.setText(self.tr("Asking the server for its models…"))
        self._engine_call(provider, lambda engine: engine.list_models(), done)

    def _validated(self, provider: Provider) -> bool:
        """True if ``provider``'s settings are complete; otherwise the report says what is
        missing and the answer is False."""
        try:
            provider.validate()
        except ValueError as exc:
            self.report.setText("⚠ " + self.tr("Incomplete settings: {why}").format(why=exc))
            return False
        return True

    def _engine_call(
        self,
        provider: Provider,
        call: Callable[[OpenAICompatibleEngine], object],
        done: Callable[[Any], None],
    ) -> None:
        """Run ``call`` on an engine for ``provider`` with the key as typed now, off the GUI
        thread (the engine is closed after); ``done`` gets its result or the exception."""
        secrets = _TypedKey(self.key.text(), self.secrets)
        runtime = self.runtime

        def work() -> object:
            engine = runtime.remote_engine(provider, secrets)  # type: ignore[arg-type]
            try:
                return call(engine)
            finally:
                engine.close()

        self._busy_call(work, done)

    def _busy_call(self, work: Callable[[], object], done: Callable[[Any], None]) -> None:
        self._busy += 1

        def finish(value: object) -> None:
            self._busy -= 1
            done(value)

        run_in_thread(self, work, finish, name="penwright-provider-call")

    def is_busy(self) -> bool:
        """True while a keychain or network call of the dialog runs."""
        return self._busy > 0
