"""``penwright check-poem`` and ``penwright forms``: the poetry checker without a model.

They need no runtime (no model library, no engine host): they run before it starts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.storage.paths import Paths

from .session import EXIT_FAILED, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from app.core.poetry import Form, LineResult, LoadedForms, PoemResult


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = sub.add_parser(
        "check-poem",
        help="check a poem against a form: counts per line, rhyme, score",
        description="Check a poem (one line per line, blank lines between stanzas) against a "
        "form: syllables (English), morae (Japanese) or characters (Chinese) per line, the rhyme "
        "key of each line's end, and the conformity score. Exit status 0 if the poem conforms "
        "fully, 1 if not, 2 on a usage error. Without --form, lists the forms.",
    )
    check.add_argument("--form", help="form id (see `penwright forms`), e.g. haiku, sonnet, wuyan_jueju")
    check.add_argument("file", nargs="?", default="-", help="the poem, UTF-8 (default: stdin)")
    sub.add_parser("forms", help="list the poetic forms (shipped and your own)")


#: What a form counts per line, by language: (one, many).
_COUNT_UNITS = {"en": ("syllable", "syllables"), "ja": ("mora", "morae"), "zh": ("character", "characters")}


def _units(form: Form, n: int) -> str:
    one, many = _COUNT_UNITS.get(form.language, ("", ""))
    return one if n == 1 else many


def _load_forms() -> LoadedForms:
    """The shipped forms plus the user's (``<config dir>/forms``); skipped files reported."""
    from app.core.poetry import load_forms

    loaded = load_forms([Paths.from_env().config_dir / "forms"])
    for problem in loaded.problems:
        print(f"penwright: form skipped: {problem}", file=sys.stderr)
    return loaded


def _print_forms(loaded: LoadedForms, out: TextIO | None = None) -> None:
    """One form a line: ``id<TAB>name (Chinese name)``."""
    for form in loaded.forms.values():
        name = f"{form.name} ({form.name_zh})" if form.name_zh else form.name
        print(f"{form.id}\t{name}", file=out or sys.stdout)


def forms() -> int:
    """``penwright forms``: one form a line."""
    loaded = _load_forms()
    _print_forms(loaded)
    if not loaded.forms:
        print("No forms found (the shipped forms folder is missing).", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _read_poem(name: str) -> str:
    """The poem from a file or stdin ('-'), as UTF-8 (a BOM is dropped). Raises ValueError."""
    try:
        if name == "-":
            buffer = getattr(sys.stdin, "buffer", None)
            data = buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")
        else:
            data = Path(name).read_bytes()
    except OSError as exc:
        raise ValueError(f"Cannot read “{name}”: {exc.strerror or exc}.") from exc
    try:
        return str(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        where = "stdin" if name == "-" else f"“{name}”"
        raise ValueError(f"{where} is not UTF-8 text.") from exc


def check(args: argparse.Namespace) -> int:
    """``penwright check-poem``: the report of :func:`format_check`; exit status 0 when the
    poem conforms, 1 when not, 2 on a usage error."""
    from app.core.poetry import check_poem

    loaded = _load_forms()
    if not args.form or args.form not in loaded.forms:
        if args.form:
            print(f"penwright: no form with the id “{args.form}”. The forms are:", file=sys.stderr)
        else:
            print("penwright: choose a form with --form ID. The forms are:", file=sys.stderr)
        _print_forms(loaded, sys.stderr)
        return EXIT_USAGE
    form = loaded.get(args.form)
    try:
        text = _read_poem(args.file)
    except ValueError as exc:
        print(f"penwright: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not text.strip():
        print("penwright: the poem is empty.", file=sys.stderr)
        return EXIT_USAGE
    result = check_poem(form, text)
    for line in format_check(form, result):
        print(line)
    return EXIT_OK if conforms(result) else EXIT_FAILED


def conforms(result: PoemResult) -> bool:
    """Whether a checked poem meets every rule of its form (a conformity score of 1)."""
    return result.score >= 1.0 - 1e-9


def _percent(value: float) -> str:
    """A share as a whole percentage, rounded down, so that only a full 1.0 shows as 100%."""
    return f"{int(value * 100 + 1e-9)}%"


def _span(lo: int, hi: int) -> str:
    return str(lo) if lo == hi else f"{lo}-{hi}"


def _line_ok(line: LineResult) -> bool | None:
    """Count, end mark and 平仄 of one line all right; None when the form asks nothing of it."""
    checks = [c for c in (line.ok, line.punctuation_ok, line.tone_ok) if c is not None]
    return all(checks) if checks else None


def format_check(form: Form, result: PoemResult) -> list[str]:
    """The report ``penwright check-poem`` prints: a header, one row per line (number, count
    against what the form wants, rhyme letter and key, ✓/✗, the line) with notes under a row
    that fails, then line count, rhyme and the conformity score."""
    unit = _units(form, 2)
    out: list[str] = []
    title = f"{form.name} · {form.name_zh}" if form.name_zh else form.name
    if form.lines is None:
        out.append(f"{title}, {form.id}: free verse")
    else:
        wanted = [_span(lo, hi) for lo, hi in form.syllables] or [str(n) for n in form.chars]
        if len(set(wanted)) == 1:
            wanted, unit_text = wanted[:1], f"{unit} each"
        else:
            unit_text = unit
        shape = f"{form.lines} lines" + (f" of {'·'.join(wanted)} {unit_text}" if wanted else "")
        scheme = f", rhyme {form.rhyme_scheme}" if form.rhyme else ""
        out.append(f"{title}, {form.id}: {shape}{scheme}")

    rows: list[tuple[str, str, str, str, str]] = []
    notes: list[list[str]] = []
    for i, line in enumerate(result.lines):
        # all the readings' counts (CMUdict pronunciations, kanji readings): ok if any fits
        got = _span(*line.count_range)
        expected = "" if line.expected is None else "/" + _span(*line.expected)
        slot = ""
        if i < len(form.rhyme) and form.rhyme[i].group:
            slot = form.rhyme[i].group + ("?" if form.rhyme[i].optional else "")
        rhyme = " ".join(part for part in (slot, line.rhyme_key) if part) or "-"
        ok = _line_ok(line)
        extra = form.lines is not None and i >= form.lines
        mark = "✗" if extra else {True: "✓", False: "✗", None: " "}[ok]
        rows.append((str(i + 1), got + expected, rhyme, mark, line.text))
        why: list[str] = []
        if extra:
            why.append(f"extra line: the form has {form.lines}")
        if line.ok is False and line.expected is not None:
            counted = _span(*line.count_range)
            why.append(f"{counted} {_units(form, line.count)}, the form wants {_span(*line.expected)}")
        if line.punctuation_ok is False:
            why.append(f"end mark: the form wants “{form.punctuation[i]}”")
        if line.tone_ok is False:
            why.append(f"平仄 {line.tones} fits none of the form's patterns")
        if line.unknown_words:
            why.append("not in CMUdict, syllables estimated: " + ", ".join(line.unknown_words))
        notes.append(why)

    # The rhyme column only where the form has a rhyme scheme (a haiku's line ends mean
    # nothing); "ok" is the line's own verdict: count, end mark and 平仄.
    rhymed = bool(form.rhyme)
    headers = ("#", unit, "rhyme", "ok", "line")
    widths = [max(len(r[k]) for r in [headers, *rows]) for k in range(3)]
    rhyme_head = f"  {headers[2]:<{widths[2]}}" if rhymed else ""
    out.append(f"{headers[0]:>{widths[0]}}  {headers[1]:<{widths[1]}}{rhyme_head}  ok  line")
    for row, why in zip(rows, notes, strict=True):
        number, count, rhyme, mark, text = row
        rhyme_cell = f"  {rhyme:<{widths[2]}}" if rhymed else ""
        out.append(f"{number:>{widths[0]}}  {count:<{widths[1]}}{rhyme_cell}  {mark}   {text}")
        indent = " " * (widths[0] + 2)
        out.extend(f"{indent}↳ {note}" for note in why)

    if form.lines is not None:
        n = len(result.lines)
        stanzas = ""
        if not result.stanzas_ok and len(form.stanzas) > 1:
            found = "+".join(map(str, result.stanza_sizes))
            stanzas = f"; stanzas {found}, the form wants {'+'.join(map(str, form.stanzas))}"
        mark = "✓" if result.line_count_ok and result.stanzas_ok else "✗"
        out.append(f"Lines: {n} of {form.lines} {mark}{stanzas}")
    if result.rhyme_ok is not None:
        share = result.components.get("rhyme", 0.0)
        detail = "" if result.rhyme_ok else f" ({_percent(share)} of the required pairs rhyme)"
        out.append(f"Rhyme {form.rhyme_scheme}: {'✓' if result.rhyme_ok else '✗'}{detail}")
    parts = ", ".join(f"{name} {_percent(value)}" for name, value in result.components.items())
    verdict = "✓ conforms" if conforms(result) else "✗ does not conform"
    out.append(f"Conformity: {_percent(result.score)}" + (f" ({parts})" if parts else "") + f" {verdict}")
    return out
