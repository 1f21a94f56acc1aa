"""Engines: one interface (``base.Engine``), local llama.cpp and remote API implementations."""
