import json

import pytest

import talent_core as tc
from talent_core.formats import read_roles, write_roles


def _roles(framework: tc.CompetencyFramework) -> list[tc.RoleProfile]:
    first, second = framework.competencies()[:2]
    top = framework.scale_for(first.id).max_value
    return [
        tc.RoleProfile(
            id="lead",
            name={"en": "Team lead", "sv": "Teamledare"},
            requirements=[
                tc.RoleRequirement(competency_id=first.id, level=top, importance=5),
                tc.RoleRequirement(competency_id=second.id, level=top),
            ],
        ),
        tc.RoleProfile(
            id="new",
            name={"en": "Newcomer"},
            requirements=[tc.RoleRequirement(competency_id=first.id, level=top)],
        ),
    ]


def test_roles_round_trip() -> None:
    framework = tc.demo_framework()
    roles = _roles(framework)
    assert read_roles(write_roles(roles), "roles.json", framework) == roles


def test_problems_are_named_by_position_in_the_file() -> None:
    framework = tc.demo_framework()
    data = json.loads(write_roles(_roles(framework)))
    data[1]["requirements"][0]["competency_id"] = "ghost"
    data[0]["requirements"][1]["level"] = 99
    data.append(dict(data[0]))
    with pytest.raises(tc.FormatError) as info:
        read_roles(json.dumps(data).encode(), "roles.json", framework)
    assert str(info.value).startswith("roles.json, $[0].requirements[1].level: 99 is not on scale")
    assert "(and 3 more problems" in str(info.value)
    data = [{"id": "x", "name": {"en": "X"}, "requirements": []}]
    with pytest.raises(tc.FormatError, match=r"roles.json, \$\[0\]\.requirements: List should"):
        read_roles(json.dumps(data).encode(), "roles.json", framework)
    with pytest.raises(tc.FormatError, match=r"roles.json, \$: a role file holds a JSON list"):
        read_roles(b"{}", "roles.json", framework)
