"""Sampling presets per pane, and the declared range of every parameter.

One declaration (:data:`PARAM_SPECS`) drives the inspector's controls; the defaults per
pane (:data:`DEFAULT_PRESETS`) are what a new user starts with and what "Reset" restores.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from app.core.panes import default_params, pane_spec, pane_specs
from app.core.types import MAX_BEAM_WIDTH, MAX_SEED, GenerationParams


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


class _Defaults(Mapping[str, GenerationParams]):
    """Read-only view of each registered pane's default sampling values
    (:attr:`app.core.panes.PaneSpec.default_params`); keys are pane ids (a :class:`Pane`
    member works too: it is a ``str``)."""

    def __getitem__(self, pane: str) -> GenerationParams:
        spec = pane_spec(pane)
        if spec is None or spec.default_params is None:
            raise KeyError(pane)
        return default_params(spec.id)

    def __iter__(self) -> Iterator[str]:
        return (spec.id for spec in pane_specs() if spec.default_params is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


#: The defaults per generating pane, as declared in :mod:`app.core.panes`.
DEFAULT_PRESETS: Mapping[str, GenerationParams] = _Defaults()


#: The sampling parameters the OpenAI chat/completions API accepts (others are llama.cpp's
#: own and are not sent to remote providers; the inspector greys them out).
OPENAI_API_PARAMS = frozenset(
    {"temperature", "top_p", "presence_penalty", "frequency_penalty", "max_tokens", "seed", "stop"}
)
