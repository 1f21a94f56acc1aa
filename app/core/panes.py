"""The panes, declared once (Qt-free half).

Every place that lists panes reads this registry: the History pane's filter and labels,
exports (the pane's name in Markdown/HTML), sampling presets, and (through
``app.ui.panes.registry``, which adds the widget factory, icon and shortcut) the window's
navigation. Adding a pane is one module that calls :func:`register_pane` and one UI entry.

Labels here are English source texts; the window translates them (``QT_TRANSLATE_NOOP``
context ``"Panes"`` in ``app.ui.panes.registry``); exports keep the English names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where used: the window's frame reads this module before its first paint
    from app.core.types import GenerationParams


@dataclass(frozen=True)
class PaneSpec:
    """What every layer needs to know about one pane.

    Attributes:
        id: stored with each conversation made there (``conversations.pane``), e.g. "chat".
        label: the English name shown in navigation, History and exports.
        default_params: the sampling values a new user starts with and "Reset" restores,
            as a :class:`~app.core.types.GenerationParams` or a mapping of the fields that
            differ from its defaults (``{}``: the plain defaults); None for panes that do
            not generate (History, Models). Read them with :func:`default_params`.
        opens_conversations: whether History lists its conversations and can open them there.
    """

    id: str
    label: str
    default_params: GenerationParams | Mapping[str, Any] | None = None
    opens_conversations: bool = False


_REGISTRY: dict[str, PaneSpec] = {}


def _key(pane_id: str) -> str:
    """A pane id as stored ("chat"); a :class:`Pane` member gives its value (``str()`` of a
    ``str``-mixin enum member is "Pane.CHAT" in Python 3.11)."""
    return str(getattr(pane_id, "value", pane_id))


def register_pane(spec: PaneSpec) -> PaneSpec:
    """Add ``spec`` (panes keep their registration order: that is the navigation order).

    Raises:
        ValueError: another pane already uses ``spec.id``.
    """
    if spec.id in _REGISTRY and _REGISTRY[spec.id] != spec:
        raise ValueError(f"a pane with id {spec.id!r} is already registered")
    _REGISTRY[spec.id] = spec
    return spec


def unregister_pane(pane_id: str) -> None:
    """Remove a pane (tests that register a throwaway pane clean up with this)."""
    _REGISTRY.pop(_key(pane_id), None)


def pane_specs() -> tuple[PaneSpec, ...]:
    """Every registered pane, in navigation order."""
    return tuple(_REGISTRY.values())


def pane_spec(pane_id: str) -> PaneSpec | None:
    return _REGISTRY.get(_key(pane_id))


def conversation_panes() -> tuple[str, ...]:
    """Ids of the panes whose conversations History lists (chat, story, poetry, qa, ...)."""
    return tuple(spec.id for spec in _REGISTRY.values() if spec.opens_conversations)


def pane_label(pane_id: str) -> str:
    """The English label of ``pane_id``; an unknown id (a pane from a newer version or a
    removed plug-in) is shown as it is stored."""
    spec = _REGISTRY.get(_key(pane_id))
    return spec.label if spec is not None else _key(pane_id)


def default_params(pane_id: str) -> GenerationParams:
    """The default sampling values of ``pane_id`` (plain defaults for an unknown pane)."""
    from app.core.types import GenerationParams

    spec = _REGISTRY.get(_key(pane_id))
    declared = spec.default_params if spec is not None else None
    if isinstance(declared, Mapping):
        return GenerationParams(**declared)
    return declared if declared is not None else GenerationParams()


# ids are the values of app.core.types.Pane (stored with each conversation)
for _spec in (
    PaneSpec("chat", "Chat", {}, True),
    PaneSpec("story", "Story", {"temperature": 0.8, "max_tokens": 200, "repeat_penalty": 1.15}, True),
    PaneSpec("poetry", "Poetry", {"temperature": 0.8, "max_tokens": 220, "repeat_penalty": 1.15}, True),
    PaneSpec("qa", "Q&A", {"temperature": 0.2, "max_tokens": 256}, True),
    PaneSpec("history", "History"),
    PaneSpec("models", "Models"),
):
    register_pane(_spec)
