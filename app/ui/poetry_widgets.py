"""The Poetry pane's widgets, under their old import path.

They live in the :mod:`app.ui.panes.poetry` package now: the run in ``run``, the candidate
list in ``candidates``, the per-line table and marks in ``form_view``, the decoding choices
in ``decoding``. New code imports from there.
"""

from __future__ import annotations

from app.core.poetry.candidates import format_logprob
from app.ui.panes.poetry import (
    FAIL_TINT,
    MAX_CANDIDATES,
    CandidateTable,
    DecodingPanel,
    LineTable,
    PoemJob,
    PoemRunController,
    decoding_labels,
    fail_colour,
    ok_colour,
    partial_label,
    percent,
    unavailable_modes,
)

__all__ = [
    "FAIL_TINT",
    "MAX_CANDIDATES",
    "CandidateTable",
    "DecodingPanel",
    "LineTable",
    "PoemJob",
    "PoemRunController",
    "decoding_labels",
    "fail_colour",
    "format_logprob",
    "ok_colour",
    "partial_label",
    "percent",
    "unavailable_modes",
]
