"""Before any search, an impossible request is explained and no groups are made."""

from collections.abc import Callable

import pytest

import talent_core as tc
from talent_core.grouping import (
    GroupingOptions,
    InfeasibleGroupingError,
    ManagerRule,
    NoticeCode,
    design_groups,
)
from talent_core.i18n import message_ids

Crowd = Callable[..., list[tc.Person]]


def _reasons(people: list[tc.Person], **options: object) -> InfeasibleGroupingError:
    with pytest.raises(InfeasibleGroupingError) as info:
        design_groups(people, GroupingOptions.model_validate(options), seed=1)
    assert isinstance(info.value, ValueError) and isinstance(info.value, tc.TalentError)
    return info.value


def test_too_few_speakers_of_a_language(crowd: Crowd) -> None:
    error = _reasons(crowd(12, "e", language="en") + crowd(3, "n", language="nl"))
    assert [r.code for r in error.reasons] == [NoticeCode.TOO_FEW_PEOPLE]
    assert str(error.reasons[0]) == "only 3 people speak nl, minimum group size is 5"
    assert error.reasons[0].text("sv") == "bara 3 personer talar nl, minsta gruppstorlek är 5"
    assert "slechts 3 mensen die nl spreken" in error.reasons[0].text("nl")


def test_language_bucket_that_cannot_be_split(crowd: Crowd) -> None:
    error = _reasons(crowd(8, language="sv"))
    assert str(error.reasons[0]) == "8 people speak sv: they cannot be split into groups of 5–7"
    # Mixing languages pools everyone, which can then be split.
    people = crowd(8, "s", language="sv") + crowd(4, "e", language="en")
    result = design_groups(people, GroupingOptions(same_language=False), seed=1)
    assert len(result.groups) == 2
    assert all(5 <= len(g.members) <= 7 for g in result.groups)


def test_must_together_chain_longer_than_a_group(crowd: Crowd) -> None:
    people = crowd(30)
    chain = [(people[i].id, people[i + 1].id) for i in range(8)]
    error = _reasons(people, together=chain)
    assert [r.code for r in error.reasons] == [NoticeCode.TOGETHER_TOO_BIG]
    assert str(error.reasons[0]).startswith("must-together chain of 9 people (x000, x001")
    assert str(error.reasons[0]).endswith("exceeds maximum group size 7")
    assert len(error.reasons[0].people) == 9


def test_pair_both_together_and_apart(crowd: Crowd) -> None:
    people = crowd(20)
    error = _reasons(
        people, together=[("x001", "x002"), ("x002", "x003")], apart=[("x003", "x001")]
    )
    assert [r.code for r in error.reasons] == [NoticeCode.TOGETHER_AND_APART]
    assert "a must-together pair is also must-apart: x001 (Name x001) and x003" in str(error)


def test_together_across_languages_and_with_a_manager(
    crowd: Crowd, person: Callable[..., tc.Person]
) -> None:
    people = crowd(10, "e", language="en") + crowd(10, "n", language="nl")
    people.append(person("boss", language="en"))
    people[0] = person("e000", language="en", manager="boss")
    error = _reasons(people, together=[("e001", "n001"), ("e000", "boss")])
    codes = {r.code for r in error.reasons}
    assert codes == {NoticeCode.TOGETHER_LANGUAGES, NoticeCode.TOGETHER_MANAGER}
    assert "their manager boss (Name boss)" in str(error)
    # The same request holds when languages may mix and the manager rule allows it.
    error = _reasons(people, together=[("e000", "boss")], same_language=False)
    assert [r.code for r in error.reasons] == [NoticeCode.TOGETHER_MANAGER]


def test_manager_line_leaves_the_top_manager_without_peers(
    crowd: Crowd, person: Callable[..., tc.Person]
) -> None:
    people = [person("ceo")]
    people += [person(f"m{i}", manager="ceo") for i in range(3)]
    people += [person(f"s{i:02d}", manager=f"m{i % 3}") for i in range(20)]
    design_groups(people, GroupingOptions(), seed=1)  # only direct managers: fine
    error = _reasons(people, manager_rule=ManagerRule.LINE)
    isolated = [r for r in error.reasons if r.code == NoticeCode.ISOLATED]
    assert isolated[0].people == ("ceo",)
    assert str(isolated[0]) == (
        "ceo (Name ceo) may not share a group with 23 of the 23 other people who speak en "
        "(manager line or must-apart), so no group of 5 can hold them"
    )


def test_many_isolated_people_are_summed_up(crowd: Crowd) -> None:
    people = crowd(12)
    apart = [(a.id, b.id) for a in people[:8] for b in people if a.id < b.id]
    error = _reasons(people, apart=apart)
    assert [r.code for r in error.reasons][-1] == NoticeCode.MORE
    assert str(error.reasons[-1]) == "… and 7 more like this"


def test_units_that_do_not_pack(crowd: Crowd) -> None:
    people = crowd(14)
    together = [(people[i].id, people[i + 1].id) for i in (0, 1, 2, 4, 5, 6, 8, 9, 10)]
    error = _reasons(people, together=together)
    assert [r.code for r in error.reasons] == [NoticeCode.NO_PACKING]
    assert str(error.reasons[0]) == (
        "must-together chains of sizes 4, 4, 4 among the 14 people who speak en do not fit into "
        "2 groups of 5–7"
    )


def test_unknown_ids_and_self_pairs_in_pairs(crowd: Crowd) -> None:
    error = _reasons(crowd(10), together=[("x001", "ghost")], apart=[("x002", "x002")])
    assert [str(r) for r in error.reasons] == [
        "must-together pair 1 names ghost, who is not in the people list",
        "must-apart pair 1 pairs x002 with themselves",
    ]


def test_duplicate_people_are_a_validation_error(crowd: Crowd) -> None:
    people = crowd(10)
    with pytest.raises(tc.ValidationError, match=r"people\[10\]\.id: duplicate id 'x000'"):
        design_groups([*people, people[0]], GroupingOptions())


def test_options_are_validated() -> None:
    with pytest.raises(tc.ValidationError, match="min_size 8 is larger than max_size 7"):
        tc.load(GroupingOptions, {"min_size": 8})
    with pytest.raises(tc.ValidationError, match=r"department\.policy"):
        tc.load(GroupingOptions, {"department": {"policy": "spread"}})


def test_every_notice_code_is_in_the_catalog() -> None:
    """Translated in every language with the same fields: tests/talent_core/test_i18n.py."""
    codes = [v for k, v in vars(NoticeCode).items() if k.isupper()]
    assert {f"notice.{code}" for code in codes} <= message_ids()


def test_nobody_to_group() -> None:
    error = _reasons([])
    assert str(error.reasons[0]) == "only 0 people are to be grouped, minimum group size is 5"
