import zoneinfo
from collections import Counter

import pytest

import talent_core as tc


@pytest.fixture(scope="module")
def org() -> list[tc.Person]:
    return tc.generate_organisation(2_000, seed=7)


def _reports(people: list[tc.Person]) -> Counter[str]:
    return Counter(p.manager_id for p in people if p.manager_id is not None)


def _depth(people: list[tc.Person]) -> int:
    manager = {p.id: p.manager_id for p in people}
    deepest = 0
    for person in people:
        depth, current = 0, person.manager_id
        while current is not None:
            depth, current = depth + 1, manager[current]
        deepest = max(deepest, depth)
    return deepest


def test_one_ceo_and_spans_of_four_to_ten(org: list[tc.Person]) -> None:
    assert [p.id for p in org if p.manager_id is None] == ["p000001"]
    spans = _reports(org)
    assert all(4 <= span <= 10 for span in spans.values()), spans.most_common(3)


def test_ids_and_emails_are_unique_and_ordered(org: list[tc.Person]) -> None:
    assert [p.id for p in org] == [f"p{i:06d}" for i in range(1, len(org) + 1)]
    assert len({p.email for p in org}) == len(org)
    assert all(p.email.isascii() and p.email.endswith("@example.org") for p in org)


def test_depth_grows_with_size() -> None:
    depths = [_depth(tc.generate_organisation(n, seed=1)) for n in (20, 300, 5_000)]
    assert depths[0] < depths[1] < depths[2]


def test_seniority_follows_the_hierarchy(org: list[tc.Person]) -> None:
    by_id = {p.id: p for p in org}
    assert all(1 <= p.seniority <= 5 for p in org)
    assert all(p.seniority <= by_id[p.manager_id].seniority for p in org if p.manager_id)
    managers = set(_reports(org))
    manager_levels = [p.seniority for p in org if p.id in managers]
    staff_levels = [p.seniority for p in org if p.id not in managers]
    assert min(manager_levels) >= 3
    assert sum(manager_levels) / len(manager_levels) > sum(staff_levels) / len(staff_levels) + 1
    assert set(staff_levels) >= {1, 2, 3, 4}


def test_departments_locations_and_languages_are_believable(org: list[tc.Person]) -> None:
    departments = Counter(p.department for p in org if p.manager_id is not None)
    assert {"HR", "Finance", "Sales", "Operations", "IT"} <= set(departments)
    assert departments["Operations"] > departments["Legal"]
    for person in org:
        zoneinfo.ZoneInfo(person.timezone)
    zones = {p.location: p.timezone for p in org}
    assert zones["Stockholm"] == "Europe/Stockholm"
    assert zones["Antwerp"] == "Europe/Brussels"
    languages = Counter((p.location, p.language) for p in org)
    assert languages[("Stockholm", "sv")] > languages[("Stockholm", "en")] > 0
    assert languages[("Stockholm", "nl")] == 0
    assert languages[("London", "en")] > 0 and languages[("London", "sv")] == 0
    assert set(Counter(p.language for p in org)) == {"nl", "sv", "en"}


def test_teams_mostly_share_their_manager_s_location(org: list[tc.Person]) -> None:
    by_id = {p.id: p for p in org}
    staff = [p for p in org if p.manager_id and by_id[p.manager_id].manager_id]
    same = sum(p.location == by_id[p.manager_id].location for p in staff if p.manager_id)
    assert same / len(staff) > 0.6


def test_names_mix_dutch_swedish_and_international(org: list[tc.Person]) -> None:
    names = " ".join(p.name for p in org)
    assert "van " in names or "de " in names
    assert "sson" in names
    assert len({p.name.split()[0] for p in org}) > 80


def test_same_seed_same_people_other_seed_other_people() -> None:
    first = tc.generate_organisation(500, seed=3)
    assert first == tc.generate_organisation(500, seed=3)
    assert first != tc.generate_organisation(500, seed=4)


@pytest.mark.parametrize("size", [20, 21, 57, 1_234])
def test_every_size_gets_exactly_that_many_people(size: int) -> None:
    people = tc.generate_organisation(size, seed=size)
    assert len(people) == size
    assert all(4 <= span <= 10 for span in _reports(people).values())


@pytest.mark.parametrize("size", [19, 100_001])
def test_size_outside_the_range_is_refused(size: int) -> None:
    with pytest.raises(ValueError, match="20 to 100,000"):
        tc.generate_organisation(size, seed=1)


def test_round_trips_through_the_people_csv(org: list[tc.Person]) -> None:
    assert tc.read_people_csv(tc.write_people_csv(org), "people.csv") == org


def test_no_two_people_of_an_organisation_share_a_name() -> None:
    org = tc.generate_organisation(5000, seed=7)
    assert len({p.name for p in org}) == len(org)
    assert any(". " in p.name for p in org)  # clashes are told apart by middle initials
