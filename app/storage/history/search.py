"""Full-text search of the history (FTS5 trigram index, LIKE for terms under three
characters) and the snippets shown for its hits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from app.storage.history.base import StoreBase
from app.storage.history.records import SearchHit

#: Markers around each match in :attr:`SearchHit.snippet` (STX / ETX control characters,
#: which do not occur in normal text): ``"… the \x02lighthouse\x03 keeper …"``.
HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
#: Marks text cut at either end of a snippet.
ELLIPSIS = "…"
#: Shortest term the trigram index can look up; shorter terms fall back to a LIKE scan.
MIN_INDEXED_TERM = 3


class SearchMixin(StoreBase):
    """Search over a history store's messages."""

    def search(
        self,
        query: str,
        *,
        pane: str | None = None,
        model: str | None = None,
        since: float | None = None,
        until: float | None = None,
        folder_id: int | None = None,
        limit: int = 100,
    ) -> list[SearchHit]:
        """Messages containing every term of ``query``, newest message first.

        Terms are separated by spaces; ``"two words"`` in double quotes is one term. Each
        term matches as a substring, case-insensitively (Unicode case folding for indexed
        terms; ASCII only for the short ones below). Terms of 3+ characters use the FTS5
        trigram index; terms of 1–2 characters (e.g. ``烤鸭``) are matched by a LIKE scan
        over the messages of the other filters (slower on large histories). Soft-deleted
        conversations are never searched.

        Args:
            query: the terms; an empty or blank query finds nothing.
            pane: only conversations of this pane.
            model: only messages written by this model, or in conversations with it.
            since, until: message ``created_at`` range in Unix seconds,
                ``since <= t < until``; either may be None.
            folder_id: only conversations in this folder.
            limit: at most this many hits.

        Returns:
            :class:`SearchHit` s whose snippet marks matches with :data:`HIGHLIGHT_START`
            and :data:`HIGHLIGHT_END`.
        """
        terms = _search_terms(query)
        if not terms or limit <= 0:
            return []
        indexed = [t for t in terms if len(t) >= MIN_INDEXED_TERM]
        short = [t for t in terms if len(t) < MIN_INDEXED_TERM]
        where = ["c.deleted_at IS NULL"]
        args: list[Any] = []
        if pane is not None:
            where.append("c.pane=?")
            args.append(pane)
        if model is not None:
            where.append("(m.model=? OR c.model=?)")
            args += [model, model]
        if since is not None:
            where.append("m.created_at>=?")
            args.append(since)
        if until is not None:
            where.append("m.created_at<?")
            args.append(until)
        if folder_id is not None:
            where.append("c.folder_id=?")
            args.append(folder_id)
        for term in short:
            where.append("m.content LIKE ? ESCAPE '\\'")
            args.append("%" + _like_escape(term) + "%")
        columns = "m.id, m.conversation_id, m.role, m.model, m.created_at, c.title, c.pane"
        if indexed:
            match = " AND ".join('"' + t.replace('"', '""') + '"' for t in indexed)
            snippet = "snippet(messages_fts, 0, ?, ?, ?, 64)" if not short else "m.content"
            snippet_args = [HIGHLIGHT_START, HIGHLIGHT_END, ELLIPSIS] if not short else []
            sql = (
                f"SELECT {columns}, {snippet} AS snip FROM messages_fts "
                "JOIN messages m ON m.id=messages_fts.rowid JOIN conversations c ON c.id=m.conversation_id "
                f"WHERE messages_fts MATCH ? AND {' AND '.join(where)} "
                "ORDER BY messages_fts.rowid DESC LIMIT ?"
            )
            params = [*snippet_args, match, *args, limit]
        else:
            sql = (
                f"SELECT {columns}, m.content AS snip FROM messages m "
                "JOIN conversations c ON c.id=m.conversation_id "
                f"WHERE {' AND '.join(where)} ORDER BY m.id DESC LIMIT ?"
            )
            params = [*args, limit]
        hits = []
        for r in self._db.execute(sql, params):
            text = r["snip"] if indexed and not short else make_snippet(r["snip"], terms)
            hits.append(
                SearchHit(
                    conversation_id=r["conversation_id"],
                    message_id=r["id"],
                    pane=r["pane"],
                    title=r["title"],
                    role=r["role"],
                    model=r["model"],
                    snippet=text,
                    created_at=r["created_at"],
                )
            )
        return hits


_TERM = re.compile(r'"([^"]*)"|(\S+)')


def _search_terms(query: str) -> list[str]:
    """Split a query into terms: whitespace-separated, ``"quoted phrases"`` kept whole."""
    terms = []
    for quoted, bare in _TERM.findall(query):
        term = (quoted if quoted else bare).strip()
        if term and term not in terms:
            terms.append(term)
    return terms


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def make_snippet(text: str, terms: Sequence[str], width: int = 64) -> str:
    """About ``width`` characters of ``text`` around the first match of any term
    (case-insensitive), each match wrapped in the highlight markers, cuts marked with
    :data:`ELLIPSIS`: the same shape as FTS5's ``snippet()`` in :meth:`HistoryStore.search`."""
    if not terms:
        return text[:width] + (ELLIPSIS if len(text) > width else "")
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text)
    anchor = first.start() if first else 0
    start = max(0, anchor - width // 4)
    end = min(len(text), start + width)
    if first is not None and first.end() > end:
        end = first.end()
    window = text[start:end]
    marked = pattern.sub(lambda m: f"{HIGHLIGHT_START}{m.group(0)}{HIGHLIGHT_END}", window)
    return (ELLIPSIS if start > 0 else "") + marked + (ELLIPSIS if end < len(text) else "")
