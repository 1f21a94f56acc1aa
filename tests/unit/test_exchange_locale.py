"""C24 for files: exports are written, and imports read, as UTF-8 whatever the locale."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

TEXT = "😀 你好 naïve"
ROOT = Path(__file__).resolve().parents[2]

# Runs in a child Python under the C locale with UTF-8 mode off, so that open() without an
# encoding would use ASCII; prints only ASCII (json.dumps escapes the rest).
_SCRIPT = """
import json, locale, sys
from pathlib import Path
from app.storage import exchange
from app.storage.history import HistoryStore

text = json.loads(sys.argv[2])
out = Path(sys.argv[1])
store = HistoryStore(out / "a.sqlite3")
cid = store.create_conversation("chat", text)
question = store.add_message(cid, "user", text)
store.add_message(cid, "assistant", text, question)
for suffix in ("json", "md", "html"):
    exchange.write_export(store, out / ("export." + suffix), [cid])
again = HistoryStore(out / "b.sqlite3")
(new,) = exchange.import_file(again, out / "export.json")
print(json.dumps({
    "encoding": locale.getpreferredencoding(False),
    "utf8_mode": sys.flags.utf8_mode,
    "title": again.get_conversation(new).title,
    "messages": [m.content for m in again.thread(new)],
}))
"""


def test_c24_export_and_import_under_the_c_locale_keep_the_text(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"}
    env.pop("PYTHONIOENCODING", None)
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(tmp_path), json.dumps(TEXT)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    result = json.loads(proc.stdout.decode("ascii"))
    # The child really ran with an ASCII locale encoding (else this test proves nothing).
    assert result["utf8_mode"] == 0
    assert codecs.lookup(result["encoding"]).name != "utf-8"
    assert result["title"] == TEXT
    assert result["messages"] == [TEXT, TEXT]
    for suffix in ("json", "md", "html"):
        written = (tmp_path / f"export.{suffix}").read_bytes().decode("utf-8")
        assert TEXT in written, suffix
