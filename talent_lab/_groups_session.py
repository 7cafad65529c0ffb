"""The state of HR's intervision notebook, without any widget: testable and scriptable.

A session holds the people, the must-together and must-apart pairs, the earlier rounds and
the current grouping with its scores. Every load is whole-or-nothing: a file that cannot be
read leaves the session as it was and raises a ``TalentError`` that says why (``text(language)``
words it in a notebook's language). A grouping is designed
by ``talent_core.grouping``; a move by hand is rescored by its ``GroupingEvaluator``, which
rescores only the two groups the move touches, so its scores and broken constraints are
exactly those ``score_grouping`` would give the whole grouping.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import pandas as pd

from talent_core import (
    FormatError,
    InputError,
    Person,
    RoundMembership,
    generate_organisation,
    half_away,
    load,
    read_pairs_csv,
    read_people_csv,
    read_rounds_csv,
    roster_csv,
    roster_username,
)
from talent_core.grouping import (
    Group,
    GroupingEvaluator,
    GroupingOptions,
    GroupingResult,
    GroupingScores,
    Notice,
    Progress,
    design_groups,
    earlier_groups,
    teams_csv,
    write_groups_csv,
    write_report_csv,
)
from talent_core.managers import manager_roster_csv

from ._errors import NotebookError
from ._export import ExportedFile, export_filename, write_atomically
from ._groups_messages import text
from ._groups_roster import roster_problem
from ._session import DEFAULT_OUT_DIR, MAX_UPLOAD_BYTES

__all__ = ["EXPORT_KINDS", "ExportKind", "GroupingSession", "PairKind"]

PairKind = Literal["together", "apart"]
ExportKind = Literal["teams", "roster", "groups", "report", "managers"]
EXPORT_KINDS: tuple[ExportKind, ...] = ("teams", "roster", "groups", "report", "managers")


def _check_size(data: bytes, filename: str) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise FormatError(
            filename, "", f"the file has {len(data):,} bytes; the limit is {MAX_UPLOAD_BYTES:,}"
        )


class GroupingSession:
    """People to group, HR's pairs and earlier rounds, and the grouping being worked on."""

    def __init__(
        self,
        people: Sequence[Person] = (),
        *,
        source: str = "",
        language: str = "en",
        out_dir: str | os.PathLike[str] = DEFAULT_OUT_DIR,
    ) -> None:
        self.people: tuple[Person, ...] = tuple(people)
        #: Where the people came from: a file name or a description of the demo.
        self.source = source
        self.language = language
        self.out_dir = Path(out_dir)
        self.together: list[tuple[str, str]] = []
        self.apart: list[tuple[str, str]] = []
        self.history: list[RoundMembership] = []
        #: File names of the loaded pairs and earlier rounds ("" when none is loaded).
        self.sources: dict[str, str] = {"together": "", "apart": "", "history": ""}
        #: The options the current grouping was designed (and is rescored) with.
        self.options = GroupingOptions()
        self.groups: tuple[Group, ...] = ()
        self.scores: GroupingScores | None = None
        #: The last design run (timing, method); moves by hand do not change it.
        self.result: GroupingResult | None = None
        self._by_id = {person.id: person for person in self.people}
        self._group_of: dict[str, int] = {}
        #: Keeps the designed grouping scored through moves by hand (None without one).
        self._evaluator: GroupingEvaluator | None = None

    @classmethod
    def demo(
        cls,
        size: int = 60,
        seed: int = 1,
        *,
        language: str = "en",
        out_dir: str | os.PathLike[str] = DEFAULT_OUT_DIR,
    ) -> GroupingSession:
        """A session on a generated demo organisation (``talent_core.generate_organisation``)."""
        session = cls(language=language, out_dir=out_dir)
        session.generate_demo(size, seed)
        return session

    # -- loading ---------------------------------------------------------------------------

    def _replace_people(self, people: Sequence[Person], source: str) -> None:
        self.people, self.source = tuple(people), source
        self._by_id = {person.id: person for person in self.people}
        self._set_grouping((), None)
        self.result, self._evaluator = None, None

    def generate_demo(self, size: int, seed: int) -> None:
        """Replace the people by a demo organisation of ``size`` people; drops the grouping.

        Raises ``InputError`` (a ``TalentError``) for a size out of range; nothing changes.
        """
        people = generate_organisation(size, seed)
        self._replace_people(people, text("source.demo", self.language, size=size, seed=seed))

    def load_people(self, data: bytes, filename: str) -> None:
        """Replace the people by a people CSV; drops the grouping (it was of other people).

        Raises ``FormatError`` naming the file, row and column; nothing changes then.
        """
        _check_size(data, filename)
        self._replace_people(read_people_csv(data, filename), filename)

    def load_pairs(self, kind: PairKind, data: bytes, filename: str) -> None:
        """Must-together or must-apart pairs (``id_a,id_b``), used by the next design.

        Raises ``FormatError``; the pairs loaded before stay."""
        _check_size(data, filename)
        setattr(self, kind, read_pairs_csv(data, filename))
        self.sources[kind] = filename

    def load_history(self, data: bytes, filename: str) -> None:
        """Earlier rounds (``id,round,group``): pairs that met are kept apart where possible.

        Raises ``FormatError``; the rounds loaded before stay."""
        _check_size(data, filename)
        self.history = read_rounds_csv(data, filename)
        self.sources["history"] = filename

    def clear(self, kind: PairKind | Literal["history"]) -> None:
        """Forget the loaded pairs or earlier rounds."""
        if kind == "history":
            self.history = []
        else:
            setattr(self, kind, [])
        self.sources[kind] = ""

    # -- designing and editing -------------------------------------------------------------

    def make_options(self, **settings: object) -> GroupingOptions:
        """Options from HR's settings plus the loaded pairs and earlier rounds.

        Raises talent_core.ValidationError naming the setting that is out of range.
        """
        return load(
            GroupingOptions,
            {
                **settings,
                "together": self.together,
                "apart": self.apart,
                "earlier_groups": earlier_groups(self.history),
            },
        )

    def design(
        self,
        options: GroupingOptions,
        *,
        seed: int = 1,
        time_limit: float | None = None,
        progress: Progress | None = None,
    ) -> GroupingResult:
        """Design groups; the grouping before is kept when none is possible.

        Raises ``InfeasibleGroupingError`` with the reasons, or ``NotebookError`` when there is
        nobody to group (both ``TalentError``s).
        """
        if not self.people:
            raise NotebookError("groups.design.no_people")
        result = design_groups(
            self.people,
            options,
            seed=seed,
            time_limit=time_limit,
            progress=progress,
            name_prefix=text("group.prefix", self.language),
        )
        self.options, self.result = options, result
        self._evaluator = GroupingEvaluator(self.people, options, result.groups)
        self._set_grouping(result.groups, result.scores)
        return result

    def _set_grouping(self, groups: Sequence[Group], scores: GroupingScores | None) -> None:
        self.groups, self.scores = tuple(groups), scores
        self._group_of = {
            person_id: k for k, group in enumerate(self.groups) for person_id in group.members
        }

    def group_of(self, person_id: str) -> Group | None:
        k = self._group_of.get(person_id)
        return None if k is None else self.groups[k]

    def person(self, person_id: str) -> Person:
        return self._by_id[person_id]

    def move(self, person_id: str, group_name: str) -> None:
        """Move a person into another group and rescore the groups it changes.

        A move may break hard constraints (a group too small, a manager in the group...): it
        is made all the same, and ``scores.violations`` says what is broken. Raises
        ``NotebookError`` when the person or the group is not in the grouping.
        """
        source = self._group_of.get(person_id)
        target = next((k for k, g in enumerate(self.groups) if g.name == group_name), None)
        if source is None or target is None:
            missing = person_id if source is None else group_name
            raise NotebookError("groups.move.unknown", name=missing)
        if source != target:
            assert self._evaluator is not None  # every grouping with members was designed
            self._evaluator.move(person_id, group_name)
            self.groups, self.scores = self._evaluator.groups, self._evaluator.scores
            self._group_of[person_id] = target

    def find(self, query: str, limit: int = 20) -> list[Person]:
        """People whose id or e-mail is ``query``, else whose name or e-mail contains it."""
        wanted = query.strip().casefold()
        if not wanted:
            return []
        exact = [p for p in self.people if wanted in (p.id.casefold(), p.email.casefold())]
        if exact:
            return exact[:limit]
        found: list[Person] = []
        for person in self.people:
            if wanted in person.name.casefold() or wanted in person.email.casefold():
                found.append(person)
                if len(found) == limit:
                    break
        return found

    def group_table(self) -> pd.DataFrame:
        """One row per group: size, languages, score, fit per goal, repeat pairs, member ids.

        Column names are stable identifiers (the goals as ``talent_core.grouping`` names them),
        so code written against the table works in every display language.
        """
        groups = self.scores.groups if self.scores else ()
        goals = list(groups[0].goals) if groups else []
        rows = [
            [
                score.name,
                score.size,
                " ".join(score.languages),
                float(half_away(score.score, 2)),
                *(float(half_away(score.goals[goal], 2)) for goal in goals),
                score.repeat_pairs,
                " ".join(group.members),
            ]
            for group, score in zip(self.groups, groups, strict=True)
        ]
        columns = ["group", "size", "languages", "score", *goals, "repeat_pairs", "members"]
        return pd.DataFrame(rows, columns=columns)

    def notices(self) -> tuple[tuple[Notice, ...], tuple[Notice, ...]]:
        """Broken hard constraints and warnings of the current grouping."""
        if self.scores is None:
            return (), ()
        return self.scores.violations, self.scores.warnings

    # -- export ----------------------------------------------------------------------------

    def export(
        self,
        kind: ExportKind,
        folder: str | os.PathLike[str] | None = None,
        *,
        teamset_id: str = "intervision",
        mode: str = "audit",
        header: Literal["user", "username"] = "user",
    ) -> ExportedFile:
        """Write the grouping as ``kind`` into ``folder`` (default ``out_dir``).

        ``teams`` is the Open edX Teams membership upload (``teamset_id``, enrolment ``mode``
        or a people column holding each person's mode); ``roster`` the peer_group block's
        roster; ``groups`` is ``id,group``; ``report`` the scores per group; ``managers`` the
        development plan block's manager roster from the people file (needs no grouping).
        Raises a ``TalentError`` (no groups yet, a bad Teams setting, ``FileWriteError``).
        """
        target = Path(folder) if folder is not None else self.out_dir
        if self.scores is None and kind != "managers":
            raise NotebookError("groups.export.no_groups")
        content = self._export_text(kind, teamset_id, mode, header)
        stems = {"teams": f"intervision-teams-{teamset_id}", "managers": "manager-roster"}
        stem = stems.get(kind, f"intervision-{kind}")
        path = target.expanduser() / export_filename(stem, "csv")
        data = content.encode("utf-8")
        write_atomically(path, data)
        return ExportedFile(path, data, "csv")

    def _export_text(
        self, kind: ExportKind, teamset_id: str, mode: str, header: Literal["user", "username"]
    ) -> str:
        if kind == "managers":
            return manager_roster_csv(self.people)
        assert self.scores is not None
        if kind == "teams":
            return teams_csv(
                self.groups,
                self.people,
                teamset_id,
                mode,
                user_column=header,
                people_file=self.source or "people",
            )
        if kind == "roster":
            return roster_csv(
                (roster_username(person), group.name, "member", person.name)
                for group in self.groups
                for person in map(self._by_id.__getitem__, group.members)
            )
        if kind == "groups":
            return write_groups_csv(self.groups)
        if kind == "report":
            return write_report_csv(self.scores)
        raise InputError(f"unknown export {kind!r}; choose one of {', '.join(EXPORT_KINDS)}")

    def roster_problem(self, exported: ExportedFile) -> str | None:
        """Why the peer_group block would refuse an exported roster; None if it takes it."""
        return roster_problem(exported.data.decode("utf-8"), "intervision", self.language)
