"""One base error for everything that stops a report. Data problems are records, not raises."""

from __future__ import annotations

from pathlib import Path


class JuesuanError(Exception):
    """A report cannot be processed. ``str()`` is one line: file, page, cause, fix."""

    def __init__(self, path: Path | str, cause: str, page: int | None = None, fix: str = ""):
        self.path = Path(path)
        self.cause = cause
        self.page = page
        self.fix = fix
        super().__init__(self.line())

    def line(self) -> str:
        from juesuan.paths import readable  # a file name that is not UTF-8 still prints

        where = readable(self.path)
        if self.page is not None:
            where += f", 第{self.page}页 (page {self.page})"
        msg = f"{where}: {self.cause}"
        if self.fix:
            msg += f" — {self.fix}"
        return msg


class UnreadableDocument(JuesuanError):
    """Encrypted, truncated, not a PDF, scanned, no ToUnicode, empty."""


class NotADisclosure(JuesuanError):
    """The document reads fine but is not a final-account disclosure."""


class BadMetadata(JuesuanError):
    """report.yml is missing, malformed or incomplete."""
