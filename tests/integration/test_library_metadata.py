"""GGUF metadata read without loading the weights (model library listing)."""

from __future__ import annotations

from pathlib import Path

from app.engines.local.inspect import inspect_files
from app.library.gguf import GGUFSummary


def test_metadata_of_real_files_without_loading_them(
    model_path: Path, model_without_template: Path, tmp_path: Path
) -> None:
    text = tmp_path / "notes.gguf"
    text.write_text("not a model")
    results = inspect_files([str(model_path), str(model_without_template), str(text)])
    assert [r["ok"] for r in results] == [True, True, False]
    summary = GGUFSummary.from_metadata(
        model_path, results[0]["metadata"], results[0]["n_params"], results[0]["tensor_bytes"]
    )
    assert summary.architecture == "llama" and summary.quantization == "Q4_1"
    assert summary.n_params == 134_515_008 and summary.context_length == 8192
    assert summary.has_chat_template and summary.n_layers == 30 and summary.head_dim == 64
    assert summary.default_n_ctx() == 4096
    # weights + KV cache (2 x 30 layers x 4096 x 3 kv heads x 64 x 2 bytes) + 10 %
    kv = 2 * 30 * 4096 * 3 * 64 * 2
    assert summary.memory_estimate(4096) == int((summary.tensor_bytes + kv) * 1.1)
    # a non-ASCII, spaced path with no template
    other = GGUFSummary.from_metadata(
        model_without_template, results[1]["metadata"], results[1]["n_params"], results[1]["tensor_bytes"]
    )
    assert not other.has_chat_template and "模型" in str(model_without_template)
