"""1EdTech CASE 1.0 packages (CFPackage JSON): CFDocument, CFItems, CFAssociations, CFRubrics.

Mapping, both directions:

* CFDocument <-> the framework (``identifier`` is the framework id when that is a UUID, else a
  uuid5 of it; re-import then gives that UUID as the id). ``title``, ``description``,
  ``version`` and ``language`` map to the fields of the same meaning.
* CFItem <-> node. The node id is ``humanCodingScheme`` (else the item ``identifier``), the
  name is ``abbreviatedStatement`` when given (and ``fullStatement`` the description), else
  ``fullStatement``. ``CFItemType`` gives the type (Cluster, Competency, Indicator, Level,
  Other and common synonyms; unknown types fall back to the shape of the tree, see
  ``_structure``). Identifiers and URIs are uuid5 values derived from the ids unless the
  imported file had others, which are kept in ``extensions`` for round trips.
* ``isChildOf`` associations give the tree (``sequenceNumber`` the order of siblings),
  ``isRelatedTo`` the cross references and ``hasSkillLevel`` an indicator's level, pointing at
  a level of the scale's rubric.
* An association of any other type (``exactMatchOf``, ``isRelatedTo``, ``isPeerOf``, ...) with
  one end outside the package, common in published frameworks, is kept as an external
  reference of the node at the other end (its type, the other item's identifier, URI and
  title, and which way it points) and written back as it came. Only what breaks the tree is
  refused: an ``isChildOf`` whose item or parent is not in the package.
* Each proficiency scale is a CFRubric: its first criterion holds the levels (score = value,
  quality = label, description = descriptor); further criteria name the items that use the
  scale (``CFItemURI``). A package without rubrics gets a neutral four-level scale.

CASE 1.0 has no place for coaching questions, development activities, description formats,
proficient/default flags of a scale or more than one language per item: export drops them.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from .._framework import CompetencyFramework, CompetencyNode, NodeType
from .._scale import ProficiencyScale
from .._text import Identifier, LanguageCode, localize
from ._source import ProblemList, assemble, parse_json
from ._structure import Shape, infer_types

__all__ = ["case_item_uri", "read_case", "write_case"]

#: Namespace of the uuid5 identifiers this project gives CASE objects.
NAMESPACE = uuid.UUID("5b0c3f4e-2a5d-4c1e-9a43-6e1f0d7c2b18")
DEFAULT_CREATOR = "talent-development"
_ITEM_TYPE_NAMES = {t: t.value.capitalize() for t in NodeType}
_ITEM_TYPES = {
    **{name.lower(): node_type for node_type, name in _ITEM_TYPE_NAMES.items()},
    **dict.fromkeys(("domain", "strand", "category", "group", "area"), NodeType.CLUSTER),
    **dict.fromkeys(("standard", "skill", "competence", "outcome"), NodeType.COMPETENCY),
    **dict.fromkeys(
        ("behaviour", "behavior", "behaviouralindicator", "behavioralindicator"),
        NodeType.INDICATOR,
    ),
    "proficiencylevel": NodeType.LEVEL,
}
_DOCUMENT_EXTRAS = ("publisher", "officialSourceURL", "adoptionStatus", "notes")
_ITEM_EXTRAS = ("alternativeLabel", "listEnumeration", "notes")
_NO_RUBRIC = "case:no-rubric"
_DEFAULT_LEVELS = (
    {"en": "Beginner", "sv": "Nybörjare", "nl": "Beginner"},
    {"en": "Developing", "sv": "Under utveckling", "nl": "In ontwikkeling"},
    {"en": "Proficient", "sv": "Skicklig", "nl": "Bekwaam"},
    {"en": "Expert", "sv": "Expert", "nl": "Expert"},
)

_identifier: TypeAdapter[str] = TypeAdapter(Identifier)
_language_code: TypeAdapter[str] = TypeAdapter(LanguageCode)


def _fits(adapter: TypeAdapter[str], value: object) -> bool:
    try:
        adapter.validate_python(value)
    except PydanticError:
        return False
    return True


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _urn(identifier: str) -> str:
    return f"urn:uuid:{identifier}"


def _canonical_type(value: object) -> NodeType | None:
    if not isinstance(value, str):
        return None
    return _ITEM_TYPES.get("".join(ch for ch in value.lower() if ch.isalnum()))


# -- reading -------------------------------------------------------------------------------


class _Reader:
    """Reads one package, collecting problems with the JSON path of each."""

    def __init__(self, package: dict[str, Any], root: str, problems: ProblemList) -> None:
        self.package = package
        self.root = root
        self.problems = problems

    def text(self, obj: dict[str, Any], key: str, path: str, required: bool = False) -> str:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                self.problems.add(f"{path}.{key}", "is required")
            return ""
        if not isinstance(value, str):
            self.problems.add(f"{path}.{key}", f"must be a string, not {type(value).__name__}")
            return ""
        return value

    def objects(self, key: str) -> list[tuple[str, dict[str, Any]]]:
        value = self.package.get(key, [])
        path = f"{self.root}.{key}"
        if not isinstance(value, list):
            self.problems.add(path, "must be a list")
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((f"{path}[{i}]", item))
            else:
                self.problems.add(f"{path}[{i}]", "must be an object")
        return out

    def language(self, obj: dict[str, Any], path: str, fallback: str) -> str:
        value = self.text(obj, "language", path).strip()
        if value and not _fits(_language_code, value):
            self.problems.add(f"{path}.language", f"{value!r} is not a language code like 'en'")
            return fallback
        return value or fallback

    def link(self, obj: dict[str, Any], key: str, path: str) -> str:
        """The identifier of a LinkURI object (``originNodeURI`` and the like)."""
        value = obj.get(key)
        if not isinstance(value, dict):
            self.problems.add(f"{path}.{key}", "must be an object with an identifier")
            return ""
        return self.text(value, "identifier", f"{path}.{key}", required=True)


def _scale_from_rubric(
    reader: _Reader, path: str, rubric: dict[str, Any], index: int, language: str
) -> tuple[dict[str, Any] | None, dict[str, int], list[tuple[str, str]]]:
    """The scale record, its level identifiers -> values, and (item identifier, path) users."""
    criteria = rubric.get("CFRubricCriteria")
    if not isinstance(criteria, list) or not criteria:
        reader.problems.add(f"{path}.CFRubricCriteria", "a rubric needs a criterion with levels")
        return None, {}, []
    main = next(
        (i for i, c in enumerate(criteria) if isinstance(c, dict) and not c.get("CFItemURI")), 0
    )
    category = criteria[main].get("category") if isinstance(criteria[main], dict) else None
    scale_id = category if _fits(_identifier, category) else f"scale-{index + 1}"
    level_ids: dict[str, int] = {}
    users: list[tuple[str, str]] = []
    levels: list[tuple[float, dict[str, Any]]] = []
    for c, criterion in enumerate(criteria):
        cpath = f"{path}.CFRubricCriteria[{c}]"
        if not isinstance(criterion, dict):
            reader.problems.add(cpath, "must be an object")
            continue
        if c != main:
            users.append((reader.link(criterion, "CFItemURI", cpath), cpath))
        for lv, level in enumerate(criterion.get("CFRubricCriterionLevels") or []):
            lpath = f"{cpath}.CFRubricCriterionLevels[{lv}]"
            score = level.get("score") if isinstance(level, dict) else None
            if not isinstance(score, int | float) or isinstance(score, bool) or score % 1:
                reader.problems.add(f"{lpath}.score", "must be a whole number (the level value)")
                continue
            identifier = reader.text(level, "identifier", lpath)
            if identifier:
                level_ids[identifier] = int(score)
            if c == main:
                position = level.get("position")
                order = position if isinstance(position, int | float) else score
                record = {
                    "value": int(score),
                    "label": {language: reader.text(level, "quality", lpath) or str(int(score))},
                    "descriptor": {language: reader.text(level, "description", lpath)},
                }
                levels.append((order, record))
    title = reader.text(rubric, "title", path)
    scale = {
        "id": scale_id,
        "name": {language: title if title != scale_id else ""},
        "levels": [record for _, record in sorted(levels, key=lambda pair: pair[0])],
    }
    return scale, level_ids, users


def read_case(
    data: bytes, file: str, problems: ProblemList, language: str
) -> CompetencyFramework | None:
    package = parse_json(data, file)
    root = "$"
    if isinstance(package, dict) and isinstance(package.get("CFPackage"), dict):
        package, root = package["CFPackage"], "$.CFPackage"
    if not isinstance(package, dict):
        problems.add("$", "a CASE package is a JSON object with CFDocument and CFItems")
        return None
    document = package.get("CFDocument")
    if not isinstance(document, dict):
        problems.add(f"{root}.CFDocument", "missing: a CASE package needs its CFDocument")
        return None
    reader = _Reader(package, root, problems)
    dpath = f"{root}.CFDocument"
    doc_id = reader.text(document, "identifier", dpath, required=True)
    doc_language = reader.language(document, dpath, language)
    framework: dict[str, Any] = {
        "id": doc_id,
        "name": {doc_language: reader.text(document, "title", dpath, required=True)},
        "description": {doc_language: reader.text(document, "description", dpath)},
        "version": reader.text(document, "version", dpath) or "1",
        "default_language": doc_language,
    }
    extensions: dict[str, str] = {}
    creator = reader.text(document, "creator", dpath)
    if creator != DEFAULT_CREATOR:
        extensions["case:creator"] = creator
    uri = reader.text(document, "uri", dpath)
    if uri and uri != _urn(doc_id):
        extensions["case:uri"] = uri
    for key in _DOCUMENT_EXTRAS:
        if value := reader.text(document, key, dpath):
            extensions[f"case:{key}"] = value

    # Items: ids, texts and declared types.
    items = reader.objects("CFItems")
    codes = [item.get("humanCodingScheme") for _, item in items]
    code_counts = Counter(code for code in codes if isinstance(code, str))
    nodes: list[dict[str, Any]] = []
    places: list[dict[str, str]] = []
    by_identifier: dict[str, int] = {}
    declared: dict[str, NodeType] = {}
    for (path, item), code in zip(items, codes, strict=True):
        identifier = reader.text(item, "identifier", path, required=True)
        full = reader.text(item, "fullStatement", path, required=True)
        short = reader.text(item, "abbreviatedStatement", path)
        item_language = reader.language(item, path, doc_language)
        unique_code = isinstance(code, str) and _fits(_identifier, code) and code_counts[code] == 1
        node_id = code if unique_code else identifier
        node_ext: dict[str, str] = {}
        if isinstance(code, str) and code and not unique_code:
            node_ext["case:humanCodingScheme"] = code
        if identifier and identifier != _uuid(doc_id, str(node_id)):
            node_ext["case:identifier"] = identifier
        item_uri = reader.text(item, "uri", path)
        if item_uri and item_uri != _urn(identifier):
            node_ext["case:uri"] = item_uri
        for key in _ITEM_EXTRAS:
            if value := reader.text(item, key, path):
                node_ext[f"case:{key}"] = value
        item_type = item.get("CFItemType")
        node_type = _canonical_type(item_type)
        if node_type is not None:
            declared[str(node_id)] = node_type
            if item_type != _ITEM_TYPE_NAMES[node_type]:
                node_ext["case:CFItemType"] = str(item_type)
        elif isinstance(item_type, str) and item_type:
            node_ext["case:CFItemType"] = item_type
        if identifier in by_identifier:
            problems.add(f"{path}.identifier", f"duplicate identifier {identifier!r}")
        by_identifier[identifier] = len(nodes)
        name, description = (short, full) if short else (full, "")
        nodes.append(
            {
                "id": node_id,
                "name": {item_language: name},
                "description": {item_language: description},
                "cross_references": [],
                "external_references": [],
                "extensions": node_ext,
            }
        )
        code_path = "humanCodingScheme" if unique_code else "identifier"
        places.append(
            {
                "": path,
                "id": f"{path}.{code_path}",
                "name": f"{path}.{'abbreviatedStatement' if short else 'fullStatement'}",
                "description": f"{path}.fullStatement",
                "type": f"{path}.CFItemType",
            }
        )

    # Rubrics: the scales.
    scales: list[dict[str, Any]] = []
    level_values: dict[str, int] = {}
    scale_places: list[str] = []
    for index, (path, rubric) in enumerate(reader.objects("CFRubrics")):
        scale, level_ids, users = _scale_from_rubric(reader, path, rubric, index, doc_language)
        if scale is None:
            continue
        scales.append(scale)
        scale_places.append(path)
        level_values.update(level_ids)
        for identifier, cpath in users:
            if identifier and identifier not in by_identifier:
                problems.add(f"{cpath}.CFItemURI.identifier", f"unknown item {identifier!r}")
            elif identifier:
                node_index = by_identifier[identifier]
                nodes[node_index]["scale_id"] = scale["id"]
                places[node_index]["scale_id"] = f"{cpath}.CFItemURI"
    if not scales:
        levels = [{"value": v, "label": label} for v, label in enumerate(_DEFAULT_LEVELS, 1)]
        scales.append({"id": "default", "levels": levels})
        extensions[_NO_RUBRIC] = "true"
    framework |= {"scale": scales[0], "extra_scales": scales[1:], "extensions": extensions}

    # Associations: tree, cross references and levels.
    order: dict[int, float] = {}
    for path, association in reader.objects("CFAssociations"):
        kind = reader.text(association, "associationType", path, required=True)
        if not kind:
            continue
        origin = reader.link(association, "originNodeURI", path)
        target = reader.link(association, "destinationNodeURI", path)
        if not origin or not target:
            continue
        target_path = f"{path}.destinationNodeURI.identifier"
        if kind not in ("isChildOf", "hasSkillLevel") and target != doc_id:
            # Published frameworks link to each other's items: a link with one end outside
            # the package is kept as an external reference of the end inside it.
            inside = [i for i in (origin, target) if i in by_identifier]
            if len(inside) == 1:
                outbound = origin in by_identifier
                other = association["destinationNodeURI" if outbound else "originNodeURI"]
                index = by_identifier[origin if outbound else target]
                nodes[index]["external_references"].append(
                    _external(kind, other, inbound=not outbound)
                )
                places[index].setdefault("external_references", path)
                continue
            if not inside or kind != "isRelatedTo":
                continue  # between two outside items, or a kind of link this model lacks
        if origin not in by_identifier:
            problems.add(f"{path}.originNodeURI.identifier", f"unknown item {origin!r}")
            continue
        index = by_identifier[origin]
        node = nodes[index]
        if kind == "hasSkillLevel":
            if target not in level_values:
                problems.add(target_path, f"unknown rubric level {target!r}")
            else:
                node["level"] = level_values[target]
                places[index]["level"] = target_path
            continue
        if kind == "isChildOf" and target == doc_id:
            parent = None
        elif target in by_identifier:
            parent = nodes[by_identifier[target]]["id"]
        else:  # a dangling isChildOf breaks the tree
            problems.add(target_path, f"unknown item {target!r}")
            continue
        if kind == "isRelatedTo":
            node["cross_references"].append(parent)
            places[index].setdefault("cross_references", target_path)
            continue
        if "parent_id" in node:
            problems.add(
                path, f"item {node['id']!r} is a child of two parents; a framework is a tree"
            )
            continue
        node["parent_id"] = parent
        places[index]["parent_id"] = target_path
        sequence = association.get("sequenceNumber")
        if isinstance(sequence, int | float) and not isinstance(sequence, bool):
            order[index] = sequence

    shapes = [Shape(n["id"], n.get("parent_id"), n["cross_references"]) for n in nodes]
    inferred = infer_types(shapes)
    for node in nodes:
        node["type"] = declared.get(node["id"], inferred.get(node["id"], NodeType.COMPETENCY))
    permutation = _sibling_order(nodes, order)
    nodes = [nodes[i] for i in permutation]
    places = [places[i] for i in permutation]
    return assemble({**framework, "nodes": nodes}, problems, _locator(root, places, scale_places))


def _external(kind: str, link: dict[str, Any], inbound: bool) -> dict[str, Any]:
    """An external reference from a LinkURI object (validated with the node)."""
    reference: dict[str, Any] = {"association": kind, "inbound": inbound}
    for key in ("identifier", "uri", "title"):
        if link.get(key) not in (None, ""):
            reference[key] = link[key]
    return reference


def _sibling_order(nodes: list[dict[str, Any]], order: dict[int, float]) -> list[int]:
    """Item order, with each family of siblings re-ordered by ``sequenceNumber``.

    Siblings keep the slots they hold in the file, so a file whose order already agrees with
    its sequence numbers reads in file order.
    """
    families: dict[Any, list[int]] = {}
    for index, node in enumerate(nodes):
        families.setdefault(node.get("parent_id"), []).append(index)
    permutation = list(range(len(nodes)))
    for slots in families.values():
        ranked = sorted(slots, key=lambda i: (order.get(i, float("inf")), i))
        for slot, index in zip(slots, ranked, strict=True):
            permutation[slot] = index
    return permutation


def _locator(
    root: str, places: list[dict[str, str]], scale_places: list[str]
) -> Callable[[str], str]:
    document = {
        "id": "identifier",
        "name": "title",
        "description": "description",
        "version": "version",
        "default_language": "language",
    }

    def locate(field: str) -> str:
        head, _, rest = field.partition(".")
        if head.startswith("nodes["):
            place = places[int(head[6:-1])]
            name = rest.split(".")[0].split("[")[0]
            return place.get(name, place[""])
        if head == "scale" and scale_places:
            return scale_places[0]
        if head.startswith("extra_scales[") and len(scale_places) > 1:
            return scale_places[1 + int(head[13:-1])]
        if head in document:
            return f"{root}.CFDocument.{document[head]}"
        return f"{root}.CFAssociations"

    return locate


# -- writing -------------------------------------------------------------------------------


def _link(title: str, identifier: str, uri: str) -> dict[str, str]:
    return {"title": title, "identifier": identifier, "uri": uri}


def write_case(framework: CompetencyFramework, language: str) -> bytes:
    fallbacks = (framework.default_language, "en")

    def pick(text: dict[str, str]) -> tuple[str, str]:
        """The text in ``language`` (or its fallback) and the language it is in."""
        value = localize(text, language, fallbacks)
        lang = next((code for code, t in text.items() if t == value), language)
        return value, lang

    ext = framework.extensions
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    doc_id = _document_id(framework)
    doc_uri = ext.get("case:uri", _urn(doc_id))
    title, doc_language = pick(framework.name)
    document: dict[str, Any] = {
        "identifier": doc_id,
        "uri": doc_uri,
        "creator": ext.get("case:creator", DEFAULT_CREATOR),
        "title": title,
        "lastChangeDateTime": stamp,
        "language": doc_language,
        "version": framework.version,
    }
    if framework.description:
        document["description"] = pick(framework.description)[0]
    for key in _DOCUMENT_EXTRAS:
        if f"case:{key}" in ext:
            document[key] = ext[f"case:{key}"]
    doc_link = _link(title, doc_id, doc_uri)

    links: dict[str, dict[str, str]] = {}
    items: list[dict[str, Any]] = []
    for node in framework.nodes:
        node_ext = node.extensions
        identifier = node_ext.get("case:identifier", _uuid(doc_id, node.id))
        name, item_language = pick(node.name)
        item: dict[str, Any] = {
            "identifier": identifier,
            "uri": case_item_uri(framework, node.id),
            "humanCodingScheme": node_ext.get("case:humanCodingScheme", node.id),
            "fullStatement": name,
        }
        if node.description:
            item["fullStatement"] = pick(node.description)[0]
            item["abbreviatedStatement"] = name
        item["CFItemType"] = node_ext.get("case:CFItemType", _ITEM_TYPE_NAMES[node.type])
        item["language"] = item_language
        for key in _ITEM_EXTRAS:
            if f"case:{key}" in node_ext:
                item[key] = node_ext[f"case:{key}"]
        item["lastChangeDateTime"] = stamp
        items.append(item)
        links[node.id] = _link(name, identifier, item["uri"])

    rubrics, level_links = _rubrics(framework, doc_id, links, stamp, pick)
    associations: list[dict[str, Any]] = []

    def associate(node: CompetencyNode, kind: str, target: dict[str, str], key: str) -> None:
        identifier = _uuid(doc_id, node.id, kind, key)
        associations.append(
            {
                "identifier": identifier,
                "uri": _urn(identifier),
                "associationType": kind,
                "originNodeURI": links[node.id],
                "destinationNodeURI": target,
                "lastChangeDateTime": stamp,
            }
        )

    sequence: Counter[str | None] = Counter()
    for node in framework.nodes:
        parent = links[node.parent_id] if node.parent_id else doc_link
        associate(node, "isChildOf", parent, node.parent_id or "")
        sequence[node.parent_id] += 1
        associations[-1]["sequenceNumber"] = sequence[node.parent_id]
        for ref in node.cross_references:
            associate(node, "isRelatedTo", links[ref], ref)
        for external in node.external_references:
            other = {"title": external.title, "identifier": external.identifier}
            other["uri"] = external.uri or _urn(external.identifier)
            key = f"{external.association}:{external.identifier}"
            associate(node, external.association, other, key)
            if external.inbound:
                mine = associations[-1]
                mine["originNodeURI"], mine["destinationNodeURI"] = other, links[node.id]
        if node.level is not None:
            scale = framework.scale_for(node.id)
            if (scale.id, node.level) in level_links:
                associate(node, "hasSkillLevel", level_links[scale.id, node.level], scale.id)

    package: dict[str, Any] = {
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
    }
    if rubrics:
        package["CFRubrics"] = rubrics
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _document_id(framework: CompetencyFramework) -> str:
    return framework.id if _is_uuid(framework.id) else _uuid(framework.id)


def case_item_uri(framework: CompetencyFramework, node_id: str) -> str:
    """The CASE CFItem URI of a node: the one its CASE package gave (kept in ``extensions``),
    else the one ``write_case`` gives it, so a credential aligned to it points at the item a
    CASE export of the same framework holds."""
    node_ext = framework.node(node_id).extensions
    if "case:uri" in node_ext:
        return node_ext["case:uri"]
    return _urn(node_ext.get("case:identifier", _uuid(_document_id(framework), node_id)))


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _rubrics(
    framework: CompetencyFramework,
    doc_id: str,
    links: dict[str, dict[str, str]],
    stamp: str,
    pick: Callable[[dict[str, str]], tuple[str, str]],
) -> tuple[list[dict[str, Any]], dict[tuple[str, int], dict[str, str]]]:
    """One CFRubric per scale, and a link to each level for ``hasSkillLevel``."""
    rubrics: list[dict[str, Any]] = []
    level_links: dict[tuple[str, int], dict[str, str]] = {}
    scales = framework.all_scales()
    if framework.extensions.get(_NO_RUBRIC) == "true":
        scales = scales[1:]
    for scale in scales:
        rubric_id = _uuid(doc_id, "rubric", scale.id)
        users = [n for n in framework.nodes if n.scale_id == scale.id]
        criteria = [
            _criterion(scale, rubric_id, key, position, links.get(key), stamp, pick)
            for position, key in enumerate(["", *(n.id for n in users)], start=1)
        ]
        for level in criteria[0]["CFRubricCriterionLevels"]:
            level_links[scale.id, level["score"]] = _link(
                level["quality"], level["identifier"], level["uri"]
            )
        rubric_uri = _urn(rubric_id)
        rubrics.append(
            {
                "identifier": rubric_id,
                "uri": rubric_uri,
                "title": pick(scale.name)[0] or scale.id,
                "lastChangeDateTime": stamp,
                "CFRubricCriteria": criteria,
            }
        )
    return rubrics, level_links


def _criterion(
    scale: ProficiencyScale,
    rubric_id: str,
    key: str,
    position: int,
    item: dict[str, str] | None,
    stamp: str,
    pick: Callable[[dict[str, str]], tuple[str, str]],
) -> dict[str, Any]:
    criterion_id = _uuid(rubric_id, "criterion", key)
    levels = []
    for index, level in enumerate(scale.levels, start=1):
        level_id = _uuid(criterion_id, str(level.value))
        record: dict[str, Any] = {
            "identifier": level_id,
            "uri": _urn(level_id),
            "quality": pick(level.label)[0],
            "score": level.value,
            "position": index,
            "rubricCriterionId": criterion_id,
            "lastChangeDateTime": stamp,
        }
        if level.descriptor:
            record["description"] = pick(level.descriptor)[0]
        levels.append(record)
    criterion: dict[str, Any] = {
        "identifier": criterion_id,
        "uri": _urn(criterion_id),
        "category": scale.id,
        "position": position,
        "rubricId": rubric_id,
        "lastChangeDateTime": stamp,
        "CFRubricCriterionLevels": levels,
    }
    if item is not None:
        criterion["CFItemURI"] = item
    return criterion
