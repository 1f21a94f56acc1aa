"""Remote providers in the window: the Remote providers dialog (save, keychain, Test
connection, model list), picking a provider in the model picker like a model, a chat
answered by a real OpenAI-compatible server on 127.0.0.1 (llama.cpp's own), and no key
anywhere on disk afterwards."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from pytestqt.qtbot import QtBot

from app.engines.base import Done, Failed
from app.storage.providers import Provider
from app.storage.secrets import service_name
from app.ui.main_window import PROVIDER, MainWindow
from tests.helpers.azure_shim import DEPLOYMENT, KEY, AzureShim
from tests.integration.test_openai_engine import MODEL_ALIAS, free_port, server  # noqa: F401 (fixture)
from tests.ui.conftest import REPLY_TIMEOUT_MS
from tests.unit.test_secrets import MemoryKeyring

SECRET = "sk-penwright-test-9f3b2c7d1e"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """keyring's own in-memory stand-in (the real Secret Service has its own test)."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.providers_dialog
    qtbot.waitUntil(lambda: dialog is None or not dialog.is_busy(), timeout=30_000)


def add_compatible(qtbot: QtBot, window: MainWindow, base_url: str, key: str = "") -> Provider:
    """Fill the dialog as a user would and save; returns the saved provider."""
    dialog = window.show_providers()
    dialog.add_provider()
    dialog.name.setText("llama.cpp here")
    dialog.kind.setCurrentIndex(dialog.kind.findData("compatible"))
    dialog.base_url.setText(base_url)
    dialog.model.setEditText(MODEL_ALIAS)
    dialog.key.setText(key)
    assert dialog.save_provider()
    wait_idle(qtbot, window)
    (provider,) = window.providers.all()
    return provider


def choose(qtbot: QtBot, window: MainWindow, data: str) -> None:
    index = window.model_box.findData(data)
    assert index >= 0, f"{data} is not in the model picker"
    window.model_box.setCurrentIndex(index)
    window.model_box.activated.emit(index)


def test_dialog_saves_tests_and_lists_models_against_a_real_server(
    qtbot: QtBot,
    window: MainWindow,
    server: str,  # noqa: F811
    memory_keyring: MemoryKeyring,
) -> None:
    provider = add_compatible(qtbot, window, server, key=SECRET)
    dialog = window.providers_dialog
    assert dialog is not None
    # the key went to the keychain under the provider's own service name, not to the file
    assert keyring.get_password(service_name(provider.id), "api-key") == SECRET
    assert SECRET not in window.runtime.paths.providers_file.read_text()
    assert "saved in the system keychain" in dialog.key.placeholderText()
    # the picker offers the provider like a model
    assert window.model_box.findData(PROVIDER + provider.id) >= 0

    dialog.test_connection()
    wait_idle(qtbot, window)
    assert dialog.report.text().startswith("✓"), dialog.report.text()

    dialog.model.clear()
    dialog.fetch_models()
    wait_idle(qtbot, window)
    assert dialog.model.findText(MODEL_ALIAS) >= 0, dialog.report.text()


def test_test_connection_says_precisely_what_is_wrong(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.show_providers()
    dialog.add_provider()
    dialog.base_url.setText(f"http://127.0.0.1:{free_port()}/v1")  # nobody listens there
    dialog.model.setEditText("m")
    dialog.test_connection()
    wait_idle(qtbot, window)
    assert "cannot be reached" in dialog.report.text()
    dialog.base_url.setText("127.0.0.1:8080")  # no scheme
    dialog.test_connection()
    assert "base URL" in dialog.report.text()


def test_c13_without_a_keychain_the_key_is_kept_in_memory_and_retry_moves_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    # the test session's keyring backend is keyring's "fail" backend: no keychain at all
    provider = add_compatible(qtbot, window, "http://127.0.0.1:9/v1", key=SECRET)
    dialog = window.providers_dialog
    assert dialog is not None
    assert "kept in memory" in dialog.report.text()
    assert not dialog.keychain_label.isHidden() and "No system keychain" in dialog.keychain_label.text()
    assert not dialog.retry_keychain.isHidden()
    assert window.secrets.get(provider.id) == SECRET  # usable until Penwright quits
    backend = MemoryKeyring()
    keyring.set_keyring(backend)  # the user unlocked a keychain meanwhile
    dialog.retry_keychain.click()
    wait_idle(qtbot, window)
    assert backend.get_password(service_name(provider.id), "api-key") == SECRET
    assert dialog.keychain_label.isHidden()


def test_a_provider_answers_in_chat_and_no_key_lands_on_disk(
    qtbot: QtBot,
    window: MainWindow,
    server: str,  # noqa: F811
    memory_keyring: MemoryKeyring,
    penwright_home: Path,
) -> None:
    provider = add_compatible(qtbot, window, server, key=SECRET)
    with qtbot.waitSignal(window.hub.remote_ready, timeout=30_000):
        choose(qtbot, window, PROVIDER + provider.id)
    assert window.hub.is_remote and window.runtime.settings.selected_provider == provider.id
    assert not window.inspector.boxes["top_k"].isEnabled()  # llama.cpp-only: not sent
    assert window.inspector.boxes["temperature"].isEnabled()

    chat = window.chat
    chat.params = chat.params.__class__(temperature=0.0, max_tokens=16, seed=3)
    chat.input.setPlainText("Name a colour.")
    with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        chat.send()
    final = blocker.args[0]
    assert isinstance(final, Done), final
    stored = window.store.thread(chat.conversation_id)
    assert stored[-1].role == "assistant" and stored[-1].content == final.text and final.text.strip()
    assert stored[-1].model == f"llama.cpp here · {MODEL_ALIAS}"
    qtbot.waitUntil(lambda: "provider" in chat.meter.text(), timeout=5_000)

    # back to the local model: it answers again without a reload
    local_id = window.runtime.settings.selected_model
    choose(qtbot, window, local_id)
    assert not window.hub.is_remote and window.runtime.settings.selected_provider == ""
    assert window.inspector.boxes["top_k"].isEnabled()

    # exports of everything, in every format, next to the data
    from app.storage.exchange import select_conversations, write_export

    everything = select_conversations(window.store)
    for suffix in (".json", ".md", ".html"):
        write_export(window.store, penwright_home / f"export{suffix}", everything)
    # the key is nowhere on disk: settings, providers, presets, history, logs, exports
    window.shutdown()
    paths = window.runtime.paths
    files = [f for root in (paths.config_dir, paths.data_dir, paths.log_dir, penwright_home)
             for f in root.rglob("*") if f.is_file()]  # fmt: skip
    assert paths.history_db in files and any(f.suffix == ".log" for f in files)
    assert {"export.json", "export.md", "export.html"} <= {f.name for f in files}
    for file in files:
        assert SECRET.encode() not in file.read_bytes(), f"the key was written to {file}"
    with sqlite3.connect(paths.history_db) as db:
        dump = "\n".join(db.iterdump())
    assert SECRET not in dump and f"llama.cpp here · {MODEL_ALIAS}" in dump


def test_a_provider_without_raw_completion_greys_out_continue(
    qtbot: QtBot, window: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    provider = Provider.new(
        "Azure", "azure", endpoint="https://example.openai.azure.com", deployment="gpt-4o",
        api_version="2024-10-21",
    )  # fmt: skip
    window.providers.save(provider)
    window.secrets.set(provider.id, "azure-key")
    window._fill_models()
    with qtbot.waitSignal(window.hub.remote_ready, timeout=30_000):
        choose(qtbot, window, PROVIDER + provider.id)
    story = window.story
    assert not story.continue_button.isEnabled()
    assert "raw completion" in story.continue_button.toolTip()
    choose(qtbot, window, window.runtime.settings.selected_model)
    assert story.continue_button.isEnabled()


def _azure_provider(window: MainWindow, shim: AzureShim) -> Provider:
    provider = Provider.new(
        "Azure shim", "azure", endpoint=shim.endpoint, deployment=DEPLOYMENT, api_version="2024-10-21"
    )
    window.providers.save(provider)
    window.secrets.set(provider.id, KEY)
    window._fill_models()
    return provider


def test_a_reply_cut_mid_stream_is_kept_marked_and_can_be_regenerated(
    qtbot: QtBot,
    window: MainWindow,
    server: str,  # noqa: F811
    memory_keyring: MemoryKeyring,
) -> None:
    port = int(server.rsplit(":", 1)[1].split("/")[0])
    with AzureShim(upstream_port=port, mode="cut") as shim:
        provider = _azure_provider(window, shim)
        with qtbot.waitSignal(window.hub.remote_ready, timeout=30_000):
            choose(qtbot, window, PROVIDER + provider.id)
        chat = window.chat
        chat.input.setPlainText("Tell me a story.")
        with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
            chat.send()
        final = blocker.args[0]
        assert isinstance(final, Failed) and final.detail == "cut"
        reply = window.store.thread(chat.conversation_id)[-1]
        assert reply.role == "assistant" and reply.content and reply.finish_reason == "error"
        assert "closed before the reply was complete" in chat.view.toPlainText()
        assert chat.regenerate_button.isEnabled()
        shim.mode = "forward"  # the network is back: Regenerate makes a sibling reply
        with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
            chat.regenerate()
        assert isinstance(blocker.args[0], Done)
        siblings = [m for m in window.store.all_messages(chat.conversation_id) if m.role == "assistant"]
        assert len(siblings) == 2 and siblings[0].content == reply.content


def test_a_busy_provider_is_retried_and_the_wait_is_shown(
    qtbot: QtBot,
    window: MainWindow,
    server: str,  # noqa: F811
    memory_keyring: MemoryKeyring,
) -> None:
    port = int(server.rsplit(":", 1)[1].split("/")[0])
    with AzureShim(
        upstream_port=port, fail_times=1, fail_status=429, fail_headers={"Retry-After": "1"}
    ) as shim:
        provider = _azure_provider(window, shim)
        with qtbot.waitSignal(window.hub.remote_ready, timeout=30_000):
            choose(qtbot, window, PROVIDER + provider.id)
        chat = window.chat
        chat.params = chat.params.__class__(temperature=0.0, max_tokens=8, seed=3)
        notices: list[str] = []
        chat.notice.connect(notices.append)
        chat.input.setPlainText("Hello")
        with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
            chat.send()
        assert isinstance(blocker.args[0], Done), blocker.args[0]
        assert len(shim.seen) == 2  # one 429, then the answer
        assert any("trying again" in n for n in notices), notices


def test_a_saved_provider_without_its_key_says_so_at_start_and_the_local_model_answers(
    qtbot: QtBot, window: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    provider = Provider.new("OpenAI", "openai", model="gpt-4o-mini")
    window.providers.save(provider)  # saved, but its key never was (or the keychain lost it)
    window._fill_models()
    with qtbot.waitSignal(window.hub.remote_failed, timeout=30_000) as blocker:
        window.use_provider(provider.id)
    assert "No API key is saved" in blocker.args[0] and "OpenAI" in blocker.args[0]
    assert not window.hub.is_remote and "No API key" in window.message_label.text()
    assert window.model_box.currentData() == window.runtime.settings.selected_model


def test_a_slow_provider_set_up_never_undoes_a_later_choice(qtbot: QtBot, window: MainWindow) -> None:
    """Waits until the slow set-up's result has been delivered (and set aside), not a guessed
    300 ms: a result still on its way would let a broken hub pass."""
    import threading

    from app.engines.openai_api import OpenAICompatibleEngine, RemoteOptions

    release = threading.Event()

    def slow_build() -> OpenAICompatibleEngine:
        release.wait(10)  # a keychain that takes its time
        return OpenAICompatibleEngine(RemoteOptions(base_url="http://127.0.0.1:9/v1", model="m"))

    window.hub.use_remote(slow_build, "slow", "slow · m")
    window.hub.use_local()  # the user picked the local model meanwhile
    release.set()
    qtbot.waitUntil(lambda: window.hub._remote_thread is None, timeout=30_000)  # delivered
    assert not window.hub.is_remote and window.hub.remote_id == ""


def test_editing_the_answering_provider_takes_effect_and_chat_models_have_no_continue(
    qtbot: QtBot, window: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    provider = Provider.new("OpenAI", "openai", model="gpt-4o-mini")
    window.providers.save(provider)
    window.secrets.set(provider.id, "sk-test")
    window._fill_models()
    with qtbot.waitSignal(window.hub.remote_ready, timeout=30_000):
        choose(qtbot, window, PROVIDER + provider.id)
    assert window.hub.label == "OpenAI · gpt-4o-mini"
    assert not window.story.continue_button.isEnabled()  # chat models: no /completions
    dialog = window.show_providers()
    dialog.model.setEditText("gpt-3.5-turbo-instruct")
    with qtbot.waitSignal(window.hub.remote_ready, timeout=30_000):
        assert dialog.save_provider()
    assert window.hub.label == "OpenAI · gpt-3.5-turbo-instruct"
    assert window.story.continue_button.isEnabled()


def test_test_connection_reports_a_429_at_once_without_retrying(
    qtbot: QtBot,
    window: MainWindow,
    server: str,  # noqa: F811
    memory_keyring: MemoryKeyring,
) -> None:
    port = int(server.rsplit(":", 1)[1].split("/")[0])
    with AzureShim(
        upstream_port=port, fail_times=5, fail_status=429, fail_headers={"Retry-After": "20"}
    ) as shim:
        provider = _azure_provider(window, shim)
        dialog = window.show_providers()
        dialog.refresh(select=provider.id)
        wait_idle(qtbot, window)
        dialog.test_connection()
        wait_idle(qtbot, window)
        assert "429" in dialog.report.text() and "20" in dialog.report.text(), dialog.report.text()
        assert len(shim.seen) == 1


def test_c26_c31_new_remote_failures_are_told_in_translated_words(qtbot: QtBot) -> None:
    """A read timeout (C26) and an unreadable chunk (C31) from a provider get their own
    sentences in the reply footer, not only the engine's English detail."""
    from app.ui.widgets import describe_final

    timeout = describe_final(Failed("internal", "read timed out after 60 s", detail="timeout"))
    assert "not sent again" in timeout and "read timed out after 60 s" in timeout
    protocol = describe_final(Failed("internal", "chunk 3 is not JSON", detail="protocol"))
    assert "cannot read" in protocol and "text so far is kept" in protocol
