"""The state of HR's pipeline notebook, without any widget: testable and scriptable.

A session holds the people file, the latest self-assessment, development plan (its managers'
own ratings) and talent view downloads, the framework and role profiles, which roles are
critical, and the filters (department, manager). It builds one
:class:`talent_core.pipeline.TalentPipeline` per load and answers every table from it, so a
filter costs a mask, not a recomputation. Loads are whole-or-nothing: when one file of an
upload cannot be read, nothing of the upload is kept and a ``TalentError`` says why.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from talent_core import (
    CompetencyFramework,
    FormatError,
    Person,
    RoleProfile,
    TalentError,
    csv_text,
    demo_framework,
    demo_roles,
    generate_organisation,
    read_people_csv,
)
from talent_core.pipeline import (
    MIN_PEOPLE,
    NO_READINESS,
    READINESS,
    SOURCES,
    STATUSES,
    LevelMatrix,
    TalentPipeline,
    latest_readiness,
)
from talent_core.reports import (
    LEVEL_PREFIX,
    MANAGER_RATING_PREFIX,
    REPORT_SIGNATURES,
    skipped_file,
)

from ._dashboard_demo import demo_reports
from ._dashboard_figures import latest_submitted
from ._dashboard_reports import SkippedFile, read_report
from ._export import ExportedFile, write_atomically
from ._pipeline_demo import DEMO_CRITICAL_ROLES
from ._pipeline_reports import (
    fast_levels,
    header_of,
    is_talent_view,
    manager_rating_levels,
    read_people_frame,
    read_talent_view,
)
from ._session import DEFAULT_OUT_DIR, MAX_UPLOAD_BYTES

__all__ = [
    "CANDIDATE_COLUMNS",
    "PIPELINE_EXPORTS",
    "ROLE_COLUMNS",
    "SUPPLY_COLUMNS",
    "PipelineExport",
    "PipelineSession",
]

PipelineExport = Literal["roles", "candidates", "supply"]
PIPELINE_EXPORTS: tuple[PipelineExport, ...] = ("roles", "candidates", "supply")
#: The people file's optional column naming the role each person holds (a role id).
HELD_ROLE_COLUMN = "role_id"

ROLE_COLUMNS = [
    "role_id",
    "critical",
    "people",
    "assessed",
    "fits_now",
    "with_development",
    *(f"readiness_{name}" for name in READINESS),
    "positions",
    "successors_ready_now",
    "successors_one_to_two_years",
    "bench_strength",
]
CANDIDATE_COLUMNS = [
    "username",
    "name",
    "department",
    "manager",
    "role_held",
    "status",
    "fit",
    "open_gaps",
    "source",
    "readiness",
]
SUPPLY_COLUMNS = ["competency_id", "level", "roles", "positions", "rated", "supply"]

_Kind = Literal["people", "assessment", "plan", "talent_view"]


@dataclass(frozen=True, slots=True)
class _Loaded:
    source: str
    rows: pd.DataFrame


def _kind_of(header: Sequence[str]) -> str:
    """The report kind of a header (as the dashboards recognise it), "" for none."""
    present = set(header)
    return next((k for k, cols in REPORT_SIGNATURES.items() if cols <= present), "")


def _iso_times(text: pd.Series) -> bool:
    """Whether every non-empty cell is an ISO 8601 time (the dashboards' check, at once)."""
    given = text[text != ""]
    when = pd.to_datetime(given, utc=True, format="ISO8601", errors="coerce")
    return not bool(when.isna().any())


def _people_frame(people: Sequence[Person]) -> pd.DataFrame:
    """People from ``read_people_csv`` as the pipeline keeps them."""
    return pd.DataFrame(
        {
            "id": [p.id for p in people],
            "name": [p.name for p in people],
            "email": [p.email for p in people],
            "department": [p.department for p in people],
            "manager_id": [p.manager_id or "" for p in people],
            HELD_ROLE_COLUMN: [p.extra.get(HELD_ROLE_COLUMN, "") for p in people],
        },
        dtype=object,
    )


class PipelineSession:
    """Downloads from the blocks, the roles, and HR's pipeline per role over them."""

    def __init__(
        self,
        framework: CompetencyFramework | None = None,
        roles: Sequence[RoleProfile] | None = None,
        *,
        language: str = "en",
        out_dir: str | os.PathLike[str] = DEFAULT_OUT_DIR,
    ) -> None:
        self.framework = framework if framework is not None else demo_framework()
        self.roles: tuple[RoleProfile, ...] = tuple(roles if roles is not None else demo_roles())
        self.language = language
        self.out_dir = Path(out_dir)
        self.files: dict[_Kind, _Loaded] = {}
        #: The people file's id, name, email, department, manager_id and role_id columns.
        self.people: pd.DataFrame = _people_frame([])
        #: Roles HR marks critical: their bench strength is shown.
        self.critical: frozenset[str] = frozenset()
        #: Filters: a department, a manager (their key; everyone under them); None for all.
        self.department: str | None = None
        self.manager: str | None = None
        #: The role whose candidates the view lists and the candidates export holds.
        self.role: str = self.roles[0].id if self.roles else ""
        #: Fewest people behind a figure the view shows (the exports hold every row).
        self.min_people = MIN_PEOPLE
        self.demo: tuple[int, int] | None = None
        #: Files of the last upload this notebook does not read (each with its reason).
        self.skipped: list[SkippedFile] = []
        self._pipeline: TalentPipeline | None = None
        self._names: dict[str, str] = {}

    @classmethod
    def from_demo(
        cls,
        size: int = 2000,
        seed: int = 1,
        *,
        language: str = "en",
        out_dir: str | os.PathLike[str] = DEFAULT_OUT_DIR,
    ) -> PipelineSession:
        """A session over the demo organisation's downloads, its critical roles marked."""
        session = cls(language=language, out_dir=out_dir)
        people = generate_organisation(size, seed)
        session.load(demo_reports(people, session.framework, session.roles, seed=seed))
        session.critical = frozenset(DEMO_CRITICAL_ROLES)
        session.demo = (size, seed)
        return session

    # -- loading ---------------------------------------------------------------------------

    def _read(self, filename: str, data: bytes) -> tuple[_Kind, pd.DataFrame]:
        """One download, recognised by its header; the fast readers first, and the checking
        readers (which name file, row and column) for a file they cannot take."""
        if len(data) > MAX_UPLOAD_BYTES:
            raise FormatError(
                filename, "", f"{len(data):,} bytes; the limit is {MAX_UPLOAD_BYTES:,}"
            )
        header = header_of(data)
        if not header and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # Excel's "Unicode text": only people files come so (the blocks write UTF-8)
            return "people", _people_frame(read_people_csv(data, filename))
        if is_talent_view(header):
            return "talent_view", read_talent_view(data, filename)
        skipped = skipped_file(header) if header else None
        if skipped is not None:
            raise SkippedFile(filename, skipped)
        scales = {
            c.id: self.framework.scale_for(c.id).values for c in self.framework.competencies()
        }
        kind = _kind_of(header)
        if kind == "assessment":
            keys = ("username", "role", "submitted_at")
            fast = fast_levels(data, header, keys, LEVEL_PREFIX, scales)
            if fast is not None and _iso_times(fast["submitted_at"]):
                return "assessment", fast
        elif kind == "plan":
            fast = fast_levels(
                data, header, ("username", "saved_on"), MANAGER_RATING_PREFIX, scales
            )
            if fast is not None:
                return "plan", fast
        elif kind == "people":
            people = read_people_frame(data, filename)
            if people is None:  # names the problem (or reads a ";" or UTF-16 file)
                people = _people_frame(read_people_csv(data, filename))
            return "people", people
        if kind in ("dialogue", "peer_group"):
            raise SkippedFile(filename, "unused")
        report = read_report(data, filename, scales)  # names the first problem of the file
        if report.kind == "people":
            return "people", _people_frame(read_people_csv(data, filename))
        if report.kind in ("assessment", "plan"):
            return report.kind, report.rows
        raise SkippedFile(filename, "unused")

    def load(self, files: Sequence[tuple[str, bytes]]) -> None:
        """Read downloads (file name, content); each replaces the loaded one of its kind, and
        the first real upload replaces the whole demo.

        Raises ``FormatError`` (file, row, column, problem) when any file cannot be read; then
        nothing of this upload is kept. Files this notebook does not read are listed in
        ``skipped``.
        """
        people: pd.DataFrame | None = None
        people_file = ""
        found: dict[_Kind, list[_Loaded]] = {}
        skipped: list[SkippedFile] = []
        for filename, data in files:
            try:
                kind, rows = self._read(filename, data)
            except SkippedFile as skip:
                skipped.append(skip)
                continue
            if kind == "people":
                if people is not None:
                    raise FormatError(filename, "", "a second people file in one upload")
                people, people_file = rows, filename
                continue
            found.setdefault(kind, []).append(_Loaded(filename, rows))
        self.skipped = skipped
        if not found and people is None:
            return
        before = (self.files, self.people, self._pipeline)
        if self.demo is not None:
            self.files, self.people = {}, _people_frame([])
        self.files = dict(self.files)
        for kind, parts in found.items():
            self.files[kind] = _Loaded(
                ", ".join(f.source for f in parts),
                pd.concat([f.rows for f in parts], ignore_index=True),
            )
        if people is not None:
            self.people = people
            self.files["people"] = _Loaded(people_file, people)
        try:
            self._pipeline = self._build()
        except TalentError:
            self.files, self.people, self._pipeline = before
            raise
        self._names = dict(zip(self.people["id"], self.people["name"], strict=True))
        self.demo = None
        if self.department not in self.departments():
            self.department = None
        if self.manager not in self.managers():
            self.manager = None

    # -- building the pipeline ---------------------------------------------------------------

    def _rows(self, kind: _Kind) -> pd.DataFrame | None:
        loaded = self.files.get(kind)
        return loaded.rows if loaded is not None else None

    def _universe(self) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
        """Keys, e-mails (none without a people file), departments, manager keys, roles held."""
        if len(self.people):
            people = self.people
            return (
                people["id"].tolist(),
                people["email"].tolist(),
                people["department"].tolist(),
                people["manager_id"].tolist(),
                people["role_id"].tolist(),
            )
        # Without a people file: everyone the downloads name, managers from the downloads.
        boss: dict[str, str] = {}
        names: dict[str, None] = {}
        kinds: tuple[_Kind, ...] = ("assessment", "plan", "talent_view")
        for kind in kinds:
            rows = self._rows(kind)
            if rows is None:
                continue
            names.update(dict.fromkeys(rows["username"].astype(str)))
            if "manager_username" in rows:
                pairs = rows[["username", "manager_username"]].astype(str)
                pairs = pairs[pairs["manager_username"] != ""]
                boss.update(zip(pairs["username"], pairs["manager_username"], strict=True))
                names.update(dict.fromkeys(pairs["manager_username"]))
        keys = sorted(names)
        return keys, [], [""] * len(keys), [boss.get(k, "") for k in keys], [""] * len(keys)

    def _matrix(self, rows: pd.DataFrame, where: npt.NDArray[np.int64], count: int) -> LevelMatrix:
        """The rows' level columns (every column but ``username``) placed at each row's
        person (``where``; -1: nobody of the organisation), NaN where not rated."""
        competencies = [str(c) for c in rows.columns if c != "username"]
        levels = np.full((count, len(competencies)), np.nan)
        found = where >= 0
        for j, column in enumerate(competencies):
            values = pd.to_numeric(rows[column], errors="coerce")
            levels[where[found], j] = values.to_numpy(dtype=np.float64, na_value=np.nan)[found]
        return LevelMatrix.of(competencies, levels)

    def _build(self) -> TalentPipeline:
        return TalentPipeline(self.framework, self.roles, **self.pipeline_inputs())

    def pipeline_inputs(self) -> dict[str, Any]:
        """The loaded files as the pipeline's arrays (people, departments, managers, roles
        held, self and manager levels, readiness): everything but the arithmetic."""
        keys, emails, departments, manager_keys, held = self._universe()
        count = len(keys)
        by_id, by_email = pd.Index(keys, dtype=object), pd.Index(emails, dtype=object)

        def positions(usernames: pd.Series | list[str]) -> npt.NDArray[np.int64]:
            """Each username's person: by id, else by e-mail (the LMS username may be either);
            -1 for nobody of the organisation."""
            names = pd.Index(usernames, dtype=object).astype(str)
            found = np.asarray(by_id.get_indexer(names), dtype=np.int64)
            missing = found < 0
            if len(by_email) and missing.any():
                found[missing] = by_email.get_indexer(names[missing])
            return found

        assessments = self._rows("assessment")
        self_levels = LevelMatrix.empty(count)
        if assessments is not None and not assessments.empty:
            latest = latest_submitted(assessments)
            columns = [c for c in latest.columns if c.startswith(LEVEL_PREFIX)]
            own = latest[["username", *columns]].rename(
                columns={c: c.removeprefix(LEVEL_PREFIX) for c in columns}
            )
            self_levels = self._matrix(own, positions(own["username"]), count)
        plans = self._rows("plan")
        manager_levels = LevelMatrix.empty(count)
        if plans is not None:
            rated = manager_rating_levels(plans, self.files["plan"].source)
            manager_levels = self._matrix(rated, positions(rated["username"]), count)
        views = self._rows("talent_view")
        role_ids = [role.id for role in self.roles]
        readiness = None
        if views is not None:
            readiness = latest_readiness(
                count,
                role_ids,
                positions(views["username"]),
                views["role_id"].tolist(),
                views["readiness"].tolist(),
                views["conversation_date"].tolist(),
            )
        boss = np.asarray(by_id.get_indexer(pd.Index(manager_keys, dtype=object)), dtype=np.int64)
        return {
            "people": keys,
            "departments": departments,
            "managers": boss,
            "held_roles": held,
            "self_levels": self_levels,
            "manager_levels": manager_levels,
            "readiness": readiness,
        }

    @property
    def pipeline(self) -> TalentPipeline:
        """The pipeline of what is loaded (an empty organisation before any load)."""
        if self._pipeline is None:
            self._pipeline = self._build()
        return self._pipeline

    # -- filters ------------------------------------------------------------------------------

    def departments(self) -> list[str]:
        return self.pipeline.department_names()

    def managers(self) -> list[str]:
        return self.pipeline.manager_keys()

    def person_name(self, key: str) -> str:
        """A person's name from the people file (their key without one)."""
        return self._names.get(key, key)

    def selection(self) -> npt.NDArray[np.bool_]:
        return self.pipeline.select(self.department, self.manager)

    def set_critical(self, role_ids: Iterable[str]) -> None:
        known = {role.id for role in self.roles}
        self.critical = frozenset(r for r in role_ids if r in known)

    # -- tables -------------------------------------------------------------------------------

    def role_table(self) -> pd.DataFrame:
        """Every role's pipeline over the filtered people (exact; the export's rows)."""
        pipeline = self.pipeline
        rows = []
        for s in pipeline.role_summary(self.selection()):
            critical = s.role_id in self.critical
            rows.append(
                [
                    s.role_id,
                    critical,
                    s.people,
                    s.assessed,
                    s.fits_now,
                    s.with_development,
                    *s.readiness,
                    s.positions,
                    s.ready_now,
                    s.one_to_two_years,
                    s.bench_strength,
                ]
            )
        return pd.DataFrame(rows, columns=ROLE_COLUMNS)

    def shown_role_table(self, table: pd.DataFrame | None = None) -> pd.DataFrame:
        """``role_table`` without the roles fewer than ``min_people`` people count in."""
        table = self.role_table() if table is None else table
        return table[table["people"] >= self.min_people].reset_index(drop=True)

    def candidate_table(self, role_id: str | None = None) -> pd.DataFrame:
        """Who fits ``role_id`` (default ``self.role``) now, could with development, or has a
        readiness recorded for it, among the filtered people: best placed first."""
        pipeline = self.pipeline
        role = role_id or self.role
        if role not in pipeline.role_ids:
            return pd.DataFrame(columns=CANDIDATE_COLUMNS)
        found = pipeline.candidates(role, self.selection())
        keys = np.asarray(pipeline.people, dtype=object)
        bosses = pipeline.managers[found.index]
        return pd.DataFrame(
            {
                "username": keys[found.index],
                "name": [self._names.get(str(k), "") for k in keys[found.index]],
                "department": pipeline.departments[found.index],
                "manager": [str(keys[b]) if b >= 0 else "" for b in bosses],
                "role_held": pipeline.held_roles[found.index],
                "status": [STATUSES[s] for s in found.status],
                "fit": found.fit,
                "open_gaps": found.open_gaps.astype("int64"),
                "source": [SOURCES[s] for s in found.source],
                "readiness": [READINESS[r] if r != NO_READINESS else "" for r in found.readiness],
            },
            columns=CANDIDATE_COLUMNS,
        )

    def candidates_shown(self) -> bool:
        """Whether the view lists the selected role's candidates: only where at least
        ``min_people`` of the filtered people count in the role's row."""
        table = self.role_table()
        row = table[table["role_id"] == self.role]
        return bool(len(row)) and int(row["people"].iloc[0]) >= self.min_people

    def supply_table(self) -> pd.DataFrame:
        """Per competency and required level: roles, positions, people rated, people at it."""
        rows = [
            [s.competency_id, s.level, "; ".join(s.role_ids), s.positions, s.rated, s.supply]
            for s in self.pipeline.supply_demand(self.selection())
        ]
        return pd.DataFrame(rows, columns=SUPPLY_COLUMNS)

    def shown_supply_table(self, table: pd.DataFrame | None = None) -> pd.DataFrame:
        """``supply_table`` without the rows fewer than ``min_people`` people were rated in."""
        table = self.supply_table() if table is None else table
        return table[table["rated"] >= self.min_people].reset_index(drop=True)

    def table(self, name: PipelineExport) -> pd.DataFrame:
        tables = {
            "roles": self.role_table,
            "candidates": self.candidate_table,
            "supply": self.supply_table,
        }
        return tables[name]()

    # -- export -------------------------------------------------------------------------------

    def export(
        self, name: PipelineExport, folder: str | os.PathLike[str] | None = None
    ) -> ExportedFile:
        """Write one table, exact and with every row, as ``pipeline-<name>.csv`` (the
        candidates of the selected role as ``pipeline-candidates-<role>.csv``).

        Raises ``FileWriteError`` (a ``TalentError``) when the file cannot be written.
        """
        target = Path(folder) if folder is not None else self.out_dir
        table = self.table(name)
        cells = table.astype(object).where(table.notna(), None)
        data = csv_text([list(table.columns), *cells.to_numpy().tolist()]).encode("utf-8")
        stem = f"pipeline-{name}" + (f"-{self.role}" if name == "candidates" else "")
        path = target.expanduser() / f"{stem}.csv"
        write_atomically(path, data)
        return ExportedFile(path, data, "csv")
