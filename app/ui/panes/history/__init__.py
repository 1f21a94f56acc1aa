"""The History pane, as a package of parts (see :mod:`.pane` for the map).

``from app.ui.panes.history import HistoryPane`` and the other names the window and the
tests used when this was one module keep working from here.
"""

from PySide6.QtWidgets import QFileDialog, QMessageBox  # tests answer the dialogs through this path

from app.ui.panes.history.filters import FilterBar, Filters
from app.ui.panes.history.info_bar import UNDO_SECONDS, InfoBar
from app.ui.panes.history.labels import hit_html, pane_label, plain_snippet, role_label, snippet_html
from app.ui.panes.history.pane import HistoryPane
from app.ui.panes.history.search import HIT_ROLE, SEARCH_DELAY_MS, SEARCH_LIMIT, HistorySearch
from app.ui.panes.history.transfers import BACKUP, EXPORT, IMPORT, TransferResult, Transfers
from app.ui.panes.history.tree import (
    CONVERSATION,
    DATE,
    FOLDER,
    ID_ROLE,
    KIND_ROLE,
    MESSAGES,
    MODEL,
    PANE_COLUMN,
    PANE_ROLE,
    PINNED_ROLE,
    TITLE,
    ConversationList,
)
from app.ui.panes.history.tree import key as _key

__all__ = [
    "BACKUP",
    "CONVERSATION",
    "DATE",
    "EXPORT",
    "FOLDER",
    "HIT_ROLE",
    "ID_ROLE",
    "IMPORT",
    "KIND_ROLE",
    "MESSAGES",
    "MODEL",
    "PANE_COLUMN",
    "PANE_ROLE",
    "PINNED_ROLE",
    "SEARCH_DELAY_MS",
    "SEARCH_LIMIT",
    "TITLE",
    "UNDO_SECONDS",
    "ConversationList",
    "FilterBar",
    "Filters",
    "HistoryPane",
    "HistorySearch",
    "InfoBar",
    "QFileDialog",
    "QMessageBox",
    "TransferResult",
    "Transfers",
    "_key",
    "hit_html",
    "pane_label",
    "plain_snippet",
    "role_label",
    "snippet_html",
]
