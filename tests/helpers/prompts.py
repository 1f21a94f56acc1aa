"""Prompts the tests rely on."""

#: A prompt SmolLM2 answers at length when decoding greedily (it counts for 1,000+ tokens).
LONG_PROMPT = "Now list the numbers from 1 to 400, separated by commas: 1, 2, 3,"
