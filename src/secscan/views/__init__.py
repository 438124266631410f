"""Renderings for people: terminal tables of reports, vulnerabilities and policy results, and
Markdown merge-request comments. No logic lives here; callers pass what to show."""
