"""Built-in analyzers; each registers in the ``secscan.analyzers`` entry-point group like a plugin."""
