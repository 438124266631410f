"""Unit tests for the demo helpers.

This directory is excluded from SAST by default (SAST_EXCLUDED_PATHS contains
"tests"), so the asserts and the fixture password below are not reported.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import helpers  # noqa: E402

TEST_PASSWORD = "hunter2-for-tests"


def test_hash_password_is_deterministic():
    assert helpers.hash_password(TEST_PASSWORD) == helpers.hash_password(TEST_PASSWORD)


def test_create_and_find_user(tmp_path, monkeypatch):
    monkeypatch.setattr(helpers, "DB_PATH", str(tmp_path / "test.sqlite3"))
    helpers.create_user("alice", TEST_PASSWORD)
    assert helpers.find_user("alice") == ["alice"]
