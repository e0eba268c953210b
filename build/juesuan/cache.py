"""The build cache under .cache/juesuan (git-ignored; safe to delete at any time).

Three layers, each keyed so that a stale entry can never be used:

* ``docs/``    extraction results (ExtractedDocument), key = source sha256 + extractor fingerprint;
* ``reports/`` parse results (Report, or the JuesuanError that stopped it),
               key = source sha256 + parser fingerprint + report.yml content hash;
* ``index.json`` per report folder: the key of the package last written from it and the
               sha256 of every file of that package, so an unchanged report is skipped
               without even loading its Report (and a hand-edited package is rewritten).

The fingerprints are ``juesuan.__version__`` plus a hash of the code each layer depends on
(EXTRACT_CODE, PARSE_CODE, WRITE_CODE): a parser fix invalidates the cache even when the
version was not bumped, a new audit rule re-audits without re-parsing, and a change to the
site templates invalidates nothing.
Entries are pickles written by this machine (atomic rename); the cache is local, never
shared through git.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from juesuan.extract.document import sha256_of

log = logging.getLogger(__name__)

CACHE_FORMAT = "1"
_CODE_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".j2", ".txt"}


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


sha256_file = sha256_of  # one hashing of source files: extract.document.sha256_of


def key_of(*parts: str) -> str:
    return sha256_bytes("\x1f".join((CACHE_FORMAT, *parts)).encode("utf-8"))


# What each cache layer depends on (paths inside the juesuan package). Code outside these
# (render/, charts/, commands/, the runner) cannot change a package, so editing it keeps the cache.
# The extractor reads the shared text normaliser and vocabulary (page triage, traditional
# script, 目录 pages), so they and every schema belong to its fingerprint; so do the versions of
# the libraries that read the files.
EXTRACT_CODE = ("__init__.py", "errors.py", "models.py", "extract", "textnorm.py", "vocabulary.py",
                "amounts.py", "spec.py", "schemas")
PARSE_CODE = EXTRACT_CODE + ("locate", "normalize", "identities.py", "reference.py", "labels.py",
                             "pipeline.py", "paths.py", "meta.py")
WRITE_CODE = PARSE_CODE + ("audit", "package")
LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "python-docx", "opencc", "PyYAML",
             "python-calamine", "openpyxl", "xlrd", "lxml", "charset-normalizer")


def _version(dist: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


@functools.lru_cache(maxsize=8)
def code_fingerprint(parts: tuple[str, ...] = WRITE_CODE) -> str:
    """``<version>+<hash of the given parts of juesuan's code and schemas>``."""
    import juesuan

    root = Path(juesuan.__file__).parent
    files: set[Path] = set()
    for part in parts:
        p = root / part
        files.update(p.rglob("*") if p.is_dir() else [p])
    h = hashlib.sha256()
    for lib in LIBRARIES:
        h.update(f"{lib}=={_version(lib)}\n".encode())
    for p in sorted(files):
        if p.suffix in _CODE_SUFFIXES and p.is_file() and "__pycache__" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return f"{juesuan.__version__}+{h.hexdigest()[:16]}"


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _load_pickle(path: Path) -> Any:
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception as e:  # truncated or from an older Python: treat as a miss
        log.warning("cache entry %s unreadable (%s): ignored", path, e)
        return None


class DocCache:
    """ExtractedDocument by source sha256 + extractor fingerprint (used inside workers)."""

    def __init__(self, root: Path, fingerprint: str):
        self.root = Path(root) / "docs"
        self.fingerprint = fingerprint

    def _path(self, sha: str) -> Path:
        k = key_of("doc", sha, self.fingerprint)
        return self.root / k[:2] / f"{k}.pickle"

    def get(self, source: Path):
        doc = _load_pickle(self._path(sha256_file(source)))
        if doc is not None:
            doc.source = Path(source)  # the same bytes may have moved
        return doc

    def put(self, doc) -> None:
        _atomic_write(self._path(doc.sha256), pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))


class BuildCache:
    """Parse results and the index of written packages (used by the main process)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.index_path = self.root / "index.json"
        self._index: dict[str, dict[str, Any]] | None = None
        self._sha_memo: dict[str, list] | None = None
        self.dirty = False

    # -- source hashes, memoised by (size, mtime) so a big corpus is not re-read every build
    def source_sha256(self, path: Path) -> str:
        if self._sha_memo is None:
            self._sha_memo = self._read_json(self.root / "sha256.json")
        st = path.stat()
        k = str(path.resolve())
        hit = self._sha_memo.get(k)
        if hit and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
            return hit[2]
        sha = sha256_file(path)
        self._sha_memo[k] = [st.st_size, st.st_mtime_ns, sha]
        self.dirty = True
        return sha

    # -- parse results
    def _report_path(self, key: str) -> Path:
        return self.root / "reports" / key[:2] / f"{key}.pickle"

    def get_result(self, key: str) -> tuple[str, Any] | None:
        return _load_pickle(self._report_path(key))

    def put_result(self, key: str, result: tuple[str, Any]) -> None:
        _atomic_write(self._report_path(key), pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))

    # -- written packages
    @property
    def index(self) -> dict[str, dict[str, Any]]:
        if self._index is None:
            self._index = self._read_json(self.index_path)
        return self._index

    def package_is_current(self, report_rel: str, write_key: str, package_dir: Path) -> bool:
        entry = self.index.get(report_rel)
        if not entry or entry.get("key") != write_key or not package_dir.is_dir():
            return False
        return entry.get("files") == package_hashes(package_dir)

    def record_package(self, report_rel: str, write_key: str, package_dir: Path) -> None:
        self.index[report_rel] = {"key": write_key, "package": package_dir.as_posix(),
                                  "files": package_hashes(package_dir)}
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        if self._index is not None:
            _atomic_write(self.index_path, json.dumps(self._index, sort_keys=True).encode())
        if self._sha_memo is not None:
            _atomic_write(self.root / "sha256.json", json.dumps(self._sha_memo).encode())
        self.dirty = False

    @staticmethod
    def _read_json(path: Path) -> dict:
        try:
            data = json.loads(path.read_text("utf-8"))
            return data if isinstance(data, dict) else {}
        except (FileNotFoundError, ValueError):
            return {}


def package_hashes(package_dir: Path) -> dict[str, str]:
    """sha256 of every file of a package, by relative path."""
    return {p.relative_to(package_dir).as_posix(): sha256_file(p)
            for p in sorted(package_dir.rglob("*")) if p.is_file()}
