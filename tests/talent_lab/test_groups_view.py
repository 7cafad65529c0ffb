"""GroupingView driven like a user would: widget values, uploads and clicks, without a kernel.

Everything the view shows is in ``HTML.value`` or the plotly figures' ``data``.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import talent_core as tc
from talent_core.grouping import (
    InfeasibleGroupingError,
    NoticeCode,
    design_groups,
    score_grouping,
)
from talent_lab import GroupingSession, GroupingView
from talent_lab._groups_render import NOTICE_LIMIT, PAGE_SIZE


def upload(name: str, content: bytes) -> tuple[dict[str, Any], ...]:
    """A FileUpload value as ipywidgets 8 builds it from the browser."""
    return (
        {
            "name": name,
            "type": "text/csv",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": dt.datetime.now(dt.UTC),
        },
    )


def body_rows(html: str) -> list[str]:
    tbody = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return tbody.split("<tr>")[1:]


def row_group(row: str) -> str:
    return re.search(r'<th scope="row"[^>]*>([^<]*)</th>', row)[1]  # type: ignore[index]


@pytest.fixture
def view(tmp_path: Path) -> GroupingView:
    return GroupingView(GroupingSession.demo(60, 1, out_dir=tmp_path / "out"))


@pytest.fixture
def designed(view: GroupingView) -> GroupingView:
    view.run_button.click()
    assert view.session.scores is not None
    return view


def test_first_render_shows_the_people_and_how_to_get_groups(view: GroupingView) -> None:
    assert "60 people from a demo organisation (60 people, seed 1)" in view.people_summary.value
    assert "working languages: en (14), nl (29), sv (17)" in view.people_summary.value
    assert "No groups yet" in view.summary.value
    assert view.tabs.titles == ("People", "Rules and goals", "Groups", "Export")
    assert (view.min_size.value, view.max_size.value) == (5, 7) and view.same_language.value
    assert view.policies["department"].value == "dissimilar"
    assert view.weights["department"].value == 3.0
    assert view.move_group.options == () and view.chart.figure.data[0].z == ()


def test_designing_shows_progress_scores_table_and_charts(designed: GroupingView) -> None:
    view, session = designed, designed.session
    assert session.scores is not None
    assert view.progress.value == 100 and view.progress.bar_style == "success"
    assert "10 groups for 60 people" in view.run_status.value
    assert view.tabs.selected_index == 2
    worst = session.scores.worst
    assert worst is not None
    assert f"worst group {worst.name} with {worst.score:.1f}" in view.summary.value
    assert "Every hard rule holds." in view.notices.value
    rows = body_rows(view.table.value)
    assert [row_group(r) for r in rows] == [g.name for g in session.groups]
    assert "Groups 1–10 of 10" in view.table.value
    heatmap = view.chart.figure.data[0]
    assert list(heatmap.y) == [g.name for g in session.groups]
    assert (
        "Operations" in heatmap.x
        and "Departments per group" in view.chart.figure.layout.annotations[0].text
    )
    assert [sum(row) for row in heatmap.z] == [len(g.members) for g in session.groups]
    assert sum(view.chart.figure.data[1].y) == 10
    view.chart_attribute.value = "language"
    heatmap = view.chart.figure.data[0]
    assert all(sum(1 for n in row if n) == 1 for row in heatmap.z)  # one language per group


def test_the_progress_bar_follows_the_core(view: GroupingView) -> None:
    seen: list[int] = []
    view.progress.observe(lambda change: seen.append(change["new"]), "value")
    view.run_button.click()
    assert len(seen) > 10 and seen == sorted(seen) and seen[-1] == 100


def test_an_impossible_design_keeps_the_groups(designed: GroupingView) -> None:
    view = designed
    groups, table = view.session.groups, view.table.value
    view.min_size.value, view.max_size.value = 16, 18
    view.run_button.click()
    assert 'role="alert"' in view.run_status.value
    assert "No groups were made; the groups you had stay." in view.run_status.value
    assert "minimum group size is 16" in view.run_status.value
    assert view.progress.bar_style == "danger"
    assert view.session.groups == groups and view.table.value == table
    view.min_size.value, view.max_size.value = 5, 7
    view.manager_rule.value = "line"  # the CEO may then meet nobody
    view.run_button.click()
    with pytest.raises(InfeasibleGroupingError) as why:
        design_groups(view.session.people, view.session.make_options(**view.options_settings()))
    assert [reason.code for reason in why.value.reasons] == [NoticeCode.ISOLATED]
    assert html.escape(why.value.text("en")) in view.run_status.value


def unrelated(session: GroupingSession, candidates: Sequence[str], group: Sequence[str]) -> str:
    """One of the candidates who neither manages nor reports to anyone in the group."""
    return next(
        person_id
        for person_id in candidates
        if session.person(person_id).manager_id not in group
        and all(session.person(m).manager_id != person_id for m in group)
    )


def test_a_move_by_hand_updates_scores_warnings_table_and_charts(designed: GroupingView) -> None:
    view, session = designed, designed.session
    assert session.scores is not None
    a = next(
        k for k, g in enumerate(session.scores.groups) if (g.size, g.languages) == (7, ("nl",))
    )
    b = next(
        k for k, g in enumerate(session.scores.groups) if (g.size, g.languages) == (5, ("nl",))
    )
    first, second = session.groups[a], session.groups[b]
    view.move_target.value = second.name
    moved: list[str] = []
    for sizes_after in ((6, 6), (5, 7), (4, 8)):
        view.move_group.value = first.name
        assert [value for _, value in view.move_person.options] == list(session.groups[a].members)
        mover = unrelated(session, session.groups[a].members, session.groups[b].members)
        view.move_person.value = mover
        view.move_button.click()
        moved.append(mover)
        assert session.group_of(mover) == session.groups[b]
        assert (len(session.groups[a].members), len(session.groups[b].members)) == sizes_after
        expected = score_grouping(session.people, session.groups, session.options)
        assert session.scores == expected
        new_second = expected.groups[b]
        assert f"to {second.name} (now {new_second.score:.1f})" in view.move_status.value
        assert f"mean score {expected.total:.1f} of 100" in view.summary.value
        assert view.move_group.value == second.name and view.move_person.value == mover
        if sizes_after != (4, 8):
            assert "Every hard rule holds." in view.notices.value
            assert "breaks" not in view.move_status.value
    assert "Broken hard rules: 2" in view.notices.value
    broken = session.scores.violations
    assert {(n.code, n.group) for n in broken} == {
        (NoticeCode.TOO_SMALL, first.name),
        (NoticeCode.TOO_LARGE, second.name),
    }
    assert all(html.escape(n.text("en")) in view.notices.value for n in broken)
    assert "breaks 2 hard rule(s)" in view.move_status.value
    rows = body_rows(view.table.value)
    for mover in moved:
        assert session.person(mover).name in rows[b] and session.person(mover).name not in rows[a]
    heatmap = view.chart.figure.data[0]
    assert [sum(heatmap.z[a]), sum(heatmap.z[b])] == [4, 8]


def test_moving_someone_in_with_their_manager_is_flagged(designed: GroupingView) -> None:
    view, session = designed, designed.session

    def size(person_id: str) -> int:
        return len(session.group_of(person_id).members)  # type: ignore[union-attr]

    person = next(  # someone who can leave their group for their manager's without more harm
        p
        for p in session.people
        if p.manager_id
        and session.group_of(p.id) != session.group_of(p.manager_id)
        and size(p.id) > 5
        and size(p.manager_id) < 7
        and session.person(p.manager_id).language == p.language
        and all(
            session.person(m).manager_id != p.id
            for m in session.group_of(p.manager_id).members  # type: ignore[union-attr]
        )
    )
    manager_group = session.group_of(person.manager_id or "")
    assert manager_group is not None
    view.find.value = person.email
    assert view.move_person.value == person.id
    assert f"Found {person.name} ({person.id})" in view.move_status.value
    view.move_target.value = manager_group.name
    view.move_button.click()
    assert session.scores is not None
    (broken,) = session.scores.violations
    assert broken.code == NoticeCode.WITH_MANAGER and broken.group == manager_group.name
    assert set(broken.people) == {person.id, person.manager_id}
    assert html.escape(broken.text("en")) in view.notices.value
    assert 'role="alert"' in view.notices.value


def test_find_reports_misses_and_several_matches(designed: GroupingView) -> None:
    view = designed
    view.find.value = "no such person"
    assert "Nobody matches no such person." in view.move_status.value
    view.find.value = "@example.org"
    assert "60 people match" not in view.move_status.value  # the search stops at 20
    assert "20 people match; showing the first" in view.move_status.value


def test_pages_and_worst_first(tmp_path: Path) -> None:
    view = GroupingView(GroupingSession.demo(300, 4, out_dir=tmp_path))
    view.time_limit.value = 30
    view.run_button.click()
    session = view.session
    assert session.scores is not None
    total = len(session.groups)
    assert total > PAGE_SIZE and view.page.max == -(-total // PAGE_SIZE)
    assert len(body_rows(view.table.value)) == PAGE_SIZE
    view.page.value = 2
    rows = body_rows(view.table.value)
    assert row_group(rows[0]) == session.groups[PAGE_SIZE].name
    shown = [g.name for g in session.groups[PAGE_SIZE : 2 * PAGE_SIZE]]
    assert list(view.chart.figure.data[0].y) == shown
    view.page.value = view.page.max
    assert len(body_rows(view.table.value)) == total - (view.page.max - 1) * PAGE_SIZE
    view.sort.value = "worst"
    view.page.value = 1
    scores = sorted(session.scores.groups, key=lambda g: (g.score, g.name))
    assert row_group(body_rows(view.table.value)[0]) == scores[0].name
    assert view.chart.figure.data[0].y[0] == scores[0].name


def test_a_bad_people_upload_keeps_people_and_groups(designed: GroupingView) -> None:
    view = designed
    summary, table = view.people_summary.value, view.table.value
    people = tc.write_people_csv(tc.generate_organisation(30, 9)).replace("Europe/", "Europa/", 1)
    view.people_upload.value = upload("people.csv", people.encode())
    status = view.people_status.value
    assert 'role="alert"' in status and "people.csv was not loaded" in status
    assert "people.csv, row 2, column &#x27;timezone&#x27;" in status
    assert "Traceback" not in status
    assert view.people_summary.value == summary and view.table.value == table
    assert view.people_upload.value == ()


def test_uploading_people_replaces_them_and_clears_the_groups(designed: GroupingView) -> None:
    view = designed
    people = tc.write_people_csv(tc.generate_organisation(30, 9))
    view.people_upload.value = upload("ours.csv", people.encode())
    assert "Loaded 30 people from ours.csv." in view.people_status.value
    assert "30 people from ours.csv" in view.people_summary.value
    assert "No groups yet" in view.summary.value and view.move_group.options == ()
    view.demo_size.value, view.demo_seed.value = 40, 2
    view.generate_button.click()
    assert view.session.people == tuple(tc.generate_organisation(40, 2))


def test_rule_uploads_show_what_is_loaded_and_keep_it_on_errors(view: GroupingView) -> None:
    a, b = view.session.people[3].id, view.session.people[7].id
    view.uploads["apart"].value = upload("apart.csv", f"id_a,id_b\n{a},{b}\n".encode())
    assert view.upload_status["apart"].value == "apart.csv: rows read: 1."
    view.uploads["apart"].value = upload("bad.csv", b"id_a\nx\n")
    assert (
        "bad.csv was not loaded; what was loaded before stays." in view.upload_status["apart"].value
    )
    assert "missing column(s) id_b" in view.upload_status["apart"].value
    assert view.session.apart == [(a, b)]
    view.uploads["history"].value = upload("rounds.csv", f"id,round,group\n{a},1,A\n".encode())
    assert view.upload_status["history"].value == "rounds.csv: rows read: 1."
    view.clear_buttons["apart"].click()
    assert view.upload_status["apart"].value == "None loaded." and view.session.apart == []
    view.language.value = "sv"  # no "1 rader" in Swedish either
    assert view.upload_status["history"].value == "rounds.csv: inlästa rader: 1."


def test_settings_reach_the_design(view: GroupingView) -> None:
    view.min_size.value, view.max_size.value = 4, 6
    view.policies["location"].value = "similar"
    view.weights["seniority"].value = 0
    view.run_button.click()
    options = view.session.options
    assert (options.min_size, options.max_size) == (4, 6)
    assert options.location.policy == "similar" and options.seniority.weight == 0
    assert {len(g.members) for g in view.session.groups} <= {4, 5, 6}
    assert len(view.session.groups) > 10  # more, smaller groups than with 5-7
    assert "seniority" not in view.session.scores.groups[0].goals  # type: ignore[union-attr]


def test_swedish_labels_and_group_names(view: GroupingView) -> None:
    view.language.value = "sv"
    assert view.tabs.titles == ("Personer", "Regler och mål", "Grupper", "Exportera")
    assert view.run_button.description == "Skapa grupper"
    assert view.people_summary.value.startswith('<div lang="sv"')
    view.run_button.click()
    assert view.session.groups[0].name == "Handledning 01"
    assert "sämsta grupp" in view.summary.value
    assert view.chart.figure.layout.annotations[0].text.startswith("Avdelningar per grupp")


def test_export_teams_and_roster_with_download_links(designed: GroupingView) -> None:
    view, session = designed, designed.session
    view.teamset.value, view.mode.value = "circles", "verified"
    view.export_button.click()
    status = view.export_status.value
    path = Path(view.folder.value) / "intervision-teams-circles.csv"
    assert f"Saved {path}" in status and path.exists()
    link = re.search(r'href="data:text/csv;base64,([^"]+)"', status)
    assert link and base64.b64decode(link[1]) == path.read_bytes()
    assert path.read_text().splitlines()[0] == "user,mode,circles"
    view.export_kind.value = "roster"
    view.export_button.click()
    assert "names people by their id" in view.export_status.value
    assert "would not take" not in view.export_status.value
    roster = (Path(view.folder.value) / "intervision-roster.csv").read_text()
    assert len(roster.splitlines()) == 1 + len(session.people)


def test_a_failed_export_says_why(designed: GroupingView) -> None:
    view = designed
    view.teamset.value = "bad,id"
    view.export_button.click()
    assert 'role="alert"' in view.export_status.value
    assert "Nothing was exported." in view.export_status.value
    assert "teamset id &#x27;bad,id&#x27;" in view.export_status.value


def test_long_notice_lists_are_capped(tmp_path: Path) -> None:
    session = GroupingSession.demo(200, 5, out_dir=tmp_path)
    view = GroupingView(session)
    view.min_size.value, view.max_size.value = (
        2,
        2,
    )  # pairs: then every move by hand breaks something
    view.same_language.value = False
    view.run_button.click()
    view.move_target.value = session.groups[0].name
    for group in session.groups[1 : NOTICE_LIMIT + 6]:
        view.move_group.value = group.name
        view.move_button.click()  # the first member joins the first group
    assert session.scores is not None
    count = len(session.scores.violations)
    assert count > NOTICE_LIMIT
    assert f"Broken hard rules: {count}" in view.notices.value
    assert view.notices.value.count("<li>") == NOTICE_LIMIT + 1
    assert f"… and {count - NOTICE_LIMIT} more." in view.notices.value


def test_dutch_and_swedish_views_write_numbers_their_way(designed: GroupingView) -> None:
    scores = designed.session.scores
    assert scores is not None and scores.worst is not None
    designed.language.value = "nl"
    mean, worst = f"{scores.total:.1f}", f"{scores.worst.score:.1f}"
    assert f"score {mean.replace('.', ',')} van 100" in designed.summary.value
    assert f"met {worst.replace('.', ',')}." in designed.summary.value
    assert f"{mean} " not in designed.summary.value
    designed.language.value = "sv"
    assert f">{worst.replace('.', ',')}</td>" in designed.table.value


def test_no_stale_messages_after_a_new_organisation_or_design(designed: GroupingView) -> None:
    view = designed
    person = view.session.people[0]
    view.find.value = person.id
    assert "Found" in view.move_status.value and "groups for" in view.run_status.value
    view.run_button.click()  # a redesign: the search result named an old group
    assert view.move_status.value == ""
    view.find.value = person.id
    view.demo_size.value, view.demo_seed.value = 40, 2
    view.generate_button.click()  # a new organisation: the old groups are gone
    assert view.run_status.value == "" and view.move_status.value == ""
    assert view.find.value == ""


def test_find_selects_the_person_and_a_choice_by_hand_ends_the_found_message(
    designed: GroupingView,
) -> None:
    view = designed
    session = view.session
    person = session.people[7]
    group = session.group_of(person.id)
    assert group is not None
    view.find.value = person.email
    assert (view.move_group.value, view.move_person.value) == (group.name, person.id)
    assert "Found" in view.move_status.value
    other = next(m for m in group.members if m != person.id)
    view.move_person.value = other  # chosen by hand: the message named someone else
    assert view.move_status.value == ""
    view.find_button.click()  # the same search again selects them again
    assert view.move_person.value == person.id and "Found" in view.move_status.value


def test_a_bad_people_file_is_worded_in_the_notebooks_language(tmp_path: Path) -> None:
    """The people reader's own words (place and problem) come from the talent catalog."""
    view = GroupingView(GroupingSession.demo(40, 1, out_dir=tmp_path))
    header = "id,name,email,manager_id,department,location,timezone,seniority,language\n"
    bad = header + "p1,Ann,not-an-address,,Sales,Lund,Europe/Stockholm,3,sv\n"
    view.language.value = "sv"
    view.people_upload.value = upload("people.csv", bad.encode())
    swedish = "people.csv, rad 2, kolumn 'email': 'not-an-address' är ingen e-postadress"
    assert html.escape(swedish) in view.people_status.value
    view.language.value = "nl"
    view.people_upload.value = upload("people.csv", b"id,name\np1,Ann\n")
    status = view.people_status.value
    assert "people.csv, rij 1: kolom(men) ontbreken: email, manager_id" in status
    assert "missing" not in status and "row" not in status


def test_the_chart_uses_the_notebooks_width(tmp_path: Path) -> None:
    from talent_lab._dashboard_charts import WIDTH_PX

    view = GroupingView(GroupingSession.demo(40, 1, out_dir=tmp_path))
    layout = view.chart.figure.layout
    assert layout.width == WIDTH_PX and layout.yaxis.automargin and layout.margin.l == 10
