"""The version moves in one step: pyproject.toml, juesuan.__version__ and CHANGELOG.md agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import juesuan

ROOT = Path(__file__).parents[2]
SECTION = re.compile(r"^## (Unreleased|\d+\.\d+\.\d+ - \d{4}-\d{2}-\d{2})$", re.M)


def _version_key(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split("."))


def test_pyproject_and_the_package_declare_one_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["version"] == juesuan.__version__


def test_the_changelog_covers_the_current_version():
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    sections = SECTION.findall(text)
    assert sections and (sections[0] == "Unreleased" or sections[0].startswith(juesuan.__version__ + " ")), sections
    released = [s.split(" ")[0] for s in sections if s != "Unreleased"]
    assert released == sorted(released, key=_version_key, reverse=True), "newest first"
    assert "0.1.0" in released
    current = juesuan.__version__
    if current in released:
        return
    # not released yet: the Unreleased section names the version the code carries
    top = text[text.index("## Unreleased"):text.index("## " + released[0])]
    assert current in top, f"CHANGELOG.md's Unreleased section should say the code is {current}"
    assert _version_key(current) > _version_key(released[0]), "the version moves forward"
