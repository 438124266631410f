"""Merge-request approval policies: loading and validating policy files, GitLab's evaluation semantics, rendering."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES
from rich.console import Console

from secscan.policy import PolicyError, PolicyFinding, evaluate, load_policies, policies_from_dict
from secscan.views.policy import policy_findings_table, policy_result_table

POLICIES = FIXTURES / "policies"


def finding(
    state: str = "new_needs_triage",
    severity: str = "High",
    report_type: str = "sast",
    name: str = "Command injection",
    **extra,
) -> PolicyFinding:
    return PolicyFinding(report_type=report_type, severity=severity, state=state, name=name, rule="B602", **extra)


def one_rule(actions: list | None = None, **rule) -> list:
    """A single-policy document with one scan_finding rule (GitLab's required keys filled with "all")."""
    base = {
        "type": "scan_finding",
        "branches": [],
        "scanners": [],
        "vulnerabilities_allowed": 0,
        "severity_levels": [],
        "vulnerability_states": [],
    }
    if actions is None:
        actions = [{"type": "require_approval", "approvals_required": 1, "user_approvers": ["alice"]}]
    merged = {k: v for k, v in {**base, **rule}.items() if v is not None}  # None drops a key
    return policies_from_dict({"approval_policy": [{"name": "p", "rules": [merged], "actions": actions}]}, "inline.yml")


def fires(policies, findings, **kwargs) -> bool:
    return evaluate(policies, findings, **kwargs).rules[0].violated


# --- loading -----------------------------------------------------------------------------------------


def test_valid_multi_policy_file_loads_both_top_level_keys():
    policies = load_policies(POLICIES / "valid.yml")
    assert [p.name for p in policies] == [
        "Confirmed findings on the default branch",  # approval_policy (current name) first
        "Critical and high SAST findings need security approval",
        "Leaked secrets (disabled while we roll out)",
        "Licenses and unsigned commits",
    ]
    sast = policies[1]
    assert sast.enabled and not policies[2].enabled
    assert sast.rules[0].branches == ("main", "release/*")
    assert sast.rules[0].branch_exceptions == ("release/legacy",)
    assert sast.rules[0].severity_levels == ("critical", "high")
    assert [a.type for a in sast.actions] == ["require_approval", "send_bot_message"]
    assert sast.actions[0].approvals_required == 2
    assert sast.actions[0].approvers == ("user:alice", "group:security", "role:maintainer")
    assert policies[0].rules[0].false_positive is False and policies[0].rules[0].fix_available is None
    assert [r.type for r in policies[3].rules] == ["license_finding", "any_merge_request"]
    assert policies[3].actions[0].approvers == ("group_id:9",)


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "bad-severity.yml",
            (
                "scan_result_policy[0].rules[1].severity_levels[2]: 'hgh' is not one of info, unknown, "
                "low, medium, high, critical"
            ),
        ),
        ("negative-allowed.yml", "approval_policy[0].rules[0].vulnerabilities_allowed: -1 is less than the minimum 0"),
        (
            "unknown-state.yml",
            (
                "approval_policy[0].rules[0].vulnerability_states[1]: 'triaged' is not one of "
                "newly_detected, new_needs_triage"
            ),
        ),
        ("missing-rules.yml", "scan_result_policy[0]: missing required key 'rules'"),
        ("scanners-string.yml", "scan_result_policy[0].rules[0].scanners: expected a list, got a string 'sast'"),
        (
            "unknown-rule-key.yml",
            ("scan_result_policy[0].rules[0]: unknown key 'severity_level'; did you mean 'severity_levels'?"),
        ),
        ("no-approvers.yml", "approval_policy[0].actions[0]: require_approval names no approvers"),
        ("syntax-error.yml", "line 6, column 7: invalid YAML: expected <block end>"),
        ("duplicate-key.yml", "line 10, column 5: invalid YAML: duplicate key 'rules'"),
        ("empty.yml", "the file is empty"),
    ],
)
def test_invalid_files_name_the_file_and_field(fixture, expected):
    path = POLICIES / fixture
    with pytest.raises(PolicyError) as err:
        load_policies(path)
    message = str(err.value)
    assert message.startswith(f"{path}: {expected}"), message
    assert "\n" not in message


def test_missing_file_and_documents_without_policies():
    with pytest.raises(PolicyError, match=r"nope\.yml: no such policy file"):
        load_policies(POLICIES / "nope.yml")
    with pytest.raises(PolicyError, match=r"^x\.yml: no approval policies"):
        policies_from_dict({"scan_execution_policy": []}, "x.yml")
    with pytest.raises(PolicyError, match=r"^x\.yml: top level: expected a mapping .*got a list"):
        policies_from_dict([{"name": "p"}], "x.yml")
    with pytest.raises(PolicyError, match=r"^x\.yml: top level: unknown key 'scan_results_policy'"):
        policies_from_dict({"scan_results_policy": []}, "x.yml")


def test_semantic_checks_on_branch_selection():
    with pytest.raises(PolicyError, match=r"rules\[0\]: has both 'branches' and 'branch_type'"):
        one_rule(branch_type="default")
    doc = {"approval_policy": [{"name": "p", "rules": [{"type": "any_merge_request"}]}]}
    with pytest.raises(PolicyError, match=r"approval_policy\[0\]\.rules\[0\]: needs 'branches'"):
        policies_from_dict(doc, "x.yml")


def test_wrong_types_and_ranges_are_rejected():
    with pytest.raises(PolicyError, match=r"vulnerabilities_allowed: expected an integer, got a boolean True"):
        one_rule(vulnerabilities_allowed=True)
    with pytest.raises(PolicyError, match=r"actions\[0\]\.approvals_required: 101 is more than the maximum 100"):
        one_rule(actions=[{"type": "require_approval", "approvals_required": 101, "user_approvers": ["a"]}])
    with pytest.raises(PolicyError, match=r"actions\[0\]\.role_approvers\[0\]: 'developers' is not one of guest"):
        one_rule(actions=[{"type": "require_approval", "approvals_required": 1, "role_approvers": ["developers"]}])
    with pytest.raises(PolicyError, match=r"scanners\[0\]: 'sats' is not one of sast, secret_detection"):
        one_rule(scanners=["sats"])


# --- evaluation ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("allowed", [0, 1, 3])
def test_vulnerabilities_allowed_is_a_threshold(allowed):
    policies = one_rule(vulnerabilities_allowed=allowed)
    assert not fires(policies, [finding() for _ in range(allowed)])
    result = evaluate(policies, [finding() for _ in range(allowed + 1)])
    assert result.rules[0].violated and result.approval_required
    assert len(result.rules[0].matched) == allowed + 1 and result.rules[0].allowed == allowed


def test_newly_detected_means_both_new_states():
    new_triage, new_dismissed, existing = finding("new_needs_triage"), finding("new_dismissed"), finding("detected")
    for states in ([], ["newly_detected"]):  # [] defaults to newly_detected, as in GitLab
        policies = one_rule(vulnerability_states=states)
        assert fires(policies, [new_triage]) and fires(policies, [new_dismissed])
        assert not fires(policies, [existing])
    only_triage = one_rule(vulnerability_states=["new_needs_triage"])
    assert fires(only_triage, [new_triage]) and not fires(only_triage, [new_dismissed])
    only_dismissed = one_rule(vulnerability_states=["new_dismissed"])
    assert fires(only_dismissed, [new_dismissed]) and not fires(only_dismissed, [new_triage])


@pytest.mark.parametrize("state", ["detected", "confirmed", "dismissed", "resolved"])
def test_previously_existing_states_are_counted_only_when_selected(state):
    selected = one_rule(vulnerability_states=[state])
    assert fires(selected, [finding(state)])
    assert not fires(selected, [finding("new_needs_triage")])
    others = [s for s in ("detected", "confirmed", "dismissed", "resolved") if s != state]
    assert not fires(one_rule(vulnerability_states=others), [finding(state)])


def test_empty_lists_mean_all_scanners_and_severities():
    policies = one_rule(scanners=[], severity_levels=[])
    everything = [
        finding(severity=s, report_type=t)
        for s in ("Info", "Unknown", "Critical")
        for t in ("sast", "dependency_scanning", "dast")
    ]
    assert len(evaluate(policies, everything).rules[0].matched) == 9


def test_severity_and_scanner_filters():
    policies = one_rule(scanners=["sast", "secret_detection"], severity_levels=["critical", "high"])
    assert fires(policies, [finding(severity="Critical", report_type="secret_detection")])
    assert not fires(policies, [finding(severity="Medium"), finding(report_type="dependency_scanning")])
    assert evaluate(policies, [finding()]).rules[0].description == (
        "more than 0 newly detected High or Critical sast or secret_detection findings"
    )


def test_vulnerability_attributes_filter_false_positives_and_fixes():
    not_fp = one_rule(vulnerability_attributes={"false_positive": False})
    assert not fires(not_fp, [finding(false_positive=True)])
    assert fires(not_fp, [finding(false_positive=False)])
    only_fp = one_rule(vulnerability_attributes={"false_positive": True})
    assert fires(only_fp, [finding(false_positive=True)]) and not fires(only_fp, [finding()])
    fixable = one_rule(vulnerability_attributes={"fix_available": True})
    assert fires(fixable, [finding(fix_available=True)]) and not fires(fixable, [finding()])
    assert "not flagged as false positive" in evaluate(not_fp, []).rules[0].description


def test_branch_globs_exceptions_and_default_branch():
    globbed = one_rule(branches=["main", "release/*"], branch_exceptions=["release/legacy*"])
    hit = [finding()]
    assert fires(globbed, hit, branch="main")
    assert fires(globbed, hit, branch="release/2.0")
    assert not fires(globbed, hit, branch="release/legacy-1")
    assert not fires(globbed, hit, branch="feature/x")
    assert fires(globbed, hit)  # no target branch known: every rule applies
    skipped = evaluate(globbed, hit, branch="feature/x").rules[0]
    assert not skipped.applies and not skipped.evaluated and skipped.status == "skipped-branch"

    default_only = one_rule(branches=None, branch_type="default")
    assert fires(default_only, hit, branch="trunk", default_branch="trunk")
    assert not fires(default_only, hit, branch="main", default_branch="trunk")
    assert not fires(default_only, hit, branch="main", default_branch=None)
    for branch_type in ("all", "protected"):
        assert fires(one_rule(branches=None, branch_type=branch_type), hit, branch="anything")


def test_disabled_policy_and_other_rule_types_never_fire():
    policies = load_policies(POLICIES / "valid.yml")
    secret = finding(report_type="secret_detection", severity="Critical")
    result = evaluate(policies, [secret, finding(state="detected")], branch="main", default_branch="main")
    by_policy = {(r.policy, r.rule_index): r for r in result.rules}
    disabled = by_policy[("Leaked secrets (disabled while we roll out)", 0)]
    assert not disabled.evaluated and not disabled.violated and disabled.status == "disabled"
    for index, kind in enumerate(("license_finding", "any_merge_request")):
        other = by_policy[("Licenses and unsigned commits", index)]
        assert other.rule_type == kind and not other.evaluated and other.status == "not-evaluated"
    assert [r.policy for r in result.violations] == []
    assert not result.approval_required
    # the enabled SAST policy fires on a new High sast finding, and only on main/release branches
    fired = evaluate(policies, [finding()], branch="main").violations
    assert [(r.policy, r.approvals_required, r.approvers) for r in fired] == [
        (
            "Critical and high SAST findings need security approval",
            2,
            ("user:alice", "group:security", "role:maintainer"),
        )
    ]


def test_zero_approvals_reports_the_violation_without_requiring_approval():
    policies = one_rule(actions=[{"type": "require_approval", "approvals_required": 0, "user_approvers": ["a"]}])
    result = evaluate(policies, [finding()])
    assert len(result.violations) == 1 and not result.approval_required


def test_to_dict_is_deterministic_and_json_ready():
    policies = load_policies(POLICIES / "valid.yml")
    findings = [
        finding(severity=s, name=f"n{i}", file="app.py", line=i) for i, s in enumerate(("Low", "Critical", "High"))
    ]
    first = evaluate(policies, findings, branch="main", default_branch="main").to_dict()
    second = evaluate(policies, list(reversed(findings)), branch="main", default_branch="main").to_dict()
    assert json.dumps(first, sort_keys=False) == json.dumps(second, sort_keys=False)
    assert first["approval_required"] is True and first["violations"] == 1
    sast = next(r for r in first["rules"] if r["violated"])
    assert [f["severity"] for f in sast["findings"]] == ["Critical", "High"]  # most severe first, Low filtered out
    assert sast["matched_count"] == 2 and sast["status"] == "violated"


def test_finding_state_must_be_a_known_state():
    with pytest.raises(ValueError, match="'newly_detected' is not one of new_needs_triage"):
        finding(state="newly_detected")


# --- rendering -----------------------------------------------------------------------------------------


def render(renderable) -> str:
    console = Console(width=400, record=True, force_terminal=True, color_system="truecolor")
    console.print(renderable)
    return console.export_text(styles=False)


def test_rendering_names_the_rule_and_escapes_hostile_findings():
    policies = load_policies(POLICIES / "valid.yml")
    hostile = finding(name="[bold]x[/bold] \x1b[31mred", file="[link=http://evil]a.py", line=3)
    result = evaluate(policies, [hostile], branch="main")
    table = render(policy_result_table(result))
    assert "approval policies: approval required" in table
    assert "Critical and high SAST findings need security approval" in table
    assert "violated" in table and "2 of user:alice, group:security, role:maintainer" in table
    assert "not-evaluated" in table and "disabled" in table

    rows = render(policy_findings_table(result.violations[0]))
    assert "[bold]x[/bold]" in rows  # printed literally, not as markup
    assert "\\x1b[31mred" in rows and "\x1b[31mred" not in rows  # ESC escaped, cannot drive the terminal
    assert "[link=http://evil]a.py:3" in rows
    assert "new_needs_triage" in rows and "B602" in rows


def test_findings_table_honours_the_limit():
    policies = one_rule()
    result = evaluate(policies, [finding(name=f"f{i}", line=i, file="a.py") for i in range(1, 8)])
    text = render(policy_findings_table(result.rules[0], limit=3))
    assert "findings (first 3 of 7)" in text
    assert "a.py:3" in text and "a.py:4" not in text
