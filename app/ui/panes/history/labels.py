"""Text of the History pane: pane and role labels, search hits as rich text, file names.

Functions only, no widgets; their strings are translated in the ``HistoryPane`` context.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPalette

from app.core.panes import pane_label as core_pane_label
from app.storage.history import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit
from app.ui.widgets import format_time


def pane_label(pane: str) -> str:
    """The translated label of a pane id (the registry's English label, translated)."""
    return QCoreApplication.translate("Panes", core_pane_label(pane))


def role_label(role: str) -> str:
    """The translated name of a message role ("user" -> "You"); an unknown role as is."""
    return {
        "user": QCoreApplication.translate("HistoryPane", "You"),
        "assistant": QCoreApplication.translate("HistoryPane", "Assistant"),
        "system": QCoreApplication.translate("HistoryPane", "System"),
    }.get(role, role)


def snippet_html(snippet: str, palette: QPalette, selected: bool = False) -> str:
    """A search snippet as rich text: the text escaped, each match (between
    :data:`HIGHLIGHT_START` and :data:`HIGHLIGHT_END`) bold on the palette's highlight
    colour; on a selected row (already drawn in that colour) bold and underlined."""
    text = html.escape(snippet.replace("\n", " ").replace("\r", " "), quote=False)
    if selected:
        start, end = "<b><u>", "</u></b>"
    else:
        background = palette.color(QPalette.ColorRole.Highlight).name()
        foreground = palette.color(QPalette.ColorRole.HighlightedText).name()
        start = f'<b style="background-color:{background}; color:{foreground}">'
        end = "</b>"
    opened = False
    parts: list[str] = []
    for char in text:
        if char == HIGHLIGHT_START and not opened:
            parts.append(start)
            opened = True
        elif char == HIGHLIGHT_END and opened:
            parts.append(end)
            opened = False
        elif char not in (HIGHLIGHT_START, HIGHLIGHT_END):
            parts.append(char)
    if opened:
        parts.append(end)
    return "".join(parts)


def hit_html(hit: SearchHit, palette: QPalette, selected: bool = False) -> str:
    """Two lines of rich text for a search hit: the title with pane, role and date, then
    the snippet with its matches highlighted (see :func:`snippet_html`)."""
    group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
    muted = palette.color(group).name()
    facts = " · ".join(
        part for part in (pane_label(hit.pane), role_label(hit.role), format_time(hit.created_at)) if part
    )
    title = html.escape(hit.title or QCoreApplication.translate("HistoryPane", "Untitled"), quote=False)
    return (
        f"<b>{title}</b>&nbsp;&nbsp;<span style='color:{muted}'>{html.escape(facts, quote=False)}</span>"
        f"<br>{snippet_html(hit.snippet, palette, selected)}"
    )


def plain_snippet(snippet: str) -> str:
    """A search snippet without its highlight marks."""
    return snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


def file_name(title: str) -> str:
    """A title made safe as a file name (no path separators or reserved characters), at
    most 80 characters; may be empty."""
    cleaned = "".join("-" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in title).strip(" .")
    return cleaned[:80]
