#!/usr/bin/env python3
"""Parse and audit reports for CI; print GitHub annotations and a job summary.

    .venv/bin/python scripts/ci_annotate.py --changed-since "$BASE_SHA" --github
    .venv/bin/python scripts/ci_annotate.py --check --github     # committed packages stale?

--changed-since REV   only the report folders a pull request adds or changes (git diff),
                      parsed in full (no cache) — the reports it touches are fully checked
--check               every report: which committed data/packages are stale (writes nothing)
--github              print ::error/::warning annotations on the offending files
--summary FILE        append the Markdown summary (default: $GITHUB_STEP_SUMMARY if set)

Exit status 1 when a report fails or a package is stale, else 0.

Everything this script prints can carry text from a contributed file (a file name, a
report.yml value, a message quoting the document), and GitHub runs any log line that starts
with ``::`` as a workflow command. So the annotations escape their message and properties,
and every other line (errors, the summary, log records of this process and of the parse
workers) goes through juesuan.runner_report.safe_line / safe_text: line breaks become a
visible ``\\n`` and no line can start a command.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def changed_report_dirs(root: Path, base: str) -> list[Path]:
    """Report folders (data/reports/<slug>/<year>/) with files changed since ``base``."""
    out = subprocess.run(["git", "diff", "--name-only", "--no-renames", f"{base}...HEAD", "--",
                          "data/reports"], cwd=root, check=True, capture_output=True, text=True)
    dirs = set()
    for name in out.stdout.splitlines():
        parts = Path(name).parts
        if len(parts) >= 5 and parts[:2] == ("data", "reports"):
            d = root.joinpath(*parts[:4])
            if (d / "report.yml").exists() or d.is_dir():
                dirs.add(d)
    return sorted(dirs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--changed-since", metavar="REV")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--github", action="store_true")
    ap.add_argument("--summary", type=Path, default=None)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--root", type=Path, default=ROOT)
    args = ap.parse_args(argv)

    from juesuan.paths import Layout
    from juesuan.runner import parse_corpus
    from juesuan.runner_report import annotations, safe_line, safe_text, summary_markdown

    layout = Layout(args.root)
    only = None
    title = "juesuan: 解析与审核结果 (all reports)"
    if args.changed_since:
        only = changed_report_dirs(layout.root, args.changed_since)
        title = f"juesuan: 本次提交涉及的报告 (reports changed by this pull request: {len(only)})"
        if not only:
            print("no report changed", file=sys.stderr)
    if args.check:
        title = "juesuan: 数据包是否最新 (are the committed packages current?)"
    if only == []:
        result = None
    else:
        result = parse_corpus(layout, jobs=max(1, args.jobs), progress=False, only=only,
                              check=args.check or bool(only), use_cache=not only)
    summary_path = args.summary or (Path(os.environ["GITHUB_STEP_SUMMARY"])
                                    if os.environ.get("GITHUB_STEP_SUMMARY") else None)
    if result is None:
        if summary_path:
            with open(summary_path, "a", encoding="utf-8") as f:
                f.write(f"## {title}\n\n没有新增或修改的报告 (no report added or changed).\n\n")
        return 0
    if args.github:
        for line in annotations(result, layout.root, findings=bool(only)):
            print(line)
    text = summary_markdown(result, layout.root, title)
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as f:
            f.write(text)
    else:
        print(safe_text(text))
    for _d, msg in result.failed:
        print(safe_line(f"error: {msg}"), file=sys.stderr)
    return 1 if (result.failed or result.stale) else 0


def safe_logging() -> None:
    """Log records (warnings of the build) on stderr, each line inert in the CI log."""
    import logging

    from juesuan.runner_report import SafeFormatter

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])


if __name__ == "__main__":
    safe_logging()
    sys.exit(main())
