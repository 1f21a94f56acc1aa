"""Penwright: a private desktop chat and writing assistant for local GGUF models."""

__version__ = "0.1.0"
APP_NAME = "Penwright"
