"""The state of HR's mentoring notebook, without any widget: testable and scriptable.

A session holds the mentees, the mentors, the history of earlier programmes and the pairs
being worked on. ``match`` asks ``talent_core.mentoring`` for the optimal pairs; HR may then
assign, swap or unassign by hand. A hand-made pair that breaks a hard rule (a line manager, no
shared language, an earlier pair) or overfills a mentor is kept but listed in ``warnings``, so
HR decides knowingly. Loads are whole-or-nothing: a bad file changes nothing and raises a
``TalentError`` that says why (``text(language)`` words it in a notebook's language).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from talent_core import (
    CompetencyFramework,
    InputError,
    Person,
    TalentError,
    csv_text,
    demo_framework,
    demo_roles,
    read_people_csv,
    roster_csv,
)
from talent_core import generate_organisation as organisation
from talent_core.mentoring import (
    PAIR_COLUMNS,
    MatchingProblem,
    MatchSettings,
    Mentee,
    Mentor,
    MentoringChain,
    MentoringRecord,
    PairFit,
    Reason,
    Volunteer,
    demo_programme,
    match_mentors,
    mentoring_chain,
    read_history_csv,
    read_mentees_csv,
    read_mentors_csv,
    read_volunteers_csv,
)

from ._errors import NotebookError
from ._export import ExportedFile, export_filename, write_atomically
from ._groups_roster import roster_problem
from ._mentoring_messages import reason_text, text
from ._session import DEFAULT_OUT_DIR, MAX_UPLOAD_BYTES

__all__ = ["MENTORING_EXPORTS", "MentoringExport", "MentoringSession", "PairView"]

MentoringExport = Literal["pairs", "roster"]
MENTORING_EXPORTS: tuple[MentoringExport, ...] = ("pairs", "roster")
FileKind = Literal["mentees", "mentors", "history", "volunteers", "people"]


@dataclass(frozen=True, slots=True)
class PairView:
    """One mentee's place in the pairing: their mentor (None: unmatched) and why."""

    mentee: Mentee
    mentor: Mentor | None
    #: The fit, when there is a mentor.
    fit: PairFit | None
    #: Why the mentee has no mentor (from the optimiser), or None.
    unmatched: Reason | None
    #: Made or changed by hand rather than by the optimiser.
    by_hand: bool


class MentoringSession:
    """Mentees, mentors, earlier programmes and the pairs HR is working on."""

    def __init__(
        self,
        mentees: Sequence[Mentee] = (),
        mentors: Sequence[Mentor] = (),
        *,
        history: Sequence[MentoringRecord] = (),
        volunteers: Sequence[Volunteer] = (),
        people: Sequence[Person] = (),
        framework: CompetencyFramework | None = None,
        programme: str = "",
        language: str = "en",
        out_dir: str | os.PathLike[str] = DEFAULT_OUT_DIR,
    ) -> None:
        self.mentees: tuple[Mentee, ...] = tuple(mentees)
        self.mentors: tuple[Mentor, ...] = tuple(mentors)
        self.history: tuple[MentoringRecord, ...] = tuple(history)
        self.volunteers: tuple[Volunteer, ...] = tuple(volunteers)
        #: The organisation, for the management line beyond mentees and mentors.
        self.people: tuple[Person, ...] = tuple(people)
        self.framework = framework
        #: Name of the programme being matched (used in the chain and the roster).
        self.programme = programme
        self.language = language
        self.out_dir = Path(out_dir)
        #: File names the mentees, mentors, history and volunteers came from ("" for demo).
        self.sources: dict[str, str] = dict.fromkeys(
            ("mentees", "mentors", "history", "volunteers", "people"), ""
        )
        self.settings = MatchSettings()
        #: Mentee id → mentor id of the current pairing; hand edits change it.
        self.pairs: dict[str, str] = {}
        self.by_hand: set[str] = set()
        self._unmatched: dict[str, Reason] = {}
        self._problem: MatchingProblem | None = None

    @classmethod
    def demo(
        cls,
        size: int = 400,
        seed: int = 1,
        *,
        language: str = "en",
        out_dir: str | os.PathLike[str] = DEFAULT_OUT_DIR,
    ) -> MentoringSession:
        """The demo programme of a demo organisation (``talent_core.mentoring.demo_programme``)."""
        people = organisation(size, seed)
        framework = demo_framework()
        demo = demo_programme(people, framework, demo_roles(), seed=seed)
        return cls(
            demo.mentees,
            demo.mentors,
            history=demo.history,
            volunteers=demo.volunteers,
            people=people,
            framework=framework,
            programme=demo.programme,
            language=language,
            out_dir=out_dir,
        )

    # -- loading ---------------------------------------------------------------------------

    def load(self, kind: FileKind, data: bytes, filename: str) -> None:
        """Replace mentees, mentors, history, volunteers or people by a CSV; drops the pairing.

        Mentors are checked against the loaded mentees (someone in both files must have the
        same manager), competencies against the framework. The people file (as for
        ``talent mentors --people``) gives the management line and maps the usernames of the
        peer-group block's ``volunteers.csv`` to person ids: load it before the volunteers.
        Raises ``FormatError`` (file, row, column, problem); nothing changes then.
        """
        if len(data) > MAX_UPLOAD_BYTES:
            raise InputError(
                f"{filename}: the file has {len(data):,} bytes; the limit is {MAX_UPLOAD_BYTES:,}"
            )
        if kind == "mentees":
            self.mentees = tuple(read_mentees_csv(data, filename, self.framework))
        elif kind == "mentors":
            self.mentors = tuple(read_mentors_csv(data, filename, self.framework, self.mentees))
        elif kind == "history":
            self.history = tuple(read_history_csv(data, filename))
        elif kind == "people":
            # Managers beyond the two files, and the usernames the volunteers file uses.
            self.people = tuple(read_people_csv(data, filename))
        else:
            # The peer-group block names volunteers by username; the people know theirs.
            people = self.people or None
            self.volunteers = tuple(read_volunteers_csv(data, filename, people))
        self.sources[kind] = filename
        if kind not in ("volunteers",):
            self._clear_pairing()

    def _clear_pairing(self) -> None:
        self.pairs, self.by_hand, self._unmatched, self._problem = {}, set(), {}, None

    # -- matching and editing --------------------------------------------------------------

    def problem(self) -> MatchingProblem:
        """The matching problem of the current people, rules and history (built once)."""
        if self._problem is None:
            self._problem = MatchingProblem(
                self.mentees,
                self.mentors,
                settings=self.settings,
                framework=self.framework,
                managers={p.id: p.manager_id for p in self.people},
                history=self.history,
            )
        return self._problem

    def match(self, settings: MatchSettings | None = None) -> None:
        """Pair mentees with mentors optimally; a ``TalentError`` says why not (the pairing and
        the settings before are kept)."""
        previous = self.settings, self._problem
        if settings is not None:
            self.settings, self._problem = settings, None
        try:
            matching = match_mentors(self.problem())
        except TalentError:
            self.settings, self._problem = previous
            raise
        self.pairs = {pair.mentee_id: pair.mentor_id for pair in matching.pairs}
        self._unmatched = {u.mentee_id: u.reason for u in matching.unmatched}
        self.by_hand = set()

    @property
    def matched(self) -> bool:
        """Whether there is a pairing to show (a match ran since the people last changed)."""
        return self._problem is not None

    def _known(self, mentee_id: str, mentor_id: str | None = None) -> None:
        """Raises ``NotebookError`` naming the first id that is not a mentee (mentor) here."""
        problem = self.problem()
        missing = next(
            (
                x
                for x, index in (
                    (mentee_id, problem.mentee_index),
                    (mentor_id, problem.mentor_index),
                )
                if x is not None and x not in index
            ),
            None,
        )
        if missing is not None:
            raise NotebookError("mentoring.edit.unknown", name=missing)

    def assign(self, mentee_id: str, mentor_id: str) -> None:
        """Give a mentee this mentor by hand, even against a hard rule (see ``warnings``)."""
        self._known(mentee_id, mentor_id)
        self.pairs[mentee_id] = mentor_id
        self._unmatched.pop(mentee_id, None)
        self.by_hand.add(mentee_id)

    def unassign(self, mentee_id: str) -> None:
        """Leave a mentee without a mentor, e.g. to free the mentor's place."""
        self._known(mentee_id)
        self.pairs.pop(mentee_id, None)
        self._unmatched.pop(mentee_id, None)
        self.by_hand.add(mentee_id)

    def swap(self, first: str, second: str) -> None:
        """Exchange the mentors of two mentees (a mentee without one takes the other's)."""
        self._known(first)
        self._known(second)
        a, b = self.pairs.pop(first, None), self.pairs.pop(second, None)
        if b is not None:
            self.pairs[first] = b
        if a is not None:
            self.pairs[second] = a
        self.by_hand |= {first, second}

    # -- reading ---------------------------------------------------------------------------

    def rows(self) -> list[PairView]:
        """Every mentee in file order with their mentor, fit and how the pair came about."""
        if not self.matched:
            return []
        problem = self.problem()
        result = []
        for mentee in self.mentees:
            mentor_id = self.pairs.get(mentee.id)
            mentor = None if mentor_id is None else problem.mentors[problem.mentor_index[mentor_id]]
            fit = None if mentor_id is None else problem.explain_pair(mentee.id, mentor_id)
            by_hand = mentee.id in self.by_hand
            result.append(PairView(mentee, mentor, fit, self._unmatched.get(mentee.id), by_hand))
        return result

    def pair_table(self) -> pd.DataFrame:
        """One row per mentee: mentor (empty when none), fit score, hand-made, reasons."""
        rows = [
            [
                row.mentee.id,
                row.mentee.name,
                row.mentor.id if row.mentor else "",
                row.mentor.name if row.mentor else "",
                row.fit.score if row.fit else None,
                row.by_hand,
                "; ".join(reason_text(r, self) for r in self._reasons(row)),
            ]
            for row in self.rows()
        ]
        columns = ["mentee_id", "mentee", "mentor_id", "mentor", "score", "by_hand", "reasons"]
        return pd.DataFrame(rows, columns=columns).astype({"score": "Float64"})

    def _reasons(self, row: PairView) -> list[Reason]:
        """Broken rules, then the reasons for the fit; for an unmatched mentee, why."""
        if row.fit is not None:
            return [*row.fit.blocked_by, *row.fit.reasons]
        return [row.unmatched] if row.unmatched else []

    def warnings(self) -> list[str]:
        """Hard rules broken by hand-made pairs and mentors given more mentees than they take."""
        if not self.matched:
            return []
        found = []
        for row in self.rows():
            if row.fit is not None and row.mentor is not None and row.fit.blocked_by:
                broken = "; ".join(reason_text(r, self) for r in row.fit.blocked_by)
                found.append(
                    text(
                        "warning.rule",
                        self.language,
                        mentee=row.mentee.name,
                        mentor=row.mentor.name,
                        rules=broken,
                    )
                )
        load = Counter(self.pairs.values())
        problem = self.problem()
        for mentor_id, count in sorted(load.items()):
            mentor = problem.mentors[problem.mentor_index[mentor_id]]
            if count > mentor.capacity:
                found.append(
                    text(
                        "warning.capacity",
                        self.language,
                        mentor=mentor.name,
                        count=count,
                        capacity=mentor.capacity,
                    )
                )
        return found

    def chain(self) -> MentoringChain:
        """Who mentored whom in earlier programmes and this one, by generation.

        The current pairs count as the running programme: its mentees are not ready to
        mentor yet, and volunteers from finished programmes are.
        """
        current = (
            [
                MentoringRecord(programme=self.programme, mentor_id=mentor, mentee_id=mentee)
                for mentee, mentor in self.pairs.items()
            ]
            if self.programme
            else []
        )
        return mentoring_chain(
            [*self.history, *current],
            volunteers=self.volunteers,
            running=(self.programme,) if current else (),
        )

    def names(self) -> dict[str, str]:
        """Name of every person the session knows, by id."""
        named: dict[str, str] = {p.id: p.name for p in self.people}
        named.update({p.id: p.name for p in (*self.mentees, *self.mentors)})
        return named

    # -- export ----------------------------------------------------------------------------

    def export(
        self, kind: MentoringExport, folder: str | os.PathLike[str] | None = None
    ) -> ExportedFile:
        """Write the pairs (``mentee_id,mentor_id,score,reasons``, reasons in the session's
        language) or the peer_group block's mentoring roster.

        Raises ``NotebookError`` when there are no pairs yet, ``FileWriteError`` when the file
        cannot be written (both ``TalentError``s).
        """
        target = Path(folder) if folder is not None else self.out_dir
        if not self.pairs:
            raise NotebookError("mentoring.export.no_pairs")
        content = self._pairs_csv() if kind == "pairs" else self._roster()
        stem = f"mentoring-{self.programme or 'programme'}-{kind}"
        path = target.expanduser() / export_filename(stem, "csv")
        data = content.encode("utf-8")
        write_atomically(path, data)
        return ExportedFile(path, data, "csv")

    def _pairs_csv(self) -> str:
        rows: list[list[str]] = [list(PAIR_COLUMNS)]
        for row in self.rows():
            why = "; ".join(reason_text(r, self) for r in self._reasons(row))
            if row.fit is not None and row.mentor is not None:
                rows.append([row.mentee.id, row.mentor.id, f"{row.fit.score:g}", why])
            else:
                rows.append([row.mentee.id, "", "", why or text("pairs.unassigned", self.language)])
        return csv_text(rows)

    def _roster(self) -> str:
        """One group per mentor: the mentor, then their mentees (usernames are person ids)."""
        problem = self.problem()
        prefix = text("roster.group", self.language)
        rows = []
        for mentor in problem.mentors:
            mentees = [m for m in self.mentees if self.pairs.get(m.id) == mentor.id]
            if not mentees:
                continue
            group = f"{prefix} {mentor.name} ({mentor.id})"
            rows.append((mentor.id, group, "mentor", mentor.name))
            rows += [(m.id, group, "mentee", m.name) for m in mentees]
        return roster_csv(rows)

    def roster_problem(self, exported: ExportedFile) -> str | None:
        """Why the peer_group block would refuse an exported roster; None if it takes it."""
        return roster_problem(exported.data.decode("utf-8"), "mentoring", self.language)
