"""report.yml: read and validate the contributor's metadata file.

The JSON Schema ``schemas/report.schema.json`` (shipped in the package) is the contract;
each property carries an ``x-fix`` hint that error messages quote. A rejected file raises
:class:`juesuan.errors.BadMetadata` naming the field (``err.field``) and the fix, so CI can
annotate the right line. ``source`` can never leave the report's folder: absolute paths,
``..`` and symbolic links are refused.

Every report.yml is read the same way (:func:`read_meta_yaml`): at most ``report_yml_max_bytes``
(schemas/limits.yaml), no YAML aliases or anchors, at most ``report_yml_max_nodes`` nodes, so a
700-byte alias bomb is refused before it expands; validation messages name the field and the
rule, never the value. Inside a repository's ``data/reports/`` a report's folders must agree
with it (``<slug>/<year>/``, not a symbolic link) and a slug folder holds one agency only
(identity = full name + region, :func:`juesuan.paths.same_agency`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from juesuan.errors import BadMetadata
from juesuan.limits import limit
from juesuan.paths import SLUG_PATTERN, readable, same_agency, slug_candidates, slugify

REQUIRED = ("agency", "year", "source")


class _TooMuch(yaml.YAMLError):
    """An alias, an anchor or too many nodes: refused while composing, before anything expands."""

    def __init__(self, problem: str, mark):
        super().__init__(problem)
        self.problem, self.problem_mark = problem, mark


class _Loader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps (dates stay text, checked by the schema), without
    aliases or anchors and with a node cap."""

    nodes = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _TooMuch("YAML 别名或锚点（& *）不允许 (aliases and anchors are not allowed)",
                           event.start_mark)
        self.nodes += 1
        if self.nodes > limit("report_yml_max_nodes"):
            raise _TooMuch(f"YAML 节点过多 (more than {limit('report_yml_max_nodes'):.0f} nodes: "
                           "limit report_yml_max_nodes)", event.start_mark)
        return super().compose_node(parent, index)


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
    _refuse_control_characters(data, yml)
    schema = report_schema()
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(e.path), e.validator))
    if not errors:
        _checksums_match_sources(data, yml)
        return data
    e = errors[0]
    known = list(schema["properties"])
    if e.validator == "required":
        missing = next(f for f in e.validator_value if f not in data)
        raise bad(yml, f"缺少必填字段 '{missing}' (missing required field)", missing,
                  fix=f"add the line  {_fix(missing)}")
    if e.validator == "additionalProperties":
        extra = sorted((str(k) for k in set(data) - set(known)), key=str)[0]
        near = difflib.get_close_matches(extra, known, n=1)
        hint = f"did you mean '{near[0]}'? " if near else ""
        name = f" '{extra}'" if _FIELD_NAME.match(extra) else ""
        raise bad(yml, f"未知字段{name} (unknown field)", extra if name else "",
                  fix=f"{hint}known fields: {', '.join(known)}")
    field = str(e.path[0]) if e.path and str(e.path[0]) in known else ""
    where = "".join(f"[{p}]" if isinstance(p, int) else "" for p in list(e.path)[1:])
    raise bad(yml, f"字段 '{field}'{where} 的值无效 (invalid value: {_why(e)})", field,
              fix=f"write  {_fix(field)}")


_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,39}$")
SINGLE_LINE = ("agency", "region", "sector", "source", "url", "slug", "template", "sha256",
               "published", "retrieved")


def _refuse_control_characters(data: dict[str, Any], yml: Path) -> None:
    """A newline or control character in a one-line field (it would forge lines in CI logs)."""
    for field in SINGLE_LINE:
        value = data.get(field)
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(t, str) and _CONTROL.search(t) for t in texts):
            raise bad(yml, f"字段 '{field}' 含换行或控制字符 (newline or control character in a "
                      "one-line field)", field, fix=f"write it on one line:  {_fix(field)}")


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def _checksums_match_sources(data: dict[str, Any], yml: Path) -> None:
    """A list of checksums has one per file of ``source``, in its order."""
    pins, names = data.get("sha256"), data.get("source")
    if not isinstance(pins, list):
        return
    count = len(names) if isinstance(names, list) else 1
    if len(pins) != count:
        raise bad(yml, f"sha256 列有 {len(pins)} 个校验值，source 有 {count} 个文件 (sha256 lists "
                  f"{len(pins)} checksums for {count} files)", "sha256",
                  fix="give one sha256 per file of source, in the same order, or remove the line")


def pinned_sha256(data: dict[str, Any]) -> list[str | None]:
    """The sha256 report.yml pins for each file of ``source``, in its order (None: not pinned).
    ``sha256:`` one value pins the first file (the single-file form); a list pins each file."""
    names = data.get("source")
    count = len(names) if isinstance(names, list) else 1
    pins = data.get("sha256")
    listed = [str(p) for p in pins] if isinstance(pins, list) else [str(pins)] if pins else []
    return [*listed, *[None] * count][:count]


def verify_sha256_of(yml: Path, paths: list[Path], data: dict[str, Any],
                  hasher: Callable[[Path], str] | None = None) -> None:
    """Every pinned file's bytes against its sha256 in report.yml; BadMetadata naming the first
    file that differs. ``hasher``: sha256 of a file (a cached one in a build)."""
    from juesuan.cache import sha256_file

    for path, pin in zip(paths, pinned_sha256(data), strict=False):
        if pin is None:
            continue
        actual = (hasher or sha256_file)(path)
        if actual != pin:
            name = readable(path.name)
            raise bad(yml, f"sha256 与文件 {name} 不符 (does not match the file {name}: {actual})",
                      "sha256", fix=f"{name} changed: restore it, or update its sha256 on purpose")


def _why(e) -> str:
    """The rule that failed, from the validator and the schema only: the message jsonschema
    formats quotes the value (which may be huge or forged), so it is never used."""
    v = e.validator_value
    why = {"type": f"expected {v}", "enum": f"one of {v}",
           "pattern": "wrong form", "format": f"not a valid {v}",
           "minimum": f"below {v}", "maximum": f"above {v}",
           "minLength": "empty or too short", "maxLength": f"longer than {v}",
           "maxItems": f"more than {v} items", "minItems": f"fewer than {v} items",
           "required": "a field is missing", "oneOf": "wrong form", "uniqueItems": "an item is repeated"}
    return why.get(e.validator, f"fails the rule '{e.validator}'")


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
        fix = "add the file next to report.yml or correct its name"
        if any(readable(p.name) == raw and p.name != raw for p in report_dir.iterdir()):
            fix = f"the file's name on disk is not UTF-8 (GBK?): rename it to '{raw}'"
        raise bad(yml, f"source '{raw}' 不存在 (file not found in {readable(report_dir.name)}/)", "source",
                  fix=fix)
    return resolved


def read_meta_yaml(yml: Path) -> Any:
    """The parsed YAML of a report.yml, or BadMetadata: size-capped, no aliases, node-capped."""
    yml = Path(yml)
    cap = limit("report_yml_max_bytes")
    try:
        with yml.open("rb") as fh:
            raw = fh.read(int(cap) + 1)
    except FileNotFoundError:
        raise bad(yml, "report.yml 不存在 (missing)",
                  fix="create it: juesuan add FILE writes one, or see CONTRIBUTING.md") from None
    if len(raw) > cap:
        raise bad(yml, f"report.yml 超过 {cap:.0f} 字节 (larger than {cap:.0f} bytes: "
                  "limit report_yml_max_bytes)", fix="a report.yml is a few lines of metadata")
    try:
        return yaml.load(raw.decode("utf-8"), Loader=_Loader)  # noqa: S506 (safe loader)
    except UnicodeDecodeError:
        raise bad(yml, "report.yml 不是 UTF-8 编码 (not UTF-8)", fix="save it as UTF-8") from None
    except (yaml.YAMLError, ValueError, RecursionError) as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        if isinstance(e, _TooMuch):
            raise bad(yml, f"YAML 不允许 (refused YAML{where}): {e.problem}",
                      fix="write every value out in full: a report.yml needs no & anchors, "
                          "* aliases or long lists") from None
        raise bad(yml, f"YAML 格式错误 (malformed YAML{where}): "
                  f"{getattr(e, 'problem', None) or type(e).__name__}".replace("\n", " "),
                  fix="check indentation and quote values containing ':' or '#'") from None


def source_paths(report_dir: Path, data: dict[str, Any], yml: Path | None = None) -> list[Path]:
    """Every file of the report, in report.yml order: ``source`` is one file name or a list of
    them (narrative + tables workbook, page + attachments); each one stays inside the folder."""
    names = data.get("source")
    names = names if isinstance(names, list) else [names]
    yml = yml or Path(report_dir) / "report.yml"
    return [resolve_source(Path(report_dir), str(n), yml) for n in names if n not in (None, "")]


def load_report_yml(report_dir: Path, *, verify_sha256: bool = True) -> tuple[dict[str, Any], Path]:
    """(metadata, path of the source file) of a report folder."""
    report_dir = Path(report_dir)
    yml = report_dir / "report.yml"
    if yml.is_symlink():
        raise bad(yml, "report.yml 是符号链接 (is a symbolic link)", fix="commit the file itself")
    data = validate_report_meta(read_meta_yaml(yml), yml)
    if in_repository(report_dir):
        check_placement(report_dir, data, yml)
    paths = source_paths(report_dir, data, yml)  # every file is checked; the first is returned
    if verify_sha256:
        verify_sha256_of(yml, paths, data)
    return data, paths[0]


# ---------------------------------------------------------------- placement and identity


def in_repository(report_dir: Path) -> bool:
    """A report folder of a repository: data/reports/<slug>/<year>/."""
    p = Path(report_dir).absolute()
    return p.parent.parent.name == "reports" and p.parent.parent.parent.name == "data"


def report_slug(data: dict[str, Any]) -> str:
    return str(data.get("slug") or slugify(str(data["agency"])))


def check_placement(report_dir: Path, data: dict[str, Any], yml: Path) -> None:
    """data/reports/<slug>/<year>/: real folders inside data/reports, named for the slug and
    the year, holding one agency; else BadMetadata with the command that fixes it."""
    report_dir = Path(report_dir).absolute()
    reports = report_dir.parent.parent
    for link in (report_dir, report_dir.parent):
        if link.is_symlink():
            raise bad(yml, f"报告文件夹 {readable(link.name)}/ 是符号链接 (the report folder is a symbolic link)",
                      fix="commit the folder and its files themselves, inside data/reports/")
    if reports.resolve() not in report_dir.resolve().parents:
        raise bad(yml, "报告文件夹在 data/reports/ 之外 (the report folder is outside data/reports/)",
                  fix="commit the folder and its files themselves, inside data/reports/")
    year, slug = str(data["year"]), report_slug(data)
    folder, year_folder = readable(report_dir.parent.name), readable(report_dir.name)
    here = f"data/reports/{folder}/{year_folder}"
    if report_dir.name != year:
        raise bad(yml, f"文件夹年份 {year_folder} 与 year: {year} 不符 (folder and year disagree)",
                  "year", fix=f"git mv {here} data/reports/{folder}/{year} (or correct year:)")
    if report_dir.parent.name != slug:
        fix = f"git mv data/reports/{folder} data/reports/{slug}"
        if SLUG_PATTERN.match(report_dir.parent.name) and not data.get("slug"):
            fix += f" (or add the line  slug: {folder})"
        elif data.get("slug"):
            fix += " (or correct slug:)"
        raise bad(yml, f"文件夹名 {folder}/ 与单位标识 {slug} 不符 (folder and slug "
                  "disagree: the package and its download links would be lost)", "slug", fix=fix)
    owner = folder_owner(agencies_under(reports, slug))
    if owner and not same_agency(data["agency"], data.get("region"), *owner[1:]):
        better = choose_slug(reports, None, data["agency"], data.get("region"))
        raise bad(yml, f"文件夹 {slug}/ 属于另一单位 {owner[1]}（{owner[0]}年）(this slug folder holds another "
                  "agency's reports: a homophone?)", "agency",
                  fix=f"give this agency its own slug: git mv {here} data/reports/{better}/{year} "
                      f"and add the line  slug: {better}")


def folder_owner(held: list[tuple[str, str, list[str]]]) -> tuple[str, str, list[str]] | None:
    """The agency a slug folder belongs to when it holds reports of several: the one with the
    most reports, then the earliest year (so a report filed into another agency's folder is the
    one refused, and that agency's reports go on building)."""
    if not held:
        return None
    groups: list[list[tuple[str, str, list[str]]]] = []
    for entry in sorted(held):
        group = next((g for g in groups if same_agency(entry[1], entry[2], g[0][1], g[0][2])), None)
        if group is None:
            groups.append([entry])
        else:
            group.append(entry)
    return min(groups, key=lambda g: (-len(g), g[0][0], g[0][1]))[0]


def agencies_under(reports: Path, slug: str) -> list[tuple[str, str, list[str]]]:
    """(year folder, agency, region) of every readable report.yml in data/reports/<slug>/."""
    out = []
    for yml in sorted((Path(reports) / slug).glob("*/report.yml")):
        try:
            data = read_meta_yaml(yml)
        except BadMetadata:
            continue
        if isinstance(data, dict) and isinstance(data.get("agency"), str):
            region = data["region"] if isinstance(data.get("region"), list) else []
            out.append((yml.parent.name, data["agency"], [str(r) for r in region]))
    return out


def packaged_agencies(packages: Path, slug: str) -> list[tuple[str, list[str]]]:
    """(agency, region) of every package in data/packages/<slug>/."""
    out = []
    for dp in sorted((Path(packages) / slug).glob("*/datapackage.json")):
        report = package_identity(dp.parent)
        if report is not None:
            out.append(report)
    return out


def package_identity(folder: Path) -> tuple[str, list[str]] | None:
    """(agency, region) that a data package's descriptor records, or None."""
    try:
        desc = json.loads((Path(folder) / "datapackage.json").read_text("utf-8"))
        report = desc["juesuan"]["report"]
        region = report.get("region") if isinstance(report.get("region"), list) else []
        return str(report["agency"]), [str(r) for r in region]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def choose_slug(reports: Path, packages: Path | None, agency: str, region: list[str] | None) -> str:
    """The first slug candidate (paths.slug_candidates) that no other agency holds, in
    data/reports/ or data/packages/."""
    for cand in slug_candidates(agency, region):
        held = [(n, r) for _, n, r in agencies_under(reports, cand)]
        if packages is not None:
            held += packaged_agencies(packages, cand)
        if all(same_agency(agency, region, n, r) for n, r in held):
            return cand
    raise bad(Path(reports), f"无法为 {agency} 选定单位标识 (no free slug)", fix="give one with --slug")
