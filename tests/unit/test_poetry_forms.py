"""Forms as data: the shipped files load, user folders add and override, bad files are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.poetry.forms import BUILTIN_FORMS_DIR, FormError, RhymeSlot, load_forms, parse_form
from app.core.prompts import POEM_FORMS

SHIPPED = {
    "free_verse",
    "haiku",
    "haiku_ja",
    "tanka",
    "limerick",
    "sonnet",
    "wuyan_jueju",
    "qiyan_jueju",
    "wuyan_lushi",
    "qiyan_lushi",
    "duilian",
}


def test_shipped_forms_load_without_problems() -> None:
    loaded = load_forms()
    assert loaded.problems == []
    assert set(loaded.forms) == SHIPPED
    # The pane's form keys keep working.
    assert {f.key for f in POEM_FORMS} <= set(loaded.forms)
    # One file per form, named after its id.
    assert {p.stem for p in BUILTIN_FORMS_DIR.glob("*.json")} == SHIPPED


def test_shipped_form_contents() -> None:
    forms = load_forms().forms
    assert forms["free_verse"].lines is None and forms["free_verse"].is_free
    haiku = forms["haiku"]
    assert haiku.language == "en" and haiku.syllables == ((5, 5), (7, 7), (5, 5))
    assert forms["tanka"].syllables == ((5, 5), (7, 7), (5, 5), (7, 7), (7, 7))
    limerick = forms["limerick"]
    assert limerick.syllables == ((8, 9), (8, 9), (5, 6), (5, 6), (8, 9))
    assert limerick.rhyme_scheme == "AABBA"
    sonnet = forms["sonnet"]
    assert sonnet.lines == 14 and sonnet.stanzas == (4, 4, 4, 2)
    assert sonnet.syllables == ((10, 10),) * 14
    assert sonnet.rhyme_scheme == "ABAB CDCD EFEF GG"
    jueju = forms["wuyan_jueju"]
    assert jueju.name_zh == "五言绝句" and jueju.chars == (5, 5, 5, 5)
    assert jueju.punctuation == "，。，。"
    assert jueju.rhyme == (RhymeSlot("A", True), RhymeSlot("A"), RhymeSlot(), RhymeSlot("A"))
    assert len(jueju.tones) == 4 and all(len(line) == 5 for p in jueju.tones for line in p)
    assert forms["qiyan_jueju"].chars == (7,) * 4
    assert forms["wuyan_lushi"].chars == (5,) * 8 and forms["qiyan_lushi"].chars == (7,) * 8
    couplet = forms["duilian"]
    assert couplet.lines == 2 and couplet.chars[0] == couplet.chars[1]
    assert couplet.punctuation == "，。" and couplet.punctuation_optional
    assert forms["haiku_ja"].language == "ja"
    for form in forms.values():
        assert form.prompt and form.description, form.id


def _write(folder: Path, name: str, data: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False) if not isinstance(data, str) else data, "utf-8")
    return path


def test_user_folder_adds_overrides_and_reports(tmp_path: Path) -> None:
    user = tmp_path / "config" / "forms"
    _write(
        user,
        "cinquain.toml",
        'id = "cinquain"\nname = "Cinquain"\nlanguage = "en"\nlines = 5\nsyllables = [2, 4, 6, 8, 2]\n'
        'description = "Adelaide Crapsey\'s form"\nprompt = "a cinquain"\n',
    )
    _write(user, "haiku.json", {"id": "haiku", "name": "Loose haiku", "language": "en", "lines": 3})
    _write(user, "broken.json", "{not json")
    _write(user, "typo.json", {"id": "x", "name": "X", "language": "en", "lines": 2, "sylables": 5})
    _write(user, "notes.txt", "ignored")
    loaded = load_forms([user, tmp_path / "missing"])
    assert loaded.get("cinquain").syllables == ((2, 2), (4, 4), (6, 6), (8, 8), (2, 2))
    assert loaded.get("haiku").name == "Loose haiku"  # the user's file wins
    assert "x" not in loaded.forms
    problems = {Path(p.source).name: p for p in loaded.problems}
    assert set(problems) == {"broken.json", "typo.json"}
    assert problems["typo.json"].field == "sylables"
    assert "typo.json" in str(problems["typo.json"]) and "sylables" in str(problems["typo.json"])
    assert "cannot read" in problems["broken.json"].message


BASE = {"id": "f", "name": "F", "language": "zh", "lines": 4, "chars": 5}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": "Bad Id"}, "id"),
        ({"language": "fr"}, "language"),
        ({"lines": 0}, "lines"),
        ({"stanzas": [2, 1]}, "stanzas"),
        ({"chars": [5, 5, 5]}, "chars"),
        ({"syllables": 5}, "syllables"),
        ({"rhyme": "AAB"}, "rhyme"),
        ({"rhyme": "A1AA"}, "rhyme"),
        ({"punctuation": "，。"}, "punctuation"),
        ({"punctuation_optional": "yes"}, "punctuation_optional"),
        ({"tones": [["平平仄仄平"] * 3]}, "tones"),
        ({"tones": [["平平仄仄X"] * 4]}, "tones"),
        ({"name": ""}, "name"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_malformed_forms_name_the_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(FormError) as info:
        parse_form({**BASE, **change}, "my.json")
    assert info.value.field == field
    assert str(info.value).startswith("my.json: field")


def test_missing_and_free_verse_rules() -> None:
    with pytest.raises(FormError) as info:
        parse_form({"id": "a", "name": "A", "lines": 3}, "a.json")
    assert info.value.field == "language"
    with pytest.raises(FormError) as info:
        parse_form({"id": "a", "name": "A", "language": "en", "rhyme": "AA"}, "a.json")
    assert info.value.field == "rhyme"  # free verse (no lines) cannot have a scheme
    with pytest.raises(FormError):
        parse_form({**BASE, "language": "en"}, "a.json")  # English counts syllables, not chars


def test_parse_form_shapes() -> None:
    form = parse_form(
        {
            "id": "quatrain",
            "name": "Quatrain",
            "language": "en",
            "lines": 4,
            "stanzas": [2, 2],
            "syllables": [8, [6, 7], 8, [6, 7]],
            "rhyme": "a b - B",
        }
    )
    assert form.syllables == ((8, 8), (6, 7), (8, 8), (6, 7))
    assert form.rhyme == (RhymeSlot("A"), RhymeSlot("B"), RhymeSlot(), RhymeSlot("B"))
    assert form.rhyme_scheme == "AB xB"
    one_range = {"id": "r", "name": "R", "language": "en", "lines": 3, "syllables": [7, 9]}
    assert parse_form(one_range).syllables == ((7, 9),) * 3  # [lo, hi] for every line
    two_lines = {**one_range, "lines": 2}
    assert parse_form(two_lines).syllables == ((7, 7), (9, 9))  # a 2-line form reads it per line
