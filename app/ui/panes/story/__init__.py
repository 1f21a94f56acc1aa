"""The Story pane, a package of parts (Spyder's plug-in packages, qutebrowser's tab parts):

- :mod:`.pane`: :class:`StoryPane`, the widgets and the wiring;
- :mod:`.editor`: the editor, the AI spans and evaluated tokens shown in it;
- :mod:`.drafts`: the story document, autosave, opening and new stories;
- :mod:`.prompt`: the prompt fitted into n_ctx, the token budget;
- :mod:`.generation`: Continue, Rewrite, Describe, "Give me 3", alternative tokens;
- :mod:`.alternatives`: the "Give me 3" panel;
- :mod:`.aids`: memory, author's note, lorebook;
- :mod:`.evaluate`: perplexity;
- :mod:`.versions`: the Versions dialog and restoring;
- :mod:`.files`: import and export.

The span bookkeeping without Qt is :mod:`app.core.spans`. ``from app.ui.panes.story
import StoryPane`` (and the other names below) works as before the split.
"""

from __future__ import annotations

from app.core.spans import text_before
from app.ui.panes.story.alternatives import ALTERNATIVES, ALTERNATIVES_MIN_TEMPERATURE
from app.ui.panes.story.drafts import AUTOSAVE_MS, RECENT_STORIES
from app.ui.panes.story.evaluate import TOP_LOGPROBS
from app.ui.panes.story.generation import (
    DESCRIBE_USER,
    REWRITE_SYSTEM,
    REWRITE_USER,
    SELECTION_TEMPLATE_TOKENS,
)
from app.ui.panes.story.pane import STORY_MEASURE_CHARS, StoryPane
from app.ui.panes.story.prompt import BUDGET_MS

__all__ = [
    "ALTERNATIVES",
    "ALTERNATIVES_MIN_TEMPERATURE",
    "AUTOSAVE_MS",
    "BUDGET_MS",
    "DESCRIBE_USER",
    "RECENT_STORIES",
    "REWRITE_SYSTEM",
    "REWRITE_USER",
    "SELECTION_TEMPLATE_TOKENS",
    "STORY_MEASURE_CHARS",
    "TOP_LOGPROBS",
    "StoryPane",
    "text_before",
]
