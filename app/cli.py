"""Headless commands: ``penwright ask "…"`` and ``penwright models``.

They use the same runtime, library and engine code as the window.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from app.core.types import GenerationParams
from app.engines.base import CancelToken, Done, EngineError, Failed, GenerationRequest, Token
from app.engines.local import LocalEngine
from app.engines.openai_api import OpenAICompatibleEngine
from app.library.gguf import ModelFileError
from app.runtime import Runtime
from app.storage.providers import ProviderStore
from app.storage.secrets import SecretStore

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
    ask.add_argument("--provider", help="id of a configured remote provider (see `penwright providers`)")
    sub.add_parser("models", help="list the models in the library")
    sub.add_parser("providers", help="list the configured remote providers")
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
    if args.command == "providers":
        return _providers(runtime)
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


def _ask(runtime: Runtime, args: argparse.Namespace) -> int:
    try:
        params = GenerationParams(
            temperature=args.temperature, max_tokens=args.max_tokens, seed=args.seed
        ).with_resolved_seed()
        params.validate()
        engine: LocalEngine | OpenAICompatibleEngine
        path: Path | None = None
        # the per-model settings apply to a library model; a bare path gets the defaults
        model_id = runtime.settings.selected_model if not args.model else args.model
        if runtime.library.get(model_id or "") is None:
            model_id = None
        if args.provider:
            provider = ProviderStore(runtime.paths.providers_file).get(args.provider)
            if provider is None:
                raise ValueError(f"No provider with the id “{args.provider}” (see `penwright providers`).")
            engine = runtime.remote_engine(provider, SecretStore())
        else:
            path = runtime.resolve_model(args.model)
            engine = LocalEngine(runtime.paths.log_dir)
    except (ValueError, ModelFileError) as exc:
        print(f"penwright: {exc}", file=sys.stderr)
        return EXIT_USAGE
    messages = []
    if args.system:
        messages.append({"role": "system", "content": args.system})
    messages.append({"role": "user", "content": args.question})
    cancel = CancelToken()
    try:
        if isinstance(engine, LocalEngine) and path is not None:
            engine.load(path, runtime.load_options(model_id))
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
