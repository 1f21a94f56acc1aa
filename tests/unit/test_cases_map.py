"""Every case id a test cites (C01, C14, ...) has its line in ``tests/CASES.md``, so the ids
explain themselves to a newcomer."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def test_every_cited_case_id_is_explained_in_cases_md() -> None:
    cited: dict[str, str] = {}
    for path in sorted(TESTS.rglob("*.py")):
        for case in re.findall(r"\b[Cc](\d\d)(?:_|\b)", path.read_text(encoding="utf-8")):
            cited.setdefault(f"C{case}", str(path.relative_to(TESTS)))
    table = (TESTS / "CASES.md").read_text(encoding="utf-8")
    explained = dict(re.findall(r"^\| (C\d\d) \| ([^|]+) \|", table, flags=re.MULTILINE))
    assert len(cited) >= 15  # the scan finds the ids (a broken regex would find none)
    missing = {case: where for case, where in cited.items() if not explained.get(case, "").strip()}
    assert not missing, f"cited in tests but not explained in tests/CASES.md: {missing}"
