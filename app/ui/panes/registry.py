"""The window's half of the pane declarations: how each pane's widget is made.

:mod:`app.core.panes` declares a pane for every layer (id, label, default preset, whether
History lists its conversations); this module adds what only the window needs: the
factory that builds the widget (and links it to the window's services and broadcasts),
the icon, the accessible name. The window's navigation, its Ctrl+1…9 shortcuts and its
lazily built stack are read from :func:`pane_entries`; nothing else lists panes.

To add a pane: one module with the widget, then ``register_pane(PaneSpec(...))`` and
``register_pane_entry(PaneEntry(...))`` (see ``CONTRIBUTING.md``). Panes are built when
first shown, so a pane's module (and its heavy imports) costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, SignalInstance
from PySide6.QtWidgets import QWidget

from app.core.panes import PaneSpec, pane_spec, pane_specs

if TYPE_CHECKING:
    from app.runtime import Runtime
    from app.storage.history import HistoryStore
    from app.ui.engine_bridge import EngineHub

#: Context of the pane names in the translation files.
CONTEXT = "Panes"


# The built-in pane names and descriptions, marked for pyside6-lupdate (translated where shown).
_BUILT_IN_TEXTS = (
    QT_TRANSLATE_NOOP("Panes", "Chat"),
    QT_TRANSLATE_NOOP("Panes", "Story"),
    QT_TRANSLATE_NOOP("Panes", "Poetry"),
    QT_TRANSLATE_NOOP("Panes", "Q&A"),
    QT_TRANSLATE_NOOP("Panes", "History"),
    QT_TRANSLATE_NOOP("Panes", "Models"),
    QT_TRANSLATE_NOOP("Panes", "Chat with the model"),
    QT_TRANSLATE_NOOP("Panes", "Write a story with the model"),
    QT_TRANSLATE_NOOP("Panes", "Write poems in fixed forms"),
    QT_TRANSLATE_NOOP("Panes", "Ask a question, get a direct answer"),
    QT_TRANSLATE_NOOP("Panes", "Every conversation, story and poem"),
    QT_TRANSLATE_NOOP("Panes", "The model library and downloads"),
)


class PaneHost(Protocol):
    """What a pane factory may use of the window (the window implements it).

    Signals:
        conversations_changed(): a conversation was created, changed, deleted or restored
            (by any pane); lists of conversations refresh.
    """

    hub: EngineHub
    store: HistoryStore
    runtime: Runtime
    conversations_changed: SignalInstance

    def show_message(self, text: str, seconds: float | None = None) -> None: ...

    def open_conversation(self, conversation_id: int, pane: str, message_id: int | None = None) -> None: ...

    def load_model(self, path: str, model_id: str | None = None, take_over: bool = True) -> None: ...

    def conversation_deleted(self, conversation_id: int) -> None: ...

    def models_changed(self) -> None: ...


@dataclass(frozen=True)
class PaneEntry:
    """How the window shows one declared pane.

    Attributes:
        id: the :class:`~app.core.panes.PaneSpec` id it shows.
        factory: builds the widget, called once, when the pane is first shown; it imports
            the pane's module itself (so start-up does not) and connects the pane to the
            host's services and broadcasts. Generating panes (``PaneBase``) are linked to
            the inspector, presets and status bar by the window.
        description: an English one-line description (accessible description, tooltip).
        icon: a freedesktop icon-theme name ("" for none).
    """

    id: str
    factory: Callable[[PaneHost], QWidget]
    description: str = ""
    icon: str = ""

    @property
    def spec(self) -> PaneSpec:
        spec = pane_spec(self.id)
        if spec is None:
            raise KeyError(f"pane {self.id!r} has no PaneSpec (app.core.panes.register_pane)")
        return spec

    def label(self) -> str:
        """The translated name shown in the navigation."""
        return QCoreApplication.translate(CONTEXT, self.spec.label)

    def translated_description(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.description) if self.description else ""


_ENTRIES: dict[str, PaneEntry] = {}


def register_pane_entry(entry: PaneEntry) -> PaneEntry:
    """Add the window's entry of a declared pane (the :class:`PaneSpec` must exist).

    Raises:
        KeyError: no :class:`PaneSpec` has ``entry.id``.
    """
    entry.spec  # noqa: B018 (raises KeyError for an undeclared pane)
    _ENTRIES[entry.id] = entry
    return entry


def unregister_pane_entry(pane_id: str) -> None:
    _ENTRIES.pop(pane_id, None)


def pane_entries() -> tuple[PaneEntry, ...]:
    """The entries of every declared pane that has one, in the declaration order."""
    return tuple(_ENTRIES[spec.id] for spec in pane_specs() if spec.id in _ENTRIES)


# -- the built-in panes ---------------------------------------------------------------------


def _chat(host: PaneHost) -> QWidget:
    from app.ui.panes.chat import ChatPane

    pane = ChatPane(host.hub, host.store)
    host.conversations_changed.connect(pane.refresh_list)
    return pane


def _story(host: PaneHost) -> QWidget:
    from app.ui.panes.story import StoryPane

    return StoryPane(host.hub, host.store)


def _poetry(host: PaneHost) -> QWidget:
    from app.ui.panes.poetry import PoetryPane

    return PoetryPane(host.hub, host.store, forms_dir=host.runtime.paths.config_dir / "forms")


def _qa(host: PaneHost) -> QWidget:
    from app.ui.panes.qa import QAPane

    return QAPane(host.hub, host.store)


def _history(host: PaneHost) -> QWidget:
    from app.ui.panes.history import HistoryPane

    pane = HistoryPane(host.store)
    pane.open_requested.connect(host.open_conversation)
    pane.open_at_message.connect(host.open_conversation)
    pane.deleted.connect(host.conversation_deleted)
    pane.restored.connect(lambda _cid: host.conversations_changed.emit())
    pane.changed.connect(host.conversations_changed.emit)
    pane.notice.connect(host.show_message)
    host.conversations_changed.connect(lambda: pane.refresh() if pane.isVisible() else None)
    return pane


def _models(host: PaneHost) -> QWidget:
    from app.ui.panes.models import ModelsPane

    pane = ModelsPane(host.runtime)
    pane.load_requested.connect(host.load_model)
    pane.notice.connect(host.show_message)
    pane.library_changed.connect(host.models_changed)
    return pane


for _entry in (
    PaneEntry("chat", _chat, "Chat with the model", "mail-message-new"),
    PaneEntry("story", _story, "Write a story with the model", "accessories-text-editor"),
    PaneEntry("poetry", _poetry, "Write poems in fixed forms", "format-justify-center"),
    PaneEntry("qa", _qa, "Ask a question, get a direct answer", "help-faq"),
    PaneEntry("history", _history, "Every conversation, story and poem", "document-open-recent"),
    PaneEntry("models", _models, "The model library and downloads", "drive-harddisk"),
):
    register_pane_entry(_entry)
