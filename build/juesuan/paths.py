"""Where things live in the repository, and the stable ASCII slugs of agencies.

An agency is identified by its full name and its region, never by its slug: homophone cities
(苏州/宿州, 泰州/台州, 福州/抚州) give one pinyin slug, so a slug already held by another agency
is disambiguated by the region (``anhuisheng-suzhoushi-caizhengju``) or a number suffix.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path

# characters after which an agency name is cut into slug words
_BREAK_AFTER = set("省市区县盟旗镇乡局委办厅院会部署处科所队站室社馆中心校")


def slugify(name: str) -> str:
    """Stable ASCII slug: '达州市公安局达川区分局' → 'dazhoushi-gonganju-dachuanqu-fenju'."""
    from pypinyin import lazy_pinyin

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


def readable(text: str | Path) -> str:
    """A file name or path as text that prints and encodes anywhere, on one line. A name that
    is not UTF-8 arrives on Linux as surrogate escapes: each part is decoded as UTF-8, else as
    GB18030 (Chinese Windows and zip files), else with U+FFFD; control characters are escaped."""
    text = str(text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        parts = []
        for raw in text.encode("utf-8", "surrogateescape").split(b"/"):
            for enc in ("utf-8", "gb18030"):
                try:
                    parts.append(raw.decode(enc))
                    break
                except UnicodeDecodeError:
                    continue
            else:
                parts.append(raw.decode("utf-8", "replace"))
        text = "/".join(parts)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def agency_key(name: str) -> str:
    """The agency's full name as compared: NFKC, no spaces."""
    return "".join(unicodedata.normalize("NFKC", str(name or "")).split())


def _region_keys(region: Sequence[str] | str | None) -> list[str]:
    if isinstance(region, str):
        region = [r for r in re.split(r"[,，、/ ]+", region) if r]
    return [agency_key(r) for r in (region or []) if agency_key(r)]


def same_agency(name_a: str, region_a: Sequence[str] | None,
                name_b: str, region_b: Sequence[str] | None) -> bool:
    """One agency: the same full name, and regions that agree as far as both are given
    (a report without region matches any region; 四川省 matches 四川省/达州市)."""
    if agency_key(name_a) != agency_key(name_b) or not agency_key(name_a):
        return False
    a, b = _region_keys(region_a), _region_keys(region_b)
    n = min(len(a), len(b))
    return a[:n] == b[:n]


SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_MAX = 120


def slug_candidates(name: str, region: Sequence[str] | None = None) -> Iterator[str]:
    """Slugs for an agency, best first: the pinyin of its name, then prefixed with its region
    from the province down (宿州市财政局 in 安徽省 → anhuisheng-suzhoushi-caizhengju), then the
    pinyin with a number (…-2, …-3). The first one no other agency holds is its slug."""
    base = slugify(name)
    yield base
    regions = [r for r in (region or []) if str(r).strip()]
    seen = {base}
    for depth in range(1, len(regions) + 1):
        prefix = "-".join(slugify(r) for r in regions[:depth])
        cand = f"{prefix}-{base}"
        if cand not in seen and len(cand) <= SLUG_MAX:
            seen.add(cand)
            yield cand
    for n in range(2, 1000):
        yield f"{base[:SLUG_MAX - 4]}-{n}"


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
