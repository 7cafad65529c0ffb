"""Moodle competency-framework CSV (admin tool ``tool_lpimportcsv``), both directions.

One row per framework (``Is framework`` = 1) and per competency, linked by id numbers. What
Moodle has no column for is kept or dropped like this:

* Node types come from the shape of the tree (see ``_structure``); an indicator's level is
  set when it cross-references a level node that maps onto the scale (same label, or the n-th
  of n level nodes); the cross reference itself is always kept.
* Rule type, outcome and config, the exported id, the Moodle description format and the
  taxonomy terms are kept in ``extensions``/``taxonomy``, so Moodle -> here -> Moodle gives
  the same rows back.
* Text is in one language (``language``); coaching questions, development activities, level
  descriptors and other languages are not written. Scale values become 1..n (Moodle scales
  are lists of labels); Moodle needs a default and a proficient level, so the export marks
  the lowest level as default and the highest as proficient when the scale has none.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .._framework import CompetencyFramework, NodeType
from .._people_csv import first_line, sniff_delimiter
from .._scale import ProficiencyScale
from .._spreadsheet import defuse_formula, defused_row, restore_formula
from .._text import localize
from ._source import ProblemList, assemble, decode_text
from ._structure import Shape, infer_types

__all__ = ["HEADERS", "looks_like_moodle", "read_moodle", "write_moodle"]

#: Column headings as Moodle's exporter writes them (its importer reads columns by position).
HEADERS: tuple[str, ...] = (
    "Parent id number",
    "Id number",
    "Shortname",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross referenced competency id numbers",
    "Exported id (optional)",
    "Is framework",
    "Taxonomy",
)
_KEYS = (
    "parent",
    "id",
    "shortname",
    "description",
    "format",
    "scale_values",
    "scale_config",
    "rule_type",
    "rule_outcome",
    "rule_config",
    "related",
    "export_id",
    "is_framework",
    "taxonomy",
)
_OPTIONAL = {"rule_type", "rule_outcome", "rule_config", "export_id"}
HEADING = dict(zip(_KEYS, HEADERS, strict=True))

#: Moodle's FORMAT_* constants; FORMAT_MOODLE (0) reads as plain text and is kept as written.
_FORMATS = {"0": "plain", "1": "html", "2": "plain", "4": "markdown"}
_FORMAT_CODES = {"html": "1", "plain": "2", "markdown": "4"}
_DEFAULTS = {"rule_type": "", "rule_outcome": "0", "rule_config": "null", "export_id": ""}
_EXTENSION = {
    "rule_type": "moodle:ruletype",
    "rule_outcome": "moodle:ruleoutcome",
    "rule_config": "moodle:ruleconfig",
    "export_id": "moodle:exportid",
    "format": "moodle:descriptionformat",
}
MAX_SHORTNAME = 100


def _normal(heading: str) -> str:
    return "".join(ch for ch in heading.lower() if ch.isalnum())


_BY_NORMAL = {_normal(h): key for key, h in HEADING.items()}
# Newer Moodle versions spell a few headings differently; they normalise to the same keys.


def looks_like_moodle(header: str) -> bool:
    """Whether the header row (the first line) names Moodle's id number columns."""
    try:
        cells = next(csv.reader([header], delimiter=sniff_delimiter(header)), [])
    except csv.Error:
        return False
    normal = {_normal(cell) for cell in cells}
    return {_normal(HEADING["id"]), _normal(HEADING["parent"])} <= normal


@dataclass
class _Row:
    number: int
    line: int
    cells: dict[str, str]

    @property
    def place(self) -> str:
        """``row 7`` or, when cells span lines, ``row 7 (line 12)``."""
        return f"row {self.number}" + (f" (line {self.line})" if self.line != self.number else "")


def _place(row: _Row, key: str) -> str:
    return f"{row.place}, column '{HEADING[key]}'"


@dataclass
class _Places:
    """Where each part of the framework came from, to name rows and columns in problems."""

    framework_row: _Row | None = None
    node_rows: list[_Row] = field(default_factory=list)
    scale_rows: list[_Row] = field(default_factory=list)

    def locate(self, path: str) -> str:
        head, _, rest = path.partition(".")
        row: _Row | None = self.framework_row
        column = {
            "id": "id",
            "name": "shortname",
            "description": "description",
            "description_format": "format",
            "scale": "scale_values",
            "extra_scales": "scale_values",
            "taxonomy": "taxonomy",
            "nodes": "parent",
        }.get(head.split("[")[0], "")
        if head.startswith("nodes["):
            row = self.node_rows[int(head[6:-1])]
            name = rest.split(".")[0].split("[")[0]
            column = {
                "id": "id",
                "parent_id": "parent",
                "name": "shortname",
                "description": "description",
                "description_format": "format",
                "cross_references": "related",
                "level": "related",
                "scale_id": "scale_values",
            }.get(name, "")
            if name == "extensions":
                column = next((k for k, e in _EXTENSION.items() if e in rest), "")
        elif head.startswith("extra_scales["):
            row = self.scale_rows[int(head[13:-1])]
        if head.split("[")[0] in ("scale", "extra_scales") and (
            "default_value" in path or "proficient" in path
        ):
            column = "scale_config"
        if row is None:
            return f"column '{HEADING[column]}'" if column else ""
        return _place(row, column) if column else row.place


def _rows(text: str, problems: ProblemList) -> list[_Row]:
    delimiter = sniff_delimiter(first_line(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        problems.add("", "the file is empty")
        return []
    columns: dict[str, int] = {}
    for index, heading in enumerate(header):
        key = _BY_NORMAL.get(_normal(heading))
        if key is not None and key in columns:
            problems.add(
                f"row 1, column {index + 1}",
                f"column '{HEADING[key]}' appears twice (also column {columns[key] + 1})",
            )
        elif key is not None:
            columns[key] = index
    if problems:
        return []
    missing = [HEADING[k] for k in _KEYS if k not in columns and k not in _OPTIONAL]
    if missing:
        names = ", ".join(f"'{m}'" for m in missing)
        problems.add("row 1", f"missing column{'s' if len(missing) > 1 else ''} {names}")
        return []
    rows: list[_Row] = []
    line = reader.line_num + 1
    try:
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                values = {
                    k: _restored(k, cells[i] if i < len(cells) else "") for k, i in columns.items()
                }
                rows.append(_Row(number, line, values))
            line = reader.line_num + 1
    except csv.Error as error:
        problems.add(f"line {reader.line_num}", f"broken CSV: {error}")
    return rows


#: Cells that hold comma-separated lists, defused item by item.
_LIST_KEYS = {"scale_values", "related", "taxonomy"}


def _restored(key: str, cell: str) -> str:
    return cell if key in _LIST_KEYS else restore_formula(cell)


def _scale(row: _Row, language: str, problems: ProblemList) -> dict[str, Any] | None:
    """The ProficiencyScale record of a row's ``Scale values`` and ``Scale configuration``."""
    labels = _unlisted(row.cells["scale_values"])
    where = _place(row, "scale_config")
    flags: dict[int, tuple[bool, bool]] = {}
    config_id: str | None = None
    text = row.cells["scale_config"].strip()
    if text:
        try:
            config = json.loads(text)
        except json.JSONDecodeError as error:
            problems.add(where, f"invalid JSON at character {error.pos + 1}: {error.msg}")
            return None
        except RecursionError:
            problems.add(where, "JSON nested too deeply")
            return None
        if not (isinstance(config, list) and config and isinstance(config[0], dict)):
            problems.add(where, 'expected a JSON list starting with {"scaleid": ...}')
            return None
        config_id = str(config[0].get("scaleid", "")) or None
        for position, item in enumerate(config[1:], start=2):
            value = item.get("id") if isinstance(item, dict) else None
            try:
                value = int(str(value))
            except ValueError:
                value = 0
            if not isinstance(item, dict) or not 1 <= value <= len(labels):
                problems.add(
                    where,
                    f"item {position} must be an object whose id is a scale value "
                    f"from 1 to {len(labels)}",
                )
                return None
            flags[value] = (bool(item.get("scaledefault")), bool(item.get("proficient")))
    defaults = [value for value, (is_default, _) in flags.items() if is_default]
    return {
        "id": config_id or "moodle-scale",
        "levels": [
            {
                "value": value,
                "label": {language: label},
                "proficient": flags.get(value, (False, False))[1],
            }
            for value, label in enumerate(labels, start=1)
        ],
        "default_value": defaults[0] if defaults else None,
    }


def _level_map(
    framework: dict[str, Any], nodes: list[dict[str, Any]], types: dict[str, NodeType]
) -> None:
    """Set an indicator's level from its cross reference to a level node that fits the scale."""
    by_id = {n["id"]: n for n in nodes if isinstance(n.get("id"), str)}
    scales = {s["id"]: s for s in [framework["scale"], *framework["extra_scales"]] if s}
    groups: dict[str | None, list[str]] = {}
    for node in nodes:
        if types.get(node["id"]) is NodeType.LEVEL:
            groups.setdefault(node.get("parent_id"), []).append(node["id"])

    def scale_of(node: dict[str, Any]) -> dict[str, Any] | None:
        main: dict[str, Any] = framework["scale"]
        seen: set[str] = set()
        current: dict[str, Any] | None = node
        while current is not None and current["id"] not in seen:
            seen.add(current["id"])
            if current.get("scale_id"):
                return scales.get(current["scale_id"])
            current = by_id.get(current.get("parent_id") or "")
        return main

    for node in nodes:
        if types.get(node["id"]) is not NodeType.INDICATOR:
            continue
        scale = scale_of(node)
        if not scale:
            continue
        found: set[int] = set()
        for ref in node["cross_references"]:
            target = by_id.get(ref)
            if target is None or types.get(ref) is not NodeType.LEVEL:
                continue
            group = groups[target.get("parent_id")]
            name = next(iter(target["name"].values()), "").strip().lower()
            for level in scale["levels"]:
                if next(iter(level["label"].values()), "").strip().lower() == name:
                    found.add(level["value"])
                    break
            else:
                if len(group) == len(scale["levels"]):
                    found.add(scale["levels"][group.index(ref)]["value"])
        if len(found) == 1:
            node["level"] = found.pop()


def read_moodle(
    data: bytes, file: str, problems: ProblemList, language: str
) -> CompetencyFramework | None:
    rows = _rows(decode_text(data, file), problems)
    if problems:
        return None
    places = _Places()
    framework: dict[str, Any] = {}
    nodes: list[dict[str, Any]] = []
    extra_scales: list[dict[str, Any]] = []
    for row in rows:
        cells = row.cells
        fmt = cells["format"].strip()
        if fmt not in _FORMATS and fmt != "":
            problems.add(_place(row, "format"), f"unknown description format {fmt!r}")
            fmt = "2"
        text_format = _FORMATS.get(fmt, "plain")
        record: dict[str, Any] = {
            "id": cells["id"].strip(),
            "name": {language: cells["shortname"]},
            "description": {language: cells["description"]},
            "description_format": text_format,
        }
        extensions: dict[str, str] = {}
        if fmt != _FORMAT_CODES[text_format]:
            extensions[_EXTENSION["format"]] = fmt
        if cells["is_framework"].strip() not in ("", "0"):  # PHP truthiness, as Moodle reads it
            if places.framework_row is not None:
                problems.add(
                    _place(row, "is_framework"),
                    f"a second framework row (the first is row {places.framework_row.number});"
                    " a file holds one framework",
                )
                continue
            places.framework_row = row
            scale = _scale(row, language, problems)
            terms = cells["taxonomy"].strip()
            framework = {
                **record,
                "default_language": language,
                "scale": scale,
                "taxonomy": _unlisted(terms) if terms else [],
                "extensions": extensions,
            }
            continue
        for key, default in _DEFAULTS.items():
            value = cells.get(key, default)
            if value != default:
                extensions[_EXTENSION[key]] = value
        refs = [r.replace("%2C", ",") for r in _unlisted(cells["related"])]
        record |= {
            "parent_id": cells["parent"].strip() or None,
            "cross_references": [r for r in refs if r],
            "extensions": extensions,
        }
        if cells["scale_values"].strip():
            scale = _scale(row, language, problems)
            if scale is not None:
                known = [framework.get("scale"), *extra_scales]
                same = next((s for s in known if s == scale), None)
                if same is None:
                    if any(s and s["id"] == scale["id"] for s in known):
                        scale["id"] = f"{scale['id']}-{record['id']}"
                    extra_scales.append(scale)
                    places.scale_rows.append(row)
                    same = scale
                record["scale_id"] = same["id"]
        nodes.append(record)
        places.node_rows.append(row)
    if places.framework_row is None:
        problems.add("", f"no framework row: one row needs '{HEADING['is_framework']}' set to 1")
    if problems:
        return None
    framework["extra_scales"] = extra_scales
    shapes = [Shape(n["id"], n["parent_id"], n["cross_references"]) for n in nodes if n["id"]]
    types = infer_types(shapes, framework["taxonomy"])
    for node in nodes:
        node["type"] = types.get(node["id"], NodeType.COMPETENCY).value
    _level_map(framework, nodes, types)
    return assemble({**framework, "nodes": nodes}, problems, places.locate)


def _config(scale: ProficiencyScale) -> str:
    """Moodle's scale configuration JSON; a default and a proficient level are required."""
    values = scale.values
    default = scale.default_value if scale.default_value is not None else values[0]
    proficient = {lv.value for lv in scale.levels if lv.proficient} or {values[-1]}
    items: list[dict[str, Any]] = [{"scaleid": scale.id}]
    for position, value in enumerate(values, start=1):
        if value == default or value in proficient:
            items.append(
                {
                    "id": position,
                    "scaledefault": int(value == default),
                    "proficient": int(value in proficient),
                }
            )
    return json.dumps(items, separators=(",", ":"), ensure_ascii=False)


def write_moodle(framework: CompetencyFramework, language: str) -> bytes:
    fallbacks = (framework.default_language, "en")

    def text(value: dict[str, str]) -> str:
        return localize(value, language, fallbacks)

    def scale_cells(scale: ProficiencyScale) -> list[str]:
        return [_listed(text(lv.label) for lv in scale.levels), defuse_formula(_config(scale))]

    def fmt(format_name: str, extensions: dict[str, str]) -> str:
        return extensions.get(_EXTENSION["format"], _FORMAT_CODES[format_name])

    scales = {s.id: s for s in framework.all_scales()}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(defused_row(HEADERS))
    writer.writerow(
        [
            *defused_row(
                [
                    "",
                    framework.id,
                    text(framework.name),
                    text(framework.description),
                    fmt(framework.description_format, framework.extensions),
                ]
            ),
            *scale_cells(framework.scale),
            *([""] * 5),
            "1",
            _listed(framework.taxonomy),
        ]
    )
    for node in framework.nodes:
        ext = node.extensions
        scale = scales[node.scale_id] if node.scale_id else None
        writer.writerow(
            [
                *defused_row(
                    [
                        node.parent_id or "",
                        node.id,
                        text(node.name),
                        text(node.description),
                        fmt(node.description_format, ext),
                    ]
                ),
                *(scale_cells(scale) if scale else ["", ""]),
                *defused_row(ext.get(_EXTENSION[k], _DEFAULTS[k]) for k in _KEYS[7:10]),
                _listed(node.cross_references),
                defuse_formula(ext.get(_EXTENSION["export_id"], "")),
                "",
                "",
            ]
        )
    return out.getvalue().encode("utf-8")


def _listed(items: Iterable[str]) -> str:
    """A comma-separated list cell, each item defused on its own.

    Moodle splits these cells (ids, scale labels, taxonomy terms) and matches each item, so an
    id reads the same in its own row and in every list that names it.
    """
    return ",".join(defuse_formula(item) for item in items)


def _unlisted(cell: str) -> list[str]:
    """The items of a list cell written by :func:`_listed` (or by Moodle), as they were."""
    return [restore_formula(item.strip()) for item in cell.split(",")]
