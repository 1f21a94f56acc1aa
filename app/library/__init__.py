"""The model library: GGUF files on disk, their metadata, and the bundled default model."""
