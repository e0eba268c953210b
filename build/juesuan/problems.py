"""The registry of the parser's problem codes (schemas/problems.yaml): an id, a Chinese title,
a one-line Chinese explanation and whether the problem means cells of the report were not
read. Code that makes a ``Problem`` uses a registered id; code that reacts to problems asks
the registry (``cells_not_read()``) instead of keeping its own set of strings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class ProblemCode:
    id: str
    title: str
    explanation: str
    cells_not_read: bool


@cache
def registry() -> dict[str, ProblemCode]:
    """id → ProblemCode, in the order of schemas/problems.yaml."""
    text = resources.files("juesuan").joinpath("schemas/problems.yaml").read_text("utf-8")
    out: dict[str, ProblemCode] = {}
    for entry in yaml.safe_load(text)["problems"]:
        code = ProblemCode(entry["id"], entry["title"], entry["explanation"], bool(entry["cells_not_read"]))
        if code.id in out:
            raise ValueError(f"schemas/problems.yaml: problem code {code.id!r} declared twice")
        out[code.id] = code
    return out


def problem(code: str) -> ProblemCode:
    """The registered code; KeyError names the file to declare it in."""
    try:
        return registry()[code]
    except KeyError:
        raise KeyError(f"problem code {code!r} is not declared in schemas/problems.yaml") from None


def title(code: str) -> str:
    """The Chinese title of a code; an unknown code (an old package) is shown as it is."""
    found = registry().get(code)
    return found.title if found else code


@cache
def cells_not_read() -> frozenset[str]:
    """The codes that mean some cells of their table were not read."""
    return frozenset(c.id for c in registry().values() if c.cells_not_read)
