"""What a cached result depends on: the code a stage imports, its data, its libraries.

A stage is named by its entry modules (``juesuan.pipeline`` …). Its code is every module of
``juesuan`` those entries import, directly or through each other, at module level or inside a
function (read from the source with ``ast``, so the answer is the same whatever this process
happened to import before), with each package's ``__init__.py``; entries starting with ``!``
cut the walk (the parse stage stops at ``juesuan.audit``: a new audit rule re-audits without
re-parsing). To that come every file of ``juesuan/schemas/``, the files of the repository's
``data/reference/`` when there is one, and the versions of the third-party libraries the
stage's modules import (pdfplumber, pypdfium2, python-docx …, plus :data:`LIBRARIES`).

``fingerprint(stage)`` = ``<juesuan version>+<16 hex digits>``: the cache keys use it, and the
packages carry the parse stage's one as ``parser_version``, so a change anywhere in what
the parser reads makes every package stale.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import sys
from collections.abc import Mapping
from pathlib import Path

# the parse stage reads documents (extract) and turns them into Reports (pipeline)
EXTRACT_CODE = ("juesuan.extract.document",)
# cut: the later stages, and the cache itself (meta.py hashes files with it; no result depends on it)
PARSE_CODE = EXTRACT_CODE + ("juesuan.pipeline", "!juesuan.audit", "!juesuan.package", "!juesuan.cache")
WRITE_CODE = EXTRACT_CODE + ("juesuan.pipeline", "juesuan.audit", "juesuan.package.writer",
                             "!juesuan.cache")
# libraries a stage reaches only through another library (pdfplumber → pdfminer.six; the OCR's
# rapidocr → onnxruntime, which runs its models, and pyclipper/shapely, which shape its text boxes)
LIBRARIES = ("pdfminer.six", "onnxruntime", "pyclipper", "shapely")
_DATA_SUFFIXES = {".yaml", ".yml", ".json", ".txt", ".csv"}


def package_root() -> Path:
    import juesuan

    return Path(juesuan.__file__).parent


def _module_file(root: Path, name: str) -> Path | None:
    parts = name.split(".")[1:]
    base = root.joinpath(*parts) if parts else root
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    py = base.with_suffix(".py") if parts else None
    return py if py is not None and py.is_file() else None


@functools.lru_cache(maxsize=1024)
def _imports(path: Path, name: str) -> tuple[frozenset[str], frozenset[str]]:
    """(juesuan modules, third-party top-level names) imported anywhere in one file."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    ours: set[str] = set()
    theirs: set[str] = set()

    def add(mod: str, names: tuple[str, ...] = ()) -> None:
        if mod == "juesuan" or mod.startswith("juesuan."):
            ours.add(mod)
            ours.update(f"{mod}.{n}" for n in names)  # ``from juesuan.x import y``: y may be a module
        elif mod and not mod.startswith("."):
            theirs.add(mod.split(".")[0])

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                add(a.name)
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                mod = ".".join(base + ([mod] if mod else []))
            add(mod, tuple(a.name for a in node.names))
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"):
            add(node.args[0].value)  # importlib.import_module("juesuan.limits")
    return frozenset(ours), frozenset(theirs)


def stage_modules(parts: tuple[str, ...], root: Path | None = None) -> tuple[dict[str, Path], set[str]]:
    """The juesuan modules (name → file) a stage imports, and the third-party names."""
    root = root or package_root()
    cut = tuple(p[1:] for p in parts if p.startswith("!"))
    todo = [p for p in parts if not p.startswith("!")]
    found: dict[str, Path] = {}
    third: set[str] = set()
    while todo:
        name = todo.pop()
        if name in found or any(name == c or name.startswith(c + ".") for c in cut):
            continue
        path = _module_file(root, name)
        if path is None:
            continue  # ``from juesuan.x import function``: not a module
        found[name] = path
        ours, theirs = _imports(path, name)
        third |= theirs
        parents = [".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)]
        todo.extend(m for m in (*ours, *parents) if m not in found)
    stdlib = set(sys.stdlib_module_names)
    return found, {t for t in third if t not in stdlib and t != "__future__"}


@functools.lru_cache(maxsize=1)
def _import_names() -> Mapping[str, list[str]]:
    from importlib import metadata

    return metadata.packages_distributions()


def _distributions(names: set[str]) -> list[str]:
    from importlib import metadata

    mapping = _import_names()
    dists = {d for n in names for d in mapping.get(n, ())} | set(LIBRARIES)
    out = []
    for d in sorted(dists, key=str.lower):
        try:
            out.append(f"{d}=={metadata.version(d)}")
        except metadata.PackageNotFoundError:
            out.append(f"{d}==absent")
    return out


def _data_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and not p.name.startswith("."))


@functools.lru_cache(maxsize=16)
def _code_hash(parts: tuple[str, ...]) -> str:
    """Libraries, modules and schemas of a stage: read once per process (one build sees one
    version of the code even if the files change while it runs)."""
    root = package_root()
    modules, third = stage_modules(parts, root)
    h = hashlib.sha256()
    for line in _distributions(third):
        h.update(f"lib {line}\n".encode())
    files = sorted(set(modules.values()) | set(_data_files(root / "schemas")))
    for p in files:
        h.update(f"code {p.relative_to(root).as_posix()}\n".encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def fingerprint(parts: tuple[str, ...] = WRITE_CODE, reference: Path | None = None) -> str:
    """``<version>+<hash>`` of a stage's code, schemas, reference data and library versions."""
    import juesuan

    h = hashlib.sha256(_code_hash(parts).encode())
    ref = Path(reference) if reference else None
    for p in _data_files(ref) if ref else ():
        if ref and p.suffix in _DATA_SUFFIXES:
            h.update(f"reference {p.relative_to(ref).as_posix()}\n".encode())
            h.update(p.read_bytes())
    return f"{juesuan.__version__}+{h.hexdigest()[:16]}"
