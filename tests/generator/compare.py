"""Score a parsed report against the generator's expected records (exact Decimal comparison)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.models import Fact, Indicator, LineItem, Project


@dataclass
class Score:
    expected: int
    got: int
    correct: int
    missing: list[str] = field(default_factory=list)  # expected, not returned (or returned wrong)
    extra: list[str] = field(default_factory=list)  # returned, not expected (or wrong value)

    @property
    def precision(self) -> float:
        return self.correct / self.got if self.got else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    def summary(self, name: str, limit: int = 12) -> str:
        lines = [f"{name}: precision {self.precision:.4f} recall {self.recall:.4f} "
                 f"(expected {self.expected}, got {self.got}, correct {self.correct})"]
        lines += [f"  missing {m}" for m in self.missing[:limit]]
        lines += [f"  extra   {e}" for e in self.extra[:limit]]
        if len(self.missing) > limit or len(self.extra) > limit:
            lines.append(f"  … {len(self.missing)} missing, {len(self.extra)} extra in all")
        return "\n".join(lines)


def score_keyed(expected: dict, got: dict) -> Score:
    correct = sum(1 for k, v in got.items() if k in expected and expected[k] == v)
    missing = [f"{k} = {v}" + (f" (got {got[k]})" if k in got else "")
               for k, v in sorted(expected.items()) if got.get(k) != v]
    extra = [f"{k} = {v}" for k, v in sorted(got.items()) if k not in expected]
    return Score(len(expected), len(got), correct, missing, extra)


def score_line_items(expected: list[LineItem], got: list[LineItem]) -> Score:
    """Key (table, section, row_code, column) and value; duplicates in got count as extra."""
    exp = {i.key: i.value for i in expected}
    seen: dict = {}
    dup = []
    for i in got:
        if i.key in seen:
            dup.append(f"{i.key} = {i.value} (duplicate)")
        seen[i.key] = i.value
    s = score_keyed(exp, seen)
    s.got += len(dup)
    s.extra += dup
    return s


def row_name_mismatches(expected: list[LineItem], got: list[LineItem]) -> list[str]:
    """Names as printed, spaces aside; a name read in traditional characters (a document printed
    in them) matches its simplified form."""
    from .script import to_simplified

    names = {i.key: i.row_name for i in expected if i.row_name}  # single-row tables print no row label
    return [f"{i.key}: {i.row_name!r} != {names[i.key]!r}" for i in got
            if i.key in names and i.row_name.replace(" ", "") != names[i.key]
            and to_simplified(i.row_name.replace(" ", "")) != names[i.key]]


def fact_key(f: Fact) -> tuple[str, Decimal]:
    return (f.metric, f.value)


def drop_zero_shares(facts: list[Fact]) -> list[Fact]:
    """'占0%' is stated by some reports and recorded by some conventions only: not scored."""
    return [f for f in facts if not (f.metric.endswith("_share") and f.value == 0)]


def score_facts(expected: list[Fact], got: list[Fact]) -> Score:
    exp = {f.metric: f.value for f in drop_zero_shares(expected)}
    out: dict[str, Decimal] = {}
    extra = []
    for f in drop_zero_shares(got):
        if f.metric in out and out[f.metric] != f.value:
            extra.append(f"{f.metric} = {f.value} (second value)")
        out.setdefault(f.metric, f.value)
    s = score_keyed(exp, out)
    s.got += len(extra)
    s.extra += extra
    return s


def score_projects(expected: list[Project], got: list[Project]) -> Score:
    def rec(p: Project) -> tuple:
        return (p.project_name, p.budget_initial, p.budget_adjusted, p.executed, p.execution_rate, p.score)
    return score_keyed({p.project_code: rec(p) for p in expected}, {p.project_code: rec(p) for p in got})


def score_indicators(expected: list[Indicator], got: list[Indicator]) -> Score:
    def key(i: Indicator) -> tuple:
        return (i.project_code, i.level3)

    def rec(i: Indicator) -> tuple:
        return (i.level1, i.level2, i.operator, i.target, i.unit, i.actual, i.weight, i.score)
    return score_keyed({key(i): rec(i) for i in expected}, {key(i): rec(i) for i in got})


# ------------------------------------------------------------ the targets of issue 2, item 7
# (one place for both property tests: generated PDFs and generated DOCX)

def assert_line_items(expected: list[LineItem], got: list[LineItem], ctx: str,
                      min_recall: float = 0.995) -> None:
    s = score_line_items(expected, got)
    assert s.precision >= 0.995 and s.recall >= min_recall, s.summary("line items") + ctx


def assert_row_names(expected: list[LineItem], got: list[LineItem], ctx: str) -> None:
    bad = row_name_mismatches(expected, got)
    assert len(bad) <= 0.005 * max(1, len(got)), "\n".join(bad[:15]) + ctx


def assert_facts(expected: list[Fact], got: list[Fact], ctx: str) -> None:
    s = score_facts(expected, got)
    assert s.precision >= 0.98 and s.recall >= 0.95, s.summary("facts") + ctx


def assert_projects(expected: list[Project], got: list[Project], ctx: str) -> None:
    s = score_projects(expected, got)
    assert s.precision == 1.0 and s.recall == 1.0, s.summary("projects") + ctx


def assert_indicators(expected: list[Indicator], got: list[Indicator], ctx: str) -> None:
    s = score_indicators(expected, got)
    assert s.precision >= 0.95 and s.recall >= 0.95, s.summary("indicators") + ctx
