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
    # ---- the real-world families (REAL-WORLD.md, the Shanghai fixture); defaults are the classic print
    mix: str = "classic"  # how the families below were drawn: "classic" | "all" | "one:<family>"
    preset: str = ""  # "" | "shanghai" (the putuo-czj-2024 look: every Shanghai choice at once)
    w_and: str = "std"  # 和/及 in headers and summary labels: "std" | "swap" (及↔和) | "drop"
    w_suffix: str = "none"  # "数" (基本支出数, 本年收入数) or "支出" (人员经费支出, 公务接待费支出) appended
    w_amount: str = "决算数"  # the 决算数 header: 决算数 | 决算金额 | 本年决算数 | 金额
    w_vehicle: str = "full"  # "short": 公务用车运行维护费 → 公务用车运行费
    w_total: str = "本年收入合计"  # 本年收入合计 | 本年收入 | 收入合计 (and 本年支出合计 alike; headers and rows)
    w_item: str = "std"  # "swap": 项目 ↔ 科目名称 in the name-column headers
    toc: str = "none"  # 目录 page after the cover: "none" | "dots" (……（6）) | "numbered" (一、… no page numbers)
    zeros: str = "printed"  # "blank": nothing printed where a value is 0 (no line item for that cell)
    econ_split: bool = False  # economic codes in 类 | 款 columns ("302 | 31") in the 08 / 机关运行经费 tables
    total_row: str = "first"  # coded tables' 合计: "first" | "in_header" (on the 类/款/项 label row)
    #                           | "last" (merged across the code columns) | "shanghai" (收入/支出 in_header, 06 last)
    code_header: str = "two"  # "two" (支出功能分类科目编码 / 类) | "project" (项目 / 支出功能分类 / 科目编码 / 类)
    line_col: str = ""  # a line-number column after the names (行次 | 栏次 | 行 | 栏); also the two-sided 行次 label
    lanci_label: str = "栏次"  # label of the column-number row: 栏次 | 栏
    summary_spill: bool = False  # the two-sided tables' last rows alone on the next page, no title, no header
    title_space: str = "none"  # "some" (收 支 决算总表) | "letters" (收 入 支 出 …)
    title_affix: str = "none"  # "year" (2024年度…) | "dept" (部门…) | "annex" (附表2：…)
    title_abbrev: bool = False  # 总 / 收入 dropped (or 收入 added) where the template keeps titles distinct
    form_codes: bool = True  # False: no 财决公开NN表 / 公开NN表 printed (Shanghai)
    script: str = "simplified"  # "traditional": the whole document in traditional characters
    caption: str = "full"  # "unit_only": only 单位：万元 under the title (Shanghai)
    part_heading: bool = False  # "第二部分 <agency><year>年度部门决算表" above the first table
    label_spacing: bool = False  # some long row labels letter-spaced ("因 公 出 国 （ 境 ） 费 用")

    def describe(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in asdict(self).items())

    def families(self) -> dict[str, object]:
        """The real-world family values of this variation (for survey tables)."""
        return {k: getattr(self, k) for k in FAMILIES}


# family -> (classic value, other values, chance of another value when mix="all")
FAMILIES: dict[str, tuple[object, list, float]] = {
    "preset": ("", ["shanghai"], 0.12),
    "w_and": ("std", ["swap", "drop"], 0.3),
    "w_suffix": ("none", ["数", "支出"], 0.3),
    "w_amount": ("决算数", ["决算金额", "本年决算数", "金额"], 0.35),
    "w_vehicle": ("full", ["short"], 0.3),
    "w_total": ("本年收入合计", ["本年收入", "收入合计"], 0.3),
    "w_item": ("std", ["swap"], 0.3),
    "toc": ("none", ["dots", "numbered"], 0.4),
    "zeros": ("printed", ["blank"], 0.35),
    "econ_split": (False, [True], 0.3),
    "table_08": ("", ["sides"], 0.25),  # "" = as drawn above (groups | list); "sides" = two column groups
    "total_row": ("first", ["in_header", "last", "shanghai"], 0.35),
    "code_header": ("two", ["project"], 0.3),
    "line_col": ("", ["行次", "栏次", "行", "栏"], 0.3),
    "lanci_label": ("栏次", ["栏"], 0.3),
    "summary_spill": (False, [True], 0.25),
    "title_space": ("none", ["some", "letters"], 0.3),
    "title_affix": ("none", ["year", "dept", "annex"], 0.3),
    "title_abbrev": (False, [True], 0.3),
    "form_codes": (True, [False], 0.3),
    "script": ("simplified", ["traditional"], 0.15),
    "caption": ("full", ["unit_only"], 0.3),
    "part_heading": (False, [True], 0.2),
    "label_spacing": (False, [True], 0.2),
}
# what a family value needs from the other choices to show at all
REQUIRES: dict[str, dict[str, object]] = {
    "lanci_label": {"lanci": True},
    "total_row": {"code_style": "split"},  # in_header needs the 类/款/项 label row (merged has it too)
}
SHANGHAI = dict(template="national9", unit="万元", commas=True, code_style="split", lanci=False, row_numbers=False,
                total_span=False, split_prob=0.3, cont_title="none", repeat_header=False, alias_titles=False,
                table_08="sides", flat_headers=False, notes_on_empty=False, rules="all", w_vehicle="short",
                toc="numbered", zeros="blank", econ_split=True, total_row="shanghai", code_header="project",
                line_col="", summary_spill=True, title_space="none", title_affix="none", title_abbrev=False,
                form_codes=False, script="simplified", caption="unit_only", part_heading=True, label_spacing=True,
                w_and="std", w_suffix="none", w_amount="决算数", w_total="本年收入合计", w_item="std",
                lanci_label="栏次")
MIX_ENV = "JUESUAN_GENERATOR_MIX"


def family_values(name: str) -> list:
    classic, others, _ = FAMILIES[name]
    return [classic, *others]


def choose_variation(seed: int, mix: str | None = None, **override) -> Variation:
    """The variation of a seed. mix: "classic" (none of the real-world families: the documents of
    before; the default, or $JUESUAN_GENERATOR_MIX), "all" (each family drawn at random: what
    scripts/survey.py and test_generated_families.py print), "one" (classic, except one family
    drawn from the seed at a non-classic value), or "one:<family>" (that family). Overrides are
    applied last (with what a forced family value needs to show, REQUIRES)."""
    import os

    mix = mix or os.environ.get(MIX_ENV, "classic")
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
    # the families: a generator of their own, so the classic draws above never move
    frng = random.Random(f"families-{seed}")
    drawn = {}
    for name, (classic, others, p) in FAMILIES.items():
        hit = frng.random() < p
        alt = frng.choice(others)
        drawn[name] = alt if hit else classic
    fams: dict[str, object] = {}
    if mix == "all":
        fams = {k: x for k, x in drawn.items() if x != FAMILIES[k][0]}
    elif mix.startswith("one"):
        name = mix[4:] or sorted(FAMILIES)[frng.randrange(len(FAMILIES))]
        if name not in FAMILIES:
            raise ValueError(f"unknown family {name!r}; one of {sorted(FAMILIES)}")
        fams = {name: frng.choice(FAMILIES[name][1])}
        mix = f"one:{name}"
    elif mix != "classic":
        raise ValueError(f"mix must be classic, all, one or one:<family>, not {mix!r}")
    for k, x in fams.items():
        v[k] = x
        if mix.startswith("one"):
            v.update(REQUIRES.get(k, {}))
    if v.get("preset") == "shanghai":
        v.update(SHANGHAI)
    v["mix"] = mix
    v.update(override)
    for k, x in override.items():
        if k in REQUIRES and x != FAMILIES[k][0]:
            v.update({r: y for r, y in REQUIRES[k].items() if r not in override})
    if v.get("preset") == "shanghai" and "preset" in override:
        v.update({k: x for k, x in SHANGHAI.items() if k not in override})
    return Variation(**v)
