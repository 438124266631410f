"""Renderings of reports for people: terminal tables (HTML and Markdown come later)."""
