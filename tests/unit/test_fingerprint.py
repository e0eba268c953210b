"""The cache key covers everything the parse stage imports, the schemas, the reference data and
the versions of the libraries that read documents; parser_version moves with it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from juesuan.fingerprint import EXTRACT_CODE, PARSE_CODE, WRITE_CODE, _distributions, fingerprint, stage_modules

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "fixtures" / "golden" / "000_cecd3edf739872c0"

PARSE_SCRIPT = """
import json, sys
from juesuan.pipeline import parse_file
from juesuan.fingerprint import PARSE_CODE, fingerprint
versions = []
for path in sys.argv[1:]:
    versions.append(parse_file(path, {"agency": "测试市财政局", "year": 2024}).meta.parser_version)
print(json.dumps({"modules": sorted(m for m in sys.modules if m.split(".")[0] == "juesuan"),
                  "versions": versions, "fingerprint": fingerprint(PARSE_CODE)}))
"""


def test_every_module_a_parse_loads_is_in_the_parse_fingerprint():
    files = [GOLDEN / "000_cecd3edf739872c0.pdf", GOLDEN / "000_cecd3edf739872c0.docx"]
    out = subprocess.run([sys.executable, "-c", PARSE_SCRIPT, *map(str, files)], check=True,
                         capture_output=True, text=True, cwd=REPO).stdout
    got = json.loads(out.strip().splitlines()[-1])
    modules, _ = stage_modules(PARSE_CODE)
    helpers = ("juesuan.cache", "juesuan.fingerprint")  # they hash files; no result depends on them
    missing = [m for m in got["modules"] if m not in modules and m not in helpers]
    assert missing == []
    assert got["versions"] == [got["fingerprint"]] * 2, "parser_version is the parse fingerprint"


def test_the_parse_stage_covers_locate_reference_and_the_code_lists():
    modules, third = stage_modules(PARSE_CODE)
    for name in ("juesuan.locate.tables", "juesuan.reference", "juesuan.normalize.tables",
                 "juesuan.extract.pdf", "juesuan.meta", "juesuan.paths"):
        assert name in modules, name
    assert not [m for m in modules if m.startswith(("juesuan.audit", "juesuan.package", "juesuan.render"))]
    libraries = " ".join(_distributions(third))
    for dist in ("pdfplumber==", "pdfminer.six==", "pypdfium2==", "python-docx==", "PyYAML==",
                 "pypinyin=="):
        assert dist.lower() in libraries.lower(), dist
    extract, _ = stage_modules(EXTRACT_CODE)
    assert set(extract) < set(modules) < set(stage_modules(WRITE_CODE)[0])


def test_schemas_and_reference_data_change_the_fingerprint(tmp_path):
    from juesuan.fingerprint import _data_files, package_root

    assert package_root() / "schemas" / "function_codes.yaml" in _data_files(package_root() / "schemas")
    ref = tmp_path / "reference"
    ref.mkdir()
    empty = fingerprint(PARSE_CODE, ref)
    assert empty == fingerprint(PARSE_CODE, ref)
    (ref / "codes.yaml").write_text("a: 1\n", "utf-8")
    one = fingerprint(PARSE_CODE, ref)
    (ref / "codes.yaml").write_text("a: 2\n", "utf-8")
    assert len({empty, one, fingerprint(PARSE_CODE, ref)}) == 3


def test_an_import_inside_a_function_or_by_name_is_followed(tmp_path):
    pkg = tmp_path / "juesuan"
    (pkg / "stage").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "stage" / "__init__.py").write_text("")
    (pkg / "stage" / "entry.py").write_text(
        "import importlib\n"
        "def f():\n    from . import lazy\n    from juesuan import top\n"
        "    importlib.import_module('juesuan.named')\n    import yaml\n")
    for name in ("lazy", "top", "named"):
        target = pkg / "stage" / f"{name}.py" if name == "lazy" else pkg / f"{name}.py"
        target.write_text("import os\n")
    (pkg / "unused.py").write_text("")
    modules, third = stage_modules(("juesuan.stage.entry",), root=pkg)
    assert set(modules) == {"juesuan", "juesuan.stage", "juesuan.stage.entry", "juesuan.stage.lazy",
                            "juesuan.top", "juesuan.named"}
    assert third == {"yaml"}
