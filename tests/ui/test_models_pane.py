"""The Models pane on real files: metadata, import (copy and in place), rename, remove,
per-model settings that really reach llama.cpp, and C08 (the window stays responsive)."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import struct
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.library.models import DEFAULT_MODEL_ID
from app.ui.main_window import ADD_MODEL, MANAGE_PROVIDERS, PROVIDER, MainWindow
from tests.helpers.fake_hub import FakeHub
from tests.ui.conftest import REPLY_TIMEOUT_MS


def rows(window: MainWindow) -> dict[str, list[str]]:
    table = window.models.table
    out = {}
    for i in range(table.topLevelItemCount()):
        item = table.topLevelItem(i)
        assert item is not None
        out[item.text(0)] = [item.text(c) for c in range(table.columnCount())]
    return out


def test_models_pane_lists_metadata_without_loading(qtbot: QtBot, window: MainWindow) -> None:
    window.show_pane(5)
    models = window.models
    qtbot.waitUntil(lambda: not models._reading and bool(models.summaries), timeout=60_000)
    row = rows(window)["SmolLM2 135M Instruct (Q4_1)"]
    assert row[1:8] == ["llama", "135 M", "Q4_1", "98.4 MB", "8,192", "yes", row[7]]
    assert "at n_ctx 4096" in row[7]
    qtbot.waitUntil(
        lambda: "CPU only" in models.gpu.text() or "can offload" in models.gpu.text(), timeout=30_000
    )
    if "CPU only" in models.gpu.text():
        assert "-DGGML_CUDA=on" in models.gpu.text()


def picker_models(window: MainWindow) -> list[str]:
    """The model ids in the status bar's picker (not its separators and actions)."""
    box = window.model_box
    data = [box.itemData(i) for i in range(box.count())]
    return [d for d in data if d and d not in (ADD_MODEL, MANAGE_PROVIDERS) and not d.startswith(PROVIDER)]


def test_import_copy_and_in_place_rename_and_remove(
    qtbot: QtBot, window: MainWindow, model_without_template: Path
) -> None:
    window.show_pane(5)
    models, library = window.models, window.runtime.library
    models.import_files([str(model_without_template)], copy=False)
    qtbot.waitUntil(lambda: library.find_by_path(model_without_template) is not None, timeout=60_000)
    in_place = library.find_by_path(model_without_template)
    assert in_place is not None and Path(in_place.path) == model_without_template.resolve()
    models.import_files([str(model_without_template)], copy=True)
    qtbot.waitUntil(lambda: any(e.source == "copy" for e in library.entries()), timeout=60_000)
    qtbot.waitUntil(lambda: len(picker_models(window)) == 3, timeout=60_000)
    copied = [e for e in library.entries() if e.source == "copy"]
    assert len(copied) == 1 and Path(copied[0].path).parent == window.runtime.paths.models_dir
    assert Path(copied[0].path).read_bytes()[:4] == b"GGUF"
    # the window's model picker knows them
    assert window.model_box.findData(copied[0].id) >= 0
    library.rename(copied[0].id, "Base copy 基础")
    models.refresh()
    assert "Base copy 基础" in rows(window)
    models.select(copied[0].id)
    models.remove_selected(delete_file=False)  # the file stays in the models folder...
    assert Path(copied[0].path).exists() and library.get(copied[0].id) is None
    models.refresh()  # ...and a rescan does not bring it back
    assert library.find_by_path(Path(copied[0].path)) is None and "Base copy 基础" not in rows(window)
    models.import_files([copied[0].path], copy=False)  # unless the user adds it again
    qtbot.waitUntil(lambda: library.find_by_path(Path(copied[0].path)) is not None, timeout=30_000)
    again = library.find_by_path(Path(copied[0].path))
    assert again is not None
    models.refresh()
    models.select(again.id)
    models.remove_selected(delete_file=True)
    assert not Path(copied[0].path).exists() and library.get(again.id) is None
    models.select(in_place.id)
    models.remove_selected(delete_file=True)  # outside the models folder: never deleted
    assert model_without_template.exists() and library.get(in_place.id) is None


def test_per_model_settings_reach_llama_cpp(qtbot: QtBot, window: MainWindow) -> None:
    window.show_pane(5)
    models = window.models
    models.select(DEFAULT_MODEL_ID)
    models.n_ctx.setValue(1024)
    models.template.setCurrentIndex(models.template.findData("gemma"))
    with qtbot.waitSignal(window.hub.model_loaded, timeout=REPLY_TIMEOUT_MS) as blocker:
        models.apply.click()
    info = blocker.args[0]
    assert info.n_ctx == 1024 and info.template_source == "override:gemma"
    assert "n_ctx 1024" in window.backend_label.text()
    assert "your override (gemma)" in window.inspector.model_info.text()
    saved = window.runtime.settings.model(DEFAULT_MODEL_ID)
    assert saved.n_ctx == 1024 and saved.chat_template == "gemma"


def test_c08_window_responds_while_a_model_loads(qtbot: QtBot, window: MainWindow) -> None:
    """C08: switch panes, delete a conversation and open the Models pane while loading."""
    cid = window.store.create_conversation("chat", "to delete")
    window.show_pane(5)
    with qtbot.waitSignal(window.hub.model_loaded, timeout=REPLY_TIMEOUT_MS):
        window.models.select(DEFAULT_MODEL_ID)
        window.models.load_selected()
        assert window.progress.isVisible()
        for index in (1, 2, 4, 5):
            window.show_pane(index)
        window.show_pane(4)
        window.history.refresh()
        window.history.tree.setCurrentItem(window.history.tree.topLevelItem(0))
        window.history.delete_selected(confirm=False)
        assert window.store.get_conversation(cid) is None
    assert not window.progress.isVisible()


def test_download_from_a_hub_with_progress_cancel_and_resume(
    qtbot: QtBot, window: MainWindow, model_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Models pane downloads a real GGUF from a Hub-protocol server on 127.0.0.1:
    progress and speed are shown, Cancel stops it, starting again resumes, and the model
    joins the library and loads. Cancel comes after 2 MB of the 98 MB sent at 2 MB/s: a
    download that ends before it would need the test held back for 48 s."""
    data = model_path.read_bytes()
    window.show_pane(5)
    models = window.models
    with FakeHub() as hub:
        hub.add_file("penwright/tiny", "tiny.gguf", data)
        hub.bytes_per_second = 2e6  # about 50 s for 98 MB
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        models.repo_id.setText("penwright/tiny")
        models.repo_file.setText("tiny.gguf")
        models.download_button.click()
        qtbot.waitUntil(
            lambda: getattr(models.last_download_progress, "downloaded_bytes", 0) > 2_000_000, timeout=60_000
        )
        assert models.download_progress.isVisible() and "/s" in models.download_status.text()
        models.download_button.click()  # Cancel
        qtbot.waitUntil(lambda: not models.downloading(), timeout=30_000)
        assert "resume" in models.download_status.text()
        hub.bytes_per_second = 0  # full speed
        with qtbot.waitSignal(models.library_changed, timeout=60_000):
            models.download_button.click()
        assert any(r.range_start for r in hub.content_gets()), "the second download did not resume"
    downloaded = window.runtime.paths.models_dir / "tiny.gguf"
    assert downloaded.read_bytes() == data
    entry = window.runtime.library.find_by_path(downloaded)
    assert entry is not None and models.selected_entry() == entry
    with qtbot.waitSignal(window.hub.model_loaded, timeout=60_000):
        models.load_selected()


def test_a_chosen_folder_joins_the_library(
    qtbot: QtBot, window: MainWindow, model_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "my models 我的模型"
    (folder / "sub").mkdir(parents=True)
    os.link(model_path, folder / "sub" / "linked copy.gguf")
    window.show_pane(5)
    window.models.add_folder(folder)
    linked = folder / "sub" / "linked copy.gguf"
    qtbot.waitUntil(lambda: "linked copy" in rows(window), timeout=30_000)  # scanned off the GUI thread
    entry = window.runtime.library.find_by_path(linked)
    assert entry is not None
    assert str(folder.resolve()) in window.runtime.settings.library_folders


def test_c08_the_load_can_be_cancelled_from_the_status_bar(
    qtbot: QtBot, window: MainWindow, model_without_template: Path
) -> None:
    """The load cannot end by itself (its host is stopped), so waiting up to 60 s for it to
    begin (it takes milliseconds) costs nothing when all is well."""
    previous = window.hub.model
    pid = window.hub.engine.host_pid
    assert previous is not None and pid is not None
    os.kill(pid, signal.SIGSTOP)  # a load that takes long (a large model on a slow disk)
    with qtbot.waitSignal(window.hub.load_failed, timeout=REPLY_TIMEOUT_MS) as blocker:
        window.add_model_file(str(model_without_template))
        qtbot.waitUntil(lambda: window.hub.engine._loading, timeout=60_000)
        assert window.cancel_load_button.isVisible()
        window.cancel_load_button.click()
    assert "cancelled" in blocker.args[0]
    assert window.hub.model is not None and window.hub.model.path == previous.path
    assert not window.cancel_load_button.isVisible()
    assert window.runtime.library.find_by_path(model_without_template) is None


def bad_files(model_path: Path, folder: Path) -> dict[str, Path]:
    """C09/C10 inputs: random bytes, a GGUF header followed by junk, and the first 10 MB
    of the default model (``head -c``). The junk is the same bytes every run (seeded), so
    which damage it shows cannot vary."""
    folder.mkdir(parents=True, exist_ok=True)
    noise, junk, cut = folder / "rand.gguf", folder / "hdr.gguf", folder / "cut.gguf"
    noise.write_bytes(b"\x00" + os.urandom(30_000))
    junk.write_bytes(b"GGUF" + struct.pack("<I", 3) + random.Random(3).randbytes(30_000))
    with open(model_path, "rb") as src:
        cut.write_bytes(src.read(10_000_000))
    return {"rand": noise, "hdr": junk, "cut": cut}


def import_and_wait(qtbot: QtBot, window: MainWindow, paths: list[Path], copy: bool) -> str:
    """Import through the pane as the dialog or a drop does; the status-bar notice."""
    models = window.models
    with qtbot.waitSignal(models.import_finished, timeout=120_000):
        models.import_files([str(p) for p in paths], copy=copy)
    return window.message_label.text()


def test_c09_c10_damaged_and_non_gguf_files_are_refused_at_import(
    qtbot: QtBot, window: MainWindow, model_path: Path, tmp_path: Path
) -> None:
    """C09, C10: each bad file is refused with its reason before anything is copied."""
    window.show_pane(5)
    models, library = window.models, window.runtime.library
    before = library.entries()
    folder_before = sorted(window.runtime.paths.models_dir.iterdir())
    files = bad_files(model_path, tmp_path / "bad")
    reasons = {
        "rand": "“rand.gguf” is not a GGUF model file. Choose a .gguf file.",
        "hdr": "“hdr.gguf” is incomplete or damaged. Choose another file. Its metadata cannot be read.",
        "cut": "“cut.gguf” is incomplete or damaged. Choose another file. "
        "The file has 10.0 MB; its tensor data needs 98.4 MB.",
    }
    for key, path in files.items():
        notice = import_and_wait(qtbot, window, [path], copy=True)
        assert notice == f"1 refused: {path.name}"
        assert models.message.isVisible()
        assert models.message.text().splitlines() == [notice, reasons[key]]
        assert library.entries() == before
        assert sorted(window.runtime.paths.models_dir.iterdir()) == folder_before  # no copy, no .part
        assert path.name.removesuffix(".gguf") not in rows(window)


def test_a_batch_imports_the_good_file_and_names_the_bad_ones(
    qtbot: QtBot, window: MainWindow, model_path: Path, tmp_path: Path
) -> None:
    """One good and two bad files in one import: the good one joins the library with its
    columns filled; the others are named with their reasons. Later, the good file is cut
    short on disk: its row says it is damaged, the full text in the tooltip."""
    window.show_pane(5)
    models, library = window.models, window.runtime.library
    files = bad_files(model_path, tmp_path / "bad")
    good = tmp_path / "good model.gguf"
    shutil.copyfile(model_path, good)  # a real copy: it is cut short below
    notice = import_and_wait(qtbot, window, [files["rand"], good, files["cut"]], copy=False)
    assert notice == "Imported 1 model(s); 2 refused: rand.gguf, cut.gguf"
    lines = models.message.text().splitlines()
    assert lines[0] == notice and len(lines) == 3
    assert lines[1].startswith("“rand.gguf” is not a GGUF model file")
    assert lines[2].startswith("“cut.gguf” is incomplete or damaged")
    entry = library.find_by_path(good)
    assert entry is not None and [e.path for e in library.entries()].count(str(good.resolve())) == 1
    assert {e.name for e in library.entries()} == {"SmolLM2 135M Instruct (Q4_1)", "good model"}
    qtbot.waitUntil(lambda: not models._reading, timeout=60_000)
    row = rows(window)["good model"]
    assert row[1:4] == ["llama", "135 M", "Q4_1"] and "at n_ctx 4096" in row[7]

    with open(good, "r+b") as fh:  # the file is damaged after it joined the library
        fh.truncate(20_000_000)
    models.refresh()
    qtbot.waitUntil(lambda: rows(window)["good model"][7].startswith("damaged"), timeout=60_000)
    assert rows(window)["good model"][7] == "damaged: incomplete, 20.0 MB of 98.4 MB"
    item = next(
        models.table.topLevelItem(i)
        for i in range(models.table.topLevelItemCount())
        if models.table.topLevelItem(i).text(0) == "good model"  # type: ignore[union-attr]
    )
    assert item is not None
    assert item.toolTip(7) == (
        "“good model.gguf” is incomplete or damaged. Choose another file. "
        "The file has 20.0 MB; its tensor data needs 98.4 MB."
    )


def shown_text_fits(label: object) -> bool:
    """The label's text is drawn whole (not clipped) in its width."""
    from PySide6.QtWidgets import QLabel

    assert isinstance(label, QLabel)
    return label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()


def test_c09_a_failed_load_keeps_the_loaded_model_s_name_in_view(
    qtbot: QtBot, window: MainWindow, model_path: Path, tmp_path: Path
) -> None:
    """C09: the status bar's text fits its label and names the model still loaded; the
    tooltip and the Models pane hold the whole text. A picked file is not "downloaded
    again"; a damaged download is."""
    loaded = "SmolLM2 135M Instruct (Q4_1)"
    label = window.message_label
    label.setMaximumWidth(600)  # a crowded status bar: a long model name, a large font
    qtbot.waitUntil(lambda: label.width() <= 600, timeout=60_000)
    cut = bad_files(model_path, tmp_path / "bad")["cut"]
    window.show_pane(5)
    with qtbot.waitSignal(window.hub.load_failed, timeout=REPLY_TIMEOUT_MS):
        window.add_model_file(str(cut))
    full = f"“cut.gguf” is incomplete or damaged. Choose another file. {loaded} is still loaded."
    assert label.toolTip() == full and window.models.message.text() == full
    assert label.text() == f"“cut.gguf” is incomplete or damaged; {loaded} is still loaded."
    assert shown_text_fits(label)

    label.setMaximumWidth(360)  # narrower: the file's part is shortened, not the model's name
    qtbot.waitUntil(lambda: label.width() <= 360, timeout=60_000)
    entry = window.runtime.library.add_file(cut, source="download")
    with qtbot.waitSignal(window.hub.load_failed, timeout=REPLY_TIMEOUT_MS):
        window.load_model(entry.path, entry.id)
    assert label.toolTip() == (
        "“cut.gguf” is incomplete or damaged. Download it again or choose another model. "
        f"{loaded} is still loaded."
    )
    assert label.text().endswith(f"; {loaded} is still loaded.") and "…" in label.text()
    assert shown_text_fits(label)
    assert window.hub.model is not None and window.hub.model.path != str(cut)
    window.models.refresh()  # the damaged entry's row says so
    qtbot.waitUntil(lambda: rows(window)["cut"][7].startswith("damaged"), timeout=60_000)
    assert rows(window)["cut"][7] == "damaged: incomplete, 10.0 MB of 98.4 MB"


def _linked(model_path: Path, target: Path | bytes) -> None:
    """The default model at ``target`` (a hard link where possible, else a copy)."""
    try:
        os.link(model_path, target)
    except OSError:
        shutil.copyfile(model_path, target)


def _non_utf8_name(model_path: Path, folder: Path) -> Path:
    """The model under a Latin-1 file name, as copied from another system: not UTF-8, so
    Python holds it with a surrogate (``caf\\udce9.gguf``)."""
    try:
        _linked(model_path, os.fsencode(folder) + b"/caf\xe9.gguf")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    return folder / os.fsdecode(b"caf\xe9.gguf")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_import_batch_finishes_whatever_its_files_do(
    qtbot: QtBot, window: MainWindow, model_path: Path, tmp_path: Path
) -> None:
    """A FIFO named .gguf (opening it would wait for a writer forever) and a model whose
    name the library cannot store (an unexpected error in the import) are refused with
    their reasons; the batch goes on and the good file is imported."""
    window.show_pane(5)
    models, library = window.models, window.runtime.library
    folder = tmp_path / "batch"
    folder.mkdir()
    fifo = folder / "pipe.gguf"
    os.mkfifo(fifo)
    odd = _non_utf8_name(model_path, folder)
    good = folder / "good.gguf"
    _linked(model_path, good)
    try:
        notice = import_and_wait(qtbot, window, [fifo, odd, good], copy=False)
    finally:
        with contextlib.suppress(OSError):  # release a check that waits on the FIFO (none should)
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert notice == "Imported 1 model(s); 2 refused: pipe.gguf, caf\ufffd.gguf"
    lines = models.message.text().splitlines()
    assert lines[0] == notice and len(lines) == 3
    assert lines[1] == "“pipe.gguf” is not a GGUF model file. Choose a .gguf file."
    assert lines[2].startswith("“caf\ufffd.gguf” could not be imported: ")
    assert library.find_by_path(good) is not None and library.find_by_path(odd) is None


def test_a_folder_with_a_file_the_library_cannot_store_still_joins(
    qtbot: QtBot, window: MainWindow, model_path: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The scan of the refresh thread skips (and logs) a file it cannot register; the other
    models of the folder join the library."""
    folder = tmp_path / "folder"
    folder.mkdir()
    odd = _non_utf8_name(model_path, folder)  # sorted first: "caf…" < "good"
    _linked(model_path, folder / "good.gguf")
    window.show_pane(5)
    window.models.add_folder(folder)
    qtbot.waitUntil(lambda: "good" in rows(window), timeout=30_000)
    qtbot.waitUntil(lambda: not window.models._reading, timeout=60_000)
    assert window.runtime.library.find_by_path(odd) is None
    assert any("skipped by the scan" in record.getMessage() for record in caplog.records)


def test_a_model_chosen_before_a_failed_load_is_delivered(
    qtbot: QtBot, window: MainWindow, model_path: Path, model_without_template: Path, tmp_path: Path
) -> None:
    """A load has ended (failed) but its result is not delivered yet when the user picks
    another model: that request is refused ('busy') without showing a progress bar of its
    own, and the failure, once delivered, is worded for its own file."""
    hub = window.hub
    cut = bad_files(model_path, tmp_path / "bad")["cut"]
    failures: list[tuple[str, str, str]] = []
    hub.load_failed.connect(lambda *args: failures.append(args))
    held: list[tuple[str, object]] = []
    deliver = hub._load_ended
    # the result waits, as it does while the GUI thread is busy
    setattr(hub, "_load_ended", lambda *outcome: held.append(outcome))  # noqa: B010
    window.load_model(str(cut))
    qtbot.waitUntil(lambda: bool(held) and not hub.is_loading(), timeout=REPLY_TIMEOUT_MS)  # it has ended
    assert hub.load_pending() and not failures
    window.load_model(str(model_without_template))  # the user picks another model now
    assert failures[-1][1:] == ("busy", str(model_without_template))
    # the engine is back on the previous model ("Ready"): the refused request shows no progress
    assert not window.progress.isVisible() and not window.cancel_load_button.isVisible()
    assert model_without_template.name not in window.state_label.text()
    delattr(hub, "_load_ended")
    with qtbot.waitSignal(hub.load_failed, timeout=REPLY_TIMEOUT_MS):
        deliver(*held[0])  # delivered now
    assert failures[-1][1:] == ("damaged", str(cut))
    assert not window.progress.isVisible() and not window.cancel_load_button.isVisible()
    loaded = "SmolLM2 135M Instruct (Q4_1)"
    full = f"“cut.gguf” is incomplete or damaged. Choose another file. {loaded} is still loaded."
    assert window.message_label.toolTip() == full and window.models.message.text() == full
    assert window.hub.model is not None  # the model loaded before stays, the other was never loaded
    assert window.hub.model.path not in (str(cut), str(model_without_template))
