import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc

HEADER = "id,name,email,manager_id,department,location,timezone,seniority,language"
ROWS = [
    "a1,Anna Berg,anna@example.org,,HR,Stockholm,Europe/Stockholm,5,sv",
    "a2,Bram de Vries,bram@example.org,a1,Sales,Amsterdam,Europe/Amsterdam,3,nl",
    "a3,Grace Tan,grace@example.org,a2,IT,Singapore,Asia/Singapore,2,en",
]


def _csv(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def _error(text: str | bytes) -> tc.FormatError:
    with pytest.raises(tc.FormatError) as info:
        tc.read_people_csv(text, "staff.csv")
    assert info.value.file == "staff.csv"
    return info.value


def test_reads_people_with_extra_columns_in_any_order() -> None:
    header = "language,id,username,name,email,manager_id,department,location,timezone,seniority"
    text = _csv(
        "sv,a1,anna.b,Anna Berg,anna@example.org,,HR,Stockholm,Europe/Stockholm,5",
        "NL,a2,bram,Bram de Vries,bram@example.org,a1, Sales ,Amsterdam,Europe/Amsterdam,3",
        header=header,
    )
    people = tc.read_people_csv(text, "staff.csv")
    assert people[1] == tc.Person(
        id="a2",
        name="Bram de Vries",
        email="bram@example.org",
        manager_id="a1",
        department="Sales",
        location="Amsterdam",
        timezone="Europe/Amsterdam",
        seniority=3,
        language="nl",
        extra={"username": "bram"},
    )
    assert people[0].manager_id is None


def test_utf8_with_and_without_byte_order_mark() -> None:
    text = _csv("a1,Åsa Öberg,asa@example.org,,HR,Malmö,Europe/Stockholm,4,sv")
    plain = tc.read_people_csv(text.encode(), "staff.csv")
    with_bom = tc.read_people_csv(b"\xef\xbb\xbf" + text.encode(), "staff.csv")
    assert plain == with_bom
    assert plain[0].name == "Åsa Öberg" and plain[0].location == "Malmö"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_byte_order_mark_as_excel_saves_unicode_text(encoding: str) -> None:
    data = ("\ufeff" if encoding.endswith("be") else "") + _csv(*ROWS)
    people = tc.read_people_csv(data.encode(encoding), "staff.csv")
    assert [p.name for p in people] == ["Anna Berg", "Bram de Vries", "Grace Tan"]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_or_tab_delimited_as_excel_saves_in_swedish_or_dutch(delimiter: str) -> None:
    rows = [row.replace(",", delimiter) for row in (HEADER, *ROWS)]
    rows[2] = rows[2].replace("Bram de Vries", '"Vries, Bram de"')
    people = tc.read_people_csv("\n".join(rows) + "\n", "staff.csv")
    assert [p.name for p in people] == ["Anna Berg", "Vries, Bram de", "Grace Tan"]
    assert people[1].manager_id == "a1"


def test_trailing_delimiters_of_a_spreadsheet_are_not_nameless_columns() -> None:
    rows = [f"{row};;" for row in (HEADER, *ROWS)]
    people = tc.read_people_csv("\n".join(rows).replace(",", ";") + "\n;;;;;;;;;;\n", "staff.csv")
    assert [p.id for p in people] == ["a1", "a2", "a3"] and people[0].extra == {}
    filled = _csv(ROWS[0] + ",,", ROWS[1] + ",,note", header=HEADER + ",,")
    assert str(_error(filled)) == "staff.csv, row 3: 11 cells, but the header has 9 columns"
    assert _error(_csv(*ROWS, header=HEADER + ",,x")).location == "row 1, column 10"


def test_latin1_bytes_are_refused_with_advice() -> None:
    error = _error(_csv("a1,Åsa,asa@example.org,,HR,X,Europe/Stockholm,4,sv").encode("latin-1"))
    assert "UTF-8" in error.problem and error.location == "line 2"


@pytest.mark.parametrize(
    ("row", "location", "problem"),
    [
        ("a4,D,d@example.org,a3,IT,X,Europe/Oslo,0,en", "row 5, column 'seniority'", "'0'"),
        ("a4,D,d@example.org,a3,IT,X,Europe/Oslo,senior,en", "row 5, column 'seniority'", "whole"),
        ("a4,D,d@example.org,a3,IT,X,Europe/Osl0,2,en", "row 5, column 'timezone'", "IANA"),
        ("a4,D,d@example.org,a3,IT,X,Europe/Oslo,2,english", "row 5, column 'language'", "code"),
        ("a4,D,d-at-example.org,a3,IT,X,Europe/Oslo,2,en", "row 5, column 'email'", "e-mail"),
        ("a4,,d@example.org,a3,IT,X,Europe/Oslo,2,en", "row 5, column 'name'", "empty"),
        ("a4,D,d@example.org,zz,IT,X,Europe/Oslo,2,en", "row 5, column 'manager_id'", "'zz'"),
        ("a4,D,d@example.org,a4,IT,X,Europe/Oslo,2,en", "row 5, column 'manager_id'", "own"),
        ("a2,D,d@example.org,a1,IT,X,Europe/Oslo,2,en", "row 5, column 'id'", "row 3"),
        ("a4,D,GRACE@example.org,a1,IT,X,Europe/Oslo,2,en", "row 5, column 'email'", "row 4"),
        ("a4,D,d@example.org,a1,IT,X,Europe/Oslo,2", "row 5", "8 cells"),
    ],
)
def test_bad_cells_are_named_by_row_and_column(row: str, location: str, problem: str) -> None:
    error = _error(_csv(*ROWS, row))
    assert error.location == location
    assert problem in error.problem
    assert str(error).startswith(f"staff.csv, {location}: ")


def test_missing_and_duplicate_columns() -> None:
    error = _error(_csv(header=HEADER.replace(",timezone", "")))
    assert error.location == "row 1" and "timezone" in error.problem
    error = _error(_csv(header=HEADER + ",name"))
    assert error.location == "row 1, column 'name'" and "twice" in error.problem
    assert "empty" in _error("").problem
    assert "no people" in _error(_csv()).problem


def test_manager_cycle_is_named() -> None:
    error = _error(
        _csv(
            "a1,A,a@example.org,a3,HR,X,Europe/Oslo,5,en",
            "a2,B,b@example.org,a1,HR,X,Europe/Oslo,5,en",
            "a3,C,c@example.org,a2,HR,X,Europe/Oslo,5,en",
            "a4,D,d@example.org,,HR,X,Europe/Oslo,5,en",
        )
    )
    assert error.location.endswith("column 'manager_id'")
    assert "loops" in error.problem and "a1" in error.problem and "a3" in error.problem


def test_blank_lines_are_skipped_but_rows_keep_their_numbers() -> None:
    error = _error(_csv(ROWS[0], "", ROWS[1], "a4,D,d@example.org,a1,IT,X,Nowhere,2,en"))
    assert error.location == "row 5, column 'timezone'"


def test_rounds_and_pairs() -> None:
    rounds = tc.read_rounds_csv("id,round,group\na1,2025,G1\na2,2025,G1\na1,2026,G3\n", "r.csv")
    assert rounds[2] == tc.RoundMembership("a1", "2026", "G3")
    with pytest.raises(tc.FormatError, match=r"r\.csv, row 3, column 'id': 'a1' is already"):
        tc.read_rounds_csv("id,round,group\na1,2025,G1\na1,2025,G2\n", "r.csv")
    with pytest.raises(tc.FormatError, match=r"row 2, column 'group': the cell is empty"):
        tc.read_rounds_csv("id,round,group\na1,2025,\n", "r.csv")
    assert tc.read_pairs_csv("id_b,id_a\nx,y\n", "p.csv") == [("y", "x")]
    with pytest.raises(tc.FormatError, match=r"p\.csv, row 2, column 'id_b'.*themselves"):
        tc.read_pairs_csv("id_a,id_b\nx,x\n", "p.csv")
    with pytest.raises(tc.FormatError, match=r"p\.csv, row 1: missing column\(s\) id_b"):
        tc.read_pairs_csv("id_a,other\nx,y\n", "p.csv")


_cell = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp")), min_size=1, max_size=12
)


@settings(max_examples=50, deadline=None)
@given(
    names=st.lists(_cell, min_size=1, max_size=8),
    extra=st.dictionaries(st.sampled_from(["username", "mode", "cost centre"]), _cell),
)
def test_write_then_read_gives_the_same_people(names: list[str], extra: dict[str, str]) -> None:
    people = [
        tc.Person(
            id=f"x{i}",
            name=name,
            email=f"x{i}@example.org",
            manager_id=f"x{i - 1}" if i else None,
            department=name,
            location="Gothenburg",
            timezone="Europe/Stockholm",
            seniority=1 + i % 5,
            language="sv",
            extra=extra,
        )
        for i, name in enumerate(names)
    ]
    assert tc.read_people_csv(tc.write_people_csv(people), "p.csv") == people
