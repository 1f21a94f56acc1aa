"""Decoding maths shared by beam search and the Poetry pane: pure numpy, no llama.cpp.

- :func:`length_penalty` and :func:`beam_score`: the length normalisation of GNMT
  (Wu et al. 2016, "Google's Neural Machine Translation System: Bridging the Gap between
  Human and Machine Translation", arXiv:1609.08144, section 7, equation 14):
  ``lp(Y) = (5 + |Y|)^alpha / (5 + 1)^alpha`` and ``s(Y) = log P(Y|X) / lp(Y)`` (we leave out
  GNMT's coverage penalty, which needs an encoder's attention). ``alpha = 0`` ranks by the
  plain log-probability; ``alpha`` in 0.6-0.7 is GNMT's choice; larger favours longer
  hypotheses.
- :func:`ctrl_repetition_penalty`: the repetition penalty of CTRL (Keskar et al. 2019,
  "CTRL: A Conditional Transformer Language Model for Controllable Generation",
  arXiv:1909.05858, section 4.1), in the sign-aware form llama.cpp and Hugging Face use
  (see the function for why).
- :func:`log_softmax`: in float64, stable, tolerant of ``-inf`` (grammar-masked) logits.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt


def length_penalty(length: int, alpha: float) -> float:
    """GNMT's length penalty ``((5 + |Y|) / 6) ** alpha`` (Wu et al. 2016, eq. 14).

    ``length`` is the number of tokens whose log-probabilities are summed (an end-of-text
    token that finished the hypothesis counts). It is 1.0 for ``alpha == 0`` and for a
    one-token hypothesis, and grows with ``length`` for ``alpha > 0``.
    """
    if length < 0:
        raise ValueError("length must be >= 0")
    return float(((5.0 + length) / 6.0) ** alpha)


def beam_score(sum_logprob: float, length: int, alpha: float) -> float:
    """The GNMT score ``log P(Y|X) / lp(Y)`` used to rank finished hypotheses.

    With ``sum_logprob <= 0`` and ``alpha > 0`` a longer hypothesis is divided by a larger
    penalty, so its (negative) score moves towards 0: the bias of plain log-probability
    towards short outputs is reduced.
    """
    return float(sum_logprob) / length_penalty(length, alpha)


def ctrl_repetition_penalty(
    logits: npt.ArrayLike, previous_tokens: Iterable[int], penalty: float
) -> npt.NDArray[np.float64]:
    """Penalise the tokens in ``previous_tokens`` (CTRL, Keskar et al. 2019, section 4.1).

    The paper samples from ``p_i ∝ exp(x_i / (T · I(i ∈ g)))`` with ``I(c) = θ`` if ``c``
    else 1, ``g`` the generated tokens: it *divides* the logit of every already-generated
    token by ``θ`` (θ ≈ 1.2). Taken literally that rule *raises* a negative logit
    (-2 / 1.2 = -1.67 > -2), i.e. it would favour repeating an unlikely token. llama.cpp
    (``llama_sampler_penalties``) and Hugging Face (``RepetitionPenaltyLogitsProcessor``)
    therefore use the sign-aware form, which this function implements:

    - ``x > 0``: ``x / θ`` (exactly the paper's rule, and the issue's "dividing positive
      logits of already-generated tokens");
    - ``x <= 0``: ``x · θ`` (so the penalised logit always goes down for θ > 1).

    Each distinct token is penalised once, however often it occurred (the paper's ``g`` is
    a set). ``-inf`` (masked) logits stay ``-inf``. ``penalty == 1`` changes nothing; values
    below 1 encourage repetition. Returns a new float64 array; ``logits`` is not modified.
    """
    if penalty <= 0:
        raise ValueError("the repetition penalty must be > 0")
    out = np.array(logits, dtype=np.float64, copy=True)
    if penalty == 1.0:
        return out
    ids = np.fromiter(set(previous_tokens), dtype=np.int64)
    if ids.size == 0:
        return out
    if ids.min() < 0 or ids.max() >= out.shape[-1]:
        raise ValueError("a previous token id is outside the vocabulary")
    chosen = out[..., ids]
    out[..., ids] = np.where(chosen > 0, chosen / penalty, chosen * penalty)
    return out


def log_softmax(logits: npt.ArrayLike, axis: int = -1) -> npt.NDArray[np.float64]:
    """``log(softmax(logits))`` along ``axis`` in float64 (max-shifted, so no overflow).

    ``-inf`` entries give ``-inf``; a row that is all ``-inf`` (nothing allowed) gives all
    ``-inf`` rather than NaN.
    """
    x = np.asarray(logits, dtype=np.float64)
    peak = np.max(x, axis=axis, keepdims=True)
    peak = np.where(np.isfinite(peak), peak, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        shifted = x - peak
        total = np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))
        out: npt.NDArray[np.float64] = shifted - total
    return np.where(np.isneginf(total), -np.inf, out)
