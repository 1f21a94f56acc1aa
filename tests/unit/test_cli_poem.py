"""``penwright check-poem`` and ``penwright forms``: the real CLI, no model, no engine host."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parents[2]

HAIKU = "An old silent pond\nA frog jumps into the pond\nSplash! Silence again.\n"
# line 2 has 8 syllables, line 3 only 1
BAD_HAIKU = "An old silent pond\nA frog jumps into the deep pond\nSplash!\n"
# 登鹳雀楼 (王之涣): 5 Han characters a line, 流/楼 rhyme, the right marks and 平仄
JUEJU = "白日依山尽，黄河入海流。\n欲穷千里目，更上一层楼。\n"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throwaway PENWRIGHT_HOME; the poetry commands must leave it untouched (no runtime)."""
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("PENWRIGHT_HOME", str(path))
    return path


def _poem(tmp_path: Path, text: str, name: str = "poem.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _run(*args: str, stdin: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PENWRIGHT_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_a_5_7_5_haiku_from_stdin_conforms(home: Path) -> None:
    result = _run("check-poem", "--form", "haiku", stdin=HAIKU, home=home)
    assert result.returncode == EXIT_OK, result.stdout + result.stderr
    rows = [line.split() for line in result.stdout.splitlines() if line[:1].isdigit()]
    assert [row[1] for row in rows] == ["5/5", "7/7", "5/5"]
    assert all("✓" in row for row in rows)
    assert "rhyme" not in result.stdout.splitlines()[1]  # a haiku has no rhyme scheme
    assert "Conformity: 100%" in result.stdout and "✓ conforms" in result.stdout
    assert list(home.iterdir()) == []  # no runtime: no settings, no model library, no logs


def test_a_wrong_haiku_fails_and_shows_the_bad_counts(home: Path, tmp_path: Path, capsys) -> None:
    code = main(["check-poem", "--form", "haiku", _poem(tmp_path, BAD_HAIKU)])
    out = capsys.readouterr().out
    assert code == EXIT_FAILED
    lines = out.splitlines()
    row2 = next(line for line in lines if line.startswith("2 "))
    row3 = next(line for line in lines if line.startswith("3 "))
    assert "8/7" in row2 and "✗" in row2
    assert "1/5" in row3 and "✗" in row3
    assert "8 syllables, the form wants 7" in out
    assert "1 syllable, the form wants 5" in out
    assert "✗ does not conform" in out
    assert "Conformity: 100%" not in out


def test_a_wuyan_jueju_counts_characters(home: Path, tmp_path: Path, capsys) -> None:
    code = main(["check-poem", "--form", "wuyan_jueju", _poem(tmp_path, JUEJU)])
    out = capsys.readouterr().out
    assert code == EXIT_OK, out
    assert "characters" in out and "syllables" not in out
    # the poem is two text lines; the checker splits it into four verses of five characters
    rows = [line.split() for line in out.splitlines() if line[:1].isdigit()]
    assert [row[1] for row in rows] == ["5/5"] * 4
    assert rows[1][2:4] == ["A", "ou"]  # 流 and 楼 share the rhyme group ou
    assert "Rhyme A?AxA: ✓" in out


def test_a_wuyan_jueju_line_too_long_and_a_missing_mark(home: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("白日依山尽了，黄河入海流。\n欲穷千里目，更上一层楼\n"))
    code = main(["check-poem", "--form", "wuyan_jueju"])
    out = capsys.readouterr().out
    assert code == EXIT_FAILED
    assert "6 characters, the form wants 5" in out
    assert "end mark: the form wants “。”" in out


def test_unknown_form_is_a_usage_error_listing_the_ids(home: Path) -> None:
    result = _run("check-poem", "--form", "villanelle", stdin=HAIKU, home=home)
    assert result.returncode == EXIT_USAGE
    assert "villanelle" in result.stderr
    for form_id in ("haiku", "sonnet", "wuyan_jueju", "limerick"):
        assert f"\n{form_id}\t" in result.stderr
    assert result.stdout == ""


def test_form_omitted_lists_the_forms(home: Path, capsys) -> None:
    assert main(["check-poem"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "--form" in err and "haiku\tHaiku" in err


def test_forms_lists_shipped_and_user_forms(home: Path, capsys) -> None:
    forms_dir = home / "config" / "forms"
    forms_dir.mkdir(parents=True)
    mine = {"id": "couplet_en", "name": "Heroic couplet", "language": "en", "lines": 2, "rhyme": "AA"}
    (forms_dir / "couplet.json").write_text(json.dumps(mine), encoding="utf-8")
    assert main(["forms"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "wuyan_jueju\tFive-character quatrain (五言绝句)" in out
    assert "couplet_en\tHeroic couplet" in out


def test_missing_file_and_empty_poem_are_usage_errors(home: Path, tmp_path: Path, capsys) -> None:
    assert main(["check-poem", "--form", "haiku", str(tmp_path / "nope.txt")]) == EXIT_USAGE
    assert "nope.txt" in capsys.readouterr().err
    assert main(["check-poem", "--form", "haiku", _poem(tmp_path, "\n \n")]) == EXIT_USAGE
    assert "empty" in capsys.readouterr().err
