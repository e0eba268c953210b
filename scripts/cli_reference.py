"""docs/cli.md, the command-line reference, generated from `juesuan --help` and each command's
`--help` (tests/unit/test_cli_reference.py checks that the committed page is current).

    .venv/bin/python scripts/cli_reference.py           # rewrite docs/cli.md
    .venv/bin/python scripts/cli_reference.py --check   # exit 1 when docs/cli.md is stale

Each help text is rendered in a fresh interpreter with a fixed terminal (100 columns, no
colour), so the page is the same on every machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "cli.md"
WIDTH = 100

PROBE = r"""
import sys
from juesuan.cli import app
try:
    app(sys.argv[1:], prog_name="juesuan")
except SystemExit as e:
    sys.exit(e.code)
"""

INTRO = """# 命令行参考

本页由 `scripts/cli_reference.py` 根据 `juesuan --help` 及各子命令的 `--help` 自动生成，请勿手工编辑
（测试 `tests/unit/test_cli_reference.py` 检查本页与程序一致）。命令行的帮助文字为英文。

安装后在仓库目录运行 `.venv/bin/juesuan 命令 --help` 可看到同样的内容。
"""


def help_text(*args: str) -> str:
    """`juesuan ARGS --help` as printed on a plain 100-column terminal, trailing spaces removed."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "COLUMNS": str(WIDTH),
           "TERMINAL_WIDTH": str(WIDTH), "NO_COLOR": "1", "TERM": "dumb", "LANG": "C.UTF-8",
           "PYTHONIOENCODING": "utf-8", "_TYPER_FORCE_DISABLE_TERMINAL": "1"}
    done = subprocess.run([sys.executable, "-c", PROBE, *args, "--help"], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"juesuan {' '.join(args)} --help failed: {done.stderr.strip()}")
    lines = [line.rstrip() for line in done.stdout.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def commands() -> list[str]:
    """The registered commands, in the order `juesuan --help` lists them."""
    from juesuan.cli import app

    return [c.name or c.callback.__name__ for c in app.registered_commands if c.callback and not c.hidden]


def render() -> str:
    parts = [INTRO, "## juesuan\n", "```text\n" + help_text() + "\n```\n"]
    for name in commands():
        parts += [f"## juesuan {name}\n", "```text\n" + help_text(name) + "\n```\n"]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when docs/cli.md is not current")
    args = ap.parse_args(argv)
    text = render()
    if args.check:
        current = PAGE.exists() and PAGE.read_text("utf-8") == text
        if not current:
            print(f"{PAGE.relative_to(ROOT)} is stale: run .venv/bin/python scripts/cli_reference.py")
        return 0 if current else 1
    PAGE.write_text(text, "utf-8")
    print(f"{PAGE.relative_to(ROOT)}: {len(commands()) + 1} help texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
