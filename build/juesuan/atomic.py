"""Replace a folder (a data package, the site) so that it is never missing.

The new content is written beside the target in a folder named ``.juesuan-tmp-<name>-<random>``
(git-ignored), then swapped in:

* on Linux with one ``renameat2(RENAME_EXCHANGE)``: the two folders trade places atomically,
  so a reader sees the old folder or the new one, never none; the old one, now under the
  temporary name, is removed afterwards;
* elsewhere (or on a file system without it) the old folder is first renamed to
  ``.juesuan-old-<name>``, the new one renamed into place, then the old one removed. A crash
  between those two renames leaves the old folder under its ``-old`` name, which
  :func:`clean_strays` (run by the next build) puts back.

So a crash at any moment leaves either the old or the new folder in place, plus at most a
stray ``.juesuan-*`` folder that the next build removes.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

TMP_PREFIX = ".juesuan-tmp-"
OLD_PREFIX = ".juesuan-old-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
# what the writer of earlier versions left: ".2024.k3j_x9ab" (mkdtemp) and ".2024.old"
_LEGACY = re.compile(r"^\.(?P<name>[^.]+)\.(old|[A-Za-z0-9_]{8})$")


def temp_dir_for(target: Path) -> Path:
    """A new empty folder beside ``target`` (same file system), world-readable."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{target.name}-", dir=target.parent))
    tmp.chmod(0o755)  # mkdtemp makes 0700; packages and the site are public
    return tmp


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False when not available here."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # the file system cannot exchange: fall back to two renames
    raise OSError(err, os.strerror(err), str(b))


def replace_dir(new: Path, target: Path) -> Path:
    """Put the folder ``new`` (made by :func:`temp_dir_for`) in place of ``target``."""
    new, target = Path(new), Path(target)
    if target.is_dir() and not target.is_symlink():
        if _exchange(new, target):
            shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old content
            return target
        old = target.with_name(f"{OLD_PREFIX}{target.name}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)  # from here until the next rename the old copy is ``old``
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)
        return target
    if target.is_symlink() or target.exists():
        target.unlink()  # a file or link where a folder belongs: not ours to keep
    os.replace(new, target)
    return target


def clean_strays(parent: Path, legacy: bool = False) -> list[Path]:
    """Remove what an interrupted :func:`replace_dir` left in ``parent``; restore a target
    that a crash between the two fallback renames left only under its ``-old`` name.
    ``legacy``: also the hidden folders of the writer of earlier versions (in a package
    folder only, where nothing else is hidden)."""
    removed: list[Path] = []
    if not parent.is_dir():
        return removed
    for p in sorted(parent.iterdir()):
        name = p.name
        if name.startswith(OLD_PREFIX):
            target = parent / name[len(OLD_PREFIX):]
            if not target.exists() and p.is_dir():
                os.replace(p, target)
                log.warning("restored %s (a build was interrupted while replacing it)", target)
                continue
        elif not (name.startswith(TMP_PREFIX) or (legacy and _LEGACY.match(name) and p.is_dir())):
            continue
        shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
        removed.append(p)
    if removed:
        log.info("removed %d temporary folder(s) of an interrupted build in %s", len(removed), parent)
    return removed
