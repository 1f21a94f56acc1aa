"""C24 helpers: file names the locale could not decode survive JSON files and the terminal;
command-line text comes back as typed."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from app.cli.console import ERRORS, register_errors, text_arg
from app.core.jsonfile import read_json, write_json_atomic

#: "写作" as ``surrogateescape`` makes it from UTF-8 bytes under an ASCII locale
ESCAPED = "写作".encode().decode("ascii", "surrogateescape")


def test_c24_a_json_file_keeps_an_undecoded_file_name(tmp_path: Path) -> None:
    data = {"path": f"/home/{ESCAPED}/model.gguf", "name": "模型 😀 naïve"}
    target = tmp_path / "models.json"
    write_json_atomic(target, data)  # "surrogates not allowed" before C24
    target.read_bytes().decode("utf-8")  # still a UTF-8 file
    assert read_json(target) == data


def test_c24_the_terminal_writes_a_file_name_as_its_bytes_and_never_fails() -> None:
    register_errors()
    encoded = f"{ESCAPED} 你好 \ud800".encode("utf-8", ERRORS)
    assert encoded == "写作 你好 ?".encode()
    assert codecs.decode(b"ok \xff", "utf-8", ERRORS) == "ok \ufffd"


def test_c24_command_line_text_comes_back_as_typed() -> None:
    assert text_arg(ESCAPED) == "写作"
    if os.fsencode("😀") == "😀".encode():  # UTF-8 file names here: mixed text maps back too
        assert text_arg(f"{ESCAPED} 😀") == "写作 😀"
    assert text_arg("plain 你好") == "plain 你好"
    assert "\ufffd" in text_arg("\udcff")  # not UTF-8: replaced, never a surrogate
