"""Domain types shared by engines, storage and the UI.

Messages are OpenAI-shaped (``{"role": ..., "content": ...}``) so local and remote
engines take the same input. Nothing here imports Qt.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from enum import Enum
from typing import Any, Literal, Protocol, TypedDict

Role = Literal["system", "user", "assistant"]


_seed_lock = threading.Lock()
_last_seed: list[int] = [-1]  # the last seed drawn in this process


def _draw_seed(rng: random.Random) -> int:
    """A seed in [0, MAX_SEED] that differs from the previous one drawn in this process."""
    with _seed_lock:
        seed = rng.randint(0, MAX_SEED)
        while seed == _last_seed[0]:
            seed = rng.randint(0, MAX_SEED)
        _last_seed[0] = seed
        return seed


class ChatMessage(TypedDict):
    """One turn in OpenAI's chat shape."""

    role: Role
    content: str


class Pane(str, Enum):
    """Where a conversation was made; stored with it and shown in History."""

    CHAT = "chat"
    STORY = "story"
    POETRY = "poetry"
    QA = "qa"


#: Default cap of the context window when a model was trained on a longer one, in tokens:
#: the KV cache grows with n_ctx, and 4,096 tokens keep a 7B model's cache near 0.5-2 GB.
AUTO_N_CTX_CAP = 4096

#: KV cache precisions by name -> ggml_type ids (ggml.h: GGML_TYPE_F16 = 1, Q4_0 = 2, Q8_0 = 8).
KV_CACHE_TYPES: dict[str, int] = {"f16": 1, "q8_0": 8, "q4_0": 2}


class LoadValues(Protocol):
    """The load options the engine's ``LoadOptions`` and the stored per-model settings share."""

    @property
    def n_ctx(self) -> int: ...
    @property
    def n_gpu_layers(self) -> int: ...
    @property
    def main_gpu(self) -> int: ...
    @property
    def kv_cache_type(self) -> str: ...
    @property
    def flash_attn(self) -> bool: ...
    @property
    def tensor_split(self) -> Sequence[float] | None: ...


def check_load_values(options: LoadValues) -> None:
    """Raise ValueError naming the first bad load option of ``options`` (n_ctx 0 means
    automatic)."""
    n_ctx, n_gpu_layers, main_gpu = options.n_ctx, options.n_gpu_layers, options.main_gpu
    tensor_split, kv_cache_type = options.tensor_split, options.kv_cache_type
    if n_ctx != 0 and n_ctx < 16:
        raise ValueError("n_ctx must be 0 (automatic) or at least 16 tokens")
    if n_gpu_layers < -1:
        raise ValueError("n_gpu_layers must be -1 (all), 0 or a positive count")
    if main_gpu < 0:
        raise ValueError("main_gpu must be >= 0")
    if tensor_split and (min(tensor_split) < 0 or sum(tensor_split) <= 0):
        raise ValueError("tensor_split must be non-negative shares with a positive sum")
    if kv_cache_type not in KV_CACHE_TYPES:
        raise ValueError(f"kv_cache_type must be one of {', '.join(KV_CACHE_TYPES)}")
    if kv_cache_type != "f16" and not options.flash_attn:
        raise ValueError("a quantized KV cache (q8_0, q4_0) needs flash attention in llama.cpp")


#: Largest seed llama.cpp accepts as a fixed seed (uint32; 0xFFFFFFFF means "random").
MAX_SEED = 2**32 - 2


#: Most beams one beam search keeps (each needs KV cache cells of its own).
MAX_BEAM_WIDTH = 16


@dataclass(frozen=True)
class GenerationParams:
    """Sampling parameters, with llama.cpp's names and meanings.

    Attributes:
        temperature: softmax temperature; 0 means greedy (argmax) decoding.
        top_k: keep the k most likely tokens (0 = off).
        top_p: nucleus sampling, keep the smallest set with cumulative probability >= top_p.
        min_p: drop tokens with probability < min_p x p(most likely token).
        repeat_penalty: CTRL-style penalty on recently generated tokens (1.0 = off);
            llama.cpp applies it over the last ``repeat_last_n`` tokens.
        repeat_last_n: window of the repeat penalty, in tokens.
        typical_p: locally typical sampling (Meister et al. 2022, "Locally Typical
            Sampling"); 1.0 = off.
        presence_penalty: subtracted once from the logit of every token already present in
            the window (OpenAI's definition; 0 = off).
        frequency_penalty: subtracted from a token's logit once per occurrence in the window
            (0 = off).
        mirostat_mode: 0 = off, 1 = Mirostat, 2 = Mirostat 2.0 (Basu et al. 2021,
            "Mirostat: a neural text decoding algorithm that directly controls perplexity").
            When on, it replaces top_k/top_p/min_p/typical_p.
        mirostat_tau: target surprise (cross-entropy, in bits) for Mirostat.
        mirostat_eta: Mirostat's learning rate.
        max_tokens: most tokens to generate (a positive integer).
        seed: RNG seed; -1 lets the app draw one (see :meth:`with_resolved_seed`),
            so the seed actually used can be stored and shown (case C18).
        stop: extra strings that end generation; they are not included in the output.
        beam_width: 0 = sample token by token (the values above); 1 or more = beam search
            with this many beams (local engine only): the most likely continuation as a
            whole, shown when it is complete (no streaming). Beam search uses
            ``repeat_penalty`` (CTRL rule) and ``max_tokens``, not the sampling values.
        length_penalty: α of the GNMT length normalisation ((5 + |Y|) / 6) ** α (Wu et al.
            2016) used to rank finished beams; 0 = rank by total log-probability.
    """

    temperature: float = 0.7
    top_k: int = 40
    top_p: float = 0.95
    min_p: float = 0.05
    repeat_penalty: float = 1.1
    repeat_last_n: int = 64
    typical_p: float = 1.0
    presence_penalty: float = 0.0
    frequency_penalty: float = 0.0
    mirostat_mode: int = 0
    mirostat_tau: float = 5.0
    mirostat_eta: float = 0.1
    max_tokens: int = 512
    seed: int = -1
    stop: tuple[str, ...] = ()
    beam_width: int = 0
    length_penalty: float = 0.0

    def validate(self) -> None:
        """Raise ValueError naming the first out-of-range parameter."""
        checks = [
            (self.temperature >= 0, "temperature must be >= 0"),
            (self.top_k >= 0, "top_k must be >= 0"),
            (0 < self.top_p <= 1, "top_p must be in (0, 1]"),
            (0 <= self.min_p <= 1, "min_p must be in [0, 1]"),
            (self.repeat_penalty > 0, "repeat_penalty must be > 0"),
            (self.repeat_last_n >= 0, "repeat_last_n must be >= 0"),
            (0 < self.typical_p <= 1, "typical_p must be in (0, 1]"),
            (-2 <= self.presence_penalty <= 2, "presence_penalty must be in [-2, 2]"),
            (-2 <= self.frequency_penalty <= 2, "frequency_penalty must be in [-2, 2]"),
            (self.mirostat_mode in (0, 1, 2), "mirostat_mode must be 0, 1 or 2"),
            (self.mirostat_tau > 0, "mirostat_tau must be > 0"),
            (self.mirostat_eta > 0, "mirostat_eta must be > 0"),
            (self.max_tokens > 0, "max_tokens must be > 0"),
            (-1 <= self.seed <= MAX_SEED, f"seed must be -1 or in [0, {MAX_SEED}]"),
            (0 <= self.beam_width <= MAX_BEAM_WIDTH, f"beam_width must be in [0, {MAX_BEAM_WIDTH}]"),
            (0 <= self.length_penalty <= 2, "length_penalty must be in [0, 2]"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)

    def with_resolved_seed(self, rng: random.Random | None = None) -> GenerationParams:
        """Return a copy whose seed is concrete: a drawn one if the seed was -1.

        Two draws in a row never give the same seed (a repeat is drawn again), so two
        "random" replies in a row are never the same reply by seed (C18)."""
        if self.seed >= 0:
            return self
        return replace(self, seed=_draw_seed(rng or random.SystemRandom()))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["stop"] = list(self.stop)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GenerationParams:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "stop" in values:
            values["stop"] = tuple(values["stop"])
        return cls(**values)


@dataclass(frozen=True)
class Usage:
    """Token counts and timings of one generation.

    Attributes:
        prompt_tokens: tokens in the prompt as sent to the model.
        cached_tokens: prompt tokens reused from the KV cache (not evaluated again).
        completion_tokens: tokens generated.
        prompt_seconds: wall time from request to first generated token (s).
        generation_seconds: wall time from first generated token to the end (s).
    """

    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0
    prompt_seconds: float = 0.0
    generation_seconds: float = 0.0

    @property
    def tokens_per_second(self) -> float:
        """Generated tokens per second after the first token (0 when unknown)."""
        if self.completion_tokens <= 1 or self.generation_seconds <= 0:
            return 0.0
        return (self.completion_tokens - 1) / self.generation_seconds

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Usage:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


class NoticeKind(str, Enum):
    """What an engine tells the user about: once per reply (``Done.notices``) or load
    (``ModelInfo.notices``), or while a reply goes on (``Notice.kind``). The values are
    what the engine host sends over its pipe."""

    #: C03: the model's chat template has no system role; the instructions went into the
    #: first user message
    SYSTEM_FOLDED = "system_folded"
    #: C04: older turns were left out to fit n_ctx (``Done.trimmed_messages`` says how many)
    TRIMMED = "trimmed"
    #: the GPU load failed (or killed the host) and the model was loaded on the CPU
    GPU_FALLBACK = "gpu_fallback"
    #: a remote server refused for now; the engine waits, then sends the request again
    RETRYING = "retrying"


@dataclass
class ModelInfo:
    """What the engine reports about a loaded model (``notices`` given as strings, e.g. by
    the engine host, become :class:`NoticeKind` members)."""

    name: str
    path: str = ""
    n_ctx: int = 0
    n_ctx_train: int = 0
    n_params: int = 0
    size_bytes: int = 0
    chat_template: str | None = None
    template_source: str = ""
    architecture: str = ""
    backend: str = "CPU"
    n_gpu_layers: int = 0
    notices: list[NoticeKind] = field(default_factory=list)
    load_seconds: float = 0.0
    metadata: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.notices = [NoticeKind(n) for n in self.notices]
