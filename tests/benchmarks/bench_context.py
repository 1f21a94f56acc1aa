"""Long chats: time to first token at turn 1 and turn 20, with and without KV-cache reuse.

A chat grows to about 1,500 tokens over 20 turns: user turns of about 40 tokens, replies
capped at ``MAX_TOKENS`` (greedy: temperature 0, repeat penalty off), each real reply
appended to the history. Both sides render the same messages with the GGUF's chat
template and share ``n_ctx`` and ``n_threads``.

- Penwright: ``LocalEngine.stream(GenerationRequest(messages=...))``. The engine host
  keeps the KV cache between requests, so at each turn only the tokens after the longest
  common prefix (the new user turn, the end of the last reply, the assistant header) are
  evaluated; ``Usage.cached_tokens`` says how many were reused.
- Baseline, no prefix reuse: ``Llama`` in this process, the prompt rendered with
  ``Jinja2ChatFormatter`` (``tokenizer.chat_template``, the EOS/BOS token texts) and
  ``llm.reset()`` before each ``generate``, so the whole prompt is evaluated every turn.

A first pass through the engine builds the conversation (its real replies; every turn's
figures are kept under ``samples.first_pass``). The measured runs then replay it, timed
as a caller sees it (request to first ``Token``; the baseline: request to first token
of ``generate``, template and tokenizer included), sides alternating:

- turn 20: the engine first sends turn 19 again, which leaves the cache as the chat
  leaves it before turn 20 (turn 19's prompt is in the cache, its reply regenerated);
- turn 1, after every turn-20 run (a turn 1 overwrites the cache, and rebuilding it
  would cost a whole prompt per run): the engine first continues a raw prompt, so the
  cache holds none of the chat, as in a new chat.

Figures: TTFT turn 20 / TTFT turn 1 on each side (the engine's target: at most 1.3),
TTFT at turns 1 and 20, prompt and cached tokens at turn 20, and peak RSS of the engine
host and of this process (which holds the baseline's model).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from tests.benchmarks._common import (
    Report,
    Sides,
    alternate,
    engine_cli,
    log,
    pick,
    run_settings,
    stream_timed,
    summary,
    without_text,
)
from tests.benchmarks._runs import engine_and_raw

N_CTX = 2048
TURNS = 20
MAX_TOKENS = 30
TOP_K = 40
TARGET_RATIO = 1.3
SYSTEM = "You are a patient writing assistant. Answer briefly and stay with the story being planned."
#: The subject and a detail of each user turn; every turn is about 40 tokens.
SUBJECTS = (
    ("the harbour town at dawn", "the smell of tar and bread"),
    ("the lighthouse keeper's cottage", "a clock that runs five minutes slow"),
    ("the fishing boats leaving the bay", "a red sail patched with canvas"),
    ("the storm that arrives at noon", "the colour of the sky over the cliffs"),
    ("the keeper's daughter, Maren", "the scar on her left hand"),
    ("the old chapel on the hill", "a bell rope worn smooth by hands"),
    ("the schoolteacher who keeps bees", "honey jars labelled by the month"),
    ("the wreck of the Saint Brendan", "a name painted twice on the bow"),
    ("the night the lamp went out", "the sound of the sea in the dark"),
    ("the inquiry in the town hall", "a clerk who writes with his left hand"),
    ("the letter from the city office", "a typed signature nobody can read"),
    ("the market on the quay", "a woman selling mussels by the pint"),
    ("the first winter after the wreck", "ice on the inside of the windows"),
    ("Maren's journey to the mainland", "a ticket kept inside a prayer book"),
    ("the engineer who installs the machine", "boots that are far too clean"),
    ("the keeper's last logbook entry", "a pressed flower between two pages"),
    ("the festival of lanterns", "paper boats with candles in them"),
    ("the return of a survivor", "a coat that smells of another country"),
    ("the confession in the chapel", "rain dripping through the roof"),
    ("the final morning at the lighthouse", "the lens wrapped in a grey blanket"),
)  # fmt: skip
#: A raw prompt sent before each measured engine run: the cache then holds none of the chat.
FLUSH_PROMPT = "Lanterns. The engineer wiped his boots on the mat and looked up at the tower"


def user_turn(index: int) -> str:
    subject, detail = SUBJECTS[index % len(SUBJECTS)]
    return (
        f"Let us write about {subject}. Give me two sentences in the same quiet tone, "
        f"with one small detail about {detail} that a reader will remember."
    )


def _params(max_tokens: int) -> Any:
    from app.core.types import GenerationParams

    return GenerationParams(temperature=0.0, top_k=TOP_K, repeat_penalty=1.0, max_tokens=max_tokens, seed=0)


def _engine_request(engine: Any, request: Any) -> dict[str, Any]:
    streamed = stream_timed(engine, request)
    done = streamed.done
    return {
        "ttft_s": streamed.first_s,
        "host_prompt_s": done.usage.prompt_seconds,
        "prompt_tokens": done.usage.prompt_tokens,
        "cached_tokens": done.usage.cached_tokens,
        "completion_tokens": done.usage.completion_tokens,
        "trimmed_messages": done.trimmed_messages,
        "text": done.text,
    }


def _engine_turn(engine: Any, messages: list[Any]) -> dict[str, Any]:
    from app.engines.base import GenerationRequest

    return _engine_request(engine, GenerationRequest(messages=tuple(messages), params=_params(MAX_TOKENS)))


def _flush(engine: Any) -> None:
    from app.engines.base import GenerationRequest

    _engine_request(engine, GenerationRequest(prompt=FLUSH_PROMPT, params=_params(1)))


def _history(conversation: list[str]) -> list[dict[str, str]]:
    """System prompt, then user turns and the recorded replies, alternating."""
    messages = [{"role": "system", "content": SYSTEM}]
    for index, reply in enumerate(conversation):
        messages.append({"role": "user", "content": user_turn(index)})
        messages.append({"role": "assistant", "content": reply})
    return messages


def _turn_messages(replies: list[str], turn: int) -> list[dict[str, str]]:
    """The request of ``turn`` (1-based): the history up to it plus its user turn."""
    return [*_history(replies[: turn - 1]), {"role": "user", "content": user_turn(turn - 1)}]


class RawChat:
    """The baseline: the same chat in this process, every prompt evaluated from scratch."""

    def __init__(self, llm: Any) -> None:
        """``llm``: a ``llama_cpp.Llama`` of the engine's model, ``n_ctx`` and ``n_threads``."""
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        self.llm = llm
        vocab_model = self.llm._model
        self.formatter = Jinja2ChatFormatter(
            template=self.llm.metadata["tokenizer.chat_template"],
            eos_token=vocab_model.token_get_text(vocab_model.token_eos()),
            bos_token=vocab_model.token_get_text(vocab_model.token_bos()),
        )

    def turn(self, messages: list[dict[str, str]]) -> dict[str, Any]:
        import llama_cpp

        llm = self.llm
        vocab = llm._model.vocab
        started = time.perf_counter()
        prompt = self.formatter(messages=messages).prompt
        tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)
        llm.reset()  # no prefix reuse: the whole prompt is evaluated
        llm.set_seed(0)
        first: float | None = None
        pieces: list[bytes] = []
        for token in llm.generate(tokens, temp=0.0, top_k=TOP_K, top_p=0.95, min_p=0.05, repeat_penalty=1.0):
            if first is None:
                first = time.perf_counter()
            if llama_cpp.llama_vocab_is_eog(vocab, token):
                break
            pieces.append(llm.detokenize([token], special=False))
            if len(pieces) >= MAX_TOKENS:  # as the engine host stops
                break
        ended = time.perf_counter()
        return {
            "ttft_s": (first or ended) - started,
            "prompt_tokens": len(tokens),
            "completion_tokens": len(pieces),
            "text": b"".join(pieces).decode("utf-8", errors="replace"),
        }


def run(model: Path, repeats: int, threads: int, stat: str = "best") -> Report:
    report = Report.new(
        "context",
        "time to first token at turns 1 and 20 of a ~1,500-token chat: "
        "LocalEngine (KV cache kept) vs Llama with reset() (whole prompt each turn)",
        run_settings(
            N_CTX,
            threads,
            repeats,
            stat,
            turns=TURNS,
            max_tokens=MAX_TOKENS,
            temperature=0.0,
            top_k=TOP_K,
            repeat_penalty=1.0,
            target_ratio=TARGET_RATIO,
        ),
        model=model,
    )
    build: list[dict[str, Any]] = []
    engine_runs: list[dict[int, dict[str, Any]]] = []  # turns 1, 19 (unmeasured) and 20 of each run
    raw_runs: list[dict[int, dict[str, Any]]] = []  # turns 1 and 20 of each run
    with engine_and_raw("context", model, N_CTX, threads) as both:
        engine, raw = both.engine, RawChat(both.llm)
        # Unmeasured pass: the conversation itself (real replies) and warm caches.
        started = time.perf_counter()
        replies: list[str] = []
        for turn in range(1, TURNS + 1):
            build.append(_engine_turn(engine, _turn_messages(replies, turn)))
            replies.append(build[-1]["text"])
        raw.turn(_turn_messages(replies, 1))
        log(
            f"context: first pass (builds the chat) took {time.perf_counter() - started:.1f} s, "
            f"{build[-1]['prompt_tokens']} prompt tokens at turn {TURNS}"
        )

        engine_runs.extend({} for _ in range(repeats))
        raw_runs.extend({} for _ in range(repeats))

        def engine_turn_20(i: int) -> None:
            # The cache as the chat leaves it before turn 20: turn 19 again (its
            # prompt is in the cache, its reply is regenerated), then time turn 20.
            engine_runs[i][TURNS - 1] = _engine_turn(engine, _turn_messages(replies, TURNS - 1))
            engine_runs[i][TURNS] = last = _engine_turn(engine, _turn_messages(replies, TURNS))
            log(
                f"context: engine turn {TURNS} {i + 1}/{repeats}: TTFT {last['ttft_s']:.3f} s "
                f"({last['cached_tokens']} of {last['prompt_tokens']} tokens cached)"
            )

        def raw_turn_20(i: int) -> None:
            raw_runs[i][TURNS] = last = raw.turn(_turn_messages(replies, TURNS))
            log(f"context: raw turn {TURNS}    {i + 1}/{repeats}: TTFT {last['ttft_s']:.3f} s")

        def engine_turn_1(i: int) -> None:
            _flush(engine)  # a new chat: none of it is in the cache
            engine_runs[i][1] = first = _engine_turn(engine, _turn_messages(replies, 1))
            log(f"context: engine turn 1 {i + 1}/{repeats}: TTFT {first['ttft_s']:.3f} s")

        def raw_turn_1(i: int) -> None:
            raw_runs[i][1] = first = raw.turn(_turn_messages(replies, 1))
            log(f"context: raw turn 1    {i + 1}/{repeats}: TTFT {first['ttft_s']:.3f} s")

        # Every turn-20 run first, then every turn-1 run: a turn 1 overwrites the
        # cache, and rebuilding it for the next turn 20 would cost a whole prompt.
        alternate(repeats, engine_turn_20, raw_turn_20)
        alternate(repeats, engine_turn_1, raw_turn_1)

    engine_first = [r[1]["ttft_s"] for r in engine_runs]
    engine_last = [r[TURNS]["ttft_s"] for r in engine_runs]
    raw_first = [r[1]["ttft_s"] for r in raw_runs]
    raw_last = [r[TURNS]["ttft_s"] for r in raw_runs]

    def growth(first: list[float], last: list[float]) -> float | None:
        a, b = pick(first, "lower", stat), pick(last, "lower", stat)
        return b / a if a > 0 else None

    engine_growth, raw_growth = growth(engine_first, engine_last), growth(raw_first, raw_last)
    last_engine = engine_runs[-1][TURNS]
    raw_prompt_tokens = raw_runs[-1][TURNS]["prompt_tokens"]
    sides = Sides("Penwright engine", "no prefix reuse", stat)
    report.add(
        sides.figure(f"TTFT turn {TURNS} / turn 1 (target ≤ {TARGET_RATIO})", "x", engine_growth, raw_growth),
        sides.picked(f"TTFT at turn {TURNS}", "s", engine_last, raw_last),
        sides.picked("TTFT at turn 1", "s", engine_first, raw_first),
        sides.figure(
            f"prompt tokens at turn {TURNS}",
            "tokens",
            last_engine["prompt_tokens"],
            raw_prompt_tokens,
            "higher",
        ),
        Sides("reused from the KV cache", "no prefix reuse").figure(
            f"cached tokens at turn {TURNS}", "tokens", last_engine["cached_tokens"], 0, "higher"
        ),
        both.peak_figure(),
    )
    report.samples["summary"] = {
        "engine_ttft_turn1_s": summary(engine_first),
        f"engine_ttft_turn{TURNS}_s": summary(engine_last),
        "raw_ttft_turn1_s": summary(raw_first),
        f"raw_ttft_turn{TURNS}_s": summary(raw_last),
        "engine_growth_per_run": [b / a for a, b in zip(engine_first, engine_last, strict=True)],
        "raw_growth_per_run": [b / a for a, b in zip(raw_first, raw_last, strict=True)],
    }
    # Checks: both sides saw the same prompts and wrote the same replies as the first pass,
    # and the engine's cache held as much of turn 20 as it did in the first pass.
    differ = [
        f"{side} run {i + 1} turn {t}"
        for side, runs in (("engine", engine_runs), ("raw", raw_runs))
        for i, run_ in enumerate(runs)
        for t, r in run_.items()
        if r["text"] != build[t - 1]["text"]
    ]
    same_prompt = all(r[TURNS]["prompt_tokens"] == last_engine["prompt_tokens"] for r in raw_runs)
    same_cache = all(r[TURNS]["cached_tokens"] == build[-1]["cached_tokens"] for r in engine_runs)
    report.samples |= {
        "first_pass": [without_text(r) for r in build],
        "engine": [{str(t): without_text(r) for t, r in run_.items()} for run_ in engine_runs],
        "raw": [{str(t): without_text(r) for t, r in run_.items()} for run_ in raw_runs],
        "conversation_tokens": build[-1]["prompt_tokens"] + build[-1]["completion_tokens"],
        "same_prompt_tokens": same_prompt,
        "same_cache_as_first_pass": same_cache,
        "replies_differing_from_first_pass": differ,
    }
    if not same_prompt:
        report.notes.append(
            f"turn-{TURNS} prompts differ ({last_engine['prompt_tokens']} vs {raw_prompt_tokens} tokens): "
            "the sides did not render the same chat"
        )
    if not same_cache:
        report.notes.append(
            f"the engine reused a different number of tokens at turn {TURNS} than in the first pass"
        )
    engine_turns = [*build, *(r for run_ in engine_runs for r in run_.values())]
    if any(r["trimmed_messages"] for r in engine_turns):
        report.notes.append("the engine left older turns out to fit n_ctx: the chat is not the same")
    if engine_growth is not None and engine_growth > TARGET_RATIO:
        report.notes.append(
            f"TTFT at turn {TURNS} is {engine_growth:.2f}x turn 1's, above the {TARGET_RATIO} target"
        )
    return report.finish()


def main(argv: list[str] | None = None) -> int:
    engine_cli(__doc__ or "context benchmark", argv, run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
