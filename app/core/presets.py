"""Sampling presets per pane, and the declared range of every parameter.

One declaration (:data:`PARAM_SPECS`) drives the inspector's controls; the defaults per
pane (:data:`DEFAULT_PRESETS`) are what a new user starts with and what "Reset" restores.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.types import MAX_BEAM_WIDTH, MAX_SEED, GenerationParams, Pane


@dataclass(frozen=True)
class ParamSpec:
    """How one :class:`GenerationParams` field is edited.

    Attributes:
        name: the field name (llama.cpp's term).
        minimum, maximum, step: the control's range; ``decimals`` 0 means an integer.
    """

    name: str
    minimum: float
    maximum: float
    step: float
    decimals: int = 2


PARAM_SPECS: tuple[ParamSpec, ...] = (
    ParamSpec("temperature", 0.0, 2.0, 0.05),
    ParamSpec("top_k", 0, 200, 1, 0),
    ParamSpec("top_p", 0.01, 1.0, 0.01),
    ParamSpec("min_p", 0.0, 1.0, 0.01),
    ParamSpec("typical_p", 0.01, 1.0, 0.01),
    ParamSpec("repeat_penalty", 0.5, 2.0, 0.01),
    ParamSpec("repeat_last_n", 0, 2048, 8, 0),
    ParamSpec("presence_penalty", -2.0, 2.0, 0.05),
    ParamSpec("frequency_penalty", -2.0, 2.0, 0.05),
    ParamSpec("mirostat_mode", 0, 2, 1, 0),
    ParamSpec("mirostat_tau", 0.1, 10.0, 0.1),
    ParamSpec("mirostat_eta", 0.01, 1.0, 0.01),
    ParamSpec("max_tokens", 1, 32768, 16, 0),
    ParamSpec("seed", -1, MAX_SEED, 1, 0),
    ParamSpec("beam_width", 0, MAX_BEAM_WIDTH, 1, 0),
    ParamSpec("length_penalty", 0.0, 2.0, 0.1),
)

DEFAULT_PRESETS: dict[Pane, GenerationParams] = {
    Pane.CHAT: GenerationParams(),
    Pane.STORY: GenerationParams(temperature=0.8, max_tokens=200, repeat_penalty=1.15),
    Pane.POETRY: GenerationParams(temperature=0.8, max_tokens=220, repeat_penalty=1.15),
    Pane.QA: GenerationParams(temperature=0.2, max_tokens=256),
}


#: The sampling parameters the OpenAI chat/completions API accepts (others are llama.cpp's
#: own and are not sent to remote providers; the inspector greys them out).
OPENAI_API_PARAMS = frozenset(
    {"temperature", "top_p", "presence_penalty", "frequency_penalty", "max_tokens", "seed", "stop"}
)
