"""The peer-group roster: who is in which intervision group or mentoring pair, outside Teams.

The roster is a CSV (UTF-8, header row): ``username`` and ``group`` are required, ``role``
(``member`` or ``host`` in an intervision group, ``mentor`` or ``mentee`` in mentoring; empty
means ``member`` or ``mentee``) and ``name`` (how members see each other; else the username)
are optional, other columns are ignored. The whole file is checked before anything is kept:
:func:`read_roster` raises :class:`RosterError` naming the row and column of every problem (up
to :data:`MAX_REPORTED`), so staff fix the file in one pass.
The error is structured (``message`` is an English msgid, ``params`` fill it in), so whoever
shows it translates it: the peer_group block through the blocks' catalog, the notebooks through
the core's ``talent`` catalog (:meth:`RosterError.text_in`, ids in :data:`ROSTER_MESSAGE_IDS`).
The notebooks write rosters with :func:`roster_csv` and check them with the same reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from ._errors import FormatError, TalentError
from ._people import Person
from ._people_csv import csv_rows
from ._spreadsheet import csv_text
from .i18n import translate

__all__ = [
    "MAX_GROUP_SIZE",
    "MAX_ROSTER_BYTES",
    "ROSTER_COLUMNS",
    "ROSTER_HEADER",
    "ROSTER_KINDS",
    "ROSTER_MESSAGE_IDS",
    "Roster",
    "RosterError",
    "RosterKind",
    "RosterMember",
    "read_roster",
    "roster_csv",
    "roster_username",
]

RosterKind = Literal["intervision", "mentoring"]
ROSTER_KINDS: tuple[RosterKind, ...] = ("intervision", "mentoring")

ROSTER_COLUMNS: tuple[str, ...] = ("username", "group")
#: The columns :func:`roster_csv` writes.
ROSTER_HEADER: tuple[str, ...] = ("username", "group", "role", "name")
#: Roles a roster may give, per kind of group; the first is the default for an empty cell.
KIND_ROLES: dict[RosterKind, tuple[str, ...]] = {
    "intervision": ("member", "host"),
    "mentoring": ("mentee", "mentor"),
}
#: Largest roster file accepted (about 6,000 learners).
MAX_ROSTER_BYTES = 256 * 1024
#: Most members one group may have: a member's page reads every member's log entries, and
#: intervision groups and mentoring circles are small (a 5,000-member group took 2.7 s a page).
MAX_GROUP_SIZE = 50
#: Longest username Open edX allows, and longest group name its Teams store.
MAX_USERNAME = 150
MAX_GROUP = 255
MAX_NAME = 300
_USERNAME = re.compile(r"^[^\s,;\"'<>\x00-\x1f\x7f]+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def N_(message: str) -> str:
    """Mark ``message`` as a msgid of the blocks' catalog; it is translated where shown."""
    return message


#: Problems one :class:`RosterError` names; more are counted, not listed.
MAX_REPORTED = 20


#: The ``talent`` catalog's id of each peer-roster msgid (the blocks' catalog keeps the English
#: msgids, where the LMS looks for them); a test checks every msgid of this module is here.
ROSTER_MESSAGE_IDS: dict[str, str] = {
    "The roster is larger than {size} KB.": "roster.too_large",
    "…and {count} more.": "roster.and_more",
    "Row {row}, column {column}: {problem}": "roster.at_cell",
    "{username} is already in the roster in row {first}.": "roster.duplicate_username",
    "The file is not a roster CSV: {detail}": "roster.not_csv",
    "The roster has a header but no members.": "roster.no_members",
    "The cell holds a control character.": "roster.control_character",
    "The cell is longer than {limit} characters.": "roster.cell_too_long",
    "The cell is empty.": "roster.cell_empty",
    "{username} is not a username (no spaces, commas or quotes).": "roster.not_a_username",
    "The role {role} is not one of: {roles}.": "roster.unknown_role",
    "Group {group} has {count} members; a group has at most {limit}.": "roster.group_too_large",
    "Mentoring group {group} needs exactly one mentor; it has {count}.": "roster.mentor_count",
    "Mentoring group {group} has a mentor but no mentee.": "roster.no_mentee",
    "Group {group} has more than one host.": "roster.hosts",
}


class RosterError(TalentError, ValueError):
    """A roster problem: where (``row`` 1 is the header) and a translatable what.

    ``message``, ``row``, ``column`` and ``params`` describe the first problem; ``others`` holds
    the rest found in the same file and ``text`` names them all.
    """

    def __init__(
        self, message: str, row: int | None = None, column: str = "", **params: Any
    ) -> None:
        self.message = message
        self.row = row
        self.column = column
        self.params = params
        self.others: tuple[RosterError, ...] = ()
        self.unlisted = 0
        super().__init__(self.text(lambda text: text))

    @classmethod
    def of(cls, problems: list[RosterError]) -> RosterError:
        """One error naming every problem in ``problems`` (not empty), the first first."""
        first = problems[0]
        first.others = tuple(problems[1:MAX_REPORTED])
        first.unlisted = max(0, len(problems) - MAX_REPORTED)
        first.args = (first.text(lambda text: text),)
        return first

    @property
    def problems(self) -> tuple[RosterError, ...]:
        """Every problem this error lists, in file order."""
        return (self, *self.others)

    def text(self, _: Callable[[str], str]) -> str:
        """Every problem, in the language of the translation ``_``."""
        texts = [problem.one_text(_) for problem in self.problems]
        if self.unlisted:
            texts.append(_("…and {count} more.").format(count=self.unlisted))
        return " ".join(texts)

    def text_in(self, language: str | None) -> str:
        """Every problem in ``language``, from the core's ``talent`` catalog."""
        return self.text(lambda msgid: translate(ROSTER_MESSAGE_IDS[msgid], language))

    def one_text(self, _: Callable[[str], str]) -> str:
        """This problem alone, in the language of the translation ``_``."""
        problem = _(self.message).format(**self.params)
        if self.row is None:
            return problem
        return _("Row {row}, column {column}: {problem}").format(
            row=self.row, column=self.column, problem=problem
        )


@dataclass(frozen=True, slots=True)
class RosterMember:
    username: str
    group: str
    role: str
    name: str

    @property
    def shown_name(self) -> str:
        return self.name or self.username


@dataclass(frozen=True)
class Roster:
    """The members of every group, groups and members in file order."""

    members: tuple[RosterMember, ...] = ()
    _by_username: Mapping[str, RosterMember] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, members: tuple[RosterMember, ...]) -> Roster:
        return cls(members, {m.username: m for m in members})

    def member(self, username: str) -> RosterMember | None:
        return self._by_username.get(username)

    def group_members(self, group: str) -> tuple[RosterMember, ...]:
        return tuple(m for m in self.members if m.group == group)

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.group for m in self.members))


def read_roster(text: str, kind: RosterKind) -> Roster:
    """The roster in ``text`` for a block of this ``kind``; an empty text is an empty roster.

    Raises :class:`RosterError` naming every problem found.
    """
    if not text.strip():
        return Roster()
    return _read(text, kind)


@lru_cache(maxsize=16)
def _read(text: str, kind: RosterKind) -> Roster:
    if len(text.encode("utf-8")) > MAX_ROSTER_BYTES:
        raise RosterError(N_("The roster is larger than {size} KB."), size=MAX_ROSTER_BYTES // 1024)
    try:
        _, rows = csv_rows(text, "roster", ROSTER_COLUMNS)
        members: list[RosterMember] = []
        problems: list[RosterError] = []
        first_row: dict[str, int] = {}
        rows_of_group: dict[str, list[tuple[int, str]]] = {}
        for row in rows:
            try:
                member = _member(row.number, row.cells, kind)
            except RosterError as problem:
                problems.append(problem)
                continue
            if member.username in first_row:
                problems.append(
                    RosterError(
                        N_("{username} is already in the roster in row {first}."),
                        row.number,
                        "username",
                        username=member.username,
                        first=first_row[member.username],
                    )
                )
                continue
            first_row[member.username] = row.number
            rows_of_group.setdefault(member.group, []).append((row.number, member.role))
            members.append(member)
    except FormatError as error:
        raise RosterError(
            N_("The file is not a roster CSV: {detail}"),
            detail=f"{error.location}: {error.problem}" if error.location else error.problem,
        ) from None
    problems.extend(_role_problems(rows_of_group, kind))
    if problems:
        raise RosterError.of(sorted(problems, key=lambda problem: problem.row or 0))
    if not members:
        raise RosterError(N_("The roster has a header but no members."))
    return Roster.of(tuple(members))


def _member(number: int, cells: Mapping[str, str], kind: RosterKind) -> RosterMember:
    def cell(column: str, limit: int) -> str:
        value = cells.get(column, "")
        if _CONTROL.search(value):
            raise RosterError(N_("The cell holds a control character."), number, column)
        if len(value) > limit:
            raise RosterError(
                N_("The cell is longer than {limit} characters."), number, column, limit=limit
            )
        return value

    username = cell("username", MAX_USERNAME)
    group = cell("group", MAX_GROUP)
    for column, value in (("username", username), ("group", group)):
        if not value:
            raise RosterError(N_("The cell is empty."), number, column)
    if not _USERNAME.match(username):
        raise RosterError(
            N_("{username} is not a username (no spaces, commas or quotes)."),
            number,
            "username",
            username=username,
        )
    roles = KIND_ROLES[kind]
    role = cell("role", 20).lower() or roles[0]
    if role not in roles:
        raise RosterError(
            N_("The role {role} is not one of: {roles}."),
            number,
            "role",
            role=role,
            roles=", ".join(roles),
        )
    return RosterMember(username, group, role, cell("name", MAX_NAME))


def _role_problems(
    rows_of_group: Mapping[str, list[tuple[int, str]]], kind: RosterKind
) -> Iterator[RosterError]:
    """A mentoring pair has exactly one mentor and a mentee; a group at most one host and
    :data:`MAX_GROUP_SIZE` members."""
    for group, rows in rows_of_group.items():
        first = rows[0][0]
        if len(rows) > MAX_GROUP_SIZE:
            yield RosterError(
                N_("Group {group} has {count} members; a group has at most {limit}."),
                rows[MAX_GROUP_SIZE][0],
                "group",
                group=group,
                count=len(rows),
                limit=MAX_GROUP_SIZE,
            )
        if kind == "mentoring":
            mentors = [number for number, role in rows if role == "mentor"]
            if len(mentors) != 1:
                yield RosterError(
                    N_("Mentoring group {group} needs exactly one mentor; it has {count}."),
                    mentors[1] if mentors else first,
                    "role",
                    group=group,
                    count=len(mentors),
                )
            elif len(rows) < 2:
                yield RosterError(
                    N_("Mentoring group {group} has a mentor but no mentee."),
                    first,
                    "group",
                    group=group,
                )
        else:
            hosts = [number for number, role in rows if role == "host"]
            if len(hosts) > 1:
                yield RosterError(
                    N_("Group {group} has more than one host."), hosts[1], "role", group=group
                )


def roster_username(person: Person) -> str:
    """The person's ``username`` column when the people file has one, else their id."""
    return person.extra.get("username", "").strip() or person.id


def roster_csv(rows: Iterable[tuple[str, str, str, str]]) -> str:
    """Roster CSV text from (username, group, role, name) rows, in the order given."""
    return csv_text([ROSTER_HEADER, *rows])
