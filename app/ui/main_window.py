"""The main window: nav rail, the six panes, and a status bar with the model picker."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.core.panes import pane_spec
from app.ui.window_frame import WindowFrame, saved_settings

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QComboBox, QLabel, QProgressBar, QPushButton

    from app.runtime import Runtime
    from app.storage.presets import PresetStore
    from app.ui.crash_notice import CrashNotice
    from app.ui.engine_bridge import EngineHub
    from app.ui.inspector import Inspector
    from app.ui.model_session import ModelSession
    from app.ui.panes.base import PaneBase
    from app.ui.panes.chat import ChatPane
    from app.ui.panes.history import HistoryPane
    from app.ui.panes.models import ModelsPane
    from app.ui.panes.poetry import PoetryPane
    from app.ui.panes.qa import QAPane
    from app.ui.panes.story import StoryPane
    from app.ui.providers_dialog import ProvidersDialog

ADD_MODEL = "__add__"
MANAGE_PROVIDERS = "__providers__"
#: How many daily copies of the history database are kept (``backups/`` next to it).
DAILY_BACKUPS = 7
#: Prefix of the picker's data for a remote provider ("provider:<id>").
PROVIDER = "provider:"

log = logging.getLogger(__name__)


class MainWindow(WindowFrame):
    """Penwright's window. Call :meth:`start` after ``show()`` to load the model.

    ``MainWindow(runtime)`` builds everything at once (tests, tools). The app starts through
    :meth:`~app.ui.window_frame.WindowFrame.open`: the frame (navigation, saved size, a
    status bar saying "Starting…") is shown first, from Qt and a few light modules only;
    the history, the engine hub, the inspector and the Chat pane are built after its first
    paint, then :attr:`ready` is emitted and the model starts loading. So this module
    imports the heavy parts where they are used, not at its top.

    Signals:
        conversations_changed(): a conversation was created, changed, deleted or restored;
            lists refresh (PaneHost).
        settings_changed(SettingsChange): settings were changed through
            ``Runtime.change_settings`` (on the GUI thread, where every change is made); it
            names the fields that changed.
    """

    conversations_changed = Signal()
    settings_changed = Signal(object)  # app.runtime.SettingsChange

    def __init__(self, runtime: Runtime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(runtime.settings if runtime is not None else saved_settings(), parent)
        #: the generating panes built so far, by id (panes are built when first shown)
        self.panes: dict[str, PaneBase] = {}
        self._built: dict[str, QWidget] = {}
        if runtime is not None:
            self._build_content(runtime)

    def _build_content(self, runtime: Runtime) -> None:
        """The history, the engine hub, presets, the status bar's picker, the inspector and
        the first page (Chat).

        Raises:
            HistoryError: the history database cannot be opened (the message says why).
        """
        from PySide6.QtCore import Qt

        from app.storage.history import HistoryStore
        from app.storage.presets import PresetStore
        from app.ui.engine_bridge import EngineHub
        from app.ui.model_session import ModelSession

        self.runtime = runtime
        self.store = HistoryStore(runtime.paths.history_db)
        self._unwatch_settings = runtime.watch_settings(self.settings_changed.emit)
        # C32: name the replies the last crash cut off, each one a click away (crash_notice.py)
        self.crash_notice: CrashNotice | None = None
        if self.store.interrupted:  # imported only then: start-up stays lean
            from app.ui.crash_notice import CrashNotice

            self.crash_notice = CrashNotice.install(self, self.store.interrupted)
        if self.crash_notice is not None:
            self.crash_notice.open_requested.connect(self.open_conversation)
        elif self.store.recovered:  # only in deleted conversations
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
        from app.engines.local import LocalEngine

        self.hub: EngineHub = EngineHub(parent=self)
        self.hub.attach(LocalEngine(runtime.paths.log_dir, on_state=self.hub.on_engine_state))
        self.presets: PresetStore = PresetStore(runtime.paths.presets_file)
        if self.presets.warning:
            runtime.warnings.append(self.presets.warning)
        self.last_seeds: dict[str, int] = {}
        self._told_folded: set[str] = set()  # models whose missing system role was explained
        self._gpu_info: dict[str, object] | None = None  # what the llama.cpp build can do
        #: which model or provider answers; the status bar's picker and engine state
        self.session: ModelSession = ModelSession(self)
        self.providers, self.secrets = self.session.providers, self.session.secrets
        self.session.build_status_bar()
        self._build_inspector()
        self._frame_done()
        self._restore_docks()  # now that the page is built: its minimum size is known
        # the accessible descriptions need the Qt namespace, kept off the first paint
        role = Qt.ItemDataRole.AccessibleDescriptionRole
        for index, entry in enumerate(self._entries):
            self.nav.item(index).setData(role, entry.translated_description())

    # -- panes ----------------------------------------------------------------------------
    def pane_widget(self, pane_id: str) -> QWidget:
        """The widget of pane ``pane_id``, built now if it was not yet (panes are built when
        first shown; asking for one builds it without showing it).

        Raises:
            KeyError: no pane has that id.
            RuntimeError: the window is still starting (:attr:`ready` not yet emitted).
        """
        widget = self._built.get(pane_id)
        if widget is not None:
            return widget
        if not self._content_built:
            raise RuntimeError("the window is still starting; wait for MainWindow.ready")
        index = next((i for i, e in enumerate(self._entries) if e.id == pane_id), None)
        if index is None:
            raise KeyError(pane_id)
        entry = self._entries[index]
        widget = entry.factory(self)
        widget.setAccessibleName(widget.accessibleName() or entry.label())
        self._built[pane_id] = widget
        placeholder = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, widget)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        from app.ui.panes.base import PaneBase

        if isinstance(widget, PaneBase):
            self._adopt(pane_id, widget)
        elif pane_id == "models" and self._gpu_info is not None:
            self.models.show_gpu_info(self._gpu_info)
        return widget

    def built_panes(self) -> dict[str, QWidget]:
        """The panes built so far, by id."""
        return dict(self._built)

    def _adopt(self, pane_id: str, pane: PaneBase) -> None:
        """Link a generating pane to the presets, inspector, status bar and broadcasts."""
        self.panes[pane_id] = pane
        pane.params = self.presets.get(pane_id)
        pane.controller.finished.connect(lambda final, p=pane: self._reply_finished(p, final))
        pane.history_changed.connect(self.conversations_changed.emit)
        pane.notice.connect(self.show_message)
        pane.busy_changed.connect(lambda _busy: self.session.update_model_box())
        pane.set_capabilities(self.hub.active.capabilities)

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self._entries):
            return
        widget = self.pane_widget(self._entries[row].id)
        self.stack.setCurrentWidget(widget)
        self._focus(widget)
        self._show_inspector()

    @property
    def chat(self) -> ChatPane:
        return cast("ChatPane", self.pane_widget("chat"))

    @property
    def story(self) -> StoryPane:
        return cast("StoryPane", self.pane_widget("story"))

    @property
    def poetry(self) -> PoetryPane:
        return cast("PoetryPane", self.pane_widget("poetry"))

    @property
    def qa(self) -> QAPane:
        return cast("QAPane", self.pane_widget("qa"))

    @property
    def history(self) -> HistoryPane:
        return cast("HistoryPane", self.pane_widget("history"))

    @property
    def models(self) -> ModelsPane:
        return cast("ModelsPane", self.pane_widget("models"))

    def models_changed(self) -> None:
        """The model library changed (Models pane): refill the picker."""
        self.session.fill_models()

    # -- the model session's parts, as the window's (status bar, picker, loads) -------------
    @property
    def model_box(self) -> QComboBox:
        return self.session.model_box

    @property
    def state_label(self) -> QLabel:
        return self.session.state_label

    @property
    def backend_label(self) -> QLabel:
        return self.session.backend_label

    @property
    def speed_label(self) -> QLabel:
        return self.session.speed_label

    @property
    def progress(self) -> QProgressBar:
        return self.session.progress

    @property
    def cancel_load_button(self) -> QPushButton:
        return self.session.cancel_load_button

    @property
    def providers_dialog(self) -> ProvidersDialog | None:
        return self.session.providers_dialog

    def load_model(self, path: str, model_id: str | None = None, take_over: bool = True) -> None:
        """See :meth:`ModelSession.load_model`."""
        self.session.load_model(path, model_id, take_over)

    def add_model_file(self, path: str) -> None:
        """See :meth:`ModelSession.add_model_file`."""
        self.session.add_model_file(path)

    def use_provider(self, provider_id: str) -> None:
        """See :meth:`ModelSession.use_provider`."""
        self.session.use_provider(provider_id)

    def show_providers(self) -> ProvidersDialog:
        """See :meth:`ModelSession.show_providers`."""
        return self.session.show_providers()

    def _fill_models(self) -> None:
        self.session.fill_models()

    # -- window layout --------------------------------------------------------------------
    def _save_layout_now(self) -> None:
        """Remember the window's size, position and dock layout for the next start."""
        try:
            self.runtime.change_settings(**self._layout_values())
        except (OSError, ValueError) as exc:  # a read-only config folder must not block quitting
            log.warning("could not save the window layout: %s", exc)

    # -- inspector ------------------------------------------------------------------------
    def _build_inspector(self) -> None:
        """The sampling inspector, in a dock at the right (Ctrl+I hides it for more room)."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence
        from PySide6.QtWidgets import QDockWidget

        from app.ui.inspector import Inspector

        self.inspector: Inspector = Inspector()
        self.inspector_dock = QDockWidget(self.tr("Inspector"), self)
        self.inspector_dock.setObjectName("inspector")
        self.inspector_dock.setWidget(self.inspector)
        # Never narrower than its labels and spin boxes need (it scrolls vertically only).
        self.inspector.setMinimumWidth(self.inspector.sizeHint().width())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        toggle = self.inspector_dock.toggleViewAction()
        toggle.setShortcut(QKeySequence("Ctrl+I"))
        self.addAction(toggle)
        self.inspector.params_changed.connect(self._params_edited)
        self.inspector.save_requested.connect(self._save_preset)
        self.inspector.reset_requested.connect(self._reset_preset)
        if self._saved_state is None and not self._layout_restored:
            self.resizeDocks(
                [self.inspector_dock], [self.inspector.sizeHint().width()], Qt.Orientation.Horizontal
            )
        self._show_inspector()

    def current_pane(self) -> PaneBase | None:
        from app.ui.panes.base import PaneBase

        widget = self.stack.currentWidget()
        return widget if isinstance(widget, PaneBase) else None

    def _show_inspector(self) -> None:
        pane = self.current_pane()
        self.inspector.setEnabled(pane is not None)
        if pane is None:
            self.inspector.title.setText(self.tr("Sampling applies to Chat, Story, Poetry and Q&A."))
        else:
            label = self.nav.item(self.stack.currentIndex()).text()
            self.inspector.show_params(label, pane.params, self.last_seeds.get(pane.PANE))

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
        from app.core.types import NoticeKind
        from app.engines.base import Done

        if not isinstance(final, Done):
            return
        self.last_seeds[pane.PANE] = final.seed
        if pane is self.current_pane():
            self.inspector.set_last_seed(final.seed)
        model = self.hub.model
        if (
            NoticeKind.SYSTEM_FOLDED in final.notices
            and model is not None
            and model.path not in self._told_folded
        ):
            self._told_folded.add(model.path)
            self.show_message(
                self.tr(
                    "This model's chat template has no system role, so the pane's instructions "
                    "were added to your first message."
                )
            )

    # -- start ----------------------------------------------------------------------------
    def start(self) -> None:
        """Show start-up warnings, make the day's history backup and load the selected model,
        all in the background."""
        current = self.stack.currentWidget()
        if current is not None:
            self._focus(current)
        self._daily_backup()
        if self.runtime.warnings:
            self.show_message(" ".join(self.runtime.warnings))
        from app.ui.tasks import run_in_thread

        run_in_thread(self, self.hub.engine.system_info, self._got_gpu_info, "penwright-gpu-info")
        self.session.start()

    def _got_gpu_info(self, result: object) -> None:
        """What the llama.cpp build can do (GPU offload, backend), for the Models pane."""
        if isinstance(result, Exception):  # the engine could not start: the load will say why
            result = {"gpu_offload": False, "backend": "CPU", "error": str(result)}
        self._gpu_info = cast("dict[str, object]", result)
        if "models" in self._built:
            self.models.show_gpu_info(self._gpu_info)

    def _daily_backup(self) -> None:
        """The rolling daily copy of the history (keeps :data:`DAILY_BACKUPS`), off the GUI thread."""
        from app.storage.history import rolling_daily_backup
        from app.ui.tasks import run_in_thread

        db, folder = self.store.path, self.store.backup_dir

        def done(result: object) -> None:
            if isinstance(result, Exception):
                self.show_message(
                    self.tr("The daily copy of your history could not be made: {why}").format(why=result)
                )

        run_in_thread(
            self, lambda: rolling_daily_backup(db, folder, keep=DAILY_BACKUPS), done, "penwright-backup"
        )

    # -- navigation -----------------------------------------------------------------------
    @staticmethod
    def _focus(widget: QWidget) -> None:
        """Put the keyboard in the pane's main field, never on a button (Space would press it)."""
        focus_main = getattr(widget, "focus_main", None)
        if callable(focus_main):
            focus_main()

    def open_conversation(self, conversation_id: int, pane: str, message_id: int | None = None) -> None:
        """Open a stored conversation in its pane; a chat opens at ``message_id`` (a search hit)."""
        spec = pane_spec(pane)
        if spec is None or not spec.opens_conversations:
            return
        from app.ui.panes.base import PaneBase

        target = self.pane_widget(pane)
        if not isinstance(target, PaneBase):
            return
        if target.is_generating():
            self.show_message(self.tr("Wait for the current reply, or stop it, first."))
            return
        from app.ui.panes.chat import ChatPane  # built at start: already imported

        if isinstance(target, ChatPane):
            target.open_conversation(conversation_id, message_id)
        else:
            target.open_conversation(conversation_id)
        self.show_pane(next(i for i, e in enumerate(self._entries) if e.id == pane))

    def conversation_deleted(self, conversation_id: int) -> None:
        """A conversation was deleted (History): a pane showing it starts a new one."""
        for pane in self.panes.values():
            if pane.conversation_id == conversation_id:
                pane.controller.finish_now()
                pane.new_conversation()
        self.conversations_changed.emit()

    # -- shutdown -------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Settle running replies, save drafts, stop the engine, close the history (once)."""
        if self._shut_down:
            return
        self._shut_down = True
        if not self._content_built:  # closed while starting: nothing opened yet
            return
        self._save_layout_now()
        self._unwatch_settings()
        for pane in self.panes.values():
            pane.controller.finish_now()
        for pane in self.panes.values():
            pane.save_draft()
        self.hub.shutdown()
        self.store.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        for pane in self.panes.values():
            pane.stop()
        super().closeEvent(event)
