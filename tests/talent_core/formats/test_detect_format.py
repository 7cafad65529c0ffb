import json

import pytest

import talent_core as tc
from talent_core.formats import FORMATS, detect_format, read_framework, write_framework


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_written_format_is_recognised_whatever_its_name(fmt: str) -> None:
    data = write_framework(tc.demo_framework(), fmt)
    assert detect_format(data, "download") == fmt
    assert (
        detect_format(data, "misleading.csv" if "json" in fmt or fmt == "case" else "x.json") == fmt
    )


def test_a_wrapped_case_package_is_recognised() -> None:
    package = json.loads(write_framework(tc.demo_framework(), "case"))
    assert detect_format(json.dumps({"CFPackage": package}).encode(), "p.json") == "case"


def test_broken_json_named_json_reads_as_json_to_show_the_syntax_error() -> None:
    assert detect_format(b'{"id": ', "fw.json") == "json"
    with pytest.raises(tc.FormatError, match=r"fw\.json, line 1, column 8: invalid JSON"):
        read_framework(b'{"id": ', "fw.json")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "the file is empty"),
        (b"  \n", "the file is empty"),
        (b"name,level\nAnn,3\n", "cannot tell the format"),
        (b'["a", "b"]', "cannot tell the format"),
    ],
)
def test_unknown_content_is_refused_with_the_file_name(data: bytes, problem: str) -> None:
    with pytest.raises(tc.FormatError) as info:
        detect_format(data, "upload.csv")
    assert info.value.file == "upload.csv" and info.value.problem.startswith(problem)


def test_non_utf8_text_is_named() -> None:
    with pytest.raises(tc.FormatError, match=r"x\.csv, line 2: is not UTF-8 text"):
        read_framework(b"Parent id number,Id number\n\xe9t\xe9\n", "x.csv", "moodle-csv")
