"""The local llama.cpp engine: a host process owns the model; :class:`LocalEngine` proxies it."""

from app.engines.local.client import LoadOptions, LocalEngine

__all__ = ["LoadOptions", "LocalEngine"]
