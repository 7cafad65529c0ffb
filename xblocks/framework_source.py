"""Which competency framework a block shows: the shipped demo framework or one the author pastes.

Every talent block mixes in :class:`FrameworkSourceMixin`; it adds two settings fields, the
Studio choices for them, a validated :meth:`~FrameworkSourceMixin.framework` and the messages
``validate()`` shows for a missing or broken configuration. A new source (an uploaded Moodle
CSV or CASE file, say) is one more value of ``framework_source`` and one branch in
:func:`load_framework`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from xblock.core import XBlockMixin
from xblock.fields import Scope, String

import talent_core as tc
from talent_core.formats import SCHEMA_ID

from .i18n import N_

__all__ = ["CUSTOM", "DEMO", "FrameworkSourceMixin", "load_framework", "setting_json"]

DEMO = "demo"
CUSTOM = "custom"
#: How many problems of a broken framework ``validate()`` lists before "and N more".
MAX_LISTED_PROBLEMS = 5


def setting_json(text: str, field: str) -> Any:
    """The JSON an author pasted into the setting ``field``; ValidationError names the line and
    column of a syntax error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        problem = f"line {error.lineno}, column {error.colno}: {error.msg}"
        raise tc.ValidationError([tc.Problem(field, problem)]) from None
    except RecursionError:
        raise tc.ValidationError([tc.Problem(field, "JSON nested too deeply to read")]) from None


@lru_cache(maxsize=32)
def load_framework(source: str, framework_json: str) -> tc.CompetencyFramework:
    """The framework for a block's settings; shared and cached, so callers must not change it.

    Raises :class:`talent_core.ValidationError` whose problems say what to fix.
    """
    if source == DEMO:
        return tc.demo_framework()
    if source != CUSTOM:
        raise tc.ValidationError([tc.Problem("framework_source", f"unknown source {source!r}")])
    if not framework_json.strip():
        raise tc.ValidationError([tc.Problem("framework_json", "no framework JSON given")])
    data = setting_json(framework_json, "framework_json")
    if isinstance(data, dict) and data.get("$schema") == SCHEMA_ID:  # as `talent` writes it
        data = {key: value for key, value in data.items() if key != "$schema"}
    return tc.load(tc.CompetencyFramework, data)


class FrameworkSourceMixin(XBlockMixin):
    """Settings ``framework_source`` and ``framework_json`` and the framework they give.

    List it after :class:`xblocks.mixins.TalentBlockMixin`, which provides the members below.
    """

    if TYPE_CHECKING:

        def ugettext(self, text: str) -> str: ...

        def localized(self, text: Mapping[str, str]) -> str: ...

        @property
        def language(self) -> str: ...

    framework_source = String(
        display_name=N_("Competency framework"),
        help=N_("Use the demo framework shipped with these blocks, or paste your own below."),
        scope=Scope.settings,
        default=DEMO,
        values_provider=lambda block: block.framework_source_options(),
    )
    framework_json = String(
        display_name=N_("Framework JSON"),
        help=N_(
            "Your own framework in the native JSON format (export it with the talent command "
            "or the framework notebook). Used when the framework is set to your own."
        ),
        scope=Scope.settings,
        default="",
        multiline_editor=True,
        xml_node=True,
    )

    def framework_source_options(self) -> list[dict[str, str]]:
        return [
            {"display_name": self.ugettext(N_("Demo framework (shipped)")), "value": DEMO},
            {"display_name": self.ugettext(N_("Your own framework (JSON below)")), "value": CUSTOM},
        ]

    @property
    def framework(self) -> tc.CompetencyFramework:
        """The validated framework (read-only); raises ValidationError when misconfigured."""
        return load_framework(self.framework_source, self.framework_json)

    def framework_problems(self, data: Any = None) -> list[str]:
        """Translated messages for what is wrong with the framework settings of ``data``.

        ``data`` is the block or Studio's preview of the fields about to be saved.
        """
        data = self if data is None else data
        try:
            load_framework(data.framework_source, data.framework_json)
        except tc.ValidationError as error:
            problems = error.problems
        else:
            return []
        if any(p.field == "framework_source" for p in problems):
            return [self.ugettext("Choose the demo framework or your own.")]
        if not data.framework_json.strip():
            return [self.ugettext("Paste your framework as JSON, or choose the demo framework.")]
        listed = [p.describe(self.language) for p in problems[:MAX_LISTED_PROBLEMS]]
        if len(problems) > MAX_LISTED_PROBLEMS:
            more = self.ugettext("and {count} more").format(
                count=len(problems) - MAX_LISTED_PROBLEMS
            )
            listed.append(more)
        return [
            self.ugettext("The framework JSON is not valid: {problems}").format(
                problems="; ".join(listed)
            )
        ]

    def cluster_options(self) -> list[dict[str, str]]:
        """Every cluster of the framework, for Studio: nested ones as ``Parent › Child``."""
        try:
            framework = self.framework
        except tc.ValidationError:
            return []
        return [
            {"display_name": cluster_label(framework, node.id, self.localized), "value": node.id}
            for node in framework.clusters()
        ]


def cluster_label(
    framework: tc.CompetencyFramework, node_id: str, localized: Callable[[dict[str, str]], str]
) -> str:
    """A cluster's name with its parent clusters: ``Leading people › Coaching``."""
    path = [framework.node(node_id), *framework.ancestors(node_id)]
    return " › ".join(localized(n.name) for n in reversed(path) if n.type is tc.NodeType.CLUSTER)
