"""The scan engine: search, path filters, the pipeline, the result cache, rulesets, tracking, diff
scans. It imports the SDK beside it (``secscan.common``); the SDK never imports it."""
