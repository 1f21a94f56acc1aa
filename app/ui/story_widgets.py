"""The Story pane's pieces under their old import path.

They live in the package :mod:`app.ui.panes.story` (one module per part) and, for the
span bookkeeping without Qt, in :mod:`app.core.spans`; this module only re-exports them
so that ``from app.ui.story_widgets import …`` keeps working.
"""

from __future__ import annotations

from app.core.spans import (
    LOGPROB_FLOOR,
    REMEMBERED_SPANS,
    AiSpan,
    ScoredToken,
    SpanToken,
    TokenChoice,
    align_pieces,
    alternatives_of,
    scored_tokens,
    text_before,
    text_between,
    utf16_len,
)
from app.ui.panes.story.aids import AidsPanel, side_panel
from app.ui.panes.story.alternatives import AlternativesPanel
from app.ui.panes.story.editor import (
    FULL_SURPRISE_NATS,
    MAX_TINT,
    SpanTracker,
    StoryEditor,
    ai_colour,
    blend,
    probability_tint,
    shown_token,
    surprise_tint,
    tint_colour,
)
from app.ui.panes.story.evaluate import StoryController
from app.ui.panes.story.versions import VersionsDialog

__all__ = [
    "FULL_SURPRISE_NATS",
    "LOGPROB_FLOOR",
    "MAX_TINT",
    "REMEMBERED_SPANS",
    "AiSpan",
    "AidsPanel",
    "AlternativesPanel",
    "ScoredToken",
    "SpanToken",
    "SpanTracker",
    "StoryController",
    "StoryEditor",
    "TokenChoice",
    "VersionsDialog",
    "ai_colour",
    "align_pieces",
    "alternatives_of",
    "blend",
    "probability_tint",
    "scored_tokens",
    "shown_token",
    "side_panel",
    "surprise_tint",
    "text_before",
    "text_between",
    "tint_colour",
    "utf16_len",
]
