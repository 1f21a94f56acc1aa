"""The Qt user interface: the only package that imports PySide6.

Importing it first stops PySide6 keeping the source of every later module in memory
(:mod:`app.ui.qt_imports`)."""

from app.ui.qt_imports import install as _install_import_check

_install_import_check()
