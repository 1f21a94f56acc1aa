"""History at scale: FTS5 trigram search against a LIKE scan, opening, listing, file size.

A temporary history of 10,000 conversations / 200,000 messages (set
``PENWRIGHT_BENCH_HISTORY_CONVERSATIONS`` / ``PENWRIGHT_BENCH_HISTORY_MESSAGES``, or
``--conversations`` / ``--messages``, for a quicker run) is generated deterministically
through ``HistoryStore.insert_conversations`` (the import path: triggers fill the search
index): English sentences, Chinese phrases and emoji, user turns short and assistant
turns longer; a few rare phrases (``北京烤鸭``, ``quantum entanglement``) are planted in
about one message in 2,000, and one more conversation holds 1,000 messages.

- Search: ``HistoryStore.search(q)`` (FTS5 trigram, snippet with highlights, newest 100)
  against the same query on the same database with ``content LIKE '%term%'`` per term
  (same joins, filters, order and limit; no snippet), for each query of a fixed set
  (rare, common, absent, two-term, CJK, emoji), ``--repeats`` rounds alternating the sides.
  Median and p95 over every query x round. The one- and two-character queries (``烤鸭``)
  use the LIKE fallback on both sides and are reported apart.
- Open: ``thread()`` of the 1,000-message conversation against fetching its rows
  (``SELECT * ... ORDER BY id``) without building the tree or the message objects.
- List: ``list_conversations()`` (every conversation with its message count, pinned
  first) against ``SELECT`` of the conversation rows alone, without counts.
- Size: the database file against a copy with the search index and its triggers dropped
  and ``VACUUM`` ed; the UTF-8 bytes of the text itself are in the samples.
"""

from __future__ import annotations

import math
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.storage.history import ConversationRecord, HistoryStore, MessageRecord
from tests.benchmarks._common import (
    MIB,
    Figure,
    Report,
    alternate,
    bench_arguments,
    log,
    median,
    summary,
)

DEFAULT_CONVERSATIONS = int(os.environ.get("PENWRIGHT_BENCH_HISTORY_CONVERSATIONS", "10000"))
DEFAULT_MESSAGES = int(os.environ.get("PENWRIGHT_BENCH_HISTORY_MESSAGES", "200000"))
LONG_CONVERSATION = 1000
LIMIT = 100

#: Queries with terms of 3+ characters: the trigram index against LIKE.
QUERIES = (
    "北京烤鸭",  # rare, Chinese
    "quantum entanglement",  # rare phrase
    "lighthouse",  # common word
    "river",  # very common
    "lighthouse keeper",  # two terms
    "zyxwvut",  # absent
    "长城长城",  # absent, Chinese
    "🍎🚀🎉",  # emoji sequence
    "天气很好",  # common Chinese
)
#: Terms under 3 characters: both sides scan with LIKE.
SHORT_QUERIES = ("烤鸭", "海")

_WORDS = [
    "the",
    "a",
    "river",
    "lighthouse",
    "keeper",
    "stone",
    "bridge",
    "morning",
    "evening",
    "quiet",
    "storm",
    "harbour",
    "ship",
    "sail",
    "wind",
    "light",
    "lamp",
    "window",
    "garden",
    "letter",
    "story",
    "poem",
    "question",
    "answer",
    "model",
    "token",
    "context",
    "memory",
    "night",
    "coffee",
    "train",
    "station",
    "mountain",
    "forest",
    "village",
    "market",
    "bread",
    "water",
    "fire",
    "silver",
    "golden",
    "ancient",
    "new",
    "old",
    "small",
    "large",
    "quickly",
    "slowly",
    "because",
    "although",
    "while",
    "before",
    "after",
    "under",
    "over",
    "into",
    "through",
]
_CHINESE = (
    "天气很好",
    "我们",
    "今天",
    "明天",
    "学习",
    "工作",
    "朋友",
    "城市",
    "音乐",
    "故事",
    "海边",
    "山上",
)
_EMOJI = ("🍎", "🚀", "🎉", "🌊", "👨‍👩‍👧", "🇯🇵", "🦆", "✨")
_RARE = ("北京烤鸭", "quantum entanglement")


def _sentence(rng: random.Random, words: int) -> str:
    parts = []
    for _ in range(words):
        roll = rng.random()
        if roll < 0.08:
            parts.append(rng.choice(_CHINESE))
        elif roll < 0.11:
            parts.append(rng.choice(_EMOJI))
        elif roll < 0.2:
            parts.append(f"w{rng.randrange(100000)}")  # a long tail of rare words
        else:
            parts.append(rng.choice(_WORDS))
    if rng.random() < 0.002:
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(_RARE))
    if rng.random() < 0.001:
        parts.append("🍎🚀🎉")
    return " ".join(parts).capitalize() + "."


def _conversation(rng: random.Random, n: int, index: int, t0: float) -> ConversationRecord:
    t = t0 + index * 60.0
    messages = []
    for i in range(n):
        user = i % 2 == 0
        text = _sentence(rng, rng.randint(6, 20) if user else rng.randint(30, 90))
        messages.append(
            MessageRecord(
                key=i + 1,
                parent_key=i or None,
                role="user" if user else "assistant",
                content=text,
                created_at=t + i,
                updated_at=t + i,
                model="" if user else "SmolLM2-135M",
                seed=None if user else rng.randrange(2**31),
            )
        )
    return ConversationRecord(
        title=f"Conversation {index}",
        pane=("chat", "chat", "qa", "story", "poetry")[index % 5],
        created_at=t,
        updated_at=t + n,
        model="SmolLM2-135M",
        messages=tuple(messages),
    )


def build(path: Path, conversations: int, messages: int) -> dict[str, Any]:
    """Fill a new history; returns its counts, text bytes, the long conversation's id, time."""
    rng = random.Random(1234)
    store = HistoryStore(path)
    per = max(messages // max(conversations, 1), 1)
    extra = messages - per * conversations
    t0 = 1_700_000_000.0
    started = time.perf_counter()
    text_bytes = 0
    total = 0
    batch: list[ConversationRecord] = []
    for index in range(conversations):
        n = per + (1 if index < extra else 0)
        record = _conversation(rng, n, index, t0)
        text_bytes += sum(len(m.content.encode("utf-8")) for m in record.messages)
        total += n
        batch.append(record)
        if len(batch) >= 500:
            store.insert_conversations(batch)
            batch.clear()
            if index % 2000 < 500:
                log(f"history: {index + 1}/{conversations} conversations")
    long_record = _conversation(rng, LONG_CONVERSATION, conversations, t0)
    batch.append(long_record)
    (*_, long_id) = store.insert_conversations(batch)
    text_bytes += sum(len(m.content.encode("utf-8")) for m in long_record.messages)
    total += LONG_CONVERSATION
    seconds = time.perf_counter() - started
    store.close()
    return {
        "conversations": conversations + 1,
        "messages": total,
        "text_bytes": text_bytes,
        "long_conversation_id": long_id,
        "build_s": seconds,
    }


def like_search(db: sqlite3.Connection, query: str) -> list[tuple[Any, ...]]:
    """The baseline: the same query as ``HistoryStore.search`` with LIKE for every term."""
    terms = query.split()
    where = " AND ".join("m.content LIKE ? ESCAPE '\\'" for _ in terms)
    sql = (
        "SELECT m.id, m.conversation_id, m.role, m.model, m.created_at, c.title, c.pane "
        "FROM messages m JOIN conversations c ON c.id=m.conversation_id "
        f"WHERE c.deleted_at IS NULL AND {where} ORDER BY m.id DESC LIMIT ?"
    )
    return db.execute(sql, [f"%{t}%" for t in terms] + [LIMIT]).fetchall()


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


def size_without_index(path: Path, scratch: Path) -> int:
    """Bytes of a copy of the database with the FTS index and its triggers dropped, vacuumed."""
    source = sqlite3.connect(path)
    copy_path = scratch / "no-index.sqlite3"
    copy = sqlite3.connect(copy_path, isolation_level=None)
    source.backup(copy)
    source.close()
    copy.execute("PRAGMA journal_mode=DELETE")
    for trigger in ("messages_fts_insert", "messages_fts_delete", "messages_fts_update"):
        copy.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    copy.execute("DROP TABLE IF EXISTS messages_fts")
    copy.execute("VACUUM")
    copy.close()
    return copy_path.stat().st_size


def run(conversations: int, messages: int, repeats: int, stat: str = "best") -> Report:
    report = Report.new(
        name="history",
        description=f"history of {conversations} conversations / {messages} messages: FTS5 trigram "
        "search vs LIKE scan, thread() of 1,000 messages, list_conversations(), file size",
        settings={
            "conversations": conversations,
            "messages": messages,
            "long_conversation": LONG_CONVERSATION,
            "limit": LIMIT,
            "repeats": repeats,
            "statistic": stat,
            "queries": list(QUERIES),
            "short_queries": list(SHORT_QUERIES),
        },
    )
    with tempfile.TemporaryDirectory(prefix="penwright-bench-history-") as tmp:
        path = Path(tmp) / "history.sqlite3"
        log(f"history: generating {conversations} conversations / {messages} messages")
        built = build(path, conversations, messages)
        log(f"history: built in {built['build_s']:.1f} s ({built['messages'] / built['build_s']:.0f} msg/s)")
        file_size = path.stat().st_size
        bare_size = size_without_index(path, Path(tmp))

        store = HistoryStore(path)
        db = sqlite3.connect(path)
        ours: dict[str, list[float]] = {q: [] for q in QUERIES + SHORT_QUERIES}
        base: dict[str, list[float]] = {q: [] for q in QUERIES + SHORT_QUERIES}
        hits: dict[str, dict[str, int]] = {}
        disagreements: list[str] = []
        for q in QUERIES + SHORT_QUERIES:  # warm-up, and a check that both sides agree
            found = [h.message_id for h in store.search(q, limit=LIMIT)]
            expected = [r[0] for r in like_search(db, q)]
            hits[q] = {"fts": len(found), "like": len(expected)}
            if found != expected:
                disagreements.append(q)

        rounds = max(repeats, 5)

        def fts_side(i: int) -> None:
            for q in QUERIES + SHORT_QUERIES:
                ours[q].append(_timed(lambda q=q: store.search(q, limit=LIMIT))[0])

        def like_side(i: int) -> None:
            for q in QUERIES + SHORT_QUERIES:
                base[q].append(_timed(lambda q=q: like_search(db, q))[0])
            log(f"history: search round {i + 1}/{rounds}")

        alternate(rounds, fts_side, like_side)

        long_id = built["long_conversation_id"]
        thread_s: list[float] = []
        rows_s: list[float] = []
        list_s: list[float] = []
        list_rows_s: list[float] = []

        def store_side(i: int) -> None:
            thread_s.append(_timed(lambda: store.thread(long_id))[0])
            list_s.append(_timed(store.list_conversations)[0])

        def raw_side(i: int) -> None:
            rows_s.append(
                _timed(
                    lambda: db.execute(
                        "SELECT * FROM messages WHERE conversation_id=? ORDER BY id", (long_id,)
                    ).fetchall()
                )[0]
            )
            list_rows_s.append(
                _timed(
                    lambda: db.execute(
                        "SELECT * FROM conversations WHERE deleted_at IS NULL "
                        "ORDER BY pinned DESC, updated_at DESC, id DESC"
                    ).fetchall()
                )[0]
            )

        alternate(rounds, store_side, raw_side)
        assert len(store.thread(long_id)) == LONG_CONVERSATION
        store.close()
        db.close()

    indexed = [t for q in QUERIES for t in ours[q]]
    indexed_base = [t for q in QUERIES for t in base[q]]
    short = [t for q in SHORT_QUERIES for t in ours[q]]
    short_base = [t for q in SHORT_QUERIES for t in base[q]]
    ms = 1000.0
    pick_time = min if stat == "best" else median
    report.add(
        Figure(
            "search, median of queries",
            "ms",
            median(indexed) * ms,
            median(indexed_base) * ms,
            "FTS5 trigram",
            "LIKE scan",
        ),
        Figure(
            "search, p95 of queries",
            "ms",
            p95(indexed) * ms,
            p95(indexed_base) * ms,
            "FTS5 trigram",
            "LIKE scan",
        ),
        Figure(
            "search 1-2 char terms, median",
            "ms",
            median(short) * ms,
            median(short_base) * ms,
            "search() LIKE fallback",
            "LIKE scan",
        ),
        Figure(
            f"open a {LONG_CONVERSATION}-message conversation",
            "ms",
            pick_time(thread_s) * ms,
            pick_time(rows_s) * ms,
            "thread()",
            "SELECT rows only",
        ),
        Figure(
            f"list {built['conversations']} conversations",
            "ms",
            pick_time(list_s) * ms,
            pick_time(list_rows_s) * ms,
            "list_conversations() with counts",
            "SELECT rows, no counts",
        ),
        Figure(
            "database size",
            "MiB",
            file_size / MIB,
            bare_size / MIB,
            "with FTS5 trigram index",
            "same, index dropped + VACUUM",
        ),
    )
    report.samples = {
        "build": built,
        "text_mib": round(built["text_bytes"] / MIB, 1),
        "file_bytes": file_size,
        "file_bytes_without_index": bare_size,
        "hits": hits,
        "per_query_ms": {
            q: {"fts": summary([t * ms for t in ours[q]]), "like": summary([t * ms for t in base[q]])}
            for q in ours
        },
        "thread_ms": summary([t * ms for t in thread_s]),
        "rows_ms": summary([t * ms for t in rows_s]),
        "list_ms": summary([t * ms for t in list_s]),
        "list_rows_ms": summary([t * ms for t in list_rows_s]),
    }
    if disagreements:
        report.notes.append(f"FTS and LIKE returned different hits for: {', '.join(disagreements)}")
    return report.finish()


def main(argv: list[str] | None = None) -> int:
    parser = bench_arguments(__doc__ or "history benchmark", engine_options=False)
    parser.add_argument("--conversations", type=int, default=DEFAULT_CONVERSATIONS)
    parser.add_argument("--messages", type=int, default=DEFAULT_MESSAGES)
    args = parser.parse_args(argv)
    report = run(args.conversations, args.messages, args.repeats, args.stat)
    report.save(args.out)
    width = max(len(f.name) for f in report.figures)
    for f in report.figures:
        ratio = "—" if f.ratio is None else f"{f.ratio:.2f}x"
        print(
            f"{f.name.ljust(width)}  {f.ours:10.2f} {f.unit} ({f.ours_label})  "
            f"{f.baseline:10.2f} {f.unit} ({f.baseline_label})  {ratio}"
        )
    for note in report.notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
