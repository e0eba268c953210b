"""Where things live in the repository, and the stable ASCII slugs of agencies."""

from __future__ import annotations

import re
from pathlib import Path

from pypinyin import lazy_pinyin

# characters after which an agency name is cut into slug words
_BREAK_AFTER = set("省市区县盟旗镇乡局委办厅院会部署处科所队站室社馆中心校")


def slugify(name: str) -> str:
    """Stable ASCII slug: '达州市公安局达川区分局' → 'dazhoushi-gonganju-dachuanqu-fenju'."""
    words: list[str] = []
    current = ""
    for ch in name.strip():
        if ch.isspace():
            continue
        syl = lazy_pinyin(ch)[0]
        syl = re.sub(r"[^a-z0-9]", "", syl.lower())
        current += syl
        if ch in _BREAK_AFTER and current:
            words.append(current)
            current = ""
    if current:
        words.append(current)
    slug = "-".join(w for w in words if w)
    return slug or "agency"


def repo_root(start: Path | None = None) -> Path:
    """The folder holding data/ and mkdocs.yml (cwd or a parent)."""
    here = (start or Path.cwd()).resolve()
    for p in (here, *here.parents):
        if (p / "data").is_dir() and (p / "pyproject.toml").exists():
            return p
    return here


class Layout:
    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root else repo_root()
        self.data = self.root / "data"
        self.reports = self.data / "reports"
        self.packages = self.data / "packages"
        self.reference = self.data / "reference"
        self.cache = self.root / ".cache" / "juesuan"
        self.docs = self.root / "docs"
        self.site = self.root / "site"

    def report_dirs(self) -> list[Path]:
        return sorted(p.parent for p in self.reports.glob("*/*/report.yml"))

    def package_dir(self, slug: str, year: int | str) -> Path:
        return self.packages / slug / str(year)
