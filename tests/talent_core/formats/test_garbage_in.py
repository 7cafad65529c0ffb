"""Whatever a file holds, reading it gives a framework or a FormatError, never a crash."""

import csv
import io
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core.formats import read_framework, validate_framework_file, write_framework

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 200)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*path, index))
    return found


def _replace(document: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = new
    return document


def _read_or_refuse(data: bytes, name: str) -> None:
    problems = validate_framework_file(data, name)
    try:
        framework = read_framework(data, name)
    except tc.FormatError as error:
        assert problems and str(error).startswith(problems[0].split(" (and ")[0])
    else:
        assert problems == [] and isinstance(framework, tc.CompetencyFramework)


def _small_framework() -> tc.CompetencyFramework:
    demo = tc.demo_framework()
    keep = {n.id for n in demo.nodes[:12]}
    demo.nodes = [
        n.model_copy(update={"cross_references": [r for r in n.cross_references if r in keep]})
        for n in demo.nodes[:12]
    ]
    return tc.load(tc.CompetencyFramework, demo.model_dump())


SMALL = _small_framework()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fmt=st.sampled_from(["json", "case"]), data=st.data())
def test_json_formats_with_any_value_anywhere(fmt: str, data: st.DataObject) -> None:
    document = json.loads(write_framework(SMALL, fmt))
    path = data.draw(st.sampled_from(_paths(document)))
    document = _replace(document, path, data.draw(json_values))
    _read_or_refuse(json.dumps(document).encode(), f"garbage.{fmt}.json")


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_moodle_csv_with_any_text_in_any_cell(data: st.DataObject) -> None:
    rows = list(csv.reader(io.StringIO(write_framework(SMALL, "moodle-csv").decode())))
    row = data.draw(st.integers(0, len(rows) - 1))
    column = data.draw(st.integers(0, len(rows[row]) - 1))
    rows[row][column] = data.draw(st.text(max_size=12) | st.sampled_from(["1", "0", "[]", "[{}]"]))
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    _read_or_refuse(out.getvalue().encode(), "garbage.csv")
