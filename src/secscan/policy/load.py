"""Reading a policy file (``.gitlab/security-policies/policy.yml``): YAML, JSON Schema, semantic checks."""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft7Validator, ValidationError

from ..report.errors import SecscanError
from ..report.schema import schema_dir
from .model import Action, Policy, Rule

#: Top-level keys holding approval policies: GitLab's current name and the older one.
POLICY_KEYS = ("approval_policy", "scan_result_policy")
_APPROVER_KEYS = (
    ("approvers", "user"),  # deprecated GitLab alias of user_approvers
    ("user_approvers", "user"),
    ("user_approvers_ids", "user_id"),
    ("group_approvers", "group"),
    ("group_approvers_ids", "group_id"),
)
_TYPE_WORDS = {
    "array": "a list",
    "object": "a mapping",
    "string": "a string",
    "integer": "an integer",
    "boolean": "true or false",
    "number": "a number",
    "null": "nothing",
}


class PolicyError(SecscanError):
    """A policy file cannot be read or is invalid; the message is one line naming the file and field."""


def load_policies(path: Path | str) -> list[Policy]:
    """Read, validate and build every approval policy of a YAML policy file.

    Raises :class:`PolicyError` with one line such as
    ``policy.yml: scan_result_policy[0].rules[1].severity_levels[2]: 'hgh' is not one of info, ...``
    for an unreadable file, a YAML syntax error (with its line), an empty file, a schema or
    semantic error, or a file without any policy.
    """
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(f"{source}: no such policy file; check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise PolicyError(f"{source}: cannot read the policy file: {reason}") from None
    try:
        document = yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = exc.problem + (f" ({exc.context})" if exc.context else "")
        raise PolicyError(f"{source}: {where}invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise PolicyError(f"{source}: invalid YAML: {' '.join(str(exc).split())}") from None
    if document is None:
        raise PolicyError(f"{source}: the file is empty; add an 'approval_policy:' (or 'scan_result_policy:') list")
    return policies_from_dict(document, source)


def policies_from_dict(document: Any, source: str) -> list[Policy]:
    """Validate an already-parsed policy document and build its policies (``source`` names it in errors)."""
    if not isinstance(document, dict):
        raise PolicyError(
            f"{source}: top level: expected a mapping with an 'approval_policy:' list, got {_kind(document)}"
        )
    errors = sorted(_validator().iter_errors(document), key=_error_order)
    if errors:
        where, message = _describe(errors[0])
        more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
        raise PolicyError(f"{source}: {where}: {message}{more}")
    policies = [
        _policy(raw, f"{key}[{i}]", source) for key in POLICY_KEYS for i, raw in enumerate(document.get(key) or ())
    ]
    if not policies:
        raise PolicyError(f"{source}: no approval policies; add an 'approval_policy:' (or 'scan_result_policy:') list")
    return policies


def _policy(raw: dict, where: str, source: str) -> Policy:
    rules = []
    for j, rule in enumerate(raw["rules"]):
        rule_where = f"{source}: {where}.rules[{j}]"
        if "branches" in rule and "branch_type" in rule:
            raise PolicyError(f"{rule_where}: has both 'branches' and 'branch_type'; keep one")
        if "branches" not in rule and "branch_type" not in rule:
            raise PolicyError(f"{rule_where}: needs 'branches' (a list; [] for all branches) or 'branch_type'")
        rules.append(_rule(rule))
    actions = []
    for j, action in enumerate(raw.get("actions") or ()):
        built = _action(action)
        if built.type == "require_approval" and not built.approvers:
            keys = ", ".join(k for k, _ in _APPROVER_KEYS[1:])
            raise PolicyError(
                f"{source}: {where}.actions[{j}]: require_approval names no approvers; add {keys} or role_approvers"
            )
        actions.append(built)
    return Policy(
        name=raw["name"],
        rules=tuple(rules),
        actions=tuple(actions),
        description=raw.get("description") or "",
        enabled=raw.get("enabled", True),
        source=f"{source}: {where}",
    )


def _rule(raw: dict) -> Rule:
    attributes = raw.get("vulnerability_attributes") or {}
    return Rule(
        type=raw["type"],
        branches=tuple(raw.get("branches") or ()),
        branch_type=raw.get("branch_type"),
        branch_exceptions=tuple(e if isinstance(e, str) else e["name"] for e in raw.get("branch_exceptions") or ()),
        scanners=tuple(raw.get("scanners") or ()),
        vulnerabilities_allowed=raw.get("vulnerabilities_allowed", 0),
        severity_levels=tuple(raw.get("severity_levels") or ()),
        vulnerability_states=tuple(raw.get("vulnerability_states") or ()),
        false_positive=attributes.get("false_positive"),
        fix_available=attributes.get("fix_available"),
        vulnerability_age="vulnerability_age" in raw,
    )


def _action(raw: dict) -> Action:
    if raw["type"] != "require_approval":
        return Action(type=raw["type"])
    approvers = [f"{prefix}:{name}" for key, prefix in _APPROVER_KEYS for name in raw.get(key) or ()]
    approvers += [
        f"role:{role}" if isinstance(role, str) else f"role_id:{role}" for role in raw.get("role_approvers") or ()
    ]
    return Action(type="require_approval", approvals_required=raw["approvals_required"], approvers=tuple(approvers))


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys (PyYAML silently keeps the last one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (YAML would keep only the last one)", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


@lru_cache(maxsize=1)
def _validator() -> Draft7Validator:
    schema_file = schema_dir() / "policy" / "scan-result-policy.json"
    return Draft7Validator(json.loads(schema_file.read_text(encoding="utf-8")))


def _error_order(error: ValidationError) -> tuple:
    # per field: an unknown key first (it usually explains a "missing" one), then by message
    path = tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in error.absolute_path)
    return path, error.validator != "additionalProperties", error.message


def _field_path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "top level"


def _describe(error: ValidationError) -> tuple[str, str]:
    """(field path, message) of a schema error, in words a policy author understands."""
    kind, value, instance = error.validator, error.validator_value, error.instance
    path = list(error.absolute_path)
    if kind == "enum":
        message = f"{_short(instance)} is not one of {', '.join(map(str, value))}"
    elif kind == "type":
        wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in ([value] if isinstance(value, str) else value))
        message = f"expected {wanted}, got {_kind(instance)} {_short(instance)}"
    elif kind == "required":
        missing = [k for k in value if k not in instance]
        message = f"missing required key {missing[0]!r}"
    elif kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(str(k) for k in instance if k not in allowed)
        close = difflib.get_close_matches(extra[0], allowed, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        message = f"unknown key {extra[0]!r}{hint} (allowed: {', '.join(allowed)})"
    elif kind == "minimum":
        message = f"{_short(instance)} is less than the minimum {value}"
    elif kind == "maximum":
        message = f"{_short(instance)} is more than the maximum {value}"
    elif kind in ("minItems", "minLength"):
        message = "must not be empty"
    elif kind == "maxLength":
        message = f"is longer than {value} characters"
    elif kind == "uniqueItems":
        message = "lists an entry twice"
    else:
        message = error.message
    return _field_path(path), message


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    return {dict: "a mapping", list: "a list", str: "a string", int: "an integer", float: "a number"}.get(
        type(value), "null" if value is None else type(value).__name__
    )


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
