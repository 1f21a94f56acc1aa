"""The Models pane (:class:`ModelsPane`) and its parts: the library list and metadata
(:mod:`.table`), imports (:mod:`.imports`), downloads (:mod:`.downloads`) and the per-model
settings form (:mod:`.model_settings`).

The names the rest of the app imports from ``app.ui.panes.models`` are re-exported here.
"""

from __future__ import annotations

from app.ui.panes.models.downloads import DownloadBox
from app.ui.panes.models.imports import ImportResult, import_batch, read_metadata_or_refuse
from app.ui.panes.models.model_settings import TEMPLATE_CHOICES, ModelSettingsForm
from app.ui.panes.models.pane import GPU_COMMANDS, ModelsPane
from app.ui.panes.models.table import LibraryTable, check_and_read, size_text

__all__ = [
    "GPU_COMMANDS",
    "TEMPLATE_CHOICES",
    "DownloadBox",
    "ImportResult",
    "LibraryTable",
    "ModelSettingsForm",
    "ModelsPane",
    "check_and_read",
    "import_batch",
    "read_metadata_or_refuse",
    "size_text",
]
