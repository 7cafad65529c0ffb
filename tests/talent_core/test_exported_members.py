"""The core's public surface is exactly ``talent_core.__all__`` (and its subpackages'), and the
outer layers use only that surface, never a private module of the core."""

from __future__ import annotations

import ast
import inspect
import json
import re
import types
from pathlib import Path

import talent_core as tc

ROOT = Path(__file__).resolve().parents[2]
#: The layers over the core: they may use only its public names.
OUTER = ("xblocks", "talent_lab", "bench", "notebooks")
#: Benchmarks that time the grouping search's own internals (not a face users see).
BENCH_INTERNALS = {
    ("bench/grouping.py", "talent_core.grouping._construct"),
    ("bench/grouping.py", "talent_core.grouping._instance"),
    ("bench/cli_files.py", "talent_core.cli._files"),
}
#: Where a public name of the core may be used other than by the tests.
USERS = (*OUTER, "talent_core", "docs", "README.md", "scripts")


def test_every_exported_name_exists_once() -> None:
    assert len(tc.__all__) == len(set(tc.__all__))
    assert [name for name in tc.__all__ if not hasattr(tc, name)] == []


def test_nothing_public_is_left_out_of_all() -> None:
    public = {
        name
        for name, value in vars(tc).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert sorted(public - set(tc.__all__)) == []


def _sources(folder: str) -> list[tuple[str, str]]:
    path = ROOT / folder
    if path.is_file():
        return [(folder, path.read_text("utf-8"))]
    found = []
    for file in sorted(path.rglob("*")):
        if file.suffix in (".py", ".md", ".html", ".sh") and "__pycache__" not in file.parts:
            found.append((str(file.relative_to(ROOT)), file.read_text("utf-8")))
        elif file.suffix == ".ipynb":
            cells = json.loads(file.read_text("utf-8"))["cells"]
            code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
            found.append((str(file.relative_to(ROOT)), code))
    return found


def test_nothing_exported_is_used_only_by_the_tests() -> None:
    """A function or constant in ``__all__`` has a user besides its own module and the tests;
    a class may be exported as the type of what the surface returns."""
    texts = [source for folder in USERS for source in _sources(folder)]
    unused = []
    for name in tc.__all__:
        value = getattr(tc, name)
        if inspect.isclass(value):
            continue
        home = getattr(value, "__module__", "") or ""
        home_file = home.replace(".", "/") + ".py"
        pattern = re.compile(rf"\b{re.escape(name)}\b")
        users = [
            path
            for path, text in texts
            if path not in (home_file, "talent_core/__init__.py") and pattern.search(text)
        ]
        if not users:
            unused.append(name)
    assert unused == []


def _private_imports(path: str, code: str) -> list[str]:
    try:
        tree = ast.parse(code)
    except SyntaxError:  # a notebook cell with IPython magics: check its plain lines
        tree = ast.parse("\n".join(line for line in code.splitlines() if line[:1] not in "%!"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("talent_core"):
            module = node.module or ""
            private = any(part.startswith("_") for part in module.split("."))
            names = [alias.name for alias in node.names if alias.name.startswith("_")]
            if (private or names) and (path, module) not in BENCH_INTERNALS:
                found.append(
                    f"{path}: from {module} import {', '.join(a.name for a in node.names)}"
                )
        elif isinstance(node, ast.Import):
            found += [
                f"{path}: import {alias.name}"
                for alias in node.names
                if alias.name.startswith("talent_core")
                and any(part.startswith("_") for part in alias.name.split("."))
            ]
        elif (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and isinstance(node.value, ast.Name)
            and node.value.id in ("tc", "talent_core")
        ):
            found.append(f"{path}: {node.value.id}.{node.attr}")
    return found


def test_the_outer_layers_import_no_private_name_of_the_core() -> None:
    found = [
        problem
        for folder in OUTER
        for path, code in _sources(folder)
        if path.endswith((".py", ".ipynb"))
        for problem in _private_imports(path, code)
    ]
    assert found == []
