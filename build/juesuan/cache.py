"""The build cache under .cache/juesuan (git-ignored; safe to delete at any time).

Three layers, each keyed so that a stale entry can never be used:

* ``docs/``    extraction results (ExtractedDocument), key = source sha256 + extractor fingerprint;
* ``reports/`` parse results (Report, or the JuesuanError that stopped it),
               key = source sha256 + parser fingerprint + report.yml content hash;
* ``index.json`` per report folder: the key of the package last written from it and the
               sha256 of every file of that package, so an unchanged report is skipped
               without even loading its Report (and a hand-edited package is rewritten).

The fingerprints (juesuan.fingerprint) are ``juesuan.__version__`` plus a hash of the code each
layer imports (EXTRACT_CODE, PARSE_CODE, WRITE_CODE), the schemas, the reference data and the
library versions: a parser fix invalidates the cache even when the version was not bumped,
a new audit rule re-audits without re-parsing, and a change to the site templates
invalidates nothing.
Entries are pickles written by this machine (atomic rename); the cache is local, never
shared through git. The cache is optional: an entry that cannot be read (truncated, garbage)
is a miss, with a warning; a cache that cannot be written (full disk, read-only, a file
where the folder should be) is switched off for the run, with one warning.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from juesuan.extract.document import sha256_of
from juesuan.fingerprint import EXTRACT_CODE, PARSE_CODE, WRITE_CODE, fingerprint

__all__ = ["EXTRACT_CODE", "PARSE_CODE", "WRITE_CODE", "BuildCache", "DocCache", "code_fingerprint",
           "key_of", "package_hashes", "sha256_file"]

log = logging.getLogger(__name__)

CACHE_FORMAT = "1"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


sha256_file = sha256_of  # one hashing of source files: extract.document.sha256_of


def key_of(*parts: str) -> str:
    return sha256_bytes("\x1f".join((CACHE_FORMAT, *parts)).encode("utf-8"))


code_fingerprint = fingerprint  # the code, schemas, reference data and libraries of a stage


class CacheUnusable(Exception):
    """The cache cannot be read or written here (full disk, read-only, not a folder)."""


def _atomic_write(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all; an OSError (full disk, unwritable) → CacheUnusable."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError as e:
        if tmp is not None:
            _unlink_quietly(Path(tmp))
        raise CacheUnusable(f"{path.parent}: {e.strerror or e}") from e
    except BaseException:
        if tmp is not None:
            _unlink_quietly(Path(tmp))
        raise


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


_warned: set[tuple] = set()  # one warning per kind of cache failure and process


def _warn_once(key: tuple, message: str, *args: Any) -> None:
    if key not in _warned:
        _warned.add(key)
        log.warning(message, *args)


def _load_pickle(path: Path) -> Any:
    """A cache entry, or None: a missing, truncated, foreign or unreadable file is a miss."""
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        return None
    except OSError as e:  # the cache folder itself is unusable (not a folder, no permission)
        _warn_once(("unreadable", str(path.parents[2])), "缓存不可读，本次构建不使用它 (cache not readable, building "
                   "without it): %s", f"{path.parent}: {e.strerror or e}")
        return None
    except Exception as e:  # truncated, garbage, from an older Python, not a file: a miss
        log.warning("缓存文件已损坏，已忽略 (cache entry unreadable, ignored): %s (%s)", path,
                    f"{type(e).__name__}: {e}"[:200])
        _unlink_quietly(path)
        return None


class _Tolerant:
    """Shared by both caches: the first write that fails switches writing off, with one warning;
    the build goes on without the cache (it is optional)."""

    base: Path  # the cache folder (.cache/juesuan)
    writable = True

    def _write(self, path: Path, data: bytes) -> None:
        if not self.writable:
            return
        try:
            _atomic_write(path, data)
        except CacheUnusable as e:
            self.writable = False
            _warn_once(("unwritable", str(self.base)),
                       "缓存不可写，本次构建不使用缓存 (cache not writable, building without it): %s", e)


class DocCache(_Tolerant):
    """ExtractedDocument by source sha256 + extractor fingerprint (used inside workers)."""

    def __init__(self, root: Path, fingerprint: str):
        self.base = Path(root)
        self.root = self.base / "docs"
        self.fingerprint = fingerprint

    def _path(self, sha: str) -> Path:
        k = key_of("doc", sha, self.fingerprint)
        return self.root / k[:2] / f"{k}.pickle"

    def get(self, source: Path):
        from juesuan.models import ExtractedDocument

        doc = _load_pickle(self._path(sha256_file(source)))
        if doc is None:
            return None
        if not isinstance(doc, ExtractedDocument):
            log.warning("cache entry for %s is not a document: ignored", source)
            return None
        doc.source = Path(source)  # the same bytes may have moved
        return doc

    def put(self, doc) -> None:
        self._write(self._path(doc.sha256), pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))


class BuildCache(_Tolerant):
    """Parse results and the index of written packages (used by the main process)."""

    def __init__(self, root: Path):
        self.root = self.base = Path(root)
        self.index_path = self.root / "index.json"
        self._index: dict[str, dict[str, Any]] | None = None
        self._sha_memo: dict[str, list] | None = None
        self.dirty = False

    # -- source hashes, memoised by (size, mtime) so a big corpus is not re-read every build
    def source_sha256(self, path: Path) -> str:
        if self._sha_memo is None:
            self._sha_memo = {k: v for k, v in self._read_json(self.root / "sha256.json").items()
                              if isinstance(v, list) and len(v) == 3 and isinstance(v[2], str)}
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
        from juesuan.models import Report
        from juesuan.runner_exec import ErrorInfo

        path = self._report_path(key)
        res = _load_pickle(path)
        if res is None:
            return None
        if (isinstance(res, tuple) and len(res) == 2
                and ((res[0] == "ok" and isinstance(res[1], Report))
                     or (res[0] == "error" and isinstance(res[1], ErrorInfo)))):
            return res
        log.warning("缓存文件内容不符，已忽略 (cache entry of the wrong shape, ignored): %s", path)
        return None

    def put_result(self, key: str, result: tuple[str, Any]) -> None:
        self._write(self._report_path(key), pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))

    # -- written packages
    @property
    def index(self) -> dict[str, dict[str, Any]]:
        if self._index is None:
            self._index = {k: v for k, v in self._read_json(self.index_path).items()
                           if isinstance(v, dict) and isinstance(v.get("files"), dict)}
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
        """Write the index and the hash memo; never fails the build (the cache is optional)."""
        if not self.dirty:
            return
        if self._index is not None:
            self._write(self.index_path, json.dumps(self._index, sort_keys=True).encode())
        if self._sha_memo is not None:
            self._write(self.root / "sha256.json", json.dumps(self._sha_memo).encode())
        self.dirty = False

    @staticmethod
    def _read_json(path: Path) -> dict:
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except OSError as e:  # the cache folder itself is unusable
            _warn_once(("unreadable", str(path.parent)), "缓存不可读，本次构建不使用它 (cache not readable, "
                       "building without it): %s", f"{path.parent}: {e.strerror or e}")
            return {}
        except ValueError as e:  # garbage, not UTF-8
            log.warning("缓存文件已损坏，已忽略 (cache file unreadable, ignored): %s (%s)", path,
                        f"{type(e).__name__}: {e}"[:200])
            return {}
        if not isinstance(data, dict):
            log.warning("缓存文件内容不符，已忽略 (cache file of the wrong shape, ignored): %s", path)
            return {}
        return data


def package_hashes(package_dir: Path) -> dict[str, str]:
    """sha256 of every file of a package, by relative path."""
    return {p.relative_to(package_dir).as_posix(): sha256_file(p)
            for p in sorted(package_dir.rglob("*")) if p.is_file()}
