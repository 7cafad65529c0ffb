"""Every error the core raises for bad input is a TalentError, so a face that catches
TalentError shows every bad input and lets a bug (a bare ValueError) surface as one."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import talent_core as tc
from talent_core.formats import write_framework
from talent_core.grouping import InfeasibleGroupingError


def core_exceptions() -> set[type[BaseException]]:
    found: set[type[BaseException]] = set()
    for info in pkgutil.walk_packages(tc.__path__, "talent_core."):
        module = importlib.import_module(info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__.startswith("talent_core"):
                found.add(value)
    return found


def test_every_exception_class_of_the_core_is_a_talent_error() -> None:
    exceptions = core_exceptions()
    assert {tc.RosterError, tc.FileWriteError, InfeasibleGroupingError} <= exceptions
    assert [e.__name__ for e in exceptions if not issubclass(e, tc.TalentError)] == []


def test_a_roster_and_a_file_write_error_are_talent_errors(tmp_path: Path) -> None:
    with pytest.raises(tc.TalentError):
        tc.read_roster("nonsense", "intervision")
    with pytest.raises(tc.TalentError) as caught:
        tc.write_atomically(tmp_path / "no-such-folder" / "x.csv", b"x")
    assert isinstance(caught.value, OSError) and "no-such-folder" in str(caught.value)


def test_a_bad_argument_is_an_input_error_naming_it() -> None:
    with pytest.raises(tc.InputError, match="unknown format 'xls'"):
        write_framework(tc.demo_framework(), "xls")
    with pytest.raises(tc.InputError, match="a demo organisation has 20"):
        tc.generate_organisation(3, 1)
