"""Poetic forms as data: one JSON or TOML file per form, shipped in ``assets/forms/`` and
user-addable (the caller passes extra folders, e.g. the config dir's ``forms/``).

A form file (JSON shown; TOML takes the same keys)::

    {
      "id": "wuyan_jueju",              # [a-z0-9_]+, stored with the poem
      "name": "Five-character quatrain",  # English name
      "name_zh": "五言绝句",              # optional
      "language": "zh",                 # "en" | "zh" | "ja"
      "lines": 4,                       # line count; null (or left out) for free verse
      "stanzas": [4],                   # lines per stanza; sums to "lines" (default: one stanza)
      "chars": 5,                       # zh: Han characters per line: an int for every line or a list
      "syllables": [5, 7, 5],           # en/ja: syllables (ja: morae) per line; an int is exact,
                                        #   [lo, hi] a range; a single int or [lo, hi] for every line
                                        #   (a 2-line form reads a 2-item list as per line)
      "rhyme": "A?AxA",                 # one token per line: a letter = rhyme group, "x" or "-" =
                                        #   free, a letter followed by "?" = may rhyme (not required);
                                        #   spaces are ignored ("ABAB CDCD EFEF GG")
      "punctuation": "，。，。",          # zh: the mark ending each line (one character per line)
      "punctuation_optional": false,    # true: each mark may also be left out (对联)
      "tones": [["中仄中平仄", ...], ...],  # optional 平仄 patterns, alternatives, one string per line;
                                        #   平 level (tones 1-2), 仄 oblique (3-4, 入声), 中 either
      "description": "...",             # for the writer
      "prompt": "一首五言绝句：..."        # how the form is described to the model
    }

Errors name the file and the field; ``load_forms`` skips a malformed file and reports it.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 reads JSON forms only
    tomllib = None

#: The shipped forms: ``<repo>/assets/forms`` (the same layout app.ui.launch uses for icons).
BUILTIN_FORMS_DIR = Path(__file__).resolve().parents[3] / "assets" / "forms"

Language = Literal["en", "zh", "ja"]
LANGUAGES: tuple[str, ...] = ("en", "zh", "ja")
FORM_SUFFIXES: tuple[str, ...] = (".json", ".toml")
TONE_MARKS = "平仄中"
FREE_RHYME = "x-"

_ID = re.compile(r"[a-z0-9_]+\Z")
_RHYME_TOKEN = re.compile(r"([A-Za-z])(\?)?")
_KNOWN_FIELDS = frozenset(
    {
        "id",
        "name",
        "name_zh",
        "language",
        "lines",
        "stanzas",
        "chars",
        "syllables",
        "rhyme",
        "punctuation",
        "punctuation_optional",
        "tones",
        "description",
        "prompt",
    }
)


class FormError(ValueError):
    """A malformed form file: ``source`` (file path or label), ``field`` (key, or '' for the file)."""

    def __init__(self, source: str, field: str, message: str) -> None:
        self.source = source
        self.field = field
        self.message = message
        where = f"{source}: field '{field}'" if field else source
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class RhymeSlot:
    """The rhyme rule of one line: ``group`` letter ('' = free) and whether it is only optional."""

    group: str = ""
    optional: bool = False


@dataclass(frozen=True)
class Form:
    """One poetic form. Per-line tuples have exactly ``lines`` entries (all empty for free verse).

    Attributes:
        syllables: per line (lo, hi) syllables, inclusive (en; ja counts morae); () if not set.
        chars: per line Han characters (zh); () if not set.
        rhyme: per line RhymeSlot; () if no scheme.
        punctuation: per line end mark (zh), '' if none.
        tones: alternative 平仄 patterns, each one string per line; () if none.
        source: the file the form came from ('' when built in code).
    """

    id: str
    name: str
    language: Language
    lines: int | None
    stanzas: tuple[int, ...] = ()
    syllables: tuple[tuple[int, int], ...] = ()
    chars: tuple[int, ...] = ()
    rhyme: tuple[RhymeSlot, ...] = ()
    punctuation: str = ""
    punctuation_optional: bool = False
    tones: tuple[tuple[str, ...], ...] = ()
    description: str = ""
    prompt: str = ""
    name_zh: str | None = None
    source: str = ""

    @property
    def is_free(self) -> bool:
        """Free verse: no line count (and so no per-line rules)."""
        return self.lines is None

    @property
    def is_cjk_fixed(self) -> bool:
        """Chinese form with a fixed number of Han characters per line (a grammar can enforce it)."""
        return self.language == "zh" and bool(self.chars)

    @property
    def rhyme_scheme(self) -> str:
        """The scheme as written, e.g. 'ABAB CDCD EFEF GG' (stanza breaks as spaces)."""
        tokens = [(s.group or "x") + ("?" if s.optional else "") for s in self.rhyme]
        out: list[str] = []
        start = 0
        for size in self.stanzas or (len(tokens),):
            out.append("".join(tokens[start : start + size]))
            start += size
        return " ".join(t for t in out if t)


@dataclass(frozen=True)
class FormProblem:
    """A form file that was skipped: where, which field ('' = the whole file), and why."""

    source: str
    field: str
    message: str

    def __str__(self) -> str:
        return str(FormError(self.source, self.field, self.message))


@dataclass
class LoadedForms:
    """Forms by id (shipped first, in file-name order, then user files) and skipped files."""

    forms: dict[str, Form] = field(default_factory=dict)
    problems: list[FormProblem] = field(default_factory=list)

    def get(self, form_id: str) -> Form:
        """Raise KeyError for an unknown id."""
        return self.forms[form_id]


def _int(value: Any, source: str, name: str, *, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise FormError(source, name, f"expected an integer >= {minimum}, got {value!r}")
    return value


def _str(value: Any, source: str, name: str, *, allow_empty: bool = True) -> str:
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise FormError(source, name, f"expected a {'non-empty ' if not allow_empty else ''}string")
    return value


def _range(value: Any, source: str, name: str) -> tuple[int, int]:
    if isinstance(value, list) and len(value) == 2:
        lo = _int(value[0], source, name)
        hi = _int(value[1], source, name)
        if lo > hi:
            raise FormError(source, name, f"range {value!r} has lo > hi")
        return lo, hi
    n = _int(value, source, name)
    return n, n


def _per_line(value: Any, lines: int, source: str, name: str, single: Any) -> list[Any]:
    """A per-line list of exactly ``lines`` items, or one value for every line."""
    if isinstance(value, list) and not single(value):
        if len(value) != lines:
            raise FormError(source, name, f"has {len(value)} entries for {lines} lines")
        return value
    return [value] * lines


def _rhyme(value: Any, lines: int, source: str) -> tuple[RhymeSlot, ...]:
    text = "".join(_str(value, source, "rhyme").split())
    slots: list[RhymeSlot] = []
    pos = 0
    while pos < len(text):
        if text[pos] in FREE_RHYME:
            slots.append(RhymeSlot())
            pos += 1
            continue
        match = _RHYME_TOKEN.match(text, pos)
        if match is None:
            raise FormError(source, "rhyme", f"unexpected {text[pos]!r} (use letters, x or -, and ?)")
        slots.append(RhymeSlot(match.group(1).upper(), bool(match.group(2))))
        pos = match.end()
    if len(slots) != lines:
        raise FormError(source, "rhyme", f"scheme {value!r} has {len(slots)} lines, the form has {lines}")
    return tuple(slots)


def parse_form(data: Mapping[str, Any], source: str = "<form>") -> Form:
    """Validate one form's data (a parsed JSON/TOML table). Raises FormError naming the field."""
    if not isinstance(data, Mapping):
        raise FormError(source, "", "expected a table/object at the top level")
    unknown = sorted(set(data) - _KNOWN_FIELDS)
    if unknown:
        raise FormError(source, unknown[0], "unknown field (a typo?)")
    for required in ("id", "name", "language"):
        if required not in data:
            raise FormError(source, required, "missing")
    form_id = _str(data["id"], source, "id")
    if not _ID.match(form_id):
        raise FormError(source, "id", f"{form_id!r} must be lowercase letters, digits and _")
    name = _str(data["name"], source, "name", allow_empty=False)
    language = data["language"]
    if language not in LANGUAGES:
        raise FormError(source, "language", f"{language!r} is not one of {', '.join(LANGUAGES)}")
    name_zh = data.get("name_zh")
    if name_zh is not None:
        name_zh = _str(name_zh, source, "name_zh")
    description = _str(data.get("description", ""), source, "description")
    prompt = _str(data.get("prompt", ""), source, "prompt")
    raw_lines = data.get("lines")
    common: dict[str, Any] = {
        "id": form_id,
        "name": name,
        "language": cast(Language, language),
        "name_zh": name_zh,
        "description": description,
        "prompt": prompt,
        "source": source,
    }
    if raw_lines is None:
        for key in ("stanzas", "chars", "syllables", "rhyme", "punctuation", "tones"):
            if data.get(key):
                raise FormError(source, key, "not allowed in free verse (lines is null)")
        return Form(lines=None, **common)

    lines = _int(raw_lines, source, "lines")
    stanzas: tuple[int, ...] = (lines,)
    if "stanzas" in data:
        raw = data["stanzas"]
        if not isinstance(raw, list) or not raw:
            raise FormError(source, "stanzas", "expected a list of line counts")
        stanzas = tuple(_int(n, source, "stanzas") for n in raw)
        if sum(stanzas) != lines:
            raise FormError(source, "stanzas", f"{list(stanzas)} sums to {sum(stanzas)}, not {lines}")

    syllables: tuple[tuple[int, int], ...] = ()
    chars: tuple[int, ...] = ()
    if language == "zh":
        if "syllables" in data:
            raise FormError(source, "syllables", "Chinese forms count 'chars', not syllables")
        if "chars" in data:
            raw_chars = _per_line(data["chars"], lines, source, "chars", lambda v: False)
            chars = tuple(_int(n, source, "chars") for n in raw_chars)
    else:
        if "chars" in data:
            raise FormError(source, "chars", f"'{language}' forms count 'syllables', not chars")
        if "syllables" in data:

            def is_range(v: list[Any]) -> bool:
                return len(v) == 2 and all(isinstance(n, int) for n in v) and lines != 2

            raw_syl = _per_line(data["syllables"], lines, source, "syllables", is_range)
            syllables = tuple(_range(v, source, "syllables") for v in raw_syl)

    rhyme = _rhyme(data["rhyme"], lines, source) if data.get("rhyme") else ()

    punctuation = _str(data.get("punctuation", ""), source, "punctuation")
    if punctuation and len(punctuation) != lines:
        raise FormError(source, "punctuation", f"has {len(punctuation)} marks for {lines} lines")
    optional = data.get("punctuation_optional", False)
    if not isinstance(optional, bool):
        raise FormError(source, "punctuation_optional", "expected true or false")

    tones: tuple[tuple[str, ...], ...] = ()
    if data.get("tones"):
        raw_tones = data["tones"]
        if isinstance(raw_tones, list) and raw_tones and all(isinstance(t, str) for t in raw_tones):
            raw_tones = [raw_tones]
        if not isinstance(raw_tones, list):
            raise FormError(source, "tones", "expected a list of patterns (lists of strings)")
        if not chars:
            raise FormError(source, "tones", "needs 'chars' (tonal patterns are for Chinese forms)")
        parsed: list[tuple[str, ...]] = []
        for k, pattern in enumerate(raw_tones):
            if not isinstance(pattern, list) or len(pattern) != lines:
                raise FormError(source, "tones", f"pattern {k + 1} must list {lines} strings")
            for i, line in enumerate(pattern):
                if not isinstance(line, str) or len(line) != chars[i] or set(line) - set(TONE_MARKS):
                    raise FormError(
                        source,
                        "tones",
                        f"pattern {k + 1} line {i + 1}: {line!r} must be {chars[i]} of {TONE_MARKS}",
                    )
            parsed.append(tuple(pattern))
        tones = tuple(parsed)

    return Form(
        lines=lines,
        stanzas=stanzas,
        syllables=syllables,
        chars=chars,
        rhyme=rhyme,
        punctuation=punctuation,
        punctuation_optional=optional,
        tones=tones,
        **common,
    )


def read_form_file(path: Path) -> Form:
    """Parse one ``.json`` or ``.toml`` form file (UTF-8). Raises FormError (also for bad syntax)."""
    source = str(path)
    try:
        if path.suffix == ".toml":
            if tomllib is None:  # pragma: no cover
                raise FormError(source, "", "TOML forms need Python 3.11 (use JSON)")
            with open(path, "rb") as fh:
                data: Any = tomllib.load(fh)
        else:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError, TOMLDecodeError
        raise FormError(source, "", f"cannot read: {exc}") from exc
    return parse_form(data, source)


def load_forms(extra_dirs: Iterable[Path | str] = (), *, builtin_dir: Path | None = None) -> LoadedForms:
    """The shipped forms plus those in ``extra_dirs`` (each ``*.json``/``*.toml``, by file name).

    A later file with the same id replaces the earlier one (so a user file can adjust a shipped
    form). A malformed file is skipped and reported in ``problems``; a missing folder is ignored.
    """
    result = LoadedForms()
    folders = [builtin_dir or BUILTIN_FORMS_DIR, *(Path(d) for d in extra_dirs)]
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.iterdir() if p.suffix in FORM_SUFFIXES and p.is_file()):
            try:
                form = read_form_file(path)
            except FormError as exc:
                result.problems.append(FormProblem(exc.source, exc.field, exc.message))
                continue
            result.forms.pop(form.id, None)
            result.forms[form.id] = form
    return result
