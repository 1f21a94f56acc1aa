"""A measured fix for a cost PySide6 adds to every later import.

Once ``PySide6.QtCore`` is imported, PySide6 asks after each import whether the new module's
source mentions "PySide6" (``shibokensupport/feature.py``: ``feature_imported`` ->
``_mod_uses_pyside``, PYSIDE-2029; it decides which modules ``from __feature__ import
snake_case`` may switch). It reads the source with ``inspect.getsource``, which keeps the
text of every such module in :mod:`linecache` for the life of the process: 4.8 MiB of
Penwright's window process by the time the model is ready (``tracemalloc``, grouped by
file; ``tests/benchmarks/bench_startup.py`` measures the peak RSS). napari's issue #8584
traces the same cost.

:func:`install` answers the same question from the file's bytes without keeping them.
Penwright uses no ``__feature__`` switches, so nothing else changes; if PySide6 no longer
has that function, nothing is replaced.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType

_MARK = "_penwright_reads_bytes"


def install() -> bool:
    """Replace PySide6's source check (idempotent). Returns whether it is in place."""
    import PySide6.QtCore  # noqa: F401 - the check exists once Qt is imported

    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None:
        return False
    if getattr(original, _MARK, False):
        return True

    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)  # built-in, compiled or zipped: PySide's own answer
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    setattr(mod_uses_pyside, _MARK, True)
    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[attr-defined]
    linecache.clearcache()  # what the check kept before this point (Qt's own imports)
    return True
