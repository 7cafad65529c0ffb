"""The state of HR's dashboards notebook, without any widget: testable and scriptable.

A session holds the latest report CSV of each kind (self-assessments, plans, dialogues, peer
groups, people), the cost rates and the framework and role profiles the gaps are measured
against. Its tables are the dashboards' aggregates. Loads are whole-or-nothing: when one file
of an upload cannot be read, nothing of the upload is kept and a ``TalentError`` says why.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from talent_core import (
    DEFAULT_RATES,
    CompetencyFramework,
    FormatError,
    ModeRates,
    Problem,
    RoleProfile,
    ValidationError,
    csv_text,
    demo_framework,
    demo_roles,
    generate_organisation,
    load,
)
from talent_core import managers as mg
from talent_core.reports import REPORT_KINDS, ReportKind

from . import _dashboard_figures as figures
from ._dashboard_demo import demo_reports
from ._dashboard_reports import Report, SkippedFile, read_report
from ._export import ExportedFile, write_atomically
from ._session import DEFAULT_OUT_DIR, MAX_UPLOAD_BYTES

__all__ = ["DASHBOARD_EXPORTS", "MIN_RATINGS", "DashboardExport", "DashboardSession", "GroupBy"]

DashboardExport = Literal[
    "gaps", "agreement", "activities", "progress", "conversations", "mix", "managers", "attention"
]
DASHBOARD_EXPORTS: tuple[DashboardExport, ...] = (
    "gaps",
    "agreement",
    "activities",
    "progress",
    "conversations",
    "mix",
)
GroupBy = Literal["department", "role"]
#: The dashboards show no group's mean gap in a competency that fewer learners rated: a small
#: cell would show a few people's self-assessments to everyone looking, and says little.
MIN_RATINGS = 5


def _combined(kind: ReportKind, reports: Sequence[Report]) -> Report:
    """Files of one kind in one upload (say, two course runs) as one report."""
    if len(reports) == 1:
        return reports[0]
    if kind == "people":
        raise FormatError(reports[1].source, "", "a second people file in one upload")
    return Report(
        kind,
        ", ".join(report.source for report in reports),
        pd.concat([report.rows for report in reports], ignore_index=True),
        sum(report.unreadable for report in reports),
    )


class DashboardSession:
    """Report CSVs from the blocks, cost rates, and the dashboards' aggregates over them."""

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
        self.reports: dict[ReportKind, Report] = {}
        self.rates: ModeRates = DEFAULT_RATES
        #: Rows of the gap table; departments only when a people file is loaded.
        self.group_by: GroupBy = "department"
        #: Fewest ratings behind a mean gap the dashboards show (the exported table has all).
        self.min_ratings = MIN_RATINGS
        #: The size and seed of the demo organisation loaded, if one was.
        self.demo: tuple[int, int] | None = None
        #: Files of the last upload that were ours but not reports (each with its reason).
        self.skipped: list[SkippedFile] = []

    @classmethod
    def from_demo(
        cls,
        size: int = 2000,
        seed: int = 1,
        *,
        language: str = "en",
        out_dir: str | os.PathLike[str] = DEFAULT_OUT_DIR,
    ) -> DashboardSession:
        """A session over the demo organisation's reports (see ``_dashboard_demo``)."""
        session = cls(language=language, out_dir=out_dir)
        files = demo_reports(generate_organisation(size, seed), session.framework, session.roles)
        session.load(files)
        session.demo = (size, seed)
        return session

    # -- loading ---------------------------------------------------------------------------

    def load(self, files: Sequence[tuple[str, bytes]]) -> None:
        """Read report CSVs (file name, content); each replaces the loaded one of its kind,
        and the first real upload replaces the whole demo (no demo rows mix with real ones).

        Raises ``FormatError`` (file, row, column, problem) when any file cannot be read;
        then nothing of this upload is kept. Files of ours the dashboards do not read (a
        roster, volunteers, an empty download) are left out and listed in ``skipped``.
        """
        scales = {
            node.id: self.framework.scale_for(node.id).values
            for node in self.framework.competencies()
        }
        skipped: list[SkippedFile] = []
        found: dict[ReportKind, list[Report]] = {}
        for filename, data in files:
            if len(data) > MAX_UPLOAD_BYTES:
                raise FormatError(
                    filename, "", f"{len(data):,} bytes; the limit is {MAX_UPLOAD_BYTES:,}"
                )
            try:
                report = read_report(data, filename, scales)
            except SkippedFile as skip:
                skipped.append(skip)
                continue
            found.setdefault(report.kind, []).append(report)
        loaded = {kind: _combined(kind, reports) for kind, reports in found.items()}
        self.skipped = skipped
        if not loaded:
            return
        if self.demo is not None:
            self.reports.clear()
        self.reports.update(loaded)
        self.demo = None

    def loaded(self) -> list[Report]:
        """The loaded reports in a fixed order of kinds."""
        return [self.reports[kind] for kind in REPORT_KINDS if kind in self.reports]

    def set_rates(self, values: Mapping[str, Any], labels: Mapping[str, str] | None = None) -> None:
        """New cost rates (``ModeRates`` fields); ``ValidationError`` when invalid.

        The currency must be named: every cost shown is in it. ``labels`` maps a field path
        (``away_share.on_the_job``) to the label on screen, which the error then names.
        """
        try:
            rates = load(ModeRates, values)
            if not rates.currency.strip():
                raise ValidationError([Problem("currency", "name the currency, such as EUR")])
        except ValidationError as error:
            named = labels or {}
            raise ValidationError(
                [p.at(named.get(p.field, p.field)) if p.field else p for p in error.problems]
            ) from None
        self.rates = rates

    # -- aggregates --------------------------------------------------------------------------

    @property
    def grouping(self) -> GroupBy:
        """The rows the gap table really has: roles when departments are asked without people."""
        return (
            "department" if self.group_by == "department" and "people" in self.reports else "role"
        )

    def _departments(self) -> pd.Series:
        """Username or e-mail → department: the LMS username may be either."""
        people = self.reports["people"].rows
        by_key = pd.concat(
            [people.set_index("id")["department"], people.set_index("email")["department"]]
        )
        return by_key[~by_key.index.duplicated()]

    def _rows(self, kind: ReportKind) -> pd.DataFrame | None:
        report = self.reports.get(kind)
        return report.rows if report is not None else None

    def gap_table(self) -> pd.DataFrame:
        """Mean weighted gap per department (or target role) and competency."""
        assessments = self._rows("assessment")
        if assessments is None:
            return pd.DataFrame(columns=figures.GAP_COLUMNS)
        departments = self._departments() if self.grouping == "department" else None
        return figures.gap_table(assessments, self.framework, self.roles, departments)

    def shown_gap_table(self, table: pd.DataFrame | None = None) -> pd.DataFrame:
        """``gap_table`` (or ``table``, one already made) without the cells fewer than
        ``min_ratings`` learners rated: what every view of the gaps shows. Only the export holds
        the small cells, and the view says so."""
        table = self.gap_table() if table is None else table
        return table[table["learners"] >= self.min_ratings].reset_index(drop=True)

    def assessment_counts(self) -> tuple[int, int]:
        """How many self-assessment rows are loaded, and how many learners submitted one (each
        learner's latest counts, as in the gaps)."""
        assessments = self._rows("assessment")
        if assessments is None:
            return 0, 0
        return len(assessments), len(figures.latest_submitted(assessments))

    def unknown_roles(self) -> dict[str, int]:
        """Target roles of submitted assessments without a role profile that fits the framework,
        with how many learners chose each: their ratings are in no gap."""
        assessments = self._rows("assessment")
        if assessments is None:
            return {}
        submitted = figures.latest_submitted(assessments)["role"]
        known = {role.id for role in figures.fitting_roles(self.framework, self.roles)}
        counts = submitted[~submitted.isin(known)].value_counts().sort_index()
        return {str(role): int(count) for role, count in counts.items()}

    def _plans(self) -> pd.DataFrame:
        plans = self._rows("plan")
        return (
            plans if plans is not None else pd.DataFrame(columns=["agreement", "progress_percent"])
        )

    def agreement_table(self) -> pd.DataFrame:
        return figures.agreement_table(self._plans())

    def activity_table(self) -> pd.DataFrame:
        return figures.activity_table(self._plans())

    def progress_table(self) -> pd.DataFrame:
        return figures.progress_table(self._plans())

    def conversation_table(self) -> pd.DataFrame:
        return figures.conversation_table(self._rows("dialogue"), self._rows("peer_group"))

    def manager_table(self) -> pd.DataFrame:
        """Per roster manager (the plan report's ``manager_username``): team size, plans agreed
        under the manager's own login (verified) and by the learner's word (self-reported),
        conversations the manager recorded in the last 12 months, reports with an overdue
        activity."""
        columns = [
            "manager",
            "team",
            "agreed_verified",
            "agreed_self_reported",
            "dialogues_12_months",
            "overdue",
        ]
        plans = self._plans()
        if "manager_username" not in plans.columns:
            return pd.DataFrame(columns=columns)
        plans = plans.fillna("").astype(str)
        plans = plans[plans["manager_username"] != ""]
        today = dt.date.today().isoformat()
        year_ago = (dt.date.today() - dt.timedelta(days=365)).isoformat()
        agreed = plans["agreement"] == "yes"
        frame = pd.DataFrame(
            {
                "manager": plans["manager_username"],
                "verified": agreed & (plans["agreement_source"] == "manager"),
                "self": agreed & (plans["agreement_source"] == "self-reported"),
                "dialogue": plans["manager_last_conversation"] >= year_ago,
                "overdue": (plans["next_due"] != "") & (plans["next_due"] < today),
            }
        )
        table = frame.groupby("manager").agg(
            team=("manager", "size"),
            agreed_verified=("verified", "sum"),
            agreed_self_reported=("self", "sum"),
            dialogues_12_months=("dialogue", "sum"),
            overdue=("overdue", "sum"),
        )
        return table.reset_index()[columns]

    def self_vs_manager_table(self) -> pd.DataFrame:
        """Per competency, where a learner's latest self-rating and their roster manager's own
        rating both exist: how many pairs, the mean of self minus manager, and how many rated
        themselves higher (over) or lower (under) than their manager did."""
        columns = ["competency", "pairs", "mean_difference", "over", "under"]
        assessments, plans = self._rows("assessment"), self._rows("plan")
        if assessments is None or plans is None:
            return pd.DataFrame(columns=columns)
        prefix = "manager_rating:"
        found = []
        latest = figures.latest_submitted(assessments).set_index("username")
        rated = plans.set_index("username")
        for column in [c for c in rated.columns if str(c).startswith(prefix)]:
            competency = str(column)[len(prefix) :]
            own = f"level:{competency}"
            if own not in latest.columns:
                continue
            both = pd.concat(
                [
                    pd.to_numeric(latest[own], errors="coerce"),
                    pd.to_numeric(rated[column], errors="coerce"),
                ],
                axis=1,
                join="inner",
            ).dropna()
            if both.empty:
                continue
            difference = both.iloc[:, 0] - both.iloc[:, 1]
            found.append(
                {
                    "competency": competency,
                    "pairs": len(both),
                    "mean_difference": round(float(difference.mean()), 2),
                    "over": int((difference > 0).sum()),
                    "under": int((difference < 0).sum()),
                }
            )
        return pd.DataFrame(found, columns=columns)

    def attention_table(self, today: dt.date | None = None) -> pd.DataFrame:
        """Everyone who needs attention, one row per reason (talent_core.managers rules), with
        manager and department, from the plan and dialogue reports."""
        plans = self._rows("plan")
        dialogues = self._rows("dialogue")

        def records(frame: pd.DataFrame | None) -> list[dict[str, str]]:
            return [] if frame is None else frame.fillna("").astype(str).to_dict("records")

        departments = (
            {str(k): str(v) for k, v in self._departments().items()}
            if "people" in self.reports
            else {}
        )
        people = mg.follow_ups_from_reports(records(plans), records(dialogues), departments)
        items = mg.needs_attention(people, today or dt.date.today())
        return pd.DataFrame(
            [
                {
                    "username": a.username,
                    "manager": a.manager_username,
                    "department": a.department,
                    "reason": a.reason.value,
                    "since": a.since.isoformat() if a.since else "",
                    "days": a.days,
                }
                for a in items
            ],
            columns=["username", "manager", "department", "reason", "since", "days"],
        )

    def mix_table(self) -> pd.DataFrame:
        return figures.mix_table(figures.organisation_hours(self._plans()), self.rates)

    def table(self, name: DashboardExport) -> pd.DataFrame:
        tables = {
            "gaps": self.gap_table,
            "agreement": self.agreement_table,
            "activities": self.activity_table,
            "progress": self.progress_table,
            "conversations": self.conversation_table,
            "mix": self.mix_table,
            "managers": self.manager_table,
            "attention": self.attention_table,
        }
        return tables[name]()

    # -- export ------------------------------------------------------------------------------

    def export(
        self, name: DashboardExport, folder: str | os.PathLike[str] | None = None
    ) -> ExportedFile:
        """Write one aggregate as ``dashboard-<name>.csv`` into ``folder`` (default ``out_dir``).

        Raises ``FileWriteError`` (a ``TalentError``) when the file cannot be written.
        """
        target = Path(folder) if folder is not None else self.out_dir
        data = _table_csv(self.table(name)).encode("utf-8")
        path = target.expanduser() / f"dashboard-{name}.csv"
        write_atomically(path, data)
        return ExportedFile(path, data, "csv")


def _table_csv(table: pd.DataFrame) -> str:
    """The table as CSV through the product's one writer (text defused, numbers as numbers)."""
    cells = table.astype(object).where(table.notna(), None)
    return csv_text([list(table.columns), *cells.to_numpy().tolist()])
