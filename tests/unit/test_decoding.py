"""The decoding maths of app/core/decoding.py, checked against hand-worked numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.core.decoding import beam_score, ctrl_repetition_penalty, length_penalty, log_softmax


# -- GNMT length penalty (Wu et al. 2016, eq. 14) ------------------------------------------
def test_length_penalty_formula() -> None:
    assert length_penalty(1, 0.6) == pytest.approx(1.0)  # (5 + 1) / 6 = 1
    assert length_penalty(7, 1.0) == pytest.approx(2.0)  # (5 + 7) / 6 = 2
    assert length_penalty(19, 0.5) == pytest.approx(2.0)  # sqrt(24 / 6) = 2
    assert length_penalty(40, 0.0) == 1.0  # alpha 0: no normalisation
    with pytest.raises(ValueError):
        length_penalty(-1, 1.0)


def test_length_penalty_changes_the_ranking_of_two_hypotheses() -> None:
    """Worked by hand.

    A: 2 tokens with log-probabilities -1.0, -1.0      -> sum -2.0
    B: 6 tokens with log-probabilities -0.4 each       -> sum -2.4

    alpha = 0: lp = 1 for both, scores -2.0 (A) > -2.4 (B): A ranks first.
    alpha = 1: lp(A) = (5 + 2) / 6 = 7/6,  score(A) = -2.0 * 6/7  = -12/7  = -1.7143
               lp(B) = (5 + 6) / 6 = 11/6, score(B) = -2.4 * 6/11 = -14.4/11 = -1.3091
               -1.3091 > -1.7143: B ranks first.
    """
    sum_a, len_a = -1.0 + -1.0, 2
    sum_b, len_b = 6 * -0.4, 6

    assert beam_score(sum_a, len_a, 0.0) == pytest.approx(-2.0)
    assert beam_score(sum_b, len_b, 0.0) == pytest.approx(-2.4)
    assert beam_score(sum_a, len_a, 0.0) > beam_score(sum_b, len_b, 0.0)

    assert beam_score(sum_a, len_a, 1.0) == pytest.approx(-12 / 7)
    assert beam_score(sum_b, len_b, 1.0) == pytest.approx(-14.4 / 11)
    assert beam_score(sum_b, len_b, 1.0) > beam_score(sum_a, len_a, 1.0)

    ranked = sorted([("A", sum_a, len_a), ("B", sum_b, len_b)], key=lambda h: -beam_score(h[1], h[2], 1.0))
    assert [name for name, _, _ in ranked] == ["B", "A"]


# -- CTRL repetition penalty (Keskar et al. 2019, section 4.1) -------------------------------
def test_repetition_penalty_on_a_logits_vector() -> None:
    logits = np.array([2.0, -1.0, 0.5, 3.0, 0.0], dtype=np.float32)
    theta = 2.0
    out = ctrl_repetition_penalty(logits, [0, 1, 1, 4], theta)  # token 1 twice: penalised once
    # positive: divided by theta; negative (and zero): multiplied; others unchanged
    np.testing.assert_allclose(out, [2.0 / theta, -1.0 * theta, 0.5, 3.0, 0.0])
    assert out.dtype == np.float64
    np.testing.assert_array_equal(logits, [2.0, -1.0, 0.5, 3.0, 0.0])  # input untouched


def test_repetition_penalty_matches_the_paper_for_positive_logits() -> None:
    """CTRL samples from p_i = exp(x_i / (T·I(i∈g))) / Σ_j exp(x_j / (T·I(j∈g))), I(c) = θ if
    c else 1. For generated tokens with positive logits our rule is exactly that."""
    x = np.array([1.5, 0.2, 2.4, 0.9, 3.3])
    generated = {0, 2, 4}  # all with positive logits
    theta, temperature = 1.2, 1.0
    scale = np.array([theta if i in generated else 1.0 for i in range(len(x))])
    paper = np.exp(x / (temperature * scale))
    paper /= paper.sum()
    ours = np.exp(log_softmax(ctrl_repetition_penalty(x, generated, theta) / temperature))
    np.testing.assert_allclose(ours, paper, rtol=1e-12)


def test_repetition_penalty_lowers_negative_logits_unlike_the_literal_rule() -> None:
    x = np.array([-2.0, 1.0])
    theta = 1.2
    literal = x[0] / theta  # the paper's rule taken literally: -1.667, i.e. *more* likely
    assert literal > x[0]
    out = ctrl_repetition_penalty(x, [0], theta)
    assert out[0] == pytest.approx(-2.4)  # sign-aware: always less likely for theta > 1
    assert out[0] < x[0]


def test_repetition_penalty_edge_cases() -> None:
    x = np.array([1.0, -np.inf, 2.0])
    np.testing.assert_array_equal(ctrl_repetition_penalty(x, [0, 2], 1.0), x)  # 1.0 = off
    np.testing.assert_array_equal(ctrl_repetition_penalty(x, [], 1.5), x)
    assert ctrl_repetition_penalty(x, [1], 1.5)[1] == -np.inf  # masked stays masked
    with pytest.raises(ValueError):
        ctrl_repetition_penalty(x, [3], 1.5)
    with pytest.raises(ValueError):
        ctrl_repetition_penalty(x, [0], 0.0)


# -- log-softmax -------------------------------------------------------------------------------
def test_log_softmax_sums_to_one() -> None:
    rng = np.random.default_rng(0)
    logits = rng.normal(scale=8.0, size=(3, 1000)).astype(np.float32)
    out = log_softmax(logits)
    assert out.dtype == np.float64
    np.testing.assert_allclose(np.exp(out).sum(axis=-1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(log_softmax(logits + 100.0), out, atol=1e-4)  # shift-invariant
    assert np.all(out <= 0)


def test_log_softmax_small_example_and_extremes() -> None:
    out = log_softmax([0.0, math.log(3.0)])  # probabilities 1/4, 3/4
    np.testing.assert_allclose(out, [math.log(0.25), math.log(0.75)], rtol=1e-12)
    big = log_softmax([1000.0, 1000.0])  # no overflow
    np.testing.assert_allclose(big, [math.log(0.5)] * 2)
    masked = log_softmax([1.0, -np.inf, 1.0])
    assert masked[1] == -np.inf
    np.testing.assert_allclose(masked[[0, 2]], [math.log(0.5)] * 2)
    assert np.all(log_softmax([-np.inf, -np.inf]) == -np.inf)  # nothing allowed: no NaN
