"""Headless commands: ``penwright ask "…"``, ``penwright chat``, ``penwright models``,
``penwright providers``, ``penwright check-poem``, ``penwright forms``.

They use the same runtime, library, engine, history and poetry code as the window: ``chat``
and ``ask --save`` store their conversations through :mod:`app.services.conversation` as
the Chat and Q&A panes do. ``check-poem`` and ``forms`` need no model: they run before the
runtime starts (no model library, no engine host). Terminal text is UTF-8 whatever the
locale (:mod:`app.cli.console`, C24).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app.runtime import Runtime
from app.storage.providers import ProviderStore

from . import ask, chat, poetry
from .console import setup_console
from .poetry import conforms, format_check
from .session import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "build_parser",
    "conforms",
    "format_check",
    "main",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="penwright",
        description="Penwright: private chat and writing with local GGUF models. "
        "Without a command, opens the window.",
    )
    sub = parser.add_subparsers(dest="command")
    ask.add_parser(sub)
    chat.add_parser(sub)
    sub.add_parser("models", help="list the models in the library")
    sub.add_parser("providers", help="list the configured remote providers")
    poetry.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (0 ok, 1 failed, 2 usage, 130 Ctrl+C)."""
    setup_console()
    args = build_parser().parse_args(argv)
    try:
        # The poetry commands need no model: no runtime, so no model library and no engine host.
        if args.command == "forms":
            return poetry.forms()
        if args.command == "check-poem":
            return poetry.check(args)
        runtime = Runtime.start()
        for warning in runtime.warnings:
            print(f"penwright: {warning}", file=sys.stderr)
        if args.command == "models":
            return _models(runtime)
        if args.command == "ask":
            return ask.run(runtime, args)
        if args.command == "chat":
            return chat.run(runtime, args)
        if args.command == "providers":
            return _providers(runtime)
    except KeyboardInterrupt:  # Ctrl+C outside a reply (a model loading): quit quietly
        print(file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_USAGE


def _providers(runtime: Runtime) -> int:
    store = ProviderStore(runtime.paths.providers_file)
    if store.warning:
        print(f"penwright: {store.warning}", file=sys.stderr)
    for provider in store.all():
        target = provider.deployment if provider.kind == "azure" else provider.model
        print(f"{provider.id}\t{provider.name}\t{provider.kind}\t{target}")
    if not store.all():
        print("No remote providers configured.", file=sys.stderr)
    return EXIT_OK


def _models(runtime: Runtime) -> int:
    selected = runtime.settings.selected_model
    for entry in runtime.library.entries():
        mark = "*" if entry.id == selected else " "
        state = "" if entry.exists else "  (file missing)"
        size = entry.size_bytes / 1e6
        print(f"{mark} {entry.id}\t{entry.name}\t{size:.0f} MB\t{entry.path}{state}")
    if not runtime.library.entries():
        print("No models. Run `make run` once, or pass --model PATH.gguf.", file=sys.stderr)
    return EXIT_OK
