"""The folders show the flow extract → locate → normalize → audit → package → render, and no
import runs back up it: a stage imports only earlier stages and the stage-independent modules
(textnorm, vocabulary, identities, spec, reference, amounts, models, errors …)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "build" / "juesuan"
FLOW = ["extract", "locate", "normalize", "audit", "package", "render"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("juesuan."):
            out.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names if a.name.startswith("juesuan."))
    return out


@pytest.mark.parametrize("stage", FLOW)
def test_no_import_runs_back_up_the_flow(stage):
    later = set(FLOW[FLOW.index(stage) + 1:])
    offenders = {f"{p.relative_to(PACKAGE)} imports {sorted(_imports(p) & later)}"
                 for p in sorted((PACKAGE / stage).glob("*.py")) if _imports(p) & later}
    assert not offenders, sorted(offenders)


def test_shared_modules_import_no_stage():
    for name in ("textnorm.py", "vocabulary.py", "identities.py", "amounts.py", "spec.py"):
        assert not _imports(PACKAGE / name) & set(FLOW), name
