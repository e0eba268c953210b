"""Limits on every input, read from ``schemas/limits.yaml`` (one named setting each), and the
guards that enforce them before any library opens a file.

    limit("pdf_max_pages")            the value (JUESUAN_LIMIT_PDF_MAX_PAGES overrides it)
    check_zip(path)                   DOCX/XLSX/ODS: members, unpacked size and ratio
    check_pdf_pages(path, n)          PDF page count
    with page_deadline(path, page):   the time one PDF page may take (``name="ocr_page_seconds"``:
                                      the time the OCR of one scanned page may take)

A file past a limit raises :class:`juesuan.errors.UnreadableDocument`: one line naming the file
(and page), the limit by name and how to raise it. Stage-independent: extract and meta use it.
"""

from __future__ import annotations

import functools
import logging
import os
import signal
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from juesuan.errors import UnreadableDocument

log = logging.getLogger(__name__)
ENV_PREFIX = "JUESUAN_LIMIT_"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Limit:
    name: str
    value: float
    unit: str
    description: str


@functools.cache
def declared() -> dict[str, Limit]:
    """Every limit of limits.yaml, by name."""
    text = resources.files("juesuan").joinpath("schemas/limits.yaml").read_text("utf-8")
    return {name: Limit(name, float(d["value"]), str(d["unit"]), str(d["description"]))
            for name, d in yaml.safe_load(text).items()}


def env_name(name: str) -> str:
    return ENV_PREFIX + name.upper()


def limit(name: str) -> float:
    """The value of a limit: JUESUAN_LIMIT_<NAME> when set to a positive number, else limits.yaml."""
    default = declared()[name].value  # an unknown name is a programming error: KeyError
    raw = os.environ.get(env_name(name), "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if value <= 0:
        log.warning("%s=%r is not a positive number: using %s", env_name(name), raw, default)
        return default
    return value


def _fix(name: str) -> str:
    return f"limit {name}; if the file is genuine, raise it for this run with {env_name(name)}=…"


def _mib(n: float) -> str:
    return f"{n / (1 << 20):.0f} MiB"


# ---------------------------------------------------------------- ZIP-based documents


def check_zip(path: Path) -> None:
    """Refuse a ZIP-based document whose parts unpack past the limits, before a reader opens it.

    The member count and the sizes the archive declares are checked first (nothing unpacked),
    then every member is unpacked as a stream (nothing kept) to check that the declared sizes
    hold: a member that unpacks to more than it declares breaks its CRC and is refused too.
    A zip that cannot be opened at all passes: the format's reader says what is wrong with it.
    """
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        return
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        _check_declared(path, infos)
        _check_unpacked(path, archive, infos)


def _check_declared(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    most = limit("zip_max_members")
    if len(infos) > most:
        raise UnreadableDocument(path, f"压缩包内文件过多：{len(infos)} 个，上限 {most:.0f} 个 "
                                       f"(too many parts in the archive)", fix=_fix("zip_max_members"))
    cap = limit("zip_max_total_bytes")
    total = sum(i.file_size for i in infos)
    if total > cap:
        raise _too_big(path, total, cap)
    for i in infos:
        _check_ratio(path, i, i.file_size)


def _check_unpacked(path: Path, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    cap = limit("zip_max_total_bytes")
    total = 0
    for info in infos:
        size = 0
        try:
            with archive.open(info) as member:
                while chunk := member.read(_CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    if total > cap:
                        raise _too_big(path, total, cap)
        except (RuntimeError, NotImplementedError):
            return  # encrypted or an unknown compression: the reader refuses it with its own line
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as e:
            raise UnreadableDocument(
                path, f"压缩包部件 {_part(info)} 已损坏或大小与声明不符 (damaged zip part: {type(e).__name__})",
                fix="download the file again or re-save it from Word / Excel / WPS") from None
        _check_ratio(path, info, size)


def _check_ratio(path: Path, info: zipfile.ZipInfo, unpacked: int) -> None:
    if unpacked <= limit("zip_ratio_min_bytes"):
        return
    most = limit("zip_max_ratio")
    ratio = unpacked / max(info.compress_size, 1)
    if ratio > most:
        raise UnreadableDocument(
            path, f"压缩包部件 {_part(info)} 的解压比为 {ratio:.0f}:1，超过上限 {most:.0f}:1 "
                  f"(a zip bomb? part unpacks {ratio:.0f} times its size)", fix=_fix("zip_max_ratio"))


def _too_big(path: Path, total: int, cap: float) -> UnreadableDocument:
    return UnreadableDocument(path, f"文档解压后超过 {_mib(cap)} (parts unpack to more than {_mib(cap)}, "
                                    f"at least {_mib(total)})", fix=_fix("zip_max_total_bytes"))


def _part(info: zipfile.ZipInfo) -> str:
    """A member's name fit for a one-line message (printable, short)."""
    name = "".join(c if c.isprintable() else "?" for c in info.filename)[:80]
    return f"'{name}'"


# ---------------------------------------------------------------- PDF


def check_pdf_pages(path: Path, pages: int) -> None:
    most = limit("pdf_max_pages")
    if pages > most:
        raise UnreadableDocument(path, f"PDF 共 {pages} 页，超过上限 {most:.0f} 页 (too many pages)",
                                 fix=_fix("pdf_max_pages"))


class _PageTimeout(BaseException):
    """Raised by the alarm inside a page read; a BaseException so no ``except Exception`` eats it."""


def _alarm(signum, frame):  # noqa: ARG001 (signal handler signature)
    raise _PageTimeout


def _can_alarm() -> bool:
    """SIGALRM is ours: a POSIX main thread with no other timer or handler in use."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    return signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None) \
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@contextmanager
def page_deadline(path: Path, page: int, name: str = "pdf_page_seconds") -> Iterator[None]:
    """Stop reading one page after the limit ``name`` (``pdf_page_seconds``, or ``ocr_page_seconds``
    for the OCR of a scanned page): interrupted by an alarm where the process can use one (a POSIX
    main thread, as the build's workers are), else refused as soon as the page returns. Either way
    one line names the file, the page and the limit."""
    seconds = limit(name)
    alarm = _can_alarm()
    if alarm:
        previous = signal.signal(signal.SIGALRM, _alarm)
    start = time.monotonic()
    try:
        try:
            if alarm:
                signal.setitimer(signal.ITIMER_REAL, seconds)
            yield
        finally:
            if alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except _PageTimeout:  # also when the alarm rang on the way out: the page took too long
        raise _too_slow(path, page, seconds, name) from None
    finally:
        if alarm:
            signal.signal(signal.SIGALRM, previous)
    if time.monotonic() - start > seconds:
        raise _too_slow(path, page, seconds, name)


_DOING = {"pdf_page_seconds": ("读取此页", "page"), "ocr_page_seconds": ("OCR 识别此页", "OCR of the page")}


def _too_slow(path: Path, page: int, seconds: float, name: str) -> UnreadableDocument:
    zh, en = _DOING.get(name, ("读取此页", "page"))
    return UnreadableDocument(path, f"{zh}超过 {seconds:g} 秒 ({en} took longer than {seconds:g} s)",
                              page=page, fix=_fix(name))
