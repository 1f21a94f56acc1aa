"""``penwright ask "…"``: one answer streamed to stdout, saved to the history with --save."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.core.types import ChatMessage, Pane
from app.engines.base import Done, EngineError, GenerationRequest
from app.library.gguf import ModelFileError
from app.runtime import Runtime
from app.services.conversation import ConversationService, ReplyRecorder
from app.storage.history import HistoryError, HistoryStore

from .console import text_arg
from .session import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    add_generation_options,
    engine_error_status,
    open_session,
    report,
    stream_reply,
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ask = sub.add_parser("ask", help="answer one question, streaming to stdout")
    ask.add_argument("question", help="the question (use quotes)")
    add_generation_options(ask)
    ask.add_argument(
        "--save",
        action="store_true",
        help="keep the question and answer in the history (shown under Q&A in the window)",
    )
    ask.add_argument(
        "--grammar",
        metavar="FILE",
        help="a llama.cpp GBNF grammar (UTF-8 file, start rule 'root') the answer must follow",
    )


def read_grammar(name: str) -> str:
    """The grammar file's text. Raises ValueError (plain words)."""
    try:
        text = Path(name).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"The grammar file “{name}” is not UTF-8 text.") from exc
    except OSError as exc:
        raise ValueError(f"Cannot read the grammar file “{name}”: {exc.strerror or exc}.") from exc
    if not text.strip():
        raise ValueError(f"The grammar file “{name}” is empty.")
    return text


def run(runtime: Runtime, args: argparse.Namespace) -> int:
    question, system = text_arg(args.question), text_arg(args.system) if args.system else None
    if not question.strip():
        print("penwright: the question is empty.", file=sys.stderr)
        return EXIT_USAGE
    try:
        grammar = read_grammar(args.grammar) if args.grammar else None
        session = open_session(runtime, args)
    except (ValueError, ModelFileError) as exc:
        print(f"penwright: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if grammar is not None and not session.engine.capabilities.grammar:
        session.close()
        print(f"penwright: {session.label} cannot follow a grammar (--grammar).", file=sys.stderr)
        return EXIT_USAGE
    messages: list[ChatMessage] = [{"role": "system", "content": system}] if system else []
    messages.append({"role": "user", "content": question})
    store: HistoryStore | None = None
    try:
        session.load(runtime)
        reply: ReplyRecorder | None = None
        params = session.params.with_resolved_seed()
        if args.save:
            store = HistoryStore(runtime.paths.history_db)
            service = ConversationService(store, Pane.QA.value)
            reply = service.start_exchange(question, params=params, model=session.label).reply
        request = GenerationRequest(messages=tuple(messages), params=params, grammar=grammar)
        final = stream_reply(session, request, reply, sys.stdout)
        report(final, sys.stdout)
        if store is not None and reply is not None:
            summary = store.get_conversation(reply.conversation_id)
            title = summary.title if summary is not None else ""
            print(f"Saved in the history (Q&A) as “{title}”.", file=sys.stderr)
    except EngineError as exc:
        print(f"penwright: {exc.message}", file=sys.stderr)
        return engine_error_status(exc)
    except HistoryError as exc:
        print(f"penwright: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        session.close()
        if store is not None:
            store.close()
    if isinstance(final, Done):
        return EXIT_INTERRUPTED if final.reason == "cancelled" else EXIT_OK
    return EXIT_FAILED
