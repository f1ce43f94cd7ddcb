"""The command-line layer: parses arguments and renders results; no SQL and no rules here."""
