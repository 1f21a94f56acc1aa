"""PySide6's per-import check (does this module use PySide6?) no longer keeps every
module's source text in memory (app.ui.qt_imports), and still gives PySide's answers."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import pytest

from app.ui import qt_imports


def test_modules_imported_after_qt_leave_no_source_in_linecache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert qt_imports.install()  # idempotent: app.ui installed it already
    feature = sys.modules["shibokensupport.feature"]
    uses = tmp_path / "pw_uses_qt.py"
    uses.write_text("from PySide6.QtCore import QObject\nVALUE = 1\n" + "# padding\n" * 500)
    plain = tmp_path / "pw_plain.py"
    plain.write_text("VALUE = 2\n" + "# padding\n" * 500)
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        exec("import pw_uses_qt, pw_plain")  # an import statement: PySide hooks __import__
        assert str(uses) not in linecache.cache and str(plain) not in linecache.cache
        # PySide's own classification: a module naming PySide6 may use __feature__, others not
        assert feature.pyside_feature_dict["pw_uses_qt"] == 0
        assert feature.pyside_feature_dict["pw_plain"] == -1
    finally:
        for name in ("pw_uses_qt", "pw_plain"):
            sys.modules.pop(name, None)
            feature.pyside_feature_dict.pop(name, None)
