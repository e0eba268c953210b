"""Audit: arithmetic, cross-table, narrative-versus-table and project checks.

``run_checks(report, packages_root)`` returns the findings (``Check`` records) that the
package writer publishes as checks.csv. Every rule is one small function registered in
``juesuan.audit.registry`` (id, Chinese title, one-line explanation).
"""

from __future__ import annotations

# importing the rule modules registers their rules, in this (catalogue) order
from juesuan.audit import rules_tables  # noqa: F401
from juesuan.audit import rules_two_sided  # noqa: F401
from juesuan.audit import rules_cross  # noqa: F401
from juesuan.audit import rules_narrative  # noqa: F401
from juesuan.audit import rules_narrative_self  # noqa: F401
from juesuan.audit import rules_narrative_changes  # noqa: F401
from juesuan.audit import rules_statements  # noqa: F401
from juesuan.audit import rules_budget_rates  # noqa: F401
from juesuan.audit import rules_budget_direction  # noqa: F401
from juesuan.audit import rules_glossary  # noqa: F401
from juesuan.audit import rules_projects  # noqa: F401
from juesuan.audit import rules_previous  # noqa: F401
from juesuan.audit.model import SEVERITIES, Check
from juesuan.audit.registry import RULES, Rule
from juesuan.audit.runner import run_checks

__all__ = ["Check", "RULES", "Rule", "SEVERITIES", "run_checks"]
