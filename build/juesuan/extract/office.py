"""Old Word (.doc) and WPS 文字 (.wps) → DOCX with LibreOffice in headless mode, then the DOCX route.

LibreOffice (``soffice``) is the only maintained reader of these binary formats; it runs as a
child process with a fresh user profile per conversion (concurrent conversions never share,
nor lock, a profile) in its own process group, killed with everything it started when it
outlives ``convert_timeout_s`` seconds (schemas/limits.yaml) (a document that hangs the converter). Without
LibreOffice, one line says what to install. The extracted document is the DOCX route's, with
the original file's name, hash and format (``doc`` / ``wps``).
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from juesuan.errors import UnreadableDocument
from juesuan.models import ExtractedDocument

log = logging.getLogger(__name__)

INSTALL = ("install LibreOffice: apt-get install --no-install-recommends libreoffice-writer-nogui "
           "(./scripts/setup.sh does it), or save the file as .docx or PDF")
CANDIDATES = ("soffice", "libreoffice", "/usr/lib/libreoffice/program/soffice",
              "/opt/libreoffice/program/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice")


def convert_timeout() -> float:
    """The conversion timeout: ``convert_timeout_s`` of schemas/limits.yaml (JUESUAN_LIMIT_CONVERT_TIMEOUT_S
    overrides it for one run)."""
    from juesuan.limits import limit

    return limit("convert_timeout_s")


def find_soffice() -> str | None:
    """The LibreOffice executable, or None. ``JUESUAN_SOFFICE`` names it explicitly."""
    explicit = os.environ.get("JUESUAN_SOFFICE")
    if explicit:
        return explicit if Path(explicit).is_file() or shutil.which(explicit) else None
    for name in CANDIDATES:
        found = shutil.which(name) if "/" not in name else (name if Path(name).is_file() else None)
        if found:
            return found
    return None


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # soffice.bin and whatever it started
    except (ProcessLookupError, PermissionError, AttributeError):
        proc.kill()
    proc.wait()


TARGETS = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML"}
KEEP_SUFFIX = {".doc", ".wps", ".dot", ".wpt", ".rtf", ".odt", ".xls", ".et", ".ods", ".xlsb"}


def kind_of(path: Path, target: str) -> str:
    suffix = path.suffix.lower()
    if target == "xlsx":
        return "WPS 表格 (.et)" if suffix == ".et" else "旧版 Excel (.xls)"
    names = {".wps": "WPS 文字 (.wps)", ".odt": "OpenDocument 文字 (.odt)", ".rtf": "RTF"}
    return names.get(suffix, "旧版 Word (.doc)")


def convert(path: Path, workdir: Path, target: str = "docx", timeout: float | None = None) -> Path:
    """``path`` converted by LibreOffice into ``workdir``/out/input.<target> (docx or xlsx);
    UnreadableDocument saying why not (not installed, timed out and killed, failed)."""
    soffice = find_soffice()
    kind = kind_of(path, target)
    if soffice is None:
        raise UnreadableDocument(path, f"{kind} 文件需要 LibreOffice 转换，但未安装 LibreOffice "
                                       "(legacy .doc/.wps needs LibreOffice, which is not installed)", fix=INSTALL)
    timeout = convert_timeout() if timeout is None else timeout
    suffix = path.suffix.lower() if path.suffix.lower() in KEEP_SUFFIX else (".xls" if target == "xlsx" else ".doc")
    src = workdir / ("input" + suffix)
    shutil.copyfile(path, src)  # a plain name: no quoting of the contributor's file name
    profile = workdir / "profile"
    cmd = [soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
           f"-env:UserInstallation={profile.as_uri()}", "--convert-to", TARGETS[target],
           "--outdir", str(workdir / "out"), str(src)]
    env = {**os.environ, "HOME": str(workdir), "SAL_USE_VCLPLUGIN": "svp"}
    save_as = "Excel/WPS: save it as .xlsx" if target == "xlsx" else "Word/WPS: save it as .docx or PDF"
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=workdir,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise UnreadableDocument(path, f"LibreOffice 转换超时 ({timeout:g} 秒) 已终止 (conversion did not finish "
                                       f"within {timeout:g} s and was killed)", fix=f"open it in {save_as}") from None
    result = workdir / "out" / f"{src.stem}.{target}"
    log.debug("%s: soffice exit %s in %.1f s", path.name, proc.returncode, time.perf_counter() - started)
    if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
        cause = (err or out or b"").decode("utf-8", "replace").strip().replace("\n", " ")[:200]
        raise UnreadableDocument(path, f"LibreOffice 无法转换此{kind}文件 (conversion failed, exit "
                                       f"{proc.returncode}{': ' + cause if cause else ''})",
                                 fix=f"the file may be damaged: open it in {save_as}")
    return result


def convert_to_docx(path: Path, workdir: Path, timeout: float | None = None) -> Path:
    return convert(path, workdir, "docx", timeout)


def extract_legacy_word(path: Path) -> ExtractedDocument:
    """A .doc or .wps file, read through LibreOffice's DOCX."""
    from juesuan.extract.document import sha256_of
    from juesuan.extract.docx import extract_docx

    path = Path(path)
    fmt = {".wps": "wps", ".wpt": "wps", ".odt": "odt", ".rtf": "rtf"}.get(path.suffix.lower(), "doc")
    with tempfile.TemporaryDirectory(prefix="juesuan-soffice-") as tmp:
        docx = convert_to_docx(path, Path(tmp))
        try:
            doc = extract_docx(docx)
        except UnreadableDocument as e:  # name the contributor's file, not the converted copy
            raise UnreadableDocument(path, f"转换后的文档无法读取 ({e.cause})", fix=e.fix) from e
    doc.source = path
    doc.format = fmt
    doc.sha256 = sha256_of(path)
    return doc




def workbook_through_libreoffice(path: Path, read) -> ExtractedDocument:
    """An old workbook (.xls / WPS .et) the workbook reader could not open, read (``read``:
    extract_workbook) from LibreOffice's .xlsx of it, with the original name, hash and format."""
    from juesuan.extract.document import sha256_of

    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="juesuan-soffice-") as tmp:
        xlsx = convert(path, Path(tmp), "xlsx")
        try:
            doc = read(xlsx)
        except UnreadableDocument as e:
            raise UnreadableDocument(path, f"转换后的工作簿无法读取 ({e.cause})", fix=e.fix) from e
    doc.source, doc.sha256 = path, sha256_of(path)
    doc.format = "et" if path.suffix.lower() == ".et" else "xls"
    return doc


__all__ = ["extract_legacy_word", "workbook_through_libreoffice", "convert", "convert_to_docx", "find_soffice",
           "convert_timeout"]
