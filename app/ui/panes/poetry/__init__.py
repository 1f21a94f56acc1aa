"""The Poetry pane (:class:`PoetryPane`) and its parts: the generation run (:mod:`.run`),
the ranked candidates with ticks and combine (:mod:`.candidates`), the checker's
annotations (:mod:`.form_view`) and the decoding choices (:mod:`.decoding`).

The names the rest of the app and the tests import from ``app.ui.panes.poetry`` (and, for
the widgets, ``app.ui.poetry_widgets``) are re-exported here.
"""

from __future__ import annotations

from app.services.poetry import PoemJob
from app.ui.panes.poetry.candidates import CandidatesView, CandidateTable, partial_label
from app.ui.panes.poetry.decoding import MAX_CANDIDATES, DecodingPanel, decoding_labels, unavailable_modes
from app.ui.panes.poetry.form_view import (
    FAIL_TINT,
    LineTable,
    check_summary,
    fail_colour,
    form_label,
    ok_colour,
    percent,
)
from app.ui.panes.poetry.pane import CHECK_DELAY_MS, FORM_ORDER, SAVE_DELAY_MS, PoetryPane
from app.ui.panes.poetry.run import PoemRunController, poem_jobs, run_summary

__all__ = [
    "CHECK_DELAY_MS",
    "FAIL_TINT",
    "FORM_ORDER",
    "MAX_CANDIDATES",
    "SAVE_DELAY_MS",
    "CandidateTable",
    "CandidatesView",
    "DecodingPanel",
    "LineTable",
    "PoemJob",
    "PoemRunController",
    "PoetryPane",
    "check_summary",
    "decoding_labels",
    "fail_colour",
    "form_label",
    "ok_colour",
    "partial_label",
    "percent",
    "poem_jobs",
    "run_summary",
    "unavailable_modes",
]
