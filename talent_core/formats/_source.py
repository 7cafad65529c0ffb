"""Reading files: text decoding, JSON with positions, and turning raw records into a framework.

Every reader parses its file into plain records shaped like ``CompetencyFramework`` (a dict
with ``nodes``) plus a *locator* that maps a field path such as ``nodes[3].name`` back to the
place in the file (``row 5, column 'Shortname'`` or ``$.CFItems[3].fullStatement``). The
records then pass :func:`assemble`, which reports every field and reference problem at once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from .._errors import FormatError, Problem, ValidationError
from .._framework import CompetencyFramework, CompetencyNode
from .._people_csv import spreadsheet_text
from .._validation import load

__all__ = [
    "Locator",
    "ProblemList",
    "assemble",
    "decode_text",
    "json_path",
    "parse_json",
    "raise_first",
]

#: Maps a field path of the domain model to a place in the file.
Locator = Callable[[str], str]

_NODE_INDEX = re.compile(r"nodes\[(\d+)\]")


def json_path(field: str, root: str = "$") -> str:
    """``nodes[3].name`` -> ``$.nodes[3].name`` (the path of the same value in native JSON)."""
    if not field:
        return root
    return f"{root}{field}" if field.startswith("[") else f"{root}.{field}"


class ProblemList:
    """Collects the problems of one file, each naming the file, the place and the problem."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[FormatError] = []

    def add(self, location: str, problem: str, detail: Problem | None = None) -> None:
        self.errors.append(FormatError(self.file, location, problem, detail))

    def add_problems(self, problems: Iterable[Problem], locate: Locator) -> None:
        seen = {(e.location, e.problem) for e in self.errors}
        for p in problems:
            key = (locate(p.field), p.message)
            if key not in seen:
                seen.add(key)
                self.add(*key, detail=p)

    def __bool__(self) -> bool:
        return bool(self.errors)


def raise_first(problems: ProblemList) -> None:
    """Raise the first problem, saying how many more there are (``validate`` lists them all)."""
    if not problems.errors:
        return
    first = problems.errors[0]
    more = len(problems.errors) - 1
    if more:
        suffix = f" (and {more} more problem{'s' if more > 1 else ''}; "
        suffix += "`talent framework validate` lists them all)"
        raise FormatError(first.file, first.location, first.problem + suffix)
    raise first


def decode_text(data: bytes, file: str) -> str:
    """UTF-8 (or BOM-marked UTF-16) text without a byte-order mark; a clear error for others."""
    try:
        return spreadsheet_text(data)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FormatError(
            file, f"line {line}", "is not UTF-8 text; save the file as UTF-8 and try again"
        ) from None


def parse_json(data: bytes, file: str) -> Any:
    """Parsed JSON; a syntax error names its line and column."""
    text = decode_text(data, file)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(
            file, f"line {error.lineno}, column {error.colno}", f"invalid JSON: {error.msg}"
        ) from None
    except RecursionError:  # Python's JSON reader gives up near 1,000 levels of nesting
        raise FormatError(file, "", "JSON nested too deeply to read") from None


# -- from raw records to a framework --------------------------------------------------------


def _stub_node(index: int, record: Any) -> dict[str, Any]:
    """A valid stand-in for a node whose own fields are broken, keeping its usable links."""

    def valid(field: str, value: Any) -> bool:
        try:
            load(CompetencyNode, {"id": "x", "name": {"en": "x"}, field: value})
        except ValidationError:
            return False
        return True

    rec = record if isinstance(record, dict) else {}
    node_id = rec.get("id") if valid("id", rec.get("id")) else f"broken-node-{index}"
    stub: dict[str, Any] = {"id": node_id, "name": {"en": "?"}}
    for field in ("parent_id", "scale_id"):
        if valid(field, rec.get(field)):
            stub[field] = rec.get(field)
    refs = rec.get("cross_references")
    if isinstance(refs, list):
        stub["cross_references"] = [r for r in refs if valid("cross_references", [r])]
    return stub


def _repaired(nodes: list[dict[str, Any]], scale_ids: set[str]) -> list[dict[str, Any]]:
    """Nodes with duplicate ids, unknown parents, references and scales taken out.

    Checking repaired nodes again finds what the first pass hides: the model looks for cycles
    only when the references are sound, and for off-scale levels only without cycles.
    """
    ids: set[str] = set()
    out: list[dict[str, Any]] = []
    for i, node in enumerate(nodes):
        node = dict(node)
        if node["id"] in ids:
            node["id"] = f"duplicate-node-{i}"
        ids.add(node["id"])
        out.append(node)
    for node in out:
        if node.get("parent_id") not in ids:
            node["parent_id"] = None
        node["cross_references"] = [r for r in node.get("cross_references", []) if r in ids]
        if node.get("scale_id") not in scale_ids:
            node["scale_id"] = None
    return out


def _acyclic(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Repaired nodes with every parent link that closes a cycle cut."""
    parent = {node["id"]: node.get("parent_id") for node in nodes}
    done: set[str] = set()
    for start in parent:
        path: list[str] = []
        current: str | None = start
        while current is not None and current not in done and current not in path:
            path.append(current)
            current = parent[current]
        if current is not None and current in path:
            parent[path[-1]] = None
        done.update(path)
    return [{**node, "parent_id": parent[node["id"]]} for node in nodes]


def _file_order(problem: Problem) -> int:
    """Framework problems first, then node problems in the order of the nodes."""
    match = _NODE_INDEX.match(problem.field)
    return int(match.group(1)) + 1 if match else 0


def _model_problems(data: dict[str, Any]) -> list[Problem]:
    try:
        load(CompetencyFramework, data)
    except ValidationError as error:
        return list(error.problems)
    return []


def assemble(
    raw: dict[str, Any], problems: ProblemList, locate: Locator
) -> CompetencyFramework | None:
    """The framework built from ``raw``, or None with every problem added to ``problems``.

    Field problems of the framework and of each node are reported together with reference
    problems (duplicate ids, unknown parents and cross references, cycles, levels off scale).
    """
    try:
        return load(CompetencyFramework, raw)
    except ValidationError as error:  # find every problem, not just those pydantic stops at
        first_found = error.problems
    head = {key: value for key, value in raw.items() if key != "nodes"}
    records = raw.get("nodes", [])
    found = _model_problems({**head, "nodes": []})
    head_is_sound = not found
    if not isinstance(records, list):
        problems.add_problems(found, locate)
        problems.add(locate("nodes"), "must be a list of nodes")
        return None
    nodes: list[dict[str, Any]] = []
    for i, record in enumerate(records):
        try:
            node = load(CompetencyNode, record, where=f"nodes[{i}]")
        except ValidationError as error:
            found += error.problems
            nodes.append(_stub_node(i, record))
            continue
        nodes.append(node.model_dump(mode="json"))
    if not head_is_sound:
        # Without a sound scale the levels cannot be checked; the references still can.
        stub_scale = {"id": "s", "levels": [{"value": v, "label": {"en": "?"}} for v in (0, 1)]}
        head = {"id": "stub", "name": {"en": "?"}, "scale": stub_scale}
        nodes = [{**node, "level": None, "scale_id": None} for node in nodes]
    scale_ids = {s["id"] for s in [head["scale"], *head.get("extra_scales", [])]}
    repaired = _repaired(nodes, scale_ids)
    for stage in (nodes, repaired, _acyclic(repaired)):
        found += _model_problems({**head, "nodes": stage})
    problems.add_problems(sorted(found or first_found, key=_file_order), locate)
    return None
