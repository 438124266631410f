"""Merge-request approval policies (GitLab's ``scan_result_policy`` / ``approval_policy``) evaluated locally.

Load a policy file with :func:`load_policies`, turn findings into :class:`PolicyFinding`, then
:func:`evaluate` says which rules fire and whether approval is required.
"""

from .evaluate import PolicyResult, RuleResult, describe_rule, evaluate
from .findings import finding_state, from_comparison, from_stored, policy_finding
from .load import PolicyError, load_policies, policies_from_dict
from .model import FINDING_STATES, Action, Policy, PolicyFinding, Rule

__all__ = [
    "FINDING_STATES",
    "Action",
    "Policy",
    "PolicyError",
    "PolicyFinding",
    "PolicyResult",
    "Rule",
    "RuleResult",
    "describe_rule",
    "evaluate",
    "finding_state",
    "from_comparison",
    "from_stored",
    "load_policies",
    "policies_from_dict",
    "policy_finding",
]
