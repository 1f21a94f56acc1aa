"""Headless commands: ``penwright ask "…"`` and ``penwright models``.

They use the same runtime, library and engine code as the window.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app.core.types import GenerationParams
from app.engines.base import CancelToken, Done, EngineError, Failed, GenerationRequest, Token
from app.engines.local import LocalEngine
from app.library.gguf import ModelFileError
from app.runtime import Runtime

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="penwright",
        description="Penwright: private chat and writing with local GGUF models. "
        "Without a command, opens the window.",
    )
    sub = parser.add_subparsers(dest="command")
    ask = sub.add_parser("ask", help="answer one question, streaming to stdout")
    ask.add_argument("question", help="the question (use quotes)")
    ask.add_argument("--model", help="model id, name or path to a .gguf file")
    ask.add_argument("--max-tokens", type=int, default=256, help="most tokens to generate")
    ask.add_argument("--temperature", type=float, default=0.7, help="0 = greedy")
    ask.add_argument("--seed", type=int, default=-1, help="-1 = random (printed to stderr)")
    ask.add_argument("--system", default=None, help="system prompt")
    sub.add_parser("models", help="list the models in the library")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    runtime = Runtime.start()
    for warning in runtime.warnings:
        print(f"penwright: {warning}", file=sys.stderr)
    if args.command == "models":
        return _models(runtime)
    if args.command == "ask":
        return _ask(runtime, args)
    return EXIT_USAGE


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


def _ask(runtime: Runtime, args: argparse.Namespace) -> int:
    try:
        params = GenerationParams(
            temperature=args.temperature, max_tokens=args.max_tokens, seed=args.seed
        ).with_resolved_seed()
        params.validate()
        path = runtime.resolve_model(args.model)
    except (ValueError, ModelFileError) as exc:
        print(f"penwright: {exc}", file=sys.stderr)
        return EXIT_USAGE
    messages = []
    if args.system:
        messages.append({"role": "system", "content": args.system})
    messages.append({"role": "user", "content": args.question})
    engine = LocalEngine(runtime.paths.log_dir)
    cancel = CancelToken()
    try:
        engine.load(path, runtime.load_options())
        request = GenerationRequest(messages=tuple(messages), params=params)  # type: ignore[arg-type]
        for event in engine.stream(request, cancel):
            if isinstance(event, Token):
                sys.stdout.write(event.text)
                sys.stdout.flush()
            elif isinstance(event, Done):
                sys.stdout.write("\n")
                usage = event.usage
                print(
                    f"[{usage.completion_tokens} tokens, {usage.tokens_per_second:.1f} tok/s, "
                    f"seed {event.seed}, {event.reason}]",
                    file=sys.stderr,
                )
            elif isinstance(event, Failed):
                print(f"\npenwright: {event.message}", file=sys.stderr)
                return EXIT_FAILED
    except EngineError as exc:
        print(f"penwright: {exc.message}", file=sys.stderr)
        # a bad model file is a usage error like a bad --model, anything else a failure
        return EXIT_USAGE if exc.kind in ("not_gguf", "damaged", "missing") else EXIT_FAILED
    except KeyboardInterrupt:
        cancel.cancel()
        return EXIT_INTERRUPTED
    finally:
        engine.close()
    return EXIT_OK
