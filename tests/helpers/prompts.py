"""Prompts the tests rely on."""

#: A prompt SmolLM2 answers at length when decoding greedily (it counts for 1,000+ tokens).
LONG_PROMPT = "Write the numbers 1, 2, 3, 4, 5 and continue up to 400."
