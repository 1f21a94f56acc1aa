"""The five work panes."""
