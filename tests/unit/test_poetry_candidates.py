"""The Poetry pane's Qt-free parts: ranking, ticks and combined lines of the candidate pool,
the seeds of a run, and the candidates made from an engine's final events."""

from __future__ import annotations

import pytest

from app.core.poetry import check_poem, load_forms
from app.core.poetry.candidates import (
    FORM_ORDER,
    CandidatePool,
    candidate_seeds,
    form_order,
    format_logprob,
    one_line,
)
from app.core.poetry.compose import combine_lines
from app.core.types import MAX_SEED, GenerationParams, Usage
from app.engines.base import CancelToken, Candidate, Done, GenerationRequest
from app.services.poetry import PoemJob, add_usage, job_candidates, run_poem_jobs, sampled_candidates
from app.storage.poems import PoemCandidate

FORMS = load_forms().forms
QUATRAIN = FORMS["wuyan_jueju"]
GOOD = "床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。"
ALSO_GOOD = "白日依山尽，\n黄河入海流。\n欲穷千里目，\n更上一层楼。"
SHORT = "床前明月光，\n疑是地上霜。"


def candidate(text: str, mean: float | None, score: float = 0.0) -> PoemCandidate:
    return PoemCandidate(text=text, score=score, mean_logprob=mean)


def test_candidates_rank_by_conformity_then_mean_logprob() -> None:
    pool: CandidatePool[PoemCandidate] = CandidatePool()
    texts = ((SHORT, -0.1), (ALSO_GOOD, -2.0), (ALSO_GOOD, -1.0), (GOOD, -0.2), (ALSO_GOOD, None))
    for text, mean in texts:
        pool.add(candidate(text, mean), check_poem(QUATRAIN, text))
    short, good, also_good = (check_poem(QUATRAIN, t).score for t in (SHORT, GOOD, ALSO_GOOD))
    assert short < good < also_good  # one tone off in GOOD
    # conformity first (the likelier GOOD after ALSO_GOOD); equal conformity: the more
    # likely first, an unknown log-probability last
    assert pool.order == [2, 1, 4, 3, 0]
    assert [c.mean_logprob for c, _ in pool.ranked()] == [-1.0, -2.0, None, -0.2, -0.1]
    assert pool.rank_of(0) == 4 and len(pool) == 5
    with pytest.raises(ValueError):
        pool.rank_of(9)


def test_stored_candidates_rank_by_their_stored_score_until_checked() -> None:
    pool: CandidatePool[PoemCandidate] = CandidatePool()
    stored = [
        candidate("a", -1.0, score=0.5),
        candidate("b", -3.0, score=0.9),
        candidate("c", -0.5, score=0.9),
    ]
    pool.load(stored, [(), (1, 0), ()])
    assert pool.order == [2, 1, 0]
    assert pool.ticked(1) == (0, 1) and pool.ticked(0) == () and pool.any_ticked()


def test_ticked_lines_combine_in_line_order_from_several_candidates() -> None:
    pool: CandidatePool[PoemCandidate] = CandidatePool()
    pool.add(candidate(ALSO_GOOD, -2.0), check_poem(QUATRAIN, ALSO_GOOD))  # ranks first
    pool.add(candidate(GOOD, -1.0), check_poem(QUATRAIN, GOOD))  # one tone off
    assert not pool.any_ticked() and pool.chosen_lines(QUATRAIN) == []
    assert pool.tick(1, 3, True) == 1
    assert pool.tick(0, 0, True) == 1 and pool.tick(0, 1, True) == 2
    assert pool.tick(1, 2, True) == 2 and pool.tick(1, 9, True) == 3  # past its lines: left out
    assert pool.tick(1, 9, False) == 2
    picks = pool.chosen_lines(QUATRAIN)
    assert picks == [
        (0, 0, "白日依山尽，"),
        (1, 0, "黄河入海流。"),
        (2, 1, "举头望明月，"),
        (3, 1, "低头思故乡。"),
    ]
    assert combine_lines(QUATRAIN, picks) == "白日依山尽，\n黄河入海流。\n举头望明月，\n低头思故乡。"
    assert pool.tick(0, 0, False) == 1 and pool.ticked(0) == (1,)


def test_a_check_is_redone_for_another_form_and_cleared_with_the_pool() -> None:
    pool: CandidatePool[PoemCandidate] = CandidatePool()
    pool.add(candidate(GOOD, -1.0), check_poem(QUATRAIN, GOOD))
    assert pool.result(0, QUATRAIN).form_id == "wuyan_jueju"
    haiku = pool.result(0, FORMS["haiku"])
    assert haiku.form_id == "haiku" and haiku.score == check_poem(FORMS["haiku"], GOOD).score
    pool.tick(0, 0, True)
    pool.clear()
    assert len(pool) == 0 and pool.order == [] and not pool.any_ticked()


def test_seeds_of_a_run_follow_the_first_and_wrap() -> None:
    assert candidate_seeds(11, 3) == [11, 12, 13]
    assert candidate_seeds(MAX_SEED, 2) == [MAX_SEED, 0]
    assert candidate_seeds(5, 0) == []


def test_list_texts_and_form_order() -> None:
    assert one_line("  a\n\n b \n") == "a / b"
    assert format_logprob(-1.234) == "-1.23" and format_logprob(None) == "—"
    assert format_logprob(float("-inf")) == "—" and format_logprob(float("nan")) == "—"
    shipped = sorted((f for f in FORMS.values() if f.id in FORM_ORDER), key=form_order)
    assert [f.id for f in shipped] == [i for i in FORM_ORDER if i in FORMS]
    assert form_order(FORMS["haiku"]) < form_order(FORMS["sonnet"])


def job(decoder: str = "sampling", seed: int = 7) -> PoemJob:
    request = GenerationRequest(prompt="a poem", params=GenerationParams(seed=seed))
    return PoemJob(request, decoder)


def test_every_beam_with_text_is_a_candidate() -> None:
    done = Done(
        "stop",
        Usage(completion_tokens=30),
        7,
        text=GOOD,
        candidates=(
            Candidate(GOOD, -10.0, -0.5, -4.0),
            Candidate("  \n", -1.0, -1.0, -1.0),
            Candidate(ALSO_GOOD, -12.0, -0.6, -5.0, "length"),
        ),
    )
    poems = job_candidates(job("beam"), done, [])
    assert [p.text for p in poems] == [GOOD, ALSO_GOOD]
    first, second = poems
    assert (first.tokens, first.mean_logprob, first.sum_logprob, first.beam_score) == (20, -0.5, -10.0, -4.0)
    assert second.reason == "length" and all(p.decoder == "beam" and p.seed == 7 for p in poems)


def test_a_sampled_candidate_has_its_mean_logprob_and_seed() -> None:
    done = Done("stop", Usage(completion_tokens=4), 42, text=GOOD)
    (poem,) = job_candidates(job("grammar"), done, [-1.0, -2.0, -3.0, -2.0])
    assert poem.mean_logprob == -2.0 and poem.sum_logprob == -8.0 and poem.tokens == 4
    assert poem.seed == 42 and poem.decoder == "grammar" and poem.reason == "stop"
    (cut,) = sampled_candidates(job(), "床前", [], 0, "failed")
    assert cut.mean_logprob is None and cut.seed == 7 and cut.is_partial
    assert sampled_candidates(job(), " \n ", [-1.0], 1, "stop") == []


def test_usage_of_a_run_sums_its_jobs() -> None:
    a = Usage(
        prompt_tokens=10, completion_tokens=5, cached_tokens=2, prompt_seconds=0.5, generation_seconds=1.0
    )
    b = Usage(
        prompt_tokens=10, completion_tokens=7, cached_tokens=10, prompt_seconds=0.25, generation_seconds=2.0
    )
    assert add_usage(a, b) == Usage(20, 12, 12, 0.75, 3.0)


def test_a_run_needs_jobs() -> None:
    with pytest.raises(ValueError, match="no jobs"):
        run_poem_jobs(None, [], CancelToken(), lambda _event: None)  # type: ignore[arg-type]
