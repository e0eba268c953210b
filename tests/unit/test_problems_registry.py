"""Problem codes live in one registry (schemas/problems.yaml): every Problem(...) the package
makes uses a registered code, written as a literal so that this test can see it, and every
registered code is used somewhere."""

from __future__ import annotations

import ast
import json
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from juesuan import problems
from juesuan.models import Problem, Report, ReportMeta

PACKAGE = Path(__file__).parents[2] / "build" / "juesuan"


def _problem_calls() -> list[tuple[str, int, ast.Call]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
                if name == "Problem":
                    out.append((str(path.relative_to(PACKAGE)), node.lineno, node))
    return out


def _code(call: ast.Call) -> ast.expr | None:
    if call.args:
        return call.args[0]
    return next((k.value for k in call.keywords if k.arg == "code"), None)


def used_codes() -> dict[str, list[str]]:
    """code → places (file:line) of the Problem(...) calls that use it."""
    out: dict[str, list[str]] = {}
    for path, line, call in _problem_calls():
        code = _code(call)
        assert isinstance(code, ast.Constant) and isinstance(code.value, str), \
            f"{path}:{line}: Problem(...) needs its code as a string literal (registered in schemas/problems.yaml)"
        out.setdefault(code.value, []).append(f"{path}:{line}")
    return out


def test_the_registry_matches_its_schema():
    text = resources.files("juesuan").joinpath("schemas/problems.yaml").read_text("utf-8")
    schema = json.loads(resources.files("juesuan").joinpath("schemas/problems.schema.json").read_text("utf-8"))
    jsonschema.validate(yaml.safe_load(text), schema)


def test_the_scan_finds_the_problem_calls():
    assert len(_problem_calls()) >= 10  # the scan itself works: the package makes many problems


def test_every_code_used_is_registered():
    unknown = {code: places for code, places in used_codes().items() if code not in problems.registry()}
    assert not unknown, f"declare these problem codes in build/juesuan/schemas/problems.yaml: {unknown}"


CODE_LIKE = re.compile(r"^[a-z]+(?:_[a-z]+)+$")


def compared_codes() -> dict[str, list[str]]:
    """Snake-case strings compared with a ``.code`` (``p.code == "x"``, ``p.code in {"x", …}``):
    the places that react to a problem code; each must name a registered code."""
    out: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Compare):
                continue
            sides = [node.left, *node.comparators]
            if not any(isinstance(x, ast.Attribute) and x.attr == "code" for x in sides):
                continue
            for side in sides:
                for c in ast.walk(side):
                    if isinstance(c, ast.Constant) and isinstance(c.value, str) and CODE_LIKE.match(c.value):
                        out.setdefault(c.value, []).append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return out


def test_every_code_compared_against_is_registered():
    unknown = {code: places for code, places in compared_codes().items() if code not in problems.registry()}
    assert not unknown, f"these comparisons name problem codes schemas/problems.yaml does not declare: {unknown}"


def test_every_registered_code_is_used():
    unused = sorted(set(problems.registry()) - set(used_codes()))
    assert not unused, f"registered in schemas/problems.yaml but never used: {unused}"


def test_lookup_titles_and_the_cells_not_read_flag():
    assert problems.title("unplaced_number") == problems.registry()["unplaced_number"].title
    assert problems.title("from_an_old_package") == "from_an_old_package"
    assert {"unplaced_number", "unreadable_cell"} <= problems.cells_not_read()
    assert "table_not_printed" not in problems.cells_not_read()
    with pytest.raises(KeyError, match="schemas/problems.yaml"):
        problems.problem("no_such_code")


@pytest.mark.parametrize("code", sorted(problems.registry()))
def test_the_audit_treats_a_table_as_unread_exactly_when_the_registry_says_so(code):
    from juesuan.audit.context import Context

    report = Report(meta=ReportMeta(agency="某单位", region=[], sector="", year=2023, kind="部门决算"),
                    problems=[Problem(code, "…", 3, "income")])
    assert Context(report).fully_read("income") is not problems.registry()[code].cells_not_read
