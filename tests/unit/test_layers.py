"""Layers stay clean: nothing outside app.ui imports Qt (import-linter, as napari does)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Only app.ui imports Qt KEPT" in result.stdout


def test_qt_free_packages_import_with_pyside6_blocked() -> None:
    code = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
        "import app.core.types, app.core.prompts, app.engines.base, app.engines.local,"
        " app.engines.local.host, app.library.models, app.library.gguf, app.storage.history,"
        " app.storage.settings, app.services, app.runtime, app.cli\n"
        "print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
