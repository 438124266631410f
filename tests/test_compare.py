"""GitLab's base/head matching (report/compare.py): signatures first, then location and primary
identifier; same report type and primary identifier always; count-aware."""

from __future__ import annotations

from secscan.report.compare import compare, match_keys, pair
from secscan.report.model import Identifier, Location, ScannerRef, Signature, Tracking, TrackingItem, Vulnerability


def finding(rule="B602", line=10, scope=None, kind="sast", file="app.py") -> Vulnerability:
    tracking = None
    if scope:
        tracking = Tracking(items=(TrackingItem(file, line, line, (Signature("scope_offset", f"{file}|{scope}"),)),))
    return Vulnerability(
        identifiers=(Identifier("bandit_test_id", rule, rule), Identifier.cwe(78)),
        location=Location(file=file, start_line=line, end_line=line),
        scanner=ScannerRef("bandit", "Bandit"),
        name=f"{rule} at {line}",
        tracking=tracking,
        category=kind,
    )


def test_unchanged_findings_match_and_order_follows_the_inputs():
    base = [finding(line=1), finding(line=2)]
    result = compare(base, list(reversed(base)))
    assert (result.added, result.fixed) == ((), ())
    assert [(b.location.start_line, h.location.start_line) for b, h in result.unchanged] == [(2, 2), (1, 1)]


def test_a_moved_finding_matches_by_signature_and_without_one_it_is_added_and_fixed():
    moved = compare([finding(line=10, scope="run[0]:2")], [finding(line=40, scope="run[0]:2")])
    assert (len(moved.added), len(moved.fixed), len(moved.unchanged)) == (0, 0, 1)
    plain = compare([finding(line=10)], [finding(line=40)])
    assert [v.location.start_line for v in plain.added] == [40]
    assert [v.location.start_line for v in plain.fixed] == [10]


def test_report_type_and_primary_identifier_must_agree():
    assert compare([finding(rule="B602")], [finding(rule="B603")]).changed
    assert compare([finding(kind="sast")], [finding(kind="secret_detection")]).changed


def test_matching_is_count_aware():
    result = compare([finding(line=5)], [finding(line=5), finding(line=5)])
    assert len(result.unchanged) == 1 and len(result.added) == 1 and result.fixed == ()


def test_a_signature_match_wins_over_a_location_match():
    # head's finding sits where base's A was, but its scope says it is base's B that moved there
    a, b = finding(line=10, scope="f[0]:1"), finding(line=30, scope="g[0]:1")
    head = finding(line=10, scope="g[0]:1")
    pairs = pair([match_keys(a), match_keys(b)], [match_keys(head)])
    assert pairs == {0: 1}
    assert compare([a, b], [head]).fixed == (a,)


def test_location_fallback_applies_when_one_side_has_no_signatures():
    assert not compare([finding(line=7)], [finding(line=7, scope="h[0]:0")]).changed


def test_any_shared_signature_matches_in_priority_order():
    """GitLab's rule (docs/merge-requests.md: tracking signatures in priority order): a module-level
    finding has no scope, so after lines are inserted above it only its hash still matches."""

    def with_signatures(line, **sigs):
        v = finding(line=line)
        item = TrackingItem("app.py", line, line, tuple(Signature(alg, value) for alg, value in sigs.items()))
        return v.with_(tracking=Tracking(items=(item,)))

    before = with_signatures(1, location="app.py:1:1", hash="h")
    after = with_signatures(31, location="app.py:31:31", hash="h")
    assert not compare([before], [after]).changed
    assert compare([before], [with_signatures(31, location="app.py:31:31", hash="other")]).changed
