"""Text in and out of the terminal whatever the locale says (C24).

Under ``LANG=C`` (or any locale whose encoding is not UTF-8) Python may decode the command
line and file names with ASCII (``surrogateescape``: bytes it cannot decode become lone
surrogates, U+DC80-U+DCFF) and encode what is printed with ASCII: a Chinese answer then
raises UnicodeEncodeError, and a question typed as 你好 reaches the model and SQLite as
surrogates ("surrogates not allowed"). Penwright's files and terminal text are UTF-8:

- :func:`setup_console` makes stdin/stdout/stderr UTF-8 and never fatal: a file name's
  undecodable bytes are written back as they were, any other unwritable character as ``?``;
- :func:`text_arg` turns a command-line text back into what was typed (the UTF-8 bytes
  the terminal sent), for texts only: a path keeps its form, the one the file system
  functions understand under this locale.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys

#: The error handler registered by :func:`setup_console`.
ERRORS = "penwright-console"
_UNICODE = ("utf-8", "utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def _escape_or_replace(exc: UnicodeError) -> tuple[str | bytes, int]:
    """Encode errors: a ``surrogateescape`` surrogate becomes its original byte (a file
    name's own bytes), anything else ``?``. Decode errors: U+FFFD."""
    if isinstance(exc, UnicodeEncodeError):
        out = bytearray()
        for char in exc.object[exc.start : exc.end]:
            code = ord(char)
            out += bytes([code - 0xDC00]) if 0xDC80 <= code <= 0xDCFF else b"?"
        return bytes(out), exc.end
    if isinstance(exc, UnicodeDecodeError):
        return "\ufffd", exc.end
    raise exc


def _is_unicode(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "ascii").name in _UNICODE
    except LookupError:
        return False


def setup_console() -> None:
    """Make the standard streams UTF-8 (where the locale's encoding is not a Unicode one)
    with errors that never raise. Streams that cannot be changed (a test's StringIO, a
    closed stream) are left as they are."""
    register_errors()
    _reconfigure()


def register_errors() -> None:
    """Register the :data:`ERRORS` handler (once)."""
    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _escape_or_replace)


def _reconfigure() -> None:
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        with contextlib.suppress(ValueError, OSError, AttributeError):
            if _is_unicode(getattr(stream, "encoding", None)):
                reconfigure(errors=ERRORS)
            else:
                reconfigure(encoding="utf-8", errors=ERRORS)


def text_arg(text: str) -> str:
    """A command-line text as typed: lone surrogates (bytes the locale could not decode)
    are decoded again as UTF-8; bytes that are not UTF-8 become U+FFFD. Use it for texts
    (a question, a system prompt), never for paths."""
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return text
    try:
        raw = os.fsencode(text)
    except UnicodeEncodeError:  # surrogates that no decoding made: drop them
        return text.encode("utf-8", "replace").decode("utf-8")
    return raw.decode("utf-8", "replace")
