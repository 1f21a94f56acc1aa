"""Paths, settings and the SQLite history. Qt-free."""
