"""GGUF metadata read without loading the weights (model library listing)."""

from __future__ import annotations

import os
import random
import struct
from pathlib import Path

import pytest

from app.engines.local.inspect import inspect_files
from app.library.gguf import GGUFSummary, ModelFileError, check_model_file


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


def test_c09_c10_bad_files_fail_the_import_checks_before_the_reader(model_path: Path, tmp_path: Path) -> None:
    """C09, C10: llama.cpp's metadata reader refuses random bytes, a GGUF header followed by
    junk and a truncated copy alike ("cannot read"); the checks that run before it at import
    say which is which, and the reader still accepts the real model. The junk is the same
    bytes every run (seeded), so which damage it shows cannot vary."""
    noise, junk, cut = tmp_path / "rand.gguf", tmp_path / "hdr.gguf", tmp_path / "cut.gguf"
    noise.write_bytes(b"\0" + os.urandom(30_000))
    junk.write_bytes(b"GGUF" + struct.pack("<I", 3) + random.Random(3).randbytes(30_000))
    with open(model_path, "rb") as src:
        cut.write_bytes(src.read(10_000_000))
    results = inspect_files([str(noise), str(junk), str(cut), str(model_path)])
    assert [r["ok"] for r in results] == [False, False, False, True]
    reasons = []
    for bad in (noise, junk, cut):
        with pytest.raises(ModelFileError) as info:
            check_model_file(bad)
        reasons.append((info.value.kind, info.value.reason))
    assert reasons == [("not_gguf", ""), ("damaged", "metadata"), ("damaged", "truncated")]
    layout = check_model_file(model_path)
    assert layout.data_end - layout.data_offset >= results[3]["tensor_bytes"]  # llama.cpp's sum of tensors
