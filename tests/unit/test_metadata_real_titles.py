"""The real-title test set (tests/fixtures/titles.yaml: the shapes REAL-WORLD.md shows, from every
provincial-level division): the agency is never wrong — found as printed, or "" so that parsing
asks for --meta — and found on most titles that name it; region, year and kind come with it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from juesuan.models import ExtractedDocument, Page
from juesuan.normalize.metadata import guess_metadata

TITLES = yaml.safe_load((Path(__file__).parents[1] / "fixtures" / "titles.yaml").read_text("utf-8"))["titles"]
BODY = "\n一、收入支出决算总体情况说明\n{y}年度收、支总计均为100.00万元。"
FOUND_AT_LEAST = 0.9


def _doc(entry: dict) -> ExtractedDocument:
    body = BODY.format(y=entry.get("year", 2023))
    if entry.get("format") == "pdf":  # a cover page, then the body
        pages = [Page(1, entry["title"]), Page(2, body)]
        return ExtractedDocument(Path("x.pdf"), "pdf", "", 2, pages)
    return ExtractedDocument(Path("x.txt"), "text", "", 1, [Page(None, entry["title"] + "\n" + body)])


def test_the_set_covers_every_province():
    from juesuan.normalize.metadata_regions import _regions

    named = {e["region"][0] for e in TITLES if "region" in e}
    mainland = {n for c, n in _regions()["provinces"].items() if int(c) < 70}
    assert len(TITLES) >= 60 and mainland <= named, sorted(mainland - named)


@pytest.mark.parametrize("entry", TITLES, ids=[e["title"].replace("\n", "/")[:24] for e in TITLES])
def test_agency_is_never_wrong(entry):
    got = guess_metadata(_doc(entry))
    if entry.get("ask"):
        assert got["agency"] == "", "must ask for --meta"
        return
    assert got["agency"] in (entry["agency"], ""), "a wrong agency is published"
    if got["agency"]:
        assert got["region"] == entry["region"]
        assert got["year"] == entry["year"]
        assert got["kind"] == entry.get("kind", "部门决算")


def test_most_agencies_are_found():
    named = [e for e in TITLES if not e.get("ask")]
    found = [e for e in named if guess_metadata(_doc(e))["agency"] == e["agency"]]
    assert len(found) / len(named) >= FOUND_AT_LEAST, [e["title"] for e in named if e not in found]


def _page(text: str, meta: dict) -> ExtractedDocument:
    return ExtractedDocument(Path("x.html"), "html", "", 1, [Page(None, text)], source_meta=meta)


def test_web_page_title_is_read_and_its_publisher_never_taken():
    body = BODY.format(y=2023)
    meta = {"publisher": "成都市武侯区财政局", "title": "成都市武侯区民政局2023年度部门决算", "published": "2024-09-20"}
    got = guess_metadata(_page("2023年度部门决算" + body, meta))
    assert (got["agency"], got["region"], got["published"]) == (
        "成都市武侯区民政局", ["四川省", "成都市", "武侯区"], "2024-09-20")
    # a page whose only name is its publisher: ask
    assert guess_metadata(_page("2023年度部门决算" + body, {"publisher": "成都市武侯区财政局"}))["agency"] == ""
