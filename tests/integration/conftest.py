"""Fixtures shared by the integration tests: the real Shanghai report, parsed once."""

from __future__ import annotations

from pathlib import Path

import pytest

PUTUO = Path(__file__).parents[1] / "fixtures" / "real" / "putuo-czj-2024"


@pytest.fixture(scope="session")
def putuo_report():
    """上海市普陀区财政局 2024 (tests/fixtures/real/putuo-czj-2024) through the whole parser."""
    from juesuan.pipeline import parse_file

    return parse_file(PUTUO / "上海市普陀区财政局2024年度部门决算.pdf")
