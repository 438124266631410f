"""secscan: GitLab Secure-compatible scanning and processing on any machine."""

__version__ = "0.1.0"
