"""Perplexity: the standard definition, and the windows a long text is scored in.

Pure Python (no llama.cpp, no numpy): the engine host computes the log-probabilities; this
module turns them into the figure and plans which tokens each context window scores.

Definition. For a text of tokens ``x_1 .. x_N`` whose first token has no prediction, the
perplexity of a model ``p`` is

    PPL = exp( -1/(N-1) * sum_{i=2..N} log p(x_i | x_<i) )

i.e. the exponential of the mean negative log-likelihood (natural logarithm) per scored
token. Sources: F. Jelinek, R. L. Mercer, L. R. Bahl, J. K. Baker, "Perplexity — a measure
of the difficulty of speech recognition tasks", J. Acoust. Soc. Am. 62 (S1), S63 (1977);
Hugging Face Transformers documentation, "Perplexity of fixed-length models"
(https://huggingface.co/docs/transformers/perplexity), whose sliding-window evaluation
:func:`scoring_windows` follows; llama.cpp ``tools/perplexity`` (BOS at the start of each
window, the second half of each window scored).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def perplexity(logprobs: Sequence[float]) -> float:
    """exp(mean negative log-likelihood) of ``logprobs`` (natural logs, each <= 0).

    Returns ``nan`` for an empty sequence and ``inf`` if a token had probability 0
    (logprob ``-inf``). The sum is taken with :func:`math.fsum` (exact rounding), so the
    result does not depend on the order or the number of tokens beyond float64 precision.
    """
    if not logprobs:
        return math.nan
    total = math.fsum(logprobs)
    if math.isinf(total):
        return math.inf
    return math.exp(-total / len(logprobs))


@dataclass(frozen=True)
class Window:
    """One context window of a scoring pass, in indices of the text's token list.

    The model reads ``[BOS] + tokens[start:end]`` (the BOS only if ``bos``) from position 0
    and scores ``tokens[score_from:end]``: token ``i`` is scored with the logits the model
    produces at the position of token ``i - 1``.
    """

    start: int
    end: int
    score_from: int
    bos: bool

    @property
    def length(self) -> int:
        """Tokens the model reads for this window (at most n_ctx)."""
        return self.end - self.start + (1 if self.bos else 0)


def default_stride(n_ctx: int) -> int:
    """The default step between window starts: ``n_ctx // 2``, so every token after the
    first window is scored with at least about n_ctx/2 tokens of context (llama.cpp's
    perplexity tool likewise scores only the second half of each window)."""
    return n_ctx // 2


def scoring_windows(n_tokens: int, n_ctx: int, stride: int | None = None, bos: bool = False) -> list[Window]:
    """Plan the windows that score a text of ``n_tokens`` tokens with a context of ``n_ctx``.

    Every token but the first is scored exactly once, given up to ``n_ctx - 1`` tokens
    before it (Hugging Face's sliding-window evaluation with a stride):

    - the first window is ``tokens[0:n_ctx]`` and scores ``tokens[1:n_ctx]`` (the first
      token, the BOS where the model uses one, has no prediction and is not scored);
    - window ``k`` starts at ``k * stride`` and scores the tokens after the previous
      window's end. If ``bos`` (the model adds a BOS token, already ``tokens[0]``), each
      later window starts with a BOS followed by ``n_ctx - 1`` text tokens, as llama.cpp's
      perplexity tool puts a BOS at the start of every chunk; otherwise it holds ``n_ctx``
      text tokens.

    With the default stride ``n_ctx // 2`` each later window scores about its second half.
    A smaller stride gives more context per token and costs more decoding.

    Args:
        n_tokens: tokens of the text (including the BOS token, if any).
        n_ctx: the context window in tokens (>= 4).
        stride: tokens between window starts, 2 .. n_ctx - 2; None = :func:`default_stride`.
        bos: later windows start with a BOS token.

    Returns:
        The windows in order; empty if ``n_tokens < 2`` (nothing to score).

    Raises:
        ValueError: ``n_ctx`` < 4 or ``stride`` out of range.
    """
    if n_ctx < 4:
        raise ValueError("n_ctx must be at least 4 to score a text")
    step = default_stride(n_ctx) if stride is None else stride
    if not 2 <= step <= n_ctx - 2:
        raise ValueError(f"stride must be between 2 and n_ctx - 2 = {n_ctx - 2} tokens")
    if n_tokens < 2:
        return []
    end = min(n_tokens, n_ctx)
    windows = [Window(0, end, 1, False)]
    width = n_ctx - 1 if bos else n_ctx
    start = 0
    while end < n_tokens:
        start += step
        previous, end = end, min(n_tokens, start + width)
        windows.append(Window(start, end, previous, bos))
    return windows
