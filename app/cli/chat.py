"""``penwright chat``: an interactive chat in the terminal, saved to the same history as the
window's Chat pane. Ctrl+C stops the reply being written (the prompt comes back), Ctrl+D
(end of input) quits."""

from __future__ import annotations

import argparse
import contextlib
import sys

from app.core.prompts import CHAT_SYSTEM_PROMPT
from app.core.types import Pane
from app.engines.base import CancelToken, Done, EngineError, GenerationRequest
from app.library.gguf import ModelFileError
from app.runtime import Runtime
from app.services.conversation import ConversationService
from app.storage.history import HistoryError, HistoryStore

from .console import text_arg
from .session import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    Session,
    add_generation_options,
    ctrl_c_stops,
    engine_error_status,
    open_session,
    report,
    stream_reply,
)

#: What the chat shows when it waits for your message.
PROMPT = "you> "


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    chat = sub.add_parser(
        "chat",
        help="chat in the terminal (saved to the history, shown under Chat in the window)",
        description="Chat with a model in the terminal. Each message and reply is saved to the "
        "history as you go, in one conversation the window's Chat pane opens. Ctrl+C stops the "
        "reply being written; Ctrl+D (end of input) quits.",
    )
    add_generation_options(chat, max_tokens=512)


def run(runtime: Runtime, args: argparse.Namespace) -> int:
    system = text_arg(args.system) if args.system else CHAT_SYSTEM_PROMPT
    try:
        session = open_session(runtime, args)
    except (ValueError, ModelFileError) as exc:
        print(f"penwright: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        store = HistoryStore(runtime.paths.history_db)
    except HistoryError as exc:
        session.close()
        print(f"penwright: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        print(f"Loading {session.label}…", file=sys.stderr)
        session.load(runtime)
        print(
            f"Chatting with {session.label}. Ctrl+C stops a reply, Ctrl+D quits. "
            "The conversation is saved in the history (Chat).",
            file=sys.stderr,
        )
        return _loop(session, ConversationService(store, Pane.CHAT.value), system)
    except EngineError as exc:
        print(f"penwright: {exc.message}", file=sys.stderr)
        return engine_error_status(exc)
    finally:
        session.close()
        store.close()


def _read_message() -> str | None:
    """The next message (None at end of input); Ctrl+C at the prompt clears the line."""
    while True:
        try:
            return text_arg(input(PROMPT))
        except EOFError:
            sys.stdout.write("\n")
            return None
        except KeyboardInterrupt:
            print("\n(Ctrl+D quits)", file=sys.stderr)


def _loop(session: Session, service: ConversationService, system: str) -> int:
    if sys.stdin.isatty():
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401 - line editing and history for input()
    conversation_id: int | None = None
    while True:
        text = _read_message()
        if text is None:
            break
        if not text.strip():
            continue
        params = session.params.with_resolved_seed()
        cancel = CancelToken()
        with ctrl_c_stops(cancel):  # from here to the reply's end, Ctrl+C stops the reply
            exchange = service.start_exchange(
                text, params=params, conversation_id=conversation_id, model=session.label
            )
            conversation_id = exchange.conversation_id
            messages = service.prompt(conversation_id, upto=exchange.user_message_id, system=system)
            request = GenerationRequest(messages=tuple(messages), params=params)
            final = stream_reply(session, request, exchange.reply, sys.stdout, cancel)
            report(final, sys.stdout)
        if isinstance(final, Done) and final.reason == "cancelled":
            print("(stopped; the reply so far is saved)", file=sys.stderr)
    if conversation_id is not None:
        summary = service.store.get_conversation(conversation_id)
        title = summary.title if summary is not None else ""
        print(f"Saved in the history (Chat) as “{title}”.", file=sys.stderr)
    return EXIT_OK
