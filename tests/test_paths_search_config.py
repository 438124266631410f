"""Search, excluded paths and configuration precedence."""

import os
from pathlib import Path

import pytest

from secscan.common import Config, ConfigError, PathFilter, search


def touch(root: Path, *paths: str) -> None:
    for rel in paths:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x = 1\n")


@pytest.mark.parametrize(
    "patterns, path, excluded",
    [
        (["spec"], "spec/a.rb", True),
        (["spec"], "spec", True),
        (["spec"], "app/spec/a.rb", False),  # GitLab: patterns match from the project root
        (["**/spec"], "app/spec/a.rb", True),
        (["tests"], "tests/unit/deep/t.py", True),  # a path excludes everything below it
        (["*.min.js"], "vendor.min.js", True),
        (["*.min.js"], "static/vendor.min.js", False),
        (["**/*.min.js"], "static/vendor.min.js", True),
        (["app/*.py"], "app/x.py", True),
        (["app/*.py"], "app/sub/x.py", False),
        (["./docs/"], "docs/conf.py", True),
        (["{a,b}/x.py"], "b/x.py", True),
        ([], "anything.py", False),
        (["test"], "tests/a.py", False),
    ],
)
def test_excluded_paths_follow_gitlab_semantics(patterns, path, excluded):
    assert PathFilter(patterns).excludes(path) is excluded


def test_search_depth_ignored_and_hidden_dirs(tmp_path):
    touch(
        tmp_path,
        "a.py",
        "d1/b.py",
        "d1/d2/c.py",
        "d1/d2/d3/d.py",
        "node_modules/m.js",
        "x/vendor/v.py",
        ".hidden/h.py",
        ".env.py",
    )
    result = search(tmp_path, max_depth=3, ignored_dirs=("node_modules", "vendor"))
    assert result.files == (".env.py", "a.py", "d1/b.py", "d1/d2/c.py")
    assert result.too_deep == 1
    assert "d1/d2/d3/d.py" in search(tmp_path, max_depth=4).files
    assert search(tmp_path, max_depth=1).files == (".env.py", "a.py")
    assert ".hidden/h.py" in search(tmp_path, 20, ignore_hidden_dirs=False).files


def test_search_does_not_follow_directory_symlinks_or_escape_root(tmp_path):
    touch(tmp_path, "proj/a.py", "outside/secret.py")
    os.symlink(tmp_path / "outside", tmp_path / "proj" / "link")
    os.symlink(tmp_path / "outside" / "secret.py", tmp_path / "proj" / "s.py")
    os.symlink(tmp_path / "proj", tmp_path / "proj" / "loop")
    assert search(tmp_path / "proj", 20).files == ("a.py",)


def test_config_flags_win_over_environment(tmp_path):
    env = {"SEARCH_MAX_DEPTH": "5", "SAST_EXCLUDED_PATHS": "a, b", "CI_PROJECT_DIR": str(tmp_path)}
    cfg = Config.load(env=env)
    assert (cfg.target, cfg.max_depth, cfg.excluded_paths) == (tmp_path.resolve(), 5, ("a", "b"))
    cfg = Config.load(env=env, max_depth=2, excluded_paths="c")
    assert (cfg.max_depth, cfg.excluded_paths) == (2, ("c",))


def test_config_defaults_and_empty_exclusions(tmp_path):
    cfg = Config.load(env={}, target=str(tmp_path))
    assert cfg.excluded_paths == ("spec", "test", "tests", "tmp")
    assert cfg.ignored_dirs == ("bundle", "node_modules", "vendor", "tmp")
    assert cfg.max_depth == 20 and cfg.analyzer_timeout == 600 and cfg.artifact_dir == tmp_path.resolve()
    assert Config.load(env={"SAST_EXCLUDED_PATHS": ""}, target=str(tmp_path)).excluded_paths == ()


@pytest.mark.parametrize(
    "env, fragment",
    [
        ({"SEARCH_MAX_DEPTH": "deep"}, "SEARCH_MAX_DEPTH"),
        ({"SEARCH_MAX_DEPTH": "0"}, "SEARCH_MAX_DEPTH"),
        ({"SECSCAN_ANALYZER_TIMEOUT": "-1"}, "SECSCAN_ANALYZER_TIMEOUT"),
        ({"SEARCH_IGNORE_HIDDEN_DIRS": "maybe"}, "SEARCH_IGNORE_HIDDEN_DIRS"),
        ({"SECURE_LOG_LEVEL": "loud"}, "SECURE_LOG_LEVEL"),
    ],
)
def test_bad_environment_values_name_the_variable(tmp_path, env, fragment):
    with pytest.raises(ConfigError, match=fragment):
        Config.load(env=env, target=str(tmp_path))


def test_missing_target_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        Config.load(env={}, target=str(tmp_path / "nope"))
