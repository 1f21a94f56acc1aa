"""Qt-free domain types and logic shared by every pane, engine and the CLI."""
