"""The candidate poems of one run as the Poetry pane ranks and picks them (no Qt).

:class:`CandidatePool` keeps the candidates in arrival order (a candidate's *index*), each
one's check against the form (:func:`check_poem`, cached per candidate and redone when the
form changes), the ranked order (:func:`ranking_key`: conformity, then mean log-probability)
and the lines the writer ticked on each, to combine (:func:`app.core.poetry.compose.combine_lines`).

Also here: the seeds of a sampling run, the order of the shipped forms in the picker, and
the one-line texts the candidate list shows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Generic, Protocol, TypeVar

from app.core.poetry.checker import PoemResult, check_poem, ranking_key
from app.core.poetry.forms import Form
from app.core.types import MAX_SEED

#: The picker's order of the shipped forms; the user's forms follow in file-name order.
FORM_ORDER = (
    "free_verse",
    "haiku",
    "tanka",
    "limerick",
    "sonnet",
    "wuyan_jueju",
    "qiyan_jueju",
    "wuyan_lushi",
    "qiyan_lushi",
    "duilian",
    "haiku_ja",
)


def form_order(form: Form) -> int:
    """Sort key of ``form`` in the picker: its place in :data:`FORM_ORDER`, the user's
    forms after the shipped ones (a stable sort keeps their file-name order)."""
    return FORM_ORDER.index(form.id) if form.id in FORM_ORDER else len(FORM_ORDER)


def candidate_seeds(seed: int, count: int) -> list[int]:
    """The seeds of a sampling run of ``count`` candidates: ``seed``, ``seed + 1``, ...
    wrapping past :data:`MAX_SEED` to 0 (each candidate is reproducible on its own)."""
    return [(seed + k) % (MAX_SEED + 1) for k in range(count)]


def one_line(text: str) -> str:
    """A poem on one line for a list: its non-empty lines, stripped, joined by " / "."""
    return " / ".join(line.strip() for line in text.strip().splitlines() if line.strip())


def format_logprob(value: float | None) -> str:
    """A mean log-probability with two decimals; "—" when unknown or not finite."""
    return "—" if value is None or not math.isfinite(value) else f"{value:.2f}"


class Ranked(Protocol):
    """What the pool needs of a candidate (:class:`app.storage.poems.PoemCandidate`)."""

    @property
    def text(self) -> str: ...

    @property
    def score(self) -> float: ...

    @property
    def mean_logprob(self) -> float | None: ...


C = TypeVar("C", bound=Ranked)


class CandidatePool(Generic[C]):
    """The candidates of one poem: arrival order, checks, ranking and ticked lines.

    Indexes are positions in arrival order (:attr:`pool`); ranks are positions in
    :attr:`order` (0 = best). A candidate checked against the form ranks by
    ``ranking_key(result, mean_logprob)``; one not checked yet (read back from the
    history) by its stored score, then its mean log-probability. An unknown mean
    log-probability ranks last among equal scores.
    """

    def __init__(self) -> None:
        self.pool: list[C] = []
        #: ranked position -> index in :attr:`pool`
        self.order: list[int] = []
        self._ticks: dict[int, set[int]] = {}
        self._results: dict[int, PoemResult] = {}

    def __len__(self) -> int:
        return len(self.pool)

    def clear(self) -> None:
        self.pool, self.order, self._ticks, self._results = [], [], {}, {}

    def load(self, candidates: Iterable[C], ticked: Iterable[Iterable[int]]) -> None:
        """Replace the pool with stored ``candidates`` (arrival order) and the line
        indices ticked on each, then rank them."""
        self.clear()
        self.pool = list(candidates)
        self._ticks = {i: set(lines) for i, lines in enumerate(ticked) if lines}
        self.rank()

    def add(self, candidate: C, result: PoemResult) -> int:
        """Add a candidate with its check; re-rank. Returns its index."""
        self.pool.append(candidate)
        index = len(self.pool) - 1
        self._results[index] = result
        self.rank()
        return index

    def rank(self) -> None:
        """Sort :attr:`order` best first (see the class docstring)."""

        def key(i: int) -> tuple[float, float]:
            c = self.pool[i]
            result = self._results.get(i)
            mean = c.mean_logprob if c.mean_logprob is not None else float("-inf")
            if result is not None:
                return ranking_key(result, mean)
            return (-round(c.score, 9), -mean)

        self.order = sorted(range(len(self.pool)), key=key)

    def rank_of(self, index: int) -> int:
        """The ranked position of the candidate at ``index``.

        Raises:
            ValueError: no such candidate.
        """
        return self.order.index(index)

    def result(self, index: int, form: Form) -> PoemResult:
        """The check of candidate ``index`` against ``form`` (cached; redone for another form)."""
        result = self._results.get(index)
        if result is None or result.form_id != form.id:
            result = check_poem(form, self.pool[index].text)
            self._results[index] = result
        return result

    def ticked(self, index: int) -> tuple[int, ...]:
        """The line indices ticked on candidate ``index``, ascending."""
        return tuple(sorted(self._ticks.get(index, ())))

    def tick(self, index: int, line: int, checked: bool) -> int:
        """Tick (or untick) line ``line`` of candidate ``index``; returns how many of its
        lines are ticked now."""
        lines = self._ticks.setdefault(index, set())
        if checked:
            lines.add(line)
        else:
            lines.discard(line)
        return len(lines)

    def any_ticked(self) -> bool:
        return any(self._ticks.values())

    def chosen_lines(self, form: Form) -> list[tuple[int, int, str]]:
        """The ticked lines as (line index, candidate rank, text), in line order (a tie by
        rank); a ticked index past the candidate's lines (the form changed) is left out."""
        out: list[tuple[int, int, str]] = []
        for rank, index in enumerate(self.order):
            result = self.result(index, form)
            for line in sorted(self._ticks.get(index, ())):
                if line < len(result.lines):
                    out.append((line, rank, result.lines[line].text))
        return sorted(out)

    def ranked(self) -> Sequence[tuple[C, tuple[int, ...]]]:
        """(candidate, its ticked lines) best first."""
        return [(self.pool[i], self.ticked(i)) for i in self.order]
