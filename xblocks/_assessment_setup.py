"""The competency assessment's configuration: target roles, the setup, framework imports.

Pure functions over the block's settings values (strings and lists), so the block, its Studio
validation (which sees settings not yet saved) and HR's report share one cached, validated
:class:`talent_core.AssessmentSetup` per configuration.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

import talent_core as tc
from talent_core import formats

from .framework_source import cluster_label, load_framework, setting_json

__all__ = [
    "CUSTOM_ROLES",
    "DEMO_ROLES",
    "IMPORT_FORMATS",
    "MAX_IMPORT_BYTES",
    "ConvertedFramework",
    "ConvertedRoles",
    "competency_options",
    "convert_framework",
    "convert_roles",
    "listed",
    "load_roles",
    "load_setup",
    "roles_rating_nothing",
]

DEMO_ROLES = "demo"
CUSTOM_ROLES = "custom"
#: Largest framework file Studio converts (Moodle exports of big catalogues stay well below).
MAX_IMPORT_BYTES = 5 * 1024 * 1024
#: Formats the Studio import accepts; ``None`` (auto) detects the format from the content.
IMPORT_FORMATS: tuple[str, ...] = formats.IMPORT_FORMATS
#: How many problems of a broken file or role list are named before "and N more".
MAX_LISTED = 5


@lru_cache(maxsize=32)
def load_roles(source: str, roles_json: str) -> tuple[tc.RoleProfile, ...]:
    """The role profiles of the settings (shared and cached: do not change them).

    Checks only the profiles' own shape; whether they fit the framework is the setup's job.
    Raises ValidationError naming ``roles_json[i].field``.
    """
    if source == DEMO_ROLES:
        return tuple(tc.demo_roles())
    if source != CUSTOM_ROLES:
        raise tc.ValidationError([tc.Problem("roles_source", f"unknown source {source!r}")])
    if not roles_json.strip():
        raise tc.ValidationError([tc.Problem("roles_json", "no role profiles given")])
    data = setting_json(roles_json, "roles_json")
    if not isinstance(data, list) or not data:
        raise tc.ValidationError(
            [tc.Problem("roles_json", "give a JSON list of one or more role profiles")]
        )
    roles: list[tc.RoleProfile] = []
    problems: list[tc.Problem] = []
    for i, item in enumerate(data):
        try:
            roles.append(tc.load(tc.RoleProfile, item, where=f"roles_json[{i}]"))
        except tc.ValidationError as error:
            problems += error.problems
    if problems:
        raise tc.ValidationError(problems)
    return tuple(roles)


@lru_cache(maxsize=64)
def load_setup(
    framework_source: str,
    framework_json: str,
    roles_source: str,
    roles_json: str,
    competencies: tuple[str, ...],
    target_roles: tuple[str, ...],
) -> tc.AssessmentSetup:
    """The validated setup for a block's settings; ValidationError says what to fix.

    ``target_roles`` picks roles of the source by id (all of them when empty); unknown ids are
    problems named ``target_roles[i]``.
    """
    framework = load_framework(framework_source, framework_json)
    roles = load_roles(roles_source, roles_json)
    by_id = {role.id: role for role in roles}
    unknown = [
        tc.Problem(f"target_roles[{i}]", f"unknown role {role_id!r}")
        for i, role_id in enumerate(target_roles)
        if role_id not in by_id
    ]
    if unknown:
        raise tc.ValidationError(unknown)
    chosen = [by_id[role_id] for role_id in target_roles] if target_roles else list(roles)
    return tc.AssessmentSetup.create(framework, competencies, chosen)


def roles_rating_nothing(setup: tc.AssessmentSetup) -> list[tc.RoleProfile]:
    """Roles that ask for none of the competencies rated here: their gaps would stay empty."""
    rated = set(setup.competency_ids)
    return [
        role
        for role in setup.roles
        if not any(req.competency_id in rated for req in role.requirements)
    ]


def competency_options(
    framework: tc.CompetencyFramework, localized: Callable[[dict[str, str]], str]
) -> list[dict[str, str]]:
    """Studio's choices: each cluster (all its competencies) and each single competency."""
    options: list[dict[str, str]] = []
    for node, _ in framework.walk():
        if node.type is tc.NodeType.CLUSTER:
            label = cluster_label(framework, node.id, localized)
            options.append({"display_name": f"{label} ▸", "value": node.id})
        elif node.type is tc.NodeType.COMPETENCY:
            parent = next(
                (a for a in framework.ancestors(node.id) if a.type is tc.NodeType.CLUSTER), None
            )
            prefix = cluster_label(framework, parent.id, localized) + " › " if parent else ""
            options.append({"display_name": prefix + localized(node.name), "value": node.id})
    return options


def listed(problems: Sequence[str], more: Callable[[int], str]) -> str:
    """The first problems joined by "; " and ``more(count)`` for the rest."""
    shown = list(problems[:MAX_LISTED])
    if len(problems) > MAX_LISTED:
        shown.append(more(len(problems) - MAX_LISTED))
    return "; ".join(shown)


class ConvertedFramework(NamedTuple):
    """An imported framework as native JSON for ``framework_json``, and its size."""

    json: str
    competencies: int


def convert_framework(
    data: bytes, filename: str, fmt: str | None, language: str
) -> ConvertedFramework:
    """A framework file (native JSON, Moodle CSV or CASE; ``fmt`` None detects it) converted.

    ``language`` is the language of texts whose file does not say (Moodle CSV). Raises
    ValidationError with one problem per place in the file that is wrong.
    """
    if len(data) > MAX_IMPORT_BYTES:
        limit = MAX_IMPORT_BYTES // (1024 * 1024)
        raise tc.ValidationError([tc.Problem("file", f"larger than {limit} MB")])
    if fmt is not None and fmt not in IMPORT_FORMATS:
        raise tc.ValidationError([tc.Problem("format", f"unknown format {fmt!r}")])
    try:
        framework = formats.read_framework(data, filename, fmt, language=language)
    except tc.FormatError as error:
        found = formats.validate_framework_file(
            data, filename, fmt, language=language, ui_language=language
        )
        problems = [tc.Problem("file", p) for p in found] or [tc.Problem("file", str(error))]
        raise tc.ValidationError(problems) from None
    native = formats.write_framework(framework, "json").decode("utf-8")
    return ConvertedFramework(native, len(framework.competencies()))


class ConvertedRoles(NamedTuple):
    """An uploaded role file as native JSON for ``roles_json``, and the ids of its roles."""

    json: str
    role_ids: tuple[str, ...]


def convert_roles(
    data: bytes, filename: str, framework: tc.CompetencyFramework, language: str
) -> ConvertedRoles:
    """A role file (native JSON or the role CSV HR exports from notebook 01 or ``talent roles
    convert``) checked against ``framework`` and converted to native JSON.

    Raises ValidationError with one problem per place in the file that is wrong (every one,
    worded in ``language``), so the author sees all of them at once.
    """
    if len(data) > formats.MAX_ROLE_FILE_BYTES:
        limit = formats.MAX_ROLE_FILE_BYTES // (1024 * 1024)
        raise tc.ValidationError(
            [tc.Problem.of("file", "problem.role_file.too_large", limit=limit)]
        )
    found = formats.validate_roles_file(data, filename, framework, ui_language=language)
    if found:
        raise tc.ValidationError([tc.Problem("file", problem) for problem in found])
    roles = formats.read_roles(data, filename, framework)
    native = formats.write_roles(roles).decode("utf-8")
    return ConvertedRoles(native, tuple(role.id for role in roles))
