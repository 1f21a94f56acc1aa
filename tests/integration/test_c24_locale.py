"""C24: under ``LANG=C LC_ALL=C`` the CLI prints, reads and stores Chinese and emoji.

The CLI runs in a subprocess with that locale, PYTHONIOENCODING unset and a PENWRIGHT_HOME
whose path holds Chinese characters and an emoji. Python 3.7+ turns its UTF-8 mode on by
itself in the C locale; ``PYTHONUTF8=0`` turns it off, so the locale's own encoding (ASCII)
is really used, as in older or embedded Pythons: ``penwright`` then starts again in UTF-8
mode (``app.__main__``). The CLI's own guards (UTF-8 terminal streams, command-line text
decoded as UTF-8) are checked too, by calling ``app.cli.main`` without that restart. The
answer is forced by a grammar (llama.cpp's GBNF sampler): Chinese and emoji for certain.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.storage.history import HistoryStore

ROOT = Path(__file__).resolve().parents[2]
ANSWER = "你好，世界 😀 🇯🇵 naïve"
QUESTION = "你好 😀 who are you?"
FAILURES = (
    "Traceback",
    "UnicodeEncodeError",
    "UnicodeDecodeError",
    "surrogates not allowed",
    "Logging error",
)


def c_locale_env(home: Path, utf8_mode: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIOENCODING", "PYTHONUTF8"))}
    env.update(LANG="C", LC_ALL="C", PENWRIGHT_HOME=str(home))
    if utf8_mode is not None:
        env["PYTHONUTF8"] = utf8_mode
    return env


#: ``app.cli.main`` called directly: no restart in UTF-8 mode (``app.__main__`` does that)
CLI_ONLY = ("-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))")


def run_cli(
    env: dict[str, str], *args: str, stdin: bytes = b"", entry: tuple[str, ...] = ("-m", "app")
) -> subprocess.CompletedProcess[bytes]:
    # bytes in and out: the test reads exactly what the CLI wrote, in no locale
    return subprocess.run(
        [sys.executable, *entry, *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=240,
    )


@pytest.mark.parametrize(
    ("utf8_mode", "entry", "folder"),
    [
        (None, ("-m", "app"), "写作 家 😀"),
        ("0", ("-m", "app"), "写作 家 😀"),
        # without the restart, llama.cpp cannot open a model below a Chinese folder name
        # under ASCII file names: this run checks the CLI's own guards with an ASCII home
        ("0", CLI_ONLY, "home"),
    ],
    ids=["c-locale", "c-locale-no-utf8-mode", "c-locale-no-utf8-mode-no-restart"],
)
def test_c24_ask_and_chat_under_the_c_locale(
    tmp_path: Path, utf8_mode: str | None, entry: tuple[str, ...], folder: str
) -> None:
    home = tmp_path / folder
    home.mkdir()
    grammar = home / "答案 grammar.gbnf"
    grammar.write_text(f'root ::= "{ANSWER}"\n', encoding="utf-8")
    env = c_locale_env(home, utf8_mode)

    asked = run_cli(
        env,
        "ask", QUESTION, "--grammar", str(grammar), "--save", "--system", "答 briefly 🙂",
        "--temperature", "0", "--max-tokens", "64", "--seed", "1", entry=entry,
    )  # fmt: skip
    out, err = asked.stdout.decode("utf-8"), asked.stderr.decode("utf-8")  # strict: UTF-8 or fail
    assert asked.returncode == 0, err
    assert not [f for f in FAILURES if f in err], err
    assert out == ANSWER + "\n"
    assert f"as “{QUESTION}”" in err  # the title, made of the question, printed whole

    chatted = run_cli(
        env, "chat", *("--temperature", "0", "--max-tokens", "8", "--seed", "1"),
        stdin=f"{QUESTION}\n".encode(), entry=entry,
    )  # fmt: skip
    err = chatted.stderr.decode("utf-8")
    assert chatted.returncode == 0, err
    assert not [f for f in FAILURES if f in err], err
    chatted.stdout.decode("utf-8")

    store = HistoryStore(home / "data" / "history.sqlite3")
    try:
        by_pane = {c.pane: c for c in store.list_conversations()}
        assert set(by_pane) == {"qa", "chat"}
        question, answer = store.thread(by_pane["qa"].id)
        assert question.content == QUESTION and answer.content == ANSWER
        assert by_pane["qa"].title == QUESTION
        said, _reply = store.thread(by_pane["chat"].id)
        assert said.content == QUESTION  # typed on stdin under the C locale
    finally:
        store.close()
    # every file Penwright wrote is UTF-8
    for path in home.rglob("*"):
        if path.is_file() and path.suffix in (".json", ".log"):
            path.read_bytes().decode("utf-8")
