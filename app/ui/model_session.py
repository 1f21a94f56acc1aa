"""The model/provider session: which model or remote provider answers, and the status bar
that shows and picks it.

A load, a crash restart and a provider switch each change :attr:`ModelSession.state`
(:class:`SessionState`); what a running load will do when it ends is one
:class:`PendingLoad` record, not a set of flags. The window owns one session; the
picker, the model's facts, the load progress and the engine state live in its status bar.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QProgressBar, QPushButton

from app.core.types import ModelInfo, NoticeKind
from app.engines.base import EngineState
from app.storage.providers import Provider, ProviderStore
from app.storage.secrets import SecretStore
from app.ui.widgets import failure_summary, keychain_problem_text

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.providers_dialog import ProvidersDialog

ADD_MODEL = "__add__"
MANAGE_PROVIDERS = "__providers__"
#: Prefix of the picker's data for a remote provider ("provider:<id>").
PROVIDER = "provider:"


class SessionState(Enum):
    """What the session is doing about the local model."""

    IDLE = "idle"  # no load running
    LOADING = "loading"  # a load runs; :attr:`ModelSession.pending` says what happens after
    RESTARTING = "restarting"  # the engine crashed; the host restarts with the model


@dataclass(frozen=True)
class PendingLoad:
    """What happens when the running load ends.

    Attributes:
        path: the GGUF file being loaded.
        take_over: once loaded, the model answers instead of a remote provider (False for
            the start-up load when a provider was picked last time, or after the user picked
            a provider meanwhile).
        joins_library: a file picked with "Add a GGUF file…": it joins the library only if
            it loads.
    """

    path: str
    take_over: bool
    joins_library: bool


class ModelSession(QObject):
    """Which model or provider answers in every pane, and the status bar that shows it.

    Attributes:
        state: :class:`SessionState`.
        pending: the running load's :class:`PendingLoad`, or None.
        provider_edit_waiting: the answering provider was edited during a reply; it is set
            up again when the reply ends.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.hub = window.hub
        self.runtime = window.runtime
        self.providers = ProviderStore(window.runtime.paths.providers_file)
        if self.providers.warning:
            window.runtime.warnings.append(self.providers.warning)
        self.secrets = SecretStore()
        self.providers_dialog: ProvidersDialog | None = None
        self.state = SessionState.IDLE
        self.pending: PendingLoad | None = None
        self.provider_edit_waiting = False
        hub = self.hub
        hub.state_changed.connect(self.engine_state)
        hub.model_loaded.connect(self._model_loaded)
        hub.load_failed.connect(self._load_failed)
        hub.remote_ready.connect(self._remote_ready)
        hub.remote_failed.connect(self._remote_failed)
        hub.active_changed.connect(self._active_changed)
        hub.generation_finished.connect(
            lambda rate: self.speed_label.setText(self.tr("{rate:.1f} tok/s").format(rate=rate))
        )

    def start(self) -> None:
        """Use the provider picked last time, if any, and load the selected model."""
        provider = self.providers.get(self.runtime.settings.selected_provider)
        if provider is not None:
            self.use_provider(provider.id)
        entry = self.runtime.selected_model()
        if entry is None:
            self.state_label.setText(self.tr("No model"))
            return
        self.load_model(entry.path, entry.id, take_over=provider is None)

    def build_status_bar(self) -> None:
        """Put the picker, the model's facts, the load progress and the engine state in the
        window's status bar (around its message label)."""
        bar = self.w.statusBar()
        self.model_box = QComboBox()
        self.model_box.setAccessibleName(self.tr("Model"))
        self.model_box.setToolTip(self.tr("The model or remote provider that answers in every pane"))
        self.model_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model_box.activated.connect(self._model_chosen)
        self.backend_label = QLabel()
        self.backend_label.setAccessibleName(self.tr("Where the model runs and its context size"))
        self.speed_label = QLabel()
        self.speed_label.setAccessibleName(self.tr("Speed of the last reply"))
        self.state_label = QLabel(self.tr("Starting…"))
        self.state_label.setAccessibleName(self.tr("Engine state"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Loading"))
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(self.w.fontMetrics().averageCharWidth() * 14)
        self.progress.setVisible(False)
        self.cancel_load_button = QPushButton(self.tr("Cancel"))
        self.cancel_load_button.setAccessibleName(self.tr("Cancel loading the model"))
        self.cancel_load_button.clicked.connect(self.hub.cancel_load)
        self.cancel_load_button.setVisible(False)
        # before the message label, which the window's frame put there
        bar.insertWidget(0, self.model_box)
        bar.insertWidget(1, self.backend_label)
        bar.insertWidget(2, self.speed_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_load_button)
        bar.addPermanentWidget(self.state_label)
        self.fill_models()

    def fill_models(self) -> None:
        """Refill the picker: library models, remote providers, Add…, Remote providers…."""
        if self.hub.model is not None:  # a rename of the loaded model shows everywhere
            self.hub.model_label = self._library_name(self.hub.model)
        self.model_box.clear()
        for entry in self.runtime.library.entries():
            self.model_box.addItem(entry.name, entry.id)
        providers = self.providers.all()
        if providers:
            self.model_box.insertSeparator(self.model_box.count())
        for provider in providers:
            self.model_box.addItem(self.provider_label(provider), PROVIDER + provider.id)
        self.model_box.insertSeparator(self.model_box.count())
        self.model_box.addItem(self.tr("Add a GGUF file…"), ADD_MODEL)
        self.model_box.addItem(self.tr("Remote providers…"), MANAGE_PROVIDERS)
        self._select_in_box(self._current_choice())

    @staticmethod
    def provider_label(provider: Provider) -> str:
        """'name · model' (Azure: the deployment) as the picker and replies show it."""
        return f"{provider.name} · {provider.deployment if provider.kind == 'azure' else provider.model}"

    def _current_choice(self) -> str | None:
        if self.hub.is_remote:
            return PROVIDER + self.hub.remote_id
        return self.runtime.settings.selected_model

    def _select_in_box(self, model_id: str | None) -> None:
        index = self.model_box.findData(model_id) if model_id else -1
        self.model_box.setCurrentIndex(index)

    def load_model(self, path: str, model_id: str | None = None, take_over: bool = True) -> None:
        """Load ``path`` in the background with the settings of library model ``model_id``.

        ``take_over``: once loaded, the model answers instead of a remote provider (False
        for the start-up load when a provider was picked last time).
        """
        self._load(path, model_id, take_over, joins_library=False)

    def _load(self, path: str, model_id: str | None, take_over: bool, joins_library: bool) -> None:
        library = self.runtime.library
        entry = (library.get(model_id) if model_id else None) or library.find_by_path(Path(path))
        if not self.hub.load_pending():  # else the hub refuses it ('busy'): the pending load goes on
            self.pending = PendingLoad(path, take_over, joins_library)
            if self.state is not SessionState.RESTARTING:
                self.state = SessionState.LOADING
            self.progress.setVisible(True)
            self.cancel_load_button.setVisible(True)
            self.state_label.setText(self.tr("Loading {name}…").format(name=Path(path).name))
        self.hub.load(path, self.runtime.load_options(model_id), entry.source if entry else "")

    def _model_chosen(self, index: int) -> None:
        model_id = self.model_box.itemData(index)
        if model_id == MANAGE_PROVIDERS:
            self._select_in_box(self._current_choice())
            self.show_providers()
            return
        if isinstance(model_id, str) and model_id.startswith(PROVIDER):
            self.use_provider(model_id.removeprefix(PROVIDER))
            return
        if model_id == ADD_MODEL:
            from PySide6.QtWidgets import QFileDialog  # when asked: not at start (0.7 MiB)

            path, _ = QFileDialog.getOpenFileName(
                self.w, self.tr("Choose a model"), "", self.tr("GGUF models (*.gguf);;All files (*)")
            )
            if not path:
                self._select_in_box(self._current_choice())
                return
            self.add_model_file(path)
            return
        entry = self.runtime.library.get(str(model_id))
        if entry is None:
            return
        loaded = self.hub.engine.model
        if loaded is not None and Path(loaded.path).resolve() == Path(entry.path).resolve():
            self._leave_provider()
            self.runtime.select_model(entry.id)
            self._show_local_model(loaded)
            self.w.show_message(self.tr("{name} answers again.").format(name=entry.name), 8)
            return
        self.load_model(entry.path, entry.id)

    def _leave_provider(self) -> None:
        """The local model answers again (the user chose it)."""
        if self.runtime.settings.selected_provider:
            self.runtime.change_settings(selected_provider="")
        self.hub.use_local()

    # -- remote providers -----------------------------------------------------------------
    def use_provider(self, provider_id: str) -> None:
        """Let the provider ``provider_id`` answer in every pane (its key is read off the
        GUI thread); the local model stays loaded for a quick switch back."""
        provider = self.providers.get(provider_id)
        if provider is None:
            return
        if self.pending is not None:  # a local model still loading must not undo this choice
            self.pending = replace(self.pending, take_over=False)
        self.state_label.setText(self.tr("Connecting to {name}…").format(name=provider.name))
        runtime, secrets = self.runtime, self.secrets
        self.hub.use_remote(
            lambda: runtime.remote_engine(provider, secrets), provider.id, self.provider_label(provider)
        )

    def _remote_ready(self, provider_id: str) -> None:
        self.runtime.change_settings(selected_provider=provider_id)
        self._select_in_box(self._current_choice())
        message = self.tr("Replies now come from {name}.").format(name=self.hub.label)
        if self.secrets.problem:
            message += " " + keychain_problem_text(self.secrets)
        self.w.show_message(message, 15)

    def _remote_failed(self, message: str) -> None:
        self._select_in_box(self._current_choice())
        self.engine_state(self.hub.engine.state)
        self.w.show_message(self.tr("The provider cannot be used: {why}").format(why=message))

    def _active_changed(self) -> None:
        """Show what answers now; grey out what it cannot do."""
        self._select_in_box(self._current_choice())
        self.engine_state(self.hub.engine.state)
        info = self.hub.model
        if self.hub.is_remote:
            self.w.inspector.show_remote(self.hub.label)
            self.backend_label.setText(self.tr("remote"))
        elif info is not None:
            self._show_local_model(info)
        else:
            self.w.inspector.show_model(None, "")
            self.backend_label.clear()
        capabilities = self.hub.active.capabilities
        for pane in self.w.panes.values():
            pane.set_capabilities(capabilities)

    def show_providers(self) -> ProvidersDialog:
        """Open the Remote providers dialog (non-modal; one at a time)."""
        if self.providers_dialog is None:
            from app.ui.providers_dialog import ProvidersDialog

            self.providers_dialog = ProvidersDialog(self.runtime, self.providers, self.secrets, self.w)
            self.providers_dialog.providers_changed.connect(self._providers_changed)
            self.providers_dialog.removed.connect(self._provider_removed)
        self.providers_dialog.show()
        self.providers_dialog.raise_()
        self.providers_dialog.activateWindow()
        return self.providers_dialog

    def _providers_changed(self) -> None:
        """Refill the picker; an edited provider that answers now is set up again (new key,
        address or model), after the reply being written, if any."""
        self.fill_models()
        if not self.hub.is_remote:
            return
        if any(pane.is_generating() for pane in self.w.panes.values()):
            self.provider_edit_waiting = True
            return
        self.provider_edit_waiting = False
        if self.providers.get(self.hub.remote_id) is not None:
            self.use_provider(self.hub.remote_id)

    def _provider_removed(self, provider_id: str) -> None:
        if self.hub.remote_id == provider_id:
            for pane in self.w.panes.values():
                pane.controller.finish_now()  # its connection is about to close
            self.hub.use_local()
        if self.runtime.settings.selected_provider == provider_id:
            self.runtime.change_settings(selected_provider="")

    def add_model_file(self, path: str) -> None:
        """Try loading ``path``; it joins the library only if it loads."""
        self._load(path, None, take_over=True, joins_library=True)

    def _model_loaded(self, info: ModelInfo) -> None:
        self.progress.setVisible(False)
        self.cancel_load_button.setVisible(False)
        pending, restarted = self.pending, self.state is SessionState.RESTARTING
        self.pending, self.state = None, SessionState.IDLE
        self.hub.model_label = self._library_name(info)
        trial = pending.path if pending is not None and pending.joins_library else ""
        if trial and Path(trial).resolve() == Path(info.path).resolve():
            entry = self.runtime.library.add_file(Path(trial))
            self.runtime.select_model(entry.id)
            self.fill_models()
        else:
            for entry in self.runtime.library.entries():
                if Path(entry.path) == Path(info.path):
                    self.runtime.select_model(entry.id)
            self._select_in_box(self._current_choice())
        if pending is not None and pending.take_over:  # the user chose it: it answers, not the provider
            self._leave_provider()
        if not self.hub.is_remote:
            self._show_local_model(info)
        name = self.hub.model_label
        if NoticeKind.GPU_FALLBACK in info.notices:
            self.w.show_message(
                self.tr(
                    "The GPU could not load {name} (out of memory or a driver error); it runs on the CPU."
                ).format(name=name)
            )
        elif restarted:
            self.w.show_message(
                self.tr("The engine restarted after a crash; {name} is loaded again.").format(name=name)
            )
        else:
            self.w.show_message(
                self.tr("Loaded {name} in {s:.1f} s.").format(name=name, s=info.load_seconds), 8
            )

    def _show_local_model(self, info: ModelInfo) -> None:
        self.w.inspector.show_model(info, self.hub.model_label)
        self.backend_label.setText(
            self.tr("{backend} · n_ctx {n_ctx}").format(backend=info.backend, n_ctx=info.n_ctx)
        )
        self._select_in_box(self._current_choice())

    def _library_name(self, info: ModelInfo) -> str:
        """The library's name for a loaded model (the file's own name otherwise)."""
        for entry in self.runtime.library.entries():
            if Path(entry.path).resolve() == Path(info.path).resolve():
                return entry.name
        return Path(info.path).stem

    def _load_failed(self, message: str, kind: str, path: str) -> None:
        """A load of ``path`` failed with ``kind`` (C09, C10): a short status-bar text that
        keeps the name of the model still loaded in view, the full text as its tooltip and
        in the Models pane. 'busy': the request was refused; the pending load goes on."""
        self._select_in_box(self._current_choice())
        if kind == "busy":  # a second request while one loads: the running load goes on
            self.w.show_message(message)
            return
        # a cancelled or failed load is not a crash to announce later, nor a model to take over
        self.pending, self.state = None, SessionState.IDLE
        self.progress.setVisible(False)
        self.cancel_load_button.setVisible(False)
        file_name = Path(path).name if path else ""
        problem = failure_summary(kind, file_name)
        if not problem and file_name:
            problem = self.tr("“{name}” could not be loaded").format(name=file_name)
        full, still = message, ""
        if self.hub.engine.model is not None:
            still = self.hub.model_label
            full = self.tr("{problem} {name} is still loaded.").format(problem=message, name=still)
        self._show_failure(problem if still else "", still, full)
        if path:
            self.w.models.show_message(full)
            if kind in ("damaged", "not_gguf") and self.runtime.library.find_by_path(Path(path)):
                self.w.models.forget(path)  # its row says what is wrong at the next listing
                self.w.models.refresh()
        self.engine_state(self.hub.engine.state)

    def _show_failure(self, problem: str, name: str, full: str) -> None:
        """Show "{problem}; {name} is still loaded." in the status bar (``full`` when there is
        no ``problem``), shortened to the message label's width: the problem is elided
        first, so the name of the model still loaded stays readable. The tooltip holds
        ``full``."""
        label = self.w.message_label
        layout = self.w.statusBar().layout()
        if layout is not None:  # the load progress was just hidden: give its room to the label
            layout.activate()
        metrics = label.fontMetrics()
        width = max(label.contentsRect().width(), label.minimumWidth())
        template = self.tr("{problem}; {name} is still loaded.")
        text = template.format(problem=problem, name=name) if problem else full
        if problem and metrics.horizontalAdvance(text) > width:
            room = width - metrics.horizontalAdvance(template.format(problem="", name=name))
            elided = metrics.elidedText(problem, Qt.TextElideMode.ElideMiddle, max(room, 0))
            text = template.format(problem=elided, name=name)
        if metrics.horizontalAdvance(text) > width:
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        self.w.show_message(text)
        label.setToolTip(full)

    def engine_state(self, state: EngineState) -> None:
        """Show the local engine's ``state`` in the status bar (remote: who answers)."""
        labels = {
            EngineState.STOPPED: self.tr("No model loaded"),
            EngineState.STARTING: self.tr("Starting engine…"),
            EngineState.LOADING: self.tr("Loading model…"),
            EngineState.READY: self.tr("Ready"),
            EngineState.GENERATING: self.tr("Generating…"),
            EngineState.CRASHED: self.tr("Engine crashed; restarting…"),
        }
        state = EngineState(state)
        text = labels[state]
        if self.hub.is_remote and state in (EngineState.READY, EngineState.STOPPED):
            text = self.tr("Answering: {name}").format(name=self.hub.label)
        self.state_label.setText(text)
        loading = state in (EngineState.STARTING, EngineState.LOADING)
        self.progress.setVisible(loading)
        self.cancel_load_button.setVisible(loading)
        if state is EngineState.CRASHED:
            self.state = SessionState.RESTARTING
            self.w.show_message(self.tr("The engine stopped unexpectedly. Your text is kept; restarting it…"))

    def update_model_box(self) -> None:
        """No model switch while a reply is being written (it would wait for the reply)."""
        busy = any(pane.is_generating() for pane in self.w.panes.values())
        self.model_box.setEnabled(not busy)
        self.model_box.setToolTip(
            self.tr("Stop the reply being written to choose another model")
            if busy
            else self.tr("The model or remote provider that answers in every pane")
        )
        if not busy and self.provider_edit_waiting:
            self._providers_changed()
