"""Exports for reading: Markdown and one self-contained HTML page (the active branch of
each conversation, with title, pane, model, dates and roles). See :mod:`app.storage.exchange`.

Qt-free.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from app.core.panes import pane_label
from app.storage.exchange.common import conversation
from app.storage.history import ROLES, ConversationSummary, HistoryStore, StoredMessage
from app.storage.poems import PoemStore

_ROLE_LABELS = {"system": "System", "user": "User", "assistant": "Assistant"}


# -- Markdown -----------------------------------------------------------------------------
def export_markdown(store: HistoryStore, conversation_ids: Sequence[int]) -> str:
    """The conversations as readable Markdown: per conversation a ``#`` title, a line of
    facts (pane, model, provider, dates, message count), then each message of the active
    branch under a ``###`` heading with its role, model and date. Partial replies are
    marked; a story's document is included; a poem gets a line with its form and topic.
    Dates are local time with UTC offset.

    Raises:
        ValueError: an id is not a conversation.
    """
    poems = PoemStore(store)
    parts = []
    for cid in conversation_ids:
        summary = conversation(store, cid)
        thread = store.thread(cid)
        lines = [f"# {summary.title}", "", _facts(summary, len(thread)), ""]
        poem_line = _poem_facts(poems, cid)
        if poem_line:
            lines += [poem_line, ""]
        draft = store.get_draft(cid)
        if draft:
            lines += ["## Document", "", draft, "", "## Messages", ""]
        for m in thread:
            lines += [f"### {_heading(m)}", "", m.content, ""]
            if m.is_partial:
                lines += [f"*(partial reply: {m.finish_reason or 'interrupted'})*", ""]
        parts.append("\n".join(lines))
    return "\n---\n\n".join(parts).rstrip("\n") + "\n"


def _facts(summary: ConversationSummary, shown: int) -> str:
    facts = [pane_label(summary.pane)]
    if summary.model:
        facts.append(f"model {summary.model}" + (f" ({summary.provider})" if summary.provider else ""))
    facts.append(f"created {_date(summary.created_at)}")
    facts.append(f"updated {_date(summary.updated_at)}")
    count = f"{summary.message_count} messages"
    if summary.message_count > shown:
        count += f" ({summary.message_count - shown} on other branches, in the JSON export)"
    facts.append(count)
    return " · ".join(facts)


def _poem_facts(poems: PoemStore, conversation_id: int) -> str | None:
    """``Form: <form id> · topic: <topic>`` for a poem (topic left out when empty), else None."""
    poem = poems.get(conversation_id)
    if poem is None:
        return None
    return f"Form: {poem.form_id}" + (f" · topic: {poem.topic}" if poem.topic else "")


def _heading(m: StoredMessage) -> str:
    label = _ROLE_LABELS.get(m.role, m.role)
    if m.role == "assistant" and m.model:
        label += f" ({m.model})"
    return f"{label} · {_date(m.created_at)}"


def _date(seconds: float) -> str:
    return _dt.datetime.fromtimestamp(seconds).astimezone().strftime("%Y-%m-%d %H:%M %z")


# -- HTML ---------------------------------------------------------------------------------
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:50rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#1d1d1f;background:#fff}
article{margin-bottom:3rem}.facts{color:#666;font-size:.9em}
.msg{border-left:4px solid #ccc;padding:.25rem 1rem;margin:1rem 0}
.msg.user{border-color:#3b82f6}.msg.assistant{border-color:#10b981}.msg.system{border-color:#a855f7}
.msg header{font-weight:600;font-size:.9em;color:#444}.partial{color:#b45309;font-style:italic}
pre{background:#f4f4f5;padding:.75rem;overflow-x:auto;border-radius:4px}
code{font-family:ui-monospace,Menlo,Consolas,monospace}
.draft{white-space:pre-wrap}
@media (prefers-color-scheme:dark){body{background:#18181b;color:#e4e4e7}
.facts,.msg header{color:#a1a1aa}pre{background:#27272a}}
"""


def _render_image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env) or "image"
    src = str(token.attrGet("src") or "")
    return f'<a class="image" href="{escapeHtml(src)}">[image: {escapeHtml(alt)}]</a>'


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.add_render_rule("image", _render_image)
    return md


def export_html(store: HistoryStore, conversation_ids: Sequence[int], title: str | None = None) -> str:
    """One self-contained HTML page: the same content as :func:`export_markdown`, message
    text rendered from Markdown (raw HTML escaped, images as links), inline CSS only and a
    Content-Security-Policy that loads nothing from anywhere.

    Raises:
        ValueError: an id is not a conversation.
    """
    md = _markdown()
    poems = PoemStore(store)
    articles = []
    titles = []
    for cid in conversation_ids:
        summary = conversation(store, cid)
        titles.append(summary.title)
        thread = store.thread(cid)
        body = [
            f"<article><h1>{html.escape(summary.title)}</h1>",
            f'<p class="facts">{html.escape(_facts(summary, len(thread)))}</p>',
        ]
        poem_line = _poem_facts(poems, cid)
        if poem_line:
            body.append(f'<p class="facts">{html.escape(poem_line)}</p>')
        draft = store.get_draft(cid)
        if draft:
            body.append(f'<h2>Document</h2><div class="draft">{html.escape(draft)}</div><h2>Messages</h2>')
        for m in thread:
            role = m.role if m.role in ROLES else "other"
            partial = (
                f'<p class="partial">(partial reply: {html.escape(m.finish_reason or "interrupted")})</p>'
                if m.is_partial
                else ""
            )
            body.append(
                f'<section class="msg {role}"><header>{html.escape(_heading(m))}</header>'
                f"{md.render(m.content)}{partial}</section>"
            )
        body.append("</article>")
        articles.append("\n".join(body))
    page_title = title or (titles[0] if len(titles) == 1 else "Penwright history")
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(page_title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(articles)
        + "\n</body>\n</html>\n"
    )
