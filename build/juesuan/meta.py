"""report.yml: read and validate the contributor's metadata file.

The JSON Schema ``schemas/report.schema.json`` (shipped in the package) is the contract;
each property carries an ``x-fix`` hint that error messages quote. A rejected file raises
:class:`juesuan.errors.BadMetadata` naming the field (``err.field``) and the fix, so CI can
annotate the right line. ``source`` can never leave the report's folder: absolute paths,
``..`` and symbolic links are refused.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from juesuan.errors import BadMetadata

REQUIRED = ("agency", "year", "source")


class _Loader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: dates stay text, checked by the schema."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@functools.lru_cache(maxsize=1)
def report_schema() -> dict[str, Any]:
    text = resources.files("juesuan").joinpath("schemas/report.schema.json").read_text("utf-8")
    return json.loads(text)


def bad(yml: Path, cause: str, field: str = "", fix: str = "") -> BadMetadata:
    """A BadMetadata carrying the offending field (for annotations on its line)."""
    err = BadMetadata(yml, cause, fix=fix)
    err.field = field
    return err


def field_line(yml: Path, field: str) -> int | None:
    """1-based line where ``field:`` is set in report.yml, if it is."""
    if not field:
        return None
    try:
        lines = Path(yml).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for n, line in enumerate(lines, 1):
        if line.split(":", 1)[0].strip().strip("'\"") == field and ":" in line:
            return n
    return None


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """YAML dates → ISO strings (the schema and the package speak ISO)."""
    return {k: v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v for k, v in data.items()}


def _fix(field: str) -> str:
    prop = report_schema()["properties"].get(field, {})
    return prop.get("x-fix", "")


def validate_report_meta(data: Any, yml: Path) -> dict[str, Any]:
    """The metadata as plain values, or BadMetadata for the first problem found."""
    import jsonschema

    if not isinstance(data, dict):
        raise bad(yml, "report.yml 应为“字段: 值”的键值对 (must be a mapping of field: value)",
                  fix="see CONTRIBUTING.md for an example")
    data = _plain(data)
    schema = report_schema()
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(e.path), e.validator))
    if not errors:
        return data
    e = errors[0]
    known = list(schema["properties"])
    if e.validator == "required":
        missing = next(f for f in e.validator_value if f not in data)
        raise bad(yml, f"缺少必填字段 '{missing}' (missing required field)", missing,
                  fix=f"add the line  {_fix(missing)}")
    if e.validator == "additionalProperties":
        extra = sorted(set(data) - set(known))[0]
        near = difflib.get_close_matches(str(extra), known, n=1)
        hint = f"did you mean '{near[0]}'? " if near else ""
        raise bad(yml, f"未知字段 '{extra}' (unknown field)", str(extra),
                  fix=f"{hint}known fields: {', '.join(known)}")
    field = str(e.path[0]) if e.path else ""
    value = data.get(field)
    raise bad(yml, f"字段 '{field}' 的值 {value!r} 无效 (invalid value: {_why(e)})", field,
              fix=f"write  {_fix(field)}")


def _why(e) -> str:
    return {"type": f"expected {e.validator_value}", "enum": f"one of {e.validator_value}",
            "pattern": "wrong form", "format": f"not a valid {e.validator_value}",
            "minimum": f"below {e.validator_value}", "maximum": f"above {e.validator_value}",
            "minLength": "empty or too short", "maxLength": "too long",
            "maxItems": f"more than {e.validator_value} items"}.get(e.validator, e.message)


def resolve_source(report_dir: Path, source: str, yml: Path) -> Path:
    """The source file inside ``report_dir``; never a path outside it."""
    raw = str(source)
    fix = "give the file name of the report, stored in this same folder"
    parts = raw.replace("\\", "/").split("/")
    if raw.startswith(("/", "\\", "~")) or (len(raw) > 1 and raw[1] == ":") or ".." in parts:
        raise bad(yml, f"source '{raw}' 指向报告文件夹之外 (points outside the report folder)",
                  "source", fix=fix)
    folder = report_dir.resolve()
    path = report_dir / raw
    probe = report_dir
    for part in parts:
        probe = probe / part
        if probe.is_symlink():
            raise bad(yml, f"source '{raw}' 是符号链接 (is a symbolic link)", "source",
                      fix="commit the file itself, not a link")
    resolved = path.resolve()
    if folder not in resolved.parents:
        raise bad(yml, f"source '{raw}' 指向报告文件夹之外 (points outside the report folder)",
                  "source", fix=fix)
    if not resolved.is_file():
        raise bad(yml, f"source '{raw}' 不存在 (file not found in {report_dir.name}/)", "source",
                  fix="add the file next to report.yml or correct its name")
    return resolved


def load_report_yml(report_dir: Path, *, verify_sha256: bool = True) -> tuple[dict[str, Any], Path]:
    """(metadata, path of the source file) of a report folder."""
    report_dir = Path(report_dir)
    yml = report_dir / "report.yml"
    if yml.is_symlink():
        raise bad(yml, "report.yml 是符号链接 (is a symbolic link)", fix="commit the file itself")
    try:
        data = yaml.load(yml.read_text("utf-8"), Loader=_Loader)  # noqa: S506 (safe loader)
    except FileNotFoundError:
        raise bad(yml, "report.yml 不存在 (missing)",
                  fix="create it: juesuan add FILE writes one, or see CONTRIBUTING.md") from None
    except UnicodeDecodeError:
        raise bad(yml, "report.yml 不是 UTF-8 编码 (not UTF-8)", fix="save it as UTF-8") from None
    except (yaml.YAMLError, ValueError) as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise bad(yml, f"YAML 格式错误 (malformed YAML{where}): "
                  f"{getattr(e, 'problem', None) or e}".replace("\n", " "),
                  fix="check indentation and quote values containing ':' or '#'") from None
    data = validate_report_meta(data, yml)
    source = resolve_source(report_dir, data["source"], yml)
    if verify_sha256 and data.get("sha256"):
        from juesuan.cache import sha256_file

        actual = sha256_file(source)
        if actual != data["sha256"]:
            raise bad(yml, f"sha256 与文件 {source.name} 不符 (does not match the file: {actual})",
                      "sha256", fix="the file changed: restore it, or update sha256 on purpose")
    return data, source
