"""How one generated document is printed: every choice is drawn from the seed and printable."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from pathlib import Path

TTF_CANDIDATES = {
    "WQYMicroHei": ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    "WQYZenHei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    "NotoSansCJK": ("/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc", 2),
}


def available_fonts() -> list[str]:
    """reportlab's built-in CID font always; TrueType CJK fonts where the machine has them."""
    return ["STSong-Light"] + [name for name, (path, _) in TTF_CANDIDATES.items() if Path(path).exists()]


@dataclass(frozen=True)
class Variation:
    seed: int
    template: str  # "sichuan13" | "national9"
    unit: str  # "万元" | "元"
    font: str
    font_size: float  # table body size in points
    commas: bool  # thousands separators in table cells
    code_style: str  # "merged" (7 digits across 类|款|项) | "split" (204|02|01) | "single" (one 科目编码 column)
    lanci: bool  # a 栏次 row under the headers
    row_numbers: bool  # 行次 columns in two-sided tables
    total_span: bool  # "合计" written across the code and name columns
    split_prob: float  # chance that a table is cut at a random row
    cont_title: str  # continuation page title: "续表" | "same" | "none"
    repeat_header: bool  # header rows repeated on continuation pages
    alias_titles: bool  # print title aliases of the spec
    fake_bold: bool  # titles drawn twice with a tiny offset
    landscape: str  # "auto" (only when too wide) | "mixed" (random when it fits)
    table_08: str  # "groups" (3 column groups) | "list"
    flat_headers: bool  # 小计/基本支出/项目支出 without the 本年支出 group header
    tables_first: bool  # tables before the narrative
    notes_on_empty: bool  # "本表无数据" note under headers-only tables
    rules: str = "all"  # standard tables: "all" (every cell ruled) | "horizontal" (三线表) | "none"

    def describe(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in asdict(self).items())


def choose_variation(seed: int, **override) -> Variation:
    rng = random.Random(f"variation-{seed}")
    v = dict(
        seed=seed,
        template=rng.choice(["sichuan13", "sichuan13", "national9"]),
        unit=rng.choice(["万元", "万元", "元"]),
        font=rng.choice(available_fonts()),
        font_size=rng.choice([7.0, 7.5, 8.0, 9.0]),
        commas=rng.random() < 0.6,
        code_style=rng.choice(["merged", "merged", "split", "single"]),
        lanci=rng.random() < 0.7,
        row_numbers=rng.random() < 0.7,
        total_span=rng.random() < 0.3,
        split_prob=rng.choice([0.0, 0.3, 0.6]),
        cont_title=rng.choice(["续表", "same", "none"]),
        repeat_header=rng.random() < 0.6,
        alias_titles=rng.random() < 0.4,
        fake_bold=rng.random() < 0.3,
        landscape=rng.choice(["auto", "mixed"]),
        table_08=rng.choice(["groups", "groups", "list"]),
        flat_headers=rng.random() < 0.4,
        tables_first=rng.random() < 0.25,
        notes_on_empty=rng.random() < 0.5,
        rules=rng.choice(["all", "all", "horizontal", "none"]),  # drawn last: earlier draws unchanged
    )
    v.update(override)
    return Variation(**v)
