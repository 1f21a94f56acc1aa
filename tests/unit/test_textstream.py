"""TextAssembler: whole characters and stop strings across token boundaries (C01)."""

from __future__ import annotations

from app.engines.local.textstream import TextAssembler

SAMPLE = "🍎🚀🎉 👨‍👩‍👧 🇯🇵 你好，世界"


def test_c01_split_multibyte_characters_are_released_whole() -> None:
    data = SAMPLE.encode("utf-8")
    assembler = TextAssembler()
    pieces = [assembler.feed(data[i : i + 1]) for i in range(len(data))]
    pieces.append(assembler.finish())
    assert "".join(pieces) == SAMPLE
    assert all("\ufffd" not in p for p in pieces)
    # no piece ever holds half a character: each piece round-trips through UTF-8
    assert all(p.encode("utf-8").decode("utf-8") == p for p in pieces)


def test_stop_string_split_across_tokens_is_removed() -> None:
    assembler = TextAssembler(stop=["END"])
    out = [assembler.feed(b) for b in (b"hello E", b"N", b"D and more")]
    assert "".join(out) + assembler.finish() == "hello "
    assert assembler.stopped


def test_partial_stop_prefix_is_released_when_it_does_not_match() -> None:
    assembler = TextAssembler(stop=["END"])
    first = assembler.feed(b"hello EN")
    assert first == "hello "  # "EN" held back: it could start "END"
    assert assembler.feed(b"TRY") == "ENTRY"
    assert not assembler.stopped


def test_c01_character_cut_by_the_token_limit_is_dropped_not_garbled() -> None:
    assembler = TextAssembler()
    assert assembler.feed("好".encode()) == "好"
    assert assembler.feed("你".encode()[:2]) == ""
    assert assembler.finish() == ""
    assert assembler.text == "好"
