"""The main window: nav rail, the six panes, and a status bar with the model picker."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from app import APP_NAME
from app.core.types import ModelInfo
from app.engines.base import Done
from app.engines.local import LocalEngine
from app.runtime import Runtime
from app.storage.history import HistoryError, HistoryStore, rolling_daily_backup
from app.storage.presets import PresetStore
from app.storage.providers import Provider, ProviderStore
from app.storage.secrets import SecretStore
from app.ui.engine_bridge import EngineHub
from app.ui.inspector import Inspector
from app.ui.panes.base import PaneBase
from app.ui.panes.chat import ChatPane
from app.ui.panes.history import HistoryPane
from app.ui.panes.models import ModelsPane
from app.ui.panes.poetry import PoetryPane
from app.ui.panes.qa import QAPane
from app.ui.panes.story import StoryPane
from app.ui.providers_dialog import ProvidersDialog
from app.ui.tasks import run_in_thread
from app.ui.widgets import failure_summary, keychain_problem_text

ADD_MODEL = "__add__"
MANAGE_PROVIDERS = "__providers__"
#: How many daily copies of the history database are kept (``backups/`` next to it).
DAILY_BACKUPS = 7
#: Prefix of the picker's data for a remote provider ("provider:<id>").
PROVIDER = "provider:"

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Penwright's window. Call :meth:`start` after ``show()`` to load the model."""

    _gpu_info = Signal(object)  # from a worker thread: what the llama.cpp build can do

    def __init__(self, runtime: Runtime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(APP_NAME)
        try:
            self.store = HistoryStore(runtime.paths.history_db)
        except HistoryError as exc:
            QMessageBox.critical(None, APP_NAME, str(exc))
            raise
        if self.store.recovered:
            runtime.warnings.append(
                self.tr(
                    "{n} reply(ies) cut off when Penwright last stopped were kept and marked partial."
                ).format(n=self.store.recovered)
            )
        if self.store.migrated_from is not None and self.store.backups:
            runtime.warnings.append(
                self.tr(
                    "Your history was upgraded to this version's format; the old file was copied "
                    "to {path} first."
                ).format(path=self.store.backups[0])
            )
        self.providers = ProviderStore(runtime.paths.providers_file)
        if self.providers.warning:
            runtime.warnings.append(self.providers.warning)
        self.secrets = SecretStore()
        self.providers_dialog: ProvidersDialog | None = None
        self.hub = EngineHub(parent=self)
        self.hub.attach(LocalEngine(runtime.paths.log_dir, on_state=self.hub.on_engine_state))

        self.chat = ChatPane(self.hub, self.store)
        self.story = StoryPane(self.hub, self.store)
        self.poetry = PoetryPane(self.hub, self.store, forms_dir=runtime.paths.config_dir / "forms")
        self.qa = QAPane(self.hub, self.store)
        self.history = HistoryPane(self.store)
        self.models = ModelsPane(runtime)
        self.panes: dict[str, PaneBase] = {
            "chat": self.chat,
            "story": self.story,
            "poetry": self.poetry,
            "qa": self.qa,
        }
        self.presets = PresetStore(runtime.paths.presets_file)
        if self.presets.warning:
            runtime.warnings.append(self.presets.warning)
        self.last_seeds: dict[str, int] = {}
        for pane in self.panes.values():
            pane.params = self.presets.get(pane.PANE)
            pane.controller.finished.connect(lambda final, p=pane: self._reply_finished(p, final))
        self._told_folded: set[str] = set()  # models whose missing system role was explained
        self.stack = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Sections"))
        labels = [
            self.tr("Chat"),
            self.tr("Story"),
            self.tr("Poetry"),
            self.tr("Q&A"),
            self.tr("History"),
            self.tr("Models"),
        ]
        for index, (label, widget) in enumerate(
            zip(labels, [self.chat, self.story, self.poetry, self.qa, self.history, self.models], strict=True)
        ):
            self.nav.addItem(label)
            self.nav.item(index).setToolTip(self.tr("{label} (Ctrl+{n})").format(label=label, n=index + 1))
            self.stack.addWidget(widget)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.activated.connect(lambda i=index: self.show_pane(i))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.currentRowChanged.connect(self._focus_pane)
        self.nav.setSpacing(max(2, self.fontMetrics().height() // 3))
        width = max(self.nav.sizeHintForColumn(0), self.fontMetrics().averageCharWidth() * 10)
        self.nav.setFixedWidth(width + self.fontMetrics().averageCharWidth() * 4)
        self.nav.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_status_bar()
        self._build_inspector()
        self._requested_path: str | None = None  # a file being tried before it joins the library
        self._crashed = False  # the engine crashed and is being restarted
        self._take_over = False  # the model being loaded replaces a remote provider
        self._provider_edited = False  # the answering provider was edited during a reply
        self._shut_down = False

        for pane in self.panes.values():
            pane.history_changed.connect(self._history_changed)
            pane.notice.connect(self.show_message)
            pane.busy_changed.connect(lambda _busy: self._update_model_box())
        self.history.open_requested.connect(self.open_conversation)
        self.history.open_at_message.connect(self.open_conversation)
        self.history.deleted.connect(self._conversation_deleted)
        self.history.restored.connect(lambda _cid: self.chat.refresh_list())
        self.history.changed.connect(self.chat.refresh_list)
        self.history.notice.connect(self.show_message)
        self.models.load_requested.connect(self.load_model)
        self.models.notice.connect(self.show_message)
        self.models.library_changed.connect(self._fill_models)
        self._gpu_info.connect(self.models.show_gpu_info)
        self.hub.state_changed.connect(self._engine_state)
        self.hub.model_loaded.connect(self._model_loaded)
        self.hub.load_failed.connect(self._load_failed)
        self.hub.remote_ready.connect(self._remote_ready)
        self.hub.remote_failed.connect(self._remote_failed)
        self.hub.active_changed.connect(self._active_changed)
        self.hub.generation_finished.connect(
            lambda rate: self.speed_label.setText(self.tr("{rate:.1f} tok/s").format(rate=rate))
        )
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)
        self._restore_layout()

    # -- window layout --------------------------------------------------------------------
    def _restore_layout(self) -> None:
        """The size, position and inspector width of the last session, else defaults that
        follow the font (HiDPI) and fit the screen: wide enough for the four columns with the
        inspector at its natural width."""
        settings = self.runtime.settings
        geometry, state = settings.window_geometry, settings.window_state
        restored = False
        if isinstance(geometry, str) and geometry:
            restored = self.restoreGeometry(QByteArray.fromHex(geometry.encode("ascii", "ignore")))
        if restored and isinstance(state, str) and state:
            self.restoreState(QByteArray.fromHex(state.encode("ascii", "ignore")))
        if restored:
            return
        em, line = self.fontMetrics().averageCharWidth(), self.fontMetrics().lineSpacing()
        width, height = em * 230, line * 50  # sizes follow the font (HiDPI)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width = min(width, round(screen.width() * 0.92))
            height = min(height, round(screen.height() * 0.92))
        self.resize(width, height)
        self.resizeDocks(
            [self.inspector_dock], [self.inspector.sizeHint().width()], Qt.Orientation.Horizontal
        )

    def _save_layout(self) -> None:
        """Remember the window's size, position and dock layout for the next start."""
        settings = self.runtime.settings
        settings.window_geometry = bytes(self.saveGeometry().toHex().data()).decode("ascii")
        settings.window_state = bytes(self.saveState().toHex().data()).decode("ascii")
        try:
            self.runtime.save_settings()
        except (OSError, ValueError) as exc:  # a read-only config folder must not block quitting
            log.warning("could not save the window layout: %s", exc)

    # -- inspector ------------------------------------------------------------------------
    def _build_inspector(self) -> None:
        self.inspector = Inspector()
        self.inspector_dock = QDockWidget(self.tr("Inspector"), self)
        self.inspector_dock.setObjectName("inspector")
        self.inspector_dock.setWidget(self.inspector)
        # Never narrower than its labels and spin boxes need (it scrolls vertically only);
        # Ctrl+I hides it for more room.
        self.inspector.setMinimumWidth(self.inspector.sizeHint().width())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        toggle = self.inspector_dock.toggleViewAction()
        toggle.setShortcut(QKeySequence("Ctrl+I"))
        self.addAction(toggle)
        self.inspector.params_changed.connect(self._params_edited)
        self.inspector.save_requested.connect(self._save_preset)
        self.inspector.reset_requested.connect(self._reset_preset)
        self.nav.currentRowChanged.connect(lambda _row: self._show_inspector())
        self._show_inspector()

    def current_pane(self) -> PaneBase | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, PaneBase) else None

    def _show_inspector(self) -> None:
        pane = self.current_pane()
        self.inspector.setEnabled(pane is not None)
        if pane is None:
            self.inspector.title.setText(self.tr("Sampling applies to Chat, Story, Poetry and Q&A."))
        else:
            label = self.nav.item(self.stack.currentIndex()).text()
            self.inspector.show_params(label, pane.params, self.last_seeds.get(pane.PANE.value))

    def _params_edited(self, params: object) -> None:
        pane = self.current_pane()
        if pane is not None:
            pane.params = params  # type: ignore[assignment]

    def _save_preset(self) -> None:
        pane = self.current_pane()
        if pane is not None:
            self.presets.save(pane.PANE, pane.params)
            self.show_message(self.tr("Saved these values as the default for this pane."), 8)

    def _reset_preset(self) -> None:
        pane = self.current_pane()
        if pane is not None:
            pane.params = self.presets.reset(pane.PANE)
            self._show_inspector()

    def _reply_finished(self, pane: PaneBase, final: object) -> None:
        if not isinstance(final, Done):
            return
        self.last_seeds[pane.PANE.value] = final.seed
        if pane is self.current_pane():
            self.inspector.set_last_seed(final.seed)
        model = self.hub.model
        if "system_folded" in final.notices and model is not None and model.path not in self._told_folded:
            self._told_folded.add(model.path)
            self.show_message(
                self.tr(
                    "This model's chat template has no system role, so the pane's instructions "
                    "were added to your first message."
                )
            )

    # -- status bar -----------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
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
        self.progress.setMaximumWidth(self.fontMetrics().averageCharWidth() * 14)
        self.progress.setVisible(False)
        self.cancel_load_button = QPushButton(self.tr("Cancel"))
        self.cancel_load_button.setAccessibleName(self.tr("Cancel loading the model"))
        self.cancel_load_button.clicked.connect(self.hub.cancel_load)
        self.cancel_load_button.setVisible(False)
        self.message_label = QLabel()
        self.message_label.setAccessibleName(self.tr("Last message"))
        self.message_label.setWordWrap(False)
        self.message_label.setMinimumWidth(self.fontMetrics().averageCharWidth() * 10)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.message_label.clear)
        bar.addWidget(self.model_box)
        bar.addWidget(self.backend_label)
        bar.addWidget(self.speed_label)
        bar.addWidget(self.message_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_load_button)
        bar.addPermanentWidget(self.state_label)
        self._fill_models()

    def _fill_models(self) -> None:
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

    # -- models ---------------------------------------------------------------------------
    def start(self) -> None:
        """Show start-up warnings, make the day's history backup and load the selected model,
        all in the background."""
        self.chat.focus_main()
        self._daily_backup()
        if self.runtime.warnings:
            self.show_message(" ".join(self.runtime.warnings))
        engine = self.hub.engine

        def ask_gpu() -> None:
            try:
                self._gpu_info.emit(engine.system_info())
            except Exception as exc:  # the engine could not start: the load will say why
                self._gpu_info.emit({"gpu_offload": False, "backend": "CPU", "error": str(exc)})

        threading.Thread(target=ask_gpu, name="penwright-gpu-info", daemon=True).start()
        provider = self.providers.get(self.runtime.settings.selected_provider)
        if provider is not None:
            self.use_provider(provider.id)
        entry = self.runtime.selected_model()
        if entry is None:
            self.state_label.setText(self.tr("No model"))
            return
        self.load_model(entry.path, entry.id, take_over=provider is None)

    def _daily_backup(self) -> None:
        """The rolling daily copy of the history (keeps :data:`DAILY_BACKUPS`), off the GUI thread."""
        db, folder = self.store.path, self.store.backup_dir

        def done(result: object) -> None:
            if isinstance(result, Exception):
                self.show_message(
                    self.tr("The daily copy of your history could not be made: {why}").format(why=result)
                )

        run_in_thread(
            self, lambda: rolling_daily_backup(db, folder, keep=DAILY_BACKUPS), done, "penwright-backup"
        )

    def load_model(self, path: str, model_id: str | None = None, take_over: bool = True) -> None:
        """Load ``path`` in the background with the settings of library model ``model_id``.

        ``take_over``: once loaded, the model answers instead of a remote provider (False
        for the start-up load when a provider was picked last time).
        """
        library = self.runtime.library
        entry = (library.get(model_id) if model_id else None) or library.find_by_path(Path(path))
        if not self.hub.load_pending():  # else the hub refuses it ('busy'): the pending load goes on
            self._take_over = take_over
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
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Choose a model"), "", self.tr("GGUF models (*.gguf);;All files (*)")
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
            self.show_message(self.tr("{name} answers again.").format(name=entry.name), 8)
            return
        self.load_model(entry.path, entry.id)

    def _leave_provider(self) -> None:
        """The local model answers again (the user chose it)."""
        if self.runtime.settings.selected_provider:
            self.runtime.settings.selected_provider = ""
            self.runtime.save_settings()
        self.hub.use_local()

    # -- remote providers -----------------------------------------------------------------
    def use_provider(self, provider_id: str) -> None:
        """Let the provider ``provider_id`` answer in every pane (its key is read off the
        GUI thread); the local model stays loaded for a quick switch back."""
        provider = self.providers.get(provider_id)
        if provider is None:
            return
        self._take_over = False  # a local model still loading must not undo this choice
        self.state_label.setText(self.tr("Connecting to {name}…").format(name=provider.name))
        runtime, secrets = self.runtime, self.secrets
        self.hub.use_remote(
            lambda: runtime.remote_engine(provider, secrets), provider.id, self.provider_label(provider)
        )

    def _remote_ready(self, provider_id: str) -> None:
        self.runtime.settings.selected_provider = provider_id
        self.runtime.save_settings()
        self._select_in_box(self._current_choice())
        message = self.tr("Replies now come from {name}.").format(name=self.hub.label)
        if self.secrets.problem:
            message += " " + keychain_problem_text(self.secrets)
        self.show_message(message, 15)

    def _remote_failed(self, message: str) -> None:
        self._select_in_box(self._current_choice())
        self._engine_state(self.hub.engine.state)
        self.show_message(self.tr("The provider cannot be used: {why}").format(why=message))

    def _active_changed(self) -> None:
        """Show what answers now; grey out what it cannot do."""
        self._select_in_box(self._current_choice())
        self._engine_state(self.hub.engine.state)
        info = self.hub.model
        if self.hub.is_remote:
            self.inspector.show_remote(self.hub.label)
            self.backend_label.setText(self.tr("remote"))
        elif info is not None:
            self._show_local_model(info)
        else:
            self.inspector.show_model(None, "")
            self.backend_label.clear()
        capabilities = self.hub.active.capabilities
        for pane in self.panes.values():
            pane.set_capabilities(capabilities)

    def show_providers(self) -> ProvidersDialog:
        """Open the Remote providers dialog (non-modal; one at a time)."""
        if self.providers_dialog is None:
            self.providers_dialog = ProvidersDialog(self.runtime, self.providers, self.secrets, self)
            self.providers_dialog.providers_changed.connect(self._providers_changed)
            self.providers_dialog.removed.connect(self._provider_removed)
        self.providers_dialog.show()
        self.providers_dialog.raise_()
        self.providers_dialog.activateWindow()
        return self.providers_dialog

    def _providers_changed(self) -> None:
        """Refill the picker; an edited provider that answers now is set up again (new key,
        address or model), after the reply being written, if any."""
        self._fill_models()
        if not self.hub.is_remote:
            return
        if any(pane.is_generating() for pane in self.panes.values()):
            self._provider_edited = True
            return
        self._provider_edited = False
        if self.providers.get(self.hub.remote_id) is not None:
            self.use_provider(self.hub.remote_id)

    def _provider_removed(self, provider_id: str) -> None:
        if self.hub.remote_id == provider_id:
            for pane in self.panes.values():
                pane.controller.finish_now()  # its connection is about to close
            self.hub.use_local()
        if self.runtime.settings.selected_provider == provider_id:
            self.runtime.settings.selected_provider = ""
            self.runtime.save_settings()

    def add_model_file(self, path: str) -> None:
        """Try loading ``path``; it joins the library only if it loads."""
        if not self.hub.load_pending():  # else refused: a pending load's path stays requested
            self._requested_path = path
        self.load_model(path)

    def _model_loaded(self, info: ModelInfo) -> None:
        self.progress.setVisible(False)
        self.cancel_load_button.setVisible(False)
        requested_path = self._requested_path
        self.hub.model_label = self._library_name(info)
        if requested_path and Path(requested_path).resolve() == Path(info.path).resolve():
            entry = self.runtime.library.add_file(Path(requested_path))
            self.runtime.select_model(entry.id)
            self._requested_path = None
            self._fill_models()
        else:
            for entry in self.runtime.library.entries():
                if Path(entry.path) == Path(info.path):
                    self.runtime.select_model(entry.id)
            self._select_in_box(self._current_choice())
        if self._take_over:  # the user chose this model: it answers, not the provider
            self._take_over = False
            self._leave_provider()
        if not self.hub.is_remote:
            self._show_local_model(info)
        name = self.hub.model_label
        if "gpu_fallback" in info.notices:
            self.show_message(
                self.tr(
                    "The GPU could not load {name} (out of memory or a driver error); it runs on the CPU."
                ).format(name=name)
            )
        elif self._crashed:
            self.show_message(
                self.tr("The engine restarted after a crash; {name} is loaded again.").format(name=name)
            )
        else:
            self.show_message(
                self.tr("Loaded {name} in {s:.1f} s.").format(name=name, s=info.load_seconds), 8
            )
        self._crashed = False

    def _show_local_model(self, info: ModelInfo) -> None:
        self.inspector.show_model(info, self.hub.model_label)
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
            self.show_message(message)
            return
        self._crashed = False  # a cancelled or failed load is not a crash to announce later
        self._take_over = False
        self.progress.setVisible(False)
        self.cancel_load_button.setVisible(False)
        self._requested_path = None
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
            self.models.show_message(full)
            if kind in ("damaged", "not_gguf") and self.runtime.library.find_by_path(Path(path)):
                self.models.forget(path)  # its row says what is wrong at the next listing
                self.models.refresh()
        self._engine_state(self.hub.engine.state)

    def _show_failure(self, problem: str, name: str, full: str) -> None:
        """Show "{problem}; {name} is still loaded." in the status bar (``full`` when there is
        no ``problem``), shortened to the message label's width: the problem is elided
        first, so the name of the model still loaded stays readable. The tooltip holds
        ``full``."""
        label = self.message_label
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
        self.show_message(text)
        label.setToolTip(full)

    def _engine_state(self, state: str) -> None:
        labels = {
            "stopped": self.tr("No model loaded"),
            "starting": self.tr("Starting engine…"),
            "loading": self.tr("Loading model…"),
            "ready": self.tr("Ready"),
            "generating": self.tr("Generating…"),
            "crashed": self.tr("Engine crashed; restarting…"),
        }
        text = labels.get(state, state)
        if self.hub.is_remote and state in ("ready", "stopped"):
            text = self.tr("Answering: {name}").format(name=self.hub.label)
        self.state_label.setText(text)
        self.progress.setVisible(state in ("starting", "loading"))
        self.cancel_load_button.setVisible(state in ("starting", "loading"))
        if state == "crashed":
            self._crashed = True
            self.show_message(self.tr("The engine stopped unexpectedly. Your text is kept; restarting it…"))

    # -- navigation -----------------------------------------------------------------------
    def show_pane(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def _focus_pane(self, index: int) -> None:
        """Put the keyboard in the pane's main field, never on a button (Space would press it)."""
        widget = self.stack.widget(index)
        if isinstance(widget, PaneBase):
            widget.focus_main()
        elif widget is self.history:
            self.history.tree.setFocus()
        elif widget is self.models:
            self.models.table.setFocus()

    def open_conversation(self, conversation_id: int, pane: str, message_id: int | None = None) -> None:
        """Open a stored conversation in its pane; a chat opens at ``message_id`` (a search hit)."""
        target = self.panes.get(pane)
        if target is None:
            return
        if target.is_generating():
            self.show_message(self.tr("Wait for the current reply, or stop it, first."))
            return
        if isinstance(target, ChatPane):
            target.open_conversation(conversation_id, message_id)
        else:
            target.open_conversation(conversation_id)
        self.show_pane(list(self.panes).index(pane))

    def _history_changed(self) -> None:
        if self.stack.currentWidget() is self.history:
            self.history.refresh()

    def _conversation_deleted(self, conversation_id: int) -> None:
        for pane in self.panes.values():
            if pane.conversation_id == conversation_id:
                pane.controller.finish_now()
                pane.new_conversation()
        self.chat.refresh_list()

    def show_message(self, text: str, seconds: float | None = None) -> None:
        """Show ``text`` in the status bar; informational ones go away after ``seconds``."""
        self.message_label.setText(text)
        self.message_label.setToolTip(text)
        self._message_timer.stop()
        if seconds:
            self._message_timer.start(int(seconds * 1000))

    def _update_model_box(self) -> None:
        """No model switch while a reply is being written (it would wait for the reply)."""
        busy = any(pane.is_generating() for pane in self.panes.values())
        self.model_box.setEnabled(not busy)
        self.model_box.setToolTip(
            self.tr("Stop the reply being written to choose another model")
            if busy
            else self.tr("The model or remote provider that answers in every pane")
        )
        if not busy and self._provider_edited:
            self._providers_changed()

    # -- shutdown -------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Settle running replies, save drafts, stop the engine, close the history (once)."""
        if self._shut_down:
            return
        self._shut_down = True
        self._save_layout()
        for pane in self.panes.values():
            pane.controller.finish_now()
        self.story.save_draft()
        self.hub.shutdown()
        self.store.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        for pane in self.panes.values():
            pane.stop()
        super().closeEvent(event)
