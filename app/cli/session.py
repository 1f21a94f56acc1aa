"""What ``ask`` and ``chat`` share: picking and loading the engine, and streaming one reply
to the terminal (and into the history) with Ctrl+C as Stop."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from app.core.types import GenerationParams, Usage
from app.engines.base import (
    CancelToken,
    Done,
    EngineError,
    Failed,
    GenerationRequest,
    Notice,
    Token,
)
from app.engines.local import LocalEngine
from app.engines.openai_api import OpenAICompatibleEngine
from app.runtime import Runtime
from app.services.conversation import ReplyRecorder
from app.storage.providers import ProviderStore
from app.storage.secrets import SecretStore

from .console import text_arg

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def add_generation_options(parser: argparse.ArgumentParser, max_tokens: int = 256) -> None:
    """The model and sampling options of ``ask`` and ``chat``."""
    parser.add_argument("--model", help="model id, name or path to a .gguf file")
    parser.add_argument("--provider", help="id of a configured remote provider (see `penwright providers`)")
    parser.add_argument("--max-tokens", type=int, default=max_tokens, help="most tokens to generate")
    parser.add_argument("--temperature", type=float, default=0.7, help="0 = greedy")
    parser.add_argument("--seed", type=int, default=-1, help="-1 = random (printed to stderr)")
    parser.add_argument("--system", default=None, help="system prompt")


@dataclass
class Session:
    """An engine ready to be loaded, and what its replies are stored under.

    Attributes:
        engine: the local engine or the provider's.
        label: the model's name as the window stores it: the library name (a file's stem
            for a path outside it) or "provider · model".
        params: the sampling values from the options (seed as given: -1 = random).
        path: the model file (local engine), else None.
        model_id: the library entry whose settings apply (None: defaults).
    """

    engine: LocalEngine | OpenAICompatibleEngine
    label: str
    params: GenerationParams
    path: Path | None = None
    model_id: str | None = None

    def load(self, runtime: Runtime) -> None:
        """Load the local model (a provider needs nothing). Raises EngineError."""
        if isinstance(self.engine, LocalEngine) and self.path is not None:
            self.engine.load(self.path, runtime.load_options(self.model_id))

    def close(self) -> None:
        self.engine.close()


def open_session(runtime: Runtime, args: argparse.Namespace) -> Session:
    """The engine the options name (nothing is loaded yet).

    Raises:
        ValueError: bad sampling values or an unknown provider (plain words).
        ModelFileError: no such model, or the file is not a usable GGUF.
    """
    params = GenerationParams(temperature=args.temperature, max_tokens=args.max_tokens, seed=args.seed)
    params.validate()
    if args.provider:
        provider = ProviderStore(runtime.paths.providers_file).get(args.provider)
        if provider is None:
            raise ValueError(f"No provider with the id “{args.provider}” (see `penwright providers`).")
        target = provider.deployment if provider.kind == "azure" else provider.model
        engine = runtime.remote_engine(provider, SecretStore())
        return Session(engine, f"{provider.name} · {target}", params)
    path = runtime.resolve_model(args.model)
    entry = next(
        (e for e in runtime.library.entries() if Path(e.path).resolve() == path.resolve()),
        None,
    )
    label = entry.name if entry is not None else text_arg(path.stem)  # stored: no surrogates
    return Session(LocalEngine(runtime.paths.log_dir), label, params, path, entry.id if entry else None)


def engine_error_status(exc: EngineError) -> int:
    """A bad model file is a usage error like a bad --model, anything else a failure."""
    return EXIT_USAGE if exc.kind in ("not_gguf", "damaged", "missing") else EXIT_FAILED


@contextlib.contextmanager
def ctrl_c_stops(cancel: CancelToken) -> Iterator[None]:
    """While inside, SIGINT (Ctrl+C) cancels ``cancel`` instead of raising
    KeyboardInterrupt: the engine stops within about a token and the reply so far is kept.
    The cancel runs on its own thread (a handler must not wait for a lock the interrupted
    code holds). Only the main thread can set handlers; elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum: int, _frame: object) -> None:
        threading.Thread(target=cancel.cancel, name="cli-stop", daemon=True).start()

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def stream_reply(
    session: Session,
    request: GenerationRequest,
    reply: ReplyRecorder | None,
    out: TextIO,
    cancel: CancelToken | None = None,
) -> Done | Failed:
    """Write the reply to ``out`` as it streams, record it in ``reply`` (saved as it grows,
    closed with the final event) and return the final event. Ctrl+C stops it (Done with
    reason 'cancelled'). Notices (a provider's retry) go to stderr. If writing fails
    (a closed pipe), the reply is stored as cancelled and the error raised."""
    cancel = cancel or CancelToken()
    final: Done | Failed | None = None
    try:
        with ctrl_c_stops(cancel):
            for event in session.engine.stream(request, cancel):
                if reply is not None:
                    reply.feed(event)
                if isinstance(event, Token):
                    out.write(event.text)
                    out.flush()
                elif isinstance(event, Notice):
                    print(f"\npenwright: {event.message}", file=sys.stderr)
                else:
                    final = event
    finally:
        if reply is not None and not reply.closed:
            reply.finish(Done("cancelled", Usage(), request.params.seed))
    return final or Failed("internal", "The engine ended without a result.")


def report(final: Done | Failed, out: TextIO) -> None:
    """End the reply's line on ``out`` and say how it ended on stderr."""
    out.write("\n")
    out.flush()
    if isinstance(final, Failed):
        print(f"penwright: {final.message}", file=sys.stderr)
        return
    usage = final.usage
    what = "stopped" if final.reason == "cancelled" else final.reason
    print(
        f"[{usage.completion_tokens} tokens, {usage.tokens_per_second:.1f} tok/s, seed {final.seed}, {what}]",
        file=sys.stderr,
    )
    if final.trimmed_messages:
        print(
            f"penwright: {final.trimmed_messages} earlier messages did not fit in the context window "
            "(n_ctx) and were left out of this reply; they stay in the history.",
            file=sys.stderr,
        )
