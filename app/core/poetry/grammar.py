"""llama.cpp GBNF grammars built from a form: the structure is enforced while decoding.

GBNF is llama.cpp's grammar format (``grammars/README.md`` in llama.cpp): rules
``name ::= ...``, string literals, character classes with ``\\uXXXX`` escapes and
repetition ``x{n}`` / ``x{m,n}``. The text returned here is passed as-is to the engine host
(``llama_cpp.LlamaGrammar.from_string``); this module does not import llama_cpp.

What a grammar can enforce:

* Chinese forms with fixed ``chars``: exactly ``lines`` lines, each exactly N Han characters
  (U+4E00-U+9FFF, the CJK Unified Ideographs block), then the line's end mark (optional if
  ``punctuation_optional``) and ``\\n``; a blank line between stanzas; then the end.
* English and Japanese forms: exactly ``lines`` non-empty lines (1 to ``max_line_chars``
  printable characters, no control characters, not starting with a space) and the stanza
  breaks. Syllables and rhyme cannot be expressed; candidates are ranked by the checker.
* Free verse: no grammar (``None``).
"""

from __future__ import annotations

from app.core.poetry.forms import Form

#: The Han characters a CJK line may use: CJK Unified Ideographs, U+4E00-U+9FFF.
HAN_CLASS = r"[\u4E00-\u9FFF]"
#: One printable character of a line (no C0 controls, no DEL); the first may not be a space.
TEXT_FIRST_CLASS = r"[^\x00-\x20\x7F]"
TEXT_CLASS = r"[^\x00-\x1F\x7F]"


def _literal(text: str) -> str:
    """A GBNF string literal (``"..."``) with ``\\``, ``"`` and control characters escaped."""
    out = []
    for ch in text:
        if ch in '\\"':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _root(form: Form, line_rule: list[str]) -> str:
    """``root ::= l1 l2 "\\n" l3 ...``: the line rules with a blank line between stanzas."""
    parts: list[str] = []
    index = 0
    for s, size in enumerate(form.stanzas or (len(line_rule),)):
        if s > 0:
            parts.append(_literal("\n"))
        parts.extend(line_rule[index : index + size])
        index += size
    return "root ::= " + " ".join(parts)


def grammar_for(form: Form, *, max_line_chars: int = 80) -> str | None:
    """GBNF text for ``form``, or None for free verse.

    Args:
        form: the poetic form.
        max_line_chars: the longest line (characters) an English/Japanese line may have; the
            grammar bounds each line so a model cannot run on without a newline.

    Every line, the last included, ends with ``\\n``; after the last line only end-of-generation
    is allowed. Raises ValueError if ``max_line_chars`` < 1.
    """
    if form.lines is None:
        return None
    if max_line_chars < 1:
        raise ValueError("max_line_chars must be at least 1")
    rules: list[str] = []
    names: list[str] = []
    if form.is_cjk_fixed:
        rules.append(f"han ::= {HAN_CLASS}")
        for i, count in enumerate(form.chars):
            mark = form.punctuation[i] if form.punctuation else ""
            end = ""
            if mark:
                end = " " + _literal(mark) + ("?" if form.punctuation_optional else "")
            names.append(f"l{i + 1}")
            rules.append(f"l{i + 1} ::= han{{{count}}}{end} {_literal(chr(10))}")
    else:
        rest = f" {TEXT_CLASS}{{0,{max_line_chars - 1}}}" if max_line_chars > 1 else ""
        rules.append(f"line ::= {TEXT_FIRST_CLASS}{rest} {_literal(chr(10))}")
        names = ["line"] * form.lines
    return "\n".join([_root(form, names), *rules]) + "\n"
