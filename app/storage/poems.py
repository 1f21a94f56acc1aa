"""Poems: what the Poetry pane keeps beside the conversation.

A poem is a conversation of pane 'poetry' (so it is listed, searched, exported and deleted
with the rest of the history): the request sent to the model is its user message and the
poem the writer chose (then edited) is the assistant message below it. This module keeps the
rest in the same SQLite file (schema 4 of :mod:`app.storage.history`, table ``poems``): the
form id, the topic and language note, the decoding settings, every candidate with its
conformity score and mean log-probability, and the chosen text with its score.

Like :class:`HistoryStore`, use it from one thread.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from app.core.types import GenerationParams
from app.storage.history import HistoryStore


@dataclass(frozen=True)
class PoemCandidate:
    """One generated poem.

    Attributes:
        text: the poem as generated.
        score: conformity to the form in [0, 1] (:func:`app.core.poetry.check_poem`).
        mean_logprob: mean natural-log probability per generated token (the model's raw
            distribution for sampling, the search's for beam search); None when the engine
            gives no log-probabilities.
        sum_logprob: total log-probability of its tokens (None when unknown).
        tokens: generated tokens.
        seed: the sampling seed (beam search: the request's seed, unused by the search).
        reason: 'stop' (ended by itself), 'length' (reached max_tokens), 'cancelled' (cut
            by Stop: kept so that no word is lost, shown as stopped) or 'failed' (cut by an
            engine failure, kept likewise).
        decoder: 'sampling', 'grammar' (sampling under the form's grammar) or 'beam'.
        beam_score: the beam's GNMT-normalised ranking value (beam search only).
        ticked: the line indices (0-based, in the poem's non-empty lines) the writer ticked
            to combine into their poem.
    """

    text: str
    score: float
    mean_logprob: float | None = None
    sum_logprob: float | None = None
    tokens: int = 0
    seed: int | None = None
    reason: str = "stop"
    decoder: str = "sampling"
    beam_score: float | None = None
    ticked: tuple[int, ...] = ()

    @property
    def is_partial(self) -> bool:
        """Cut short by Stop or a failure (the text may lack lines)."""
        return self.reason in ("cancelled", "failed")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ticked"] = list(self.ticked)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PoemCandidate:
        def number(key: str) -> float | None:
            value = data.get(key)
            if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
                return float(value)
            return None

        seed = data.get("seed")
        ticked = data.get("ticked")
        return cls(
            text=str(data.get("text", "")),
            score=number("score") or 0.0,
            mean_logprob=number("mean_logprob"),
            sum_logprob=number("sum_logprob"),
            tokens=int(data.get("tokens") or 0),
            seed=seed if isinstance(seed, int) and not isinstance(seed, bool) else None,
            reason=str(data.get("reason", "stop")),
            decoder=str(data.get("decoder", "sampling")),
            beam_score=number("beam_score"),
            ticked=tuple(
                sorted({t for t in ticked if isinstance(t, int) and not isinstance(t, bool) and t >= 0})
            )
            if isinstance(ticked, list)
            else (),
        )


@dataclass
class Poem:
    """One poem session. ``decoding`` holds the decoding settings as a dict (the mode, the
    number of candidates, beam width, length penalty, and the generation parameters);
    ``candidates`` are kept best first."""

    conversation_id: int
    form_id: str
    topic: str = ""
    note: str = ""
    decoding: dict[str, Any] = field(default_factory=dict)
    candidates: list[PoemCandidate] = field(default_factory=list)
    chosen_text: str | None = None
    chosen_score: float | None = None
    request_message_id: int | None = None
    chosen_message_id: int | None = None


class PoemStore:
    """Poems in the history database ``store`` (shares its connection)."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store
        self.db = store.db

    def create(
        self,
        title: str,
        form_id: str,
        request: str,
        *,
        topic: str = "",
        note: str = "",
        decoding: dict[str, Any] | None = None,
        model: str = "",
        provider: str = "",
    ) -> Poem:
        """A new poem: a 'poetry' conversation titled ``title`` whose user message is
        ``request`` (the prompt sent to the model), and its ``poems`` row, in one transaction."""
        now = time.time()
        with self.store.transaction():
            cid = self.store.create_conversation("poetry", title, model, provider=provider)
            mid = self.store.add_message(cid, "user", request)
            poem = Poem(cid, form_id, topic, note, dict(decoding or {}), request_message_id=mid)
            self.db.execute(
                "INSERT INTO poems(conversation_id, form_id, topic, note, decoding, candidates, "
                "request_message_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '[]', ?, ?, ?)",
                (cid, form_id, topic, note, json.dumps(poem.decoding, ensure_ascii=False), mid, now, now),
            )
        return poem

    def get(self, conversation_id: int) -> Poem | None:
        """The poem of a conversation; None when it has no ``poems`` row (a poetry
        conversation from before schema 4, or another pane's)."""
        row = self.db.execute("SELECT * FROM poems WHERE conversation_id=?", (conversation_id,)).fetchone()
        if row is None:
            return None
        decoding = _json(row["decoding"], {})
        candidates = _json(row["candidates"], [])
        return Poem(
            conversation_id=conversation_id,
            form_id=row["form_id"],
            topic=row["topic"],
            note=row["note"],
            decoding=decoding if isinstance(decoding, dict) else {},
            candidates=[
                PoemCandidate.from_dict(c)
                for c in candidates
                if isinstance(candidates, list) and isinstance(c, dict)
            ],
            chosen_text=row["chosen_text"],
            chosen_score=row["chosen_score"],
            request_message_id=row["request_message_id"],
            chosen_message_id=row["chosen_message_id"],
        )

    def restore(
        self, poem: Poem, *, created_at: float | None = None, updated_at: float | None = None
    ) -> None:
        """Store ``poem`` as the ``poems`` row of its (existing) conversation, all fields as
        they are (one INSERT; imports). ``request_message_id`` and ``chosen_message_id``
        must be messages of that conversation, or None. Times default to now.

        Raises:
            ValueError: a message id is not a message of the poem's conversation.
            sqlite3.IntegrityError: no such conversation, or it has a poem already.
        """
        for name, message_id in (
            ("request", poem.request_message_id),
            ("chosen", poem.chosen_message_id),
        ):
            if message_id is not None:
                message = self.store.get_message(message_id)
                if message is None or message.conversation_id != poem.conversation_id:
                    raise ValueError(
                        f"{name} message {message_id} is not in conversation {poem.conversation_id}"
                    )
        now = time.time()
        self.db.execute(
            "INSERT INTO poems(conversation_id, form_id, topic, note, decoding, candidates, chosen_text, "
            "chosen_score, request_message_id, chosen_message_id, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                poem.conversation_id,
                poem.form_id,
                poem.topic,
                poem.note,
                json.dumps(poem.decoding, ensure_ascii=False),
                json.dumps([c.to_dict() for c in poem.candidates], ensure_ascii=False),
                poem.chosen_text,
                poem.chosen_score,
                poem.request_message_id,
                poem.chosen_message_id,
                now if created_at is None else created_at,
                now if updated_at is None else updated_at,
            ),
        )

    def set_candidates(self, conversation_id: int, candidates: list[PoemCandidate]) -> None:
        """Store every candidate (call after each one arrives, so none is lost to a crash)."""
        data = json.dumps([c.to_dict() for c in candidates], ensure_ascii=False)
        with self.store.transaction():
            self.db.execute(
                "UPDATE poems SET candidates=?, updated_at=? WHERE conversation_id=?",
                (data, time.time(), conversation_id),
            )

    def set_decoding(self, conversation_id: int, decoding: dict[str, Any]) -> None:
        self.db.execute(
            "UPDATE poems SET decoding=?, updated_at=? WHERE conversation_id=?",
            (json.dumps(decoding, ensure_ascii=False), time.time(), conversation_id),
        )

    def choose(
        self,
        conversation_id: int,
        text: str,
        score: float | None,
        *,
        model: str = "",
        params: GenerationParams | None = None,
        seed: int | None = None,
    ) -> int:
        """Make ``text`` the poem's chosen text and its assistant message (created under the
        request the first time, updated in place afterwards: the history search sees the
        new text). Returns the assistant message's id.

        Raises:
            KeyError: the conversation has no poem.
        """
        poem = self.get(conversation_id)
        if poem is None:
            raise KeyError(conversation_id)
        now = time.time()
        with self.store.transaction():
            message_id = poem.chosen_message_id
            exists = message_id is not None and self.store.get_message(message_id) is not None
            if exists:
                self.db.execute(
                    "UPDATE messages SET content=?, updated_at=? WHERE id=?", (text, now, message_id)
                )
                self.db.execute("UPDATE conversations SET updated_at=? WHERE id=?", (now, conversation_id))
            else:
                parent = poem.request_message_id
                if parent is not None and self.store.get_message(parent) is None:
                    parent = None
                message_id = self.store.add_message(
                    conversation_id, "assistant", text, parent, model=model, params=params, seed=seed
                )
            self.db.execute(
                "UPDATE poems SET chosen_text=?, chosen_score=?, chosen_message_id=?, updated_at=? "
                "WHERE conversation_id=?",
                (text, score, message_id, now, conversation_id),
            )
        assert message_id is not None
        return message_id


def _json(text: str | None, default: Any) -> Any:
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default
