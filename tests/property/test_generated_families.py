"""The real-world variation families (generator.variations.FAMILIES: REAL-WORLD.md and the Shanghai
fixture) on generated PDFs: each family value forced alone on a seed of its own (every other choice
classic), the Shanghai preset, and a few seeds with every family drawn at random (mix="all", as
scripts/survey.py does on hundreds). Line items and row names are scored as in test_generated_pdfs;
the generator's own promises about each family (what it prints, what it expects) are checked too.

JUESUAN_PROPERTY_FAMILY_MIXED (default 8) sets how many mix="all" seeds; JUESUAN_PROPERTY_FAMILIES=0
skips the parser tests here (the generator's own checks still run). A failure prints the seed, the
variation and a reproduction command. scripts/survey.py scores hundreds of such documents at once."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pytest

from generator import choose_variation, generate_report, make_document, render_pdf, report_meta
from generator.compare import assert_line_items, assert_row_names
from generator.variations import FAMILIES, family_values

OUT = Path(os.environ.get("JUESUAN_PROPERTY_DIR", "/tmp/juesuan-property"))
PARSER = pytest.mark.skipif(os.environ.get("JUESUAN_PROPERTY_FAMILIES", "1") == "0",
                            reason="JUESUAN_PROPERTY_FAMILIES=0: parser tests on the real-world families skipped")
MIXED = list(range(4000, 4000 + int(os.environ.get("JUESUAN_PROPERTY_FAMILY_MIXED", "8"))))

# every non-classic value of every family, forced alone (mix="classic" + the override) on its own seed
CASES: list[tuple[str, object]] = [(name, value) for name in FAMILIES for value in FAMILIES[name][1]]
SEED_OF = {case: 3000 + i for i, case in enumerate(CASES)}


def case_id(case) -> str:
    return f"{case[0]}={case[1]}"


@lru_cache(maxsize=None)
def parsed(seed: int, mix: str, override: tuple = ()):
    """(expected report, variation, render log, PDF path, parsed report or the exception raised)."""
    from juesuan.pipeline import parse_file

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"family-{seed}-{mix}{''.join(f'-{k}={v}' for k, v in override)}.pdf"
    report, v, log = make_document(seed, path, mix=mix, **dict(override))
    try:
        got = parse_file(path, report_meta(report, path.name))
    except Exception as e:  # noqa: BLE001 - reported as the test failure, with the seed
        got = e
    return report, v, log, path, got


def context(seed: int, mix: str, override: tuple = ()) -> str:
    report, v, log, path, _ = parsed(seed, mix, override)
    args = "".join(f", {k}={v!r}" for k, v in override)
    return (f"\nseed {seed}: {v.describe()}\npages {log.pages}\ncuts {log.cuts}\nfile: {path}\n"
            f"reproduce: .venv/bin/python -c \"import sys; sys.path.insert(0, 'tests'); from generator import "
            f"make_document; make_document({seed}, '/tmp/repro.pdf', mix={mix!r}{args})\"")


def parse_or_fail(seed: int, mix: str, override: tuple = ()):
    report, v, log, path, got = parsed(seed, mix, override)
    if isinstance(got, Exception):
        pytest.fail(f"parse raised {type(got).__name__}: {got}{context(seed, mix, override)}")
    return report, got


# ------------------------------------------------------------------ the parser, family by family


@PARSER
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_family_line_items(case):
    seed, override = SEED_OF[case], ((case[0], case[1]),)
    report, got = parse_or_fail(seed, "classic", override)
    assert_line_items(report.line_items(), got.line_items, context(seed, "classic", override))


@PARSER
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_family_row_names(case):
    seed, override = SEED_OF[case], ((case[0], case[1]),)
    report, got = parse_or_fail(seed, "classic", override)
    assert_row_names(report.line_items(), got.line_items, context(seed, "classic", override))


@PARSER
@pytest.mark.parametrize("seed", MIXED)
def test_all_families_at_random(seed):
    report, got = parse_or_fail(seed, "all")
    # every family at once: the bar for documents nobody has seen (P >= 0.995, R >= 0.98)
    assert_line_items(report.line_items(), got.line_items, context(seed, "all"), min_recall=0.98)
    assert_row_names(report.line_items(), got.line_items, context(seed, "all"))


# ------------------------------------------------------------------ the generator's promises


def test_families_are_drawn_reproducibly_and_leave_classic_draws_alone():
    for seed in range(60):
        classic, drawn = choose_variation(seed, mix="classic"), choose_variation(seed, mix="all")
        assert drawn == choose_variation(seed, mix="all")
        assert all(getattr(classic, k) == FAMILIES[k][0] for k in FAMILIES if k != "table_08")
        if drawn.preset != "shanghai":  # the preset sets classic fields too (template, code_style …)
            same = {k: x for k, x in classic.__dict__.items() if k not in FAMILIES and k not in ("mix", "table_08")}
            assert same == {k: getattr(drawn, k) for k in same}, seed
    seen = {k: {getattr(choose_variation(s, mix="all"), k) for s in range(300)} for k in FAMILIES}
    for k in FAMILIES:
        missing = set(family_values(k)) - seen[k] - ({""} if k == "table_08" else set())
        assert not missing, (k, missing)


def test_mix_one_forces_a_single_family():
    for seed in range(40):
        v = choose_variation(seed, mix="one")
        name = v.mix.split(":")[1]
        others = [k for k in FAMILIES if k not in (name, "table_08") and getattr(v, k) != FAMILIES[k][0]]
        assert getattr(v, name) in FAMILIES[name][1] and (others == [] or name == "preset"), (seed, v.mix, others)


def _render(tmp_path: Path, seed: int, **kw):
    v = choose_variation(seed, mix="classic", **kw)
    report = generate_report(seed, v.template, v.unit)
    path = tmp_path / f"{seed}-{'-'.join(f'{k}={x}' for k, x in kw.items())}.pdf"
    log = render_pdf(report, v, path)
    return report, v, log, path


def _text(path: Path, pages: list[int], **kw) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(pdf.pages[n - 1].extract_text(**kw) or "" for n in pages)


def test_every_forced_family_changes_the_print(tmp_path):
    """Each forced case prints something else than the same seed printed classic (it is exercised)."""
    same = []
    for case in CASES:
        seed = SEED_OF[case]
        *_, base = _render(tmp_path, seed)
        *_, forced = _render(tmp_path, seed, **{case[0]: case[1]})
        if base.read_bytes() == forced.read_bytes():
            same.append(case_id(case))
    assert not same, f"printed exactly as the classic variation: {same}"


def test_blank_zero_is_absent_and_printed_zero_present(tmp_path):
    report, v, log, path = _render(tmp_path, 11, zeros="blank")
    canonical = generate_report(11, v.template, v.unit).line_items()
    expected = report.line_items()
    assert any(i.value == 0 for i in canonical) and not any(i.value == 0 for i in expected)
    assert len(expected) == len([i for i in canonical if i.value != 0])
    pages = sorted({n for t, ps in log.pages.items() if t != "projects" for n in ps})
    words = re.findall(r"\S+", _text(path, pages))
    assert "0.00" not in words and "0" not in words
    report, v, log, path = _render(tmp_path, 11)
    assert any(i.value == 0 for i in report.line_items())


def test_toc_lists_every_title_with_its_page(tmp_path):
    for style in ("dots", "numbered"):
        report, v, log, path = _render(tmp_path, 12, toc=style, title_affix="annex")
        toc = _text(path, log.toc_pages).replace(" ", "")
        for tid, title in log.titles.items():
            assert title.replace(" ", "") in toc, (style, title)
            page = f"（{log.pages[tid][0]}）"
            assert (page in toc) == (style == "dots"), (style, tid, page)
        assert not set(log.toc_pages) & {n for ps in log.pages.values() for n in ps}


def test_traditional_script_keeps_the_values(tmp_path):
    report, v, log, path = _render(tmp_path, 13, script="traditional")
    text = _text(path, log.pages["income_expenditure_summary"])
    assert "萬元" in text and "決算" in text and "万元" not in text and "决算" not in text
    item = next(i for i in report.line_items() if i.table == "income_expenditure_summary" and i.value)
    assert f"{item.value / report.scale / 100:{',' if v.commas else ''}.2f}" in text.replace(" ", "")


def test_summary_spill_page_has_no_title_and_no_header(tmp_path):
    report, v, log, path = _render(tmp_path, 14, summary_spill=True, split_prob=0.0, cont_title="续表",
                                   repeat_header=True)
    last = log.pages["income_expenditure_summary"][-1]
    text = _text(path, [last])
    assert "总计" in text and "年初结转和结余" in text
    assert "决算总表" not in text and "项目" not in text and "单位：" not in text, text
    assert any("spill" in c for c in log.cuts)


def test_line_numbers_and_column_numbers_are_printed_not_expected(tmp_path):
    """行次 1, 2, 3 … and the 栏 row print numbers that are no line items (expected = the records)."""
    report, v, log, path = _render(tmp_path, 15, line_col="行次", lanci=True, lanci_label="栏")
    text = _text(path, log.pages["income"])
    assert "行次" in text and "栏" in text and "栏次" not in text
    rows = len(report.tables["income"].rows)
    small = [w for w in re.findall(r"(?<![\d.,])\d{1,2}(?![\d.,])", text)]
    assert {str(n) for n in range(1, rows + 1)} <= set(small), (rows, small[:40])


def test_split_codes_and_header_total_row(tmp_path):
    report, v, log, path = _render(tmp_path, 16, preset="shanghai")
    assert v.table_08 == "sides" and v.econ_split and v.zeros == "blank" and not v.form_codes
    text = _text(path, log.pages["basic_expenditure"])
    assert re.search(r"\b30[12]\s+\d\d\b", text), text[:300]  # "301 01" / "302 31"
    income = _text(path, log.pages["income"][:1])
    assert re.search(r"类\s+款\s+项\s+合计", income.replace("\n", " ")), income[:400]
    assert "财决公开" not in _text(path, [n for ps in log.pages.values() for n in ps]) and "公开0" not in income
