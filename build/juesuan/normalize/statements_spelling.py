"""Words printed two ways in one document (涉案财务/涉案财物, 入口率/入库率): likely typos.

Only characters that are commonly confused in Chinese fiscal writing (homophones and
near-homophones, CONFUSABLE) are considered, and only inside a five-character window of
Chinese text that is printed elsewhere in the same document with the other character.
The window keeps the noise low: 财务管理 and 财物管理 may both be right, but
"涉案财务集" beside "涉案财物集" is one name spelt two ways.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# each pair both ways; keep it short: every pair is a source of false alarms
_PAIRS = ("务物", "口库", "帐账", "既即", "做作", "象像", "型形", "须需", "截载", "订定")
CONFUSABLE = {p[i]: p[1 - i] for p in _PAIRS for i in (0, 1)}
WINDOW = 5
_CJK_RUN = re.compile(rf"[\u4e00-\u9fff]{{{WINDOW - 1},}}")
_EDGE = "|"  # start or end of a run of Chinese text


@dataclass(frozen=True)
class SpellingVariant:
    word: str  # three characters around the confusable character, one spelling …
    other: str  # … and the other (word < other)
    count: int  # five-character windows printed with ``word``
    other_count: int
    context: str  # such a window with ``word``
    other_context: str


def spelling_variants(text: str) -> list[SpellingVariant]:
    """Pairs of spellings of one word in ``text``: each pair once, sorted, with counts.

    Windows are taken over runs of Chinese text padded with a boundary mark, with the
    confusable character in the middle: two characters of context on each side, where
    the start or end of the run (punctuation, a number) counts as one."""
    windows: Counter[str] = Counter()
    for run in _CJK_RUN.finditer(re.sub(r"\s+", "", text)):
        s = f"{_EDGE}{run.group(0)}{_EDGE}"
        windows.update(s[i:i + WINDOW] for i in range(len(s) - WINDOW + 1))
    found: dict[tuple[str, str], SpellingVariant] = {}
    mid = WINDOW // 2
    for g in sorted(windows):
        swap = CONFUSABLE.get(g[mid])
        v = g[:mid] + swap + g[mid + 1:] if swap else ""
        if v not in windows or g > v:
            continue
        key = (g[mid - 1:mid + 2].strip(_EDGE), v[mid - 1:mid + 2].strip(_EDGE))
        best = found.get(key)
        if best is None or windows[g] + windows[v] > best.count + best.other_count:
            found[key] = SpellingVariant(*key, windows[g], windows[v], g.strip(_EDGE), v.strip(_EDGE))
    return [found[k] for k in sorted(found)]
